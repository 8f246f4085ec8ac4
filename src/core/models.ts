import type { FeatureEncoder } from './feature-encoder';
import type { GroupIndex } from './groups';
import { fitLogistic } from './logistic';
import { type DenseMatrix, selectRows } from './matrix';
import { logit, sigmoid } from './sigmoid';
import type { Technique } from './technique';

/** The part of a fitted logistic model the audit needs: p = σ(w·x + b). */
export interface LinearModel {
  readonly weights: Float64Array;
  readonly intercept: number;
}

/**
 * The personalized model h as data (SPEC §2). `1hot` and `all` are one linear model over the features
 * followed by group dummies (`groupColumns` lists, per group, which dummies are 1); `dcp` is one linear
 * model per group over the features only.
 */
export type PersonalizedModel =
  | { readonly technique: '1hot' | 'all'; readonly model: LinearModel; readonly groupColumns: ReadonlyArray<readonly number[]>; readonly dummyNames: readonly string[] }
  | { readonly technique: 'dcp'; readonly models: readonly LinearModel[] };

/** h0 fitted on the training rows, with the design matrices the personalized fits reuse. */
export interface GenericFit {
  readonly model: LinearModel;
  /** h0 on every test row. */
  readonly testProbabilities: Float64Array;
  readonly xTrain: DenseMatrix;
  readonly xTest: DenseMatrix;
  readonly yTrain: Uint8Array;
  readonly warnings: readonly string[];
}

export interface PersonalizedFit {
  readonly model: PersonalizedModel;
  /** asGroup[g][r] = h(x_r, g) on test row r. */
  readonly asGroup: readonly Float64Array[];
  readonly warnings: readonly string[];
}

/** Fits the generic model h0 on the features of the training rows and scores the test rows (SPEC §2). */
export function fitGeneric(encoder: FeatureEncoder, label: Uint8Array, trainRows: Int32Array, testRows: Int32Array, C: number): GenericFit {
  const warnings: string[] = [];
  const yTrain = pick(label, trainRows);
  const xTrain = encoder.encode(trainRows);
  const model = fitOrConstant(xTrain, yTrain, C, 'the generic model h0', warnings);
  const xTest = encoder.encode(testRows);
  return { model, testProbabilities: linearScores(model, xTest).map(sigmoid), xTrain, xTest, yTrain, warnings };
}

/**
 * Fits the personalized model h by `technique` on the same training rows as h0, then scores every
 * test row as every group: the prediction matrix of SPEC §4.
 */
export function fitPersonalized(
  technique: Technique,
  encoder: FeatureEncoder,
  generic: GenericFit,
  groups: GroupIndex,
  trainRows: Int32Array,
  C: number,
): PersonalizedFit {
  const warnings: string[] = [];
  const model =
    technique === 'dcp'
      ? fitDecoupled(generic, groups, trainRows, C, warnings)
      : fitWithGroupDummies(technique, encoder, generic.yTrain, groups, trainRows, C, warnings);
  return { model, asGroup: groups.groups.map((_, g) => predictAsGroup(model, generic.xTest, g)), warnings };
}

/** h(x_r, g) for every row of `x` (features only, as encoded for h0). */
export function predictAsGroup(model: PersonalizedModel, x: DenseMatrix, group: number): Float64Array {
  if (model.technique === 'dcp') return linearScores(model.models[group], x).map(sigmoid);
  const featureWeights = model.model.weights.subarray(0, x.cols);
  let groupOffset = 0;
  for (const column of model.groupColumns[group]) groupOffset += model.model.weights[x.cols + column];
  return linearScores({ weights: featureWeights, intercept: model.model.intercept + groupOffset }, x).map(sigmoid);
}

/** w·x + b for every row of `x`, using the first x.cols weights. */
function linearScores(model: LinearModel, x: DenseMatrix): Float64Array {
  const out = new Float64Array(x.rows);
  const w = model.weights;
  for (let r = 0; r < x.rows; r++) {
    let z = model.intercept;
    const base = r * x.cols;
    for (let j = 0; j < x.cols; j++) z += w[j] * x.data[base + j];
    out[r] = z;
  }
  return out;
}

function fitWithGroupDummies(
  technique: '1hot' | 'all',
  encoder: FeatureEncoder,
  yTrain: Uint8Array,
  groups: GroupIndex,
  trainRows: Int32Array,
  C: number,
  warnings: string[],
): PersonalizedModel {
  const { groupColumns, dummyNames } = groupDummies(groups, technique);
  const xTrain = encoder.encode(trainRows, dummyNames.length);
  const width = xTrain.cols - dummyNames.length;
  for (let r = 0; r < trainRows.length; r++) {
    for (const column of groupColumns[groups.groupOfRow[trainRows[r]]]) xTrain.data[r * xTrain.cols + width + column] = 1;
  }
  const model = fitOrConstant(xTrain, yTrain, C, `the personalized model (${technique})`, warnings);
  return { technique, model, groupColumns, dummyNames };
}

/**
 * The dummy columns a group switches on: `1hot` has one dummy per level of every attribute (no reference
 * level dropped), `all` one per intersectional group (SPEC §2).
 */
export function groupDummies(groups: GroupIndex, technique: '1hot' | 'all'): { groupColumns: number[][]; dummyNames: string[] } {
  if (technique === 'all') {
    return { groupColumns: groups.groups.map((_, g) => [g]), dummyNames: groups.groups.map((g) => g.id) };
  }
  const attributes = Object.keys(groups.groups[0].values);
  const dummyNames: string[] = [];
  const offsets: number[] = [];
  groups.levels.forEach((levels, a) => {
    offsets.push(dummyNames.length);
    for (const level of levels) dummyNames.push(`${attributes[a]}=${level}`);
  });
  const groupColumns = groups.groups.map((group) => group.tuple.map((value, a) => offsets[a] + groups.levels[a].indexOf(value)));
  return { groupColumns, dummyNames };
}

function fitDecoupled(generic: GenericFit, groups: GroupIndex, trainRows: Int32Array, C: number, warnings: string[]): PersonalizedModel {
  const rowsOfGroup: number[][] = groups.groups.map(() => []);
  for (let r = 0; r < trainRows.length; r++) rowsOfGroup[groups.groupOfRow[trainRows[r]]].push(r);
  const models = groups.groups.map((group, g) => {
    const rows = rowsOfGroup[g];
    if (rows.length === 0) {
      warnings.push(`Group ${group.id} has no training rows; its decoupled model is the generic model h0.`);
      return generic.model;
    }
    return fitOrConstant(selectRows(generic.xTrain, rows), pick(generic.yTrain, rows), C, `the decoupled model of ${group.id}`, warnings);
  });
  return { technique: 'dcp', models };
}

/**
 * A logistic fit, or — when the training labels hold one class — a constant model at the smoothed base
 * rate (n₊ + 1) / (n + 2), with a warning (SPEC §2).
 */
function fitOrConstant(x: DenseMatrix, y: Uint8Array, C: number, what: string, warnings: string[]): LinearModel {
  let positives = 0;
  for (let i = 0; i < y.length; i++) positives += y[i];
  if (positives === 0 || positives === y.length) {
    const rate = (positives + 1) / (y.length + 2);
    warnings.push(
      `The training labels of ${what} are all ${positives === 0 ? 'negative' : 'positive'} (${y.length} rows); it predicts a constant ${rate.toFixed(3)}.`,
    );
    return { weights: new Float64Array(x.cols), intercept: logit(rate) };
  }
  const fit = fitLogistic(x, y, { C });
  if (!fit.converged) {
    warnings.push(`The solver did not converge for ${what} after ${fit.iterations} iterations; consider a smaller --C (stronger penalty).`);
  }
  return fit;
}

function pick(values: Uint8Array, rows: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(rows.length);
  for (let r = 0; r < rows.length; r++) out[r] = values[rows[r]];
  return out;
}
