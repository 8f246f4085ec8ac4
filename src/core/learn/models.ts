import type { FeatureEncoder } from './feature-encoder';
import type { GroupIndex } from '../data/groups';
import { constantRegressorFor, MIN_REGRESSION_ROWS } from './forest/probabilistic-model';
import { fitLogistic } from './logistic';
import { type DenseMatrix, selectRows } from '../numeric/matrix';
import { fitRidge } from './ridge';
import { logit, sigmoid } from '../numeric/sigmoid';
import type { Labels } from '../data/task';
import type { Technique } from './technique';

/** The part of a fitted linear model the audit needs: the score w·x + b (a logit for logistic regression). */
export interface LinearModel {
  readonly weights: Float64Array;
  readonly intercept: number;
}

/**
 * How a linear model is fitted to labels of type Y and read out (SPEC §2): logistic regression on a binary label
 * (prediction σ(w·x + b), a probability), ridge least squares on a numeric one (prediction w·x + b). Both share
 * the penalty ‖w‖² / (2C) on everything but the intercept, the designs and the techniques below.
 */
export interface LinearLearner<Y extends Labels> {
  /**
   * Fits on (x, y); training labels the model cannot learn from (one class; for ridge, fewer than two rows or
   * a single value) give a constant model, and fits that are not clean add warnings naming `what`.
   */
  fit(x: DenseMatrix, y: Y, C: number, what: string, warnings: string[]): LinearModel;
  /** The prediction from the score z = w·x + b. */
  readonly predict: (z: number) => number;
}

export const LOGISTIC_LEARNER: LinearLearner<Uint8Array> = { fit: fitOrConstant, predict: sigmoid };

export const RIDGE_LEARNER: LinearLearner<Float64Array> = { fit: fitRidgeOrMean, predict: (z) => z };

/**
 * The personalized model h as data (SPEC §2). `1hot` and `all` are one linear model over the features
 * followed by group dummies (`groupColumns` lists, per group, which dummies are 1); `dcp` is one linear
 * model per group over the features only.
 */
export type PersonalizedModel =
  | { readonly technique: '1hot' | 'all'; readonly model: LinearModel; readonly groupColumns: ReadonlyArray<readonly number[]>; readonly dummyNames: readonly string[] }
  | { readonly technique: 'dcp'; readonly models: readonly LinearModel[] };

/** h0 fitted on the training rows, with the design matrices the personalized fits reuse. */
export interface GenericFit<Y extends Labels = Uint8Array> {
  readonly learner: LinearLearner<Y>;
  readonly model: LinearModel;
  /** h0 on every test row: a probability (logistic) or a predicted value (ridge). */
  readonly testProbabilities: Float64Array;
  readonly xTrain: DenseMatrix;
  readonly xTest: DenseMatrix;
  readonly yTrain: Y;
  readonly warnings: readonly string[];
}

export interface PersonalizedFit {
  readonly model: PersonalizedModel;
  /** asGroup[g][r] = h(x_r, g) on test row r. */
  readonly asGroup: readonly Float64Array[];
  readonly warnings: readonly string[];
}

/** Fits the generic logistic model h0 on the features of the training rows and scores the test rows (SPEC §2). */
export function fitGeneric(encoder: FeatureEncoder, label: Uint8Array, trainRows: Int32Array, testRows: Int32Array, C: number): GenericFit {
  return fitGenericWith(LOGISTIC_LEARNER, encoder, label, trainRows, testRows, C);
}

/** Fits the generic model h0 by `learner` (logistic or ridge) and scores the test rows (SPEC §2). */
export function fitGenericWith<Y extends Labels>(
  learner: LinearLearner<Y>,
  encoder: FeatureEncoder,
  label: Y,
  trainRows: Int32Array,
  testRows: Int32Array,
  C: number,
): GenericFit<Y> {
  const warnings: string[] = [];
  const yTrain = pick(label, trainRows);
  const xTrain = encoder.encode(trainRows);
  const model = learner.fit(xTrain, yTrain, C, 'the generic model h0', warnings);
  const xTest = encoder.encode(testRows);
  return { learner, model, testProbabilities: linearScores(model, xTest).map(learner.predict), xTrain, xTest, yTrain, warnings };
}

/**
 * Fits the personalized model h by `technique` on the same training rows as h0, then scores every
 * test row as every group: the prediction matrix of SPEC §4.
 */
export function fitPersonalized<Y extends Labels>(
  technique: Technique,
  encoder: FeatureEncoder,
  generic: GenericFit<Y>,
  groups: GroupIndex,
  trainRows: Int32Array,
  C: number,
): PersonalizedFit {
  const warnings: string[] = [];
  const model =
    technique === 'dcp'
      ? fitDecoupled(generic, groups, trainRows, C, warnings)
      : fitWithGroupDummies(technique, encoder, generic, groups, trainRows, C, warnings);
  return { model, asGroup: groups.groups.map((_, g) => predictAsGroup(model, generic.xTest, g, generic.learner.predict)), warnings };
}

/**
 * h(x_r, g) for every row of `x` (features only, as encoded for h0).
 *
 * @param predict the prediction from the score: σ for logistic models (the default), the identity for ridge
 */
export function predictAsGroup(model: PersonalizedModel, x: DenseMatrix, group: number, predict: (z: number) => number = sigmoid): Float64Array {
  if (model.technique === 'dcp') return linearScores(model.models[group], x).map(predict);
  const featureWeights = model.model.weights.subarray(0, x.cols);
  let groupOffset = 0;
  for (const column of model.groupColumns[group]) groupOffset += model.model.weights[x.cols + column];
  return linearScores({ weights: featureWeights, intercept: model.model.intercept + groupOffset }, x).map(predict);
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

function fitWithGroupDummies<Y extends Labels>(
  technique: '1hot' | 'all',
  encoder: FeatureEncoder,
  generic: GenericFit<Y>,
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
  const model = generic.learner.fit(xTrain, generic.yTrain, C, `the personalized model (${technique})`, warnings);
  return { technique, model, groupColumns, dummyNames };
}

/**
 * The dummy columns a group switches on: `1hot` has one dummy per level of every attribute (no reference
 * level dropped), `all` one per intersectional group (SPEC §2). The dummies come in the order their level or
 * group first appears in the data, not in sorted order, so that renaming a value (`Male` to `Amale`) leaves the
 * design matrix, and so every fitted number, exactly as it was (SPEC §1).
 *
 * @returns groupColumns[g] = the dummy columns group g switches on; dummyNames and conditions per dummy
 */
export function groupDummies(
  groups: GroupIndex,
  technique: '1hot' | 'all',
): { groupColumns: number[][]; dummyNames: string[]; conditions: Array<Readonly<Record<string, string>>> } {
  const firstRow = new Array<number>(groups.groups.length).fill(Infinity);
  groups.groupOfRow.forEach((g, row) => {
    if (row < firstRow[g]) firstRow[g] = row;
  });
  const inDataOrder = groups.groups.map((_, g) => g).sort((a, b) => firstRow[a] - firstRow[b]);
  if (technique === 'all') {
    const columnOf = new Array<number>(groups.groups.length);
    inDataOrder.forEach((g, column) => (columnOf[g] = column));
    return {
      groupColumns: groups.groups.map((_, g) => [columnOf[g]]),
      dummyNames: inDataOrder.map((g) => groups.groups[g].id),
      conditions: inDataOrder.map((g) => groups.groups[g].values),
    };
  }
  const attributes = Object.keys(groups.groups[0].values);
  const dummyNames: string[] = [];
  const conditions: Array<Readonly<Record<string, string>>> = [];
  const columnOf = attributes.map(() => new Map<string, number>());
  attributes.forEach((attribute, a) => {
    for (const g of inDataOrder) {
      const level = groups.groups[g].tuple[a];
      if (columnOf[a].has(level)) continue;
      columnOf[a].set(level, dummyNames.length);
      dummyNames.push(`${attribute}=${level}`);
      conditions.push({ [attribute]: level });
    }
  });
  const groupColumns = groups.groups.map((group) => group.tuple.map((value, a) => columnOf[a].get(value) as number));
  return { groupColumns, dummyNames, conditions };
}

function fitDecoupled<Y extends Labels>(generic: GenericFit<Y>, groups: GroupIndex, trainRows: Int32Array, C: number, warnings: string[]): PersonalizedModel {
  const rowsOfGroup: number[][] = groups.groups.map(() => []);
  for (let r = 0; r < trainRows.length; r++) rowsOfGroup[groups.groupOfRow[trainRows[r]]].push(r);
  const models = groups.groups.map((group, g) => {
    const rows = rowsOfGroup[g];
    if (rows.length === 0) {
      warnings.push(`Group ${group.id} has no training rows; its decoupled model is the generic model h0.`);
      return generic.model;
    }
    return generic.learner.fit(selectRows(generic.xTrain, rows), pick(generic.yTrain, rows), C, `the decoupled model of ${group.id}`, warnings);
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

/**
 * A ridge fit (SPEC §2), or — when the training rows are fewer than two or hold one label value, as a decoupled
 * group's may — a constant model at their mean, with a warning, as the logistic path does for one class.
 */
function fitRidgeOrMean(x: DenseMatrix, y: Float64Array, C: number, what: string, warnings: string[]): LinearModel {
  const constant = constantRegressorFor(y);
  if (constant) {
    warnings.push(constantMeanWarning(what, y.length, constant.mean));
    return { weights: new Float64Array(x.cols), intercept: constant.mean };
  }
  const fit = fitRidge(x, y, { C });
  if (fit.singular) {
    warnings.push(`The least-squares fit of ${what} is not unique (no penalty and linearly dependent columns, or fewer rows than columns); one of its solutions is used. Consider a finite --C.`);
  }
  return fit;
}

/** The warning for a regression fit whose labels are fewer than MIN_REGRESSION_ROWS or all equal: it predicts their mean. */
export function constantMeanWarning(what: string, rows: number, mean: number): string {
  const why = rows < MIN_REGRESSION_ROWS ? `${rows} training row` : `training labels all equal (${rows} rows)`;
  return `${capitalized(what)} has ${why}; it predicts a constant ${formatMean(mean)}, the mean.`;
}

function capitalized(text: string): string {
  return text[0].toUpperCase() + text.slice(1);
}

/** A mean for a message: 4 significant digits, as the report shows values. */
function formatMean(mean: number): string {
  return Number(mean.toPrecision(4)).toString();
}

function pick<Y extends Labels>(values: Y, rows: ArrayLike<number>): Y {
  const out = (values instanceof Float64Array ? new Float64Array(rows.length) : new Uint8Array(rows.length)) as Y;
  for (let r = 0; r < rows.length; r++) out[r] = values[rows[r]];
  return out;
}
