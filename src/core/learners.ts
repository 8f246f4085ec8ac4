/**
 * The model class of h0 and h (paper 1, Appendix G): the linear model (`lr`: logistic regression for a binary
 * label, ridge least squares for regression, SPEC §2), a random forest (`rf`) or a small neural net (`nn`),
 * the last two for binary labels only. Every class sees the same designs: h0 the features; `1hot` / `all` the
 * features followed by the group dummies; `dcp` one model per group on the group's rows. Seeds derive from the
 * audit seed and the model's role, so each fit is reproducible on its own.
 */
import type { Label } from './dataset';
import { type DegenerateFit, degenerateFit } from './degenerate-fit';
import type { FeatureEncoder } from './feature-encoder';
import { fitForest } from './forest';
import type { GroupIndex } from './groups';
import { type DenseMatrix, selectRows } from './matrix';
import { fitMlp } from './mlp';
import { fitGenericWith, fitPersonalized, groupDummies, type LinearLearner, LOGISTIC_LEARNER, RIDGE_LEARNER } from './models';
import type { ModelClass } from './model-class';
import type { Labels } from './task';
import type { Technique } from './technique';

/** h0 on the test rows, and a way to fit h by any technique on the same split. */
export interface ClassFits {
  /** h0(x_r) on every test row. */
  readonly generic: Float64Array;
  readonly warnings: readonly string[];
  /** asGroup[g][r] = h(x_r, g) for the technique; its warnings. */
  personalized(technique: Technique): { readonly asGroup: readonly Float64Array[]; readonly warnings: readonly string[] };
}

/**
 * Fits h0 on the training rows and scores the test rows; `personalized` fits h by a technique on demand.
 *
 * @param label the dataset's label: binary (every model class) or numeric (the linear class: ridge)
 */
export function fitClass(modelClass: ModelClass, encoder: FeatureEncoder, label: Label, groups: GroupIndex, trainRows: Int32Array, testRows: Int32Array, C: number, seed: number): ClassFits {
  if (label.task === 'regression') {
    // options.ts refuses rf and nn for a regression label before anything is fitted.
    if (modelClass !== 'lr') throw new Error(`fitClass: the model class ${modelClass} does not fit a regression label`);
    return linearFits(RIDGE_LEARNER, encoder, label.values, groups, trainRows, testRows, C);
  }
  if (modelClass === 'lr') return linearFits(LOGISTIC_LEARNER, encoder, label.values, groups, trainRows, testRows, C);
  return treeOrNetFits(modelClass, encoder, label.values, groups, trainRows, testRows, seed);
}

function linearFits<Y extends Labels>(learner: LinearLearner<Y>, encoder: FeatureEncoder, label: Y, groups: GroupIndex, trainRows: Int32Array, testRows: Int32Array, C: number): ClassFits {
  const generic = fitGenericWith(learner, encoder, label, trainRows, testRows, C);
  return {
    generic: generic.testProbabilities,
    warnings: generic.warnings,
    personalized: (technique) => fitPersonalized(technique, encoder, generic, groups, trainRows, C),
  };
}

function treeOrNetFits(modelClass: 'rf' | 'nn', encoder: FeatureEncoder, label: Uint8Array, groups: GroupIndex, trainRows: Int32Array, testRows: Int32Array, seed: number): ClassFits {
  const yTrain = Uint8Array.from(trainRows, (r) => label[r]);
  const xTrain = encoder.encode(trainRows);
  const xTest = encoder.encode(testRows);
  const featureCount = xTrain.cols;
  /**
   * One class in the training labels gives a constant model at the smoothed base rate, with SPEC §2's warning. A
   * fit that came out (nearly) constant although it had features (degenerate-fit.ts) gets a warning too; `groupOf`
   * gives each training row's group when the model sees it, so a model that learned only the groups counts as one.
   */
  const fit = (x: DenseMatrix, y: Uint8Array, role: number, what: string, warnings: string[], groupOf?: ArrayLike<number>) => {
    const model = modelClass === 'rf' ? fitForest(x, y, {}, mix(seed, role)) : fitMlp(x, y, {}, mix(seed, role));
    if (model.kind === 'constant') {
      const positives = y.reduce((s, v) => s + v, 0);
      const rate = (positives + 1) / (y.length + 2);
      warnings.push(`The training labels of ${what} are all ${positives === 0 ? 'negative' : 'positive'} (${y.length} rows); it predicts a constant ${rate.toFixed(3)}.`);
    } else if (featureCount > 0) {
      const flat = degenerateFit(y, model.predict(x), groupOf);
      if (flat) warnings.push(degenerateWarning(modelClass, what, flat, groupOf !== undefined));
    }
    return model;
  };
  const warnings: string[] = [];
  const generic = fit(xTrain, yTrain, 0, 'the generic model h0', warnings).predict(xTest);
  return {
    generic,
    warnings,
    personalized: (technique) => {
      const personalWarnings: string[] = [];
      if (technique === 'dcp') {
        const rowsOfGroup: number[][] = groups.groups.map(() => []);
        trainRows.forEach((row, r) => rowsOfGroup[groups.groupOfRow[row]].push(r));
        // Each decoupled fit's seed comes from its group's first training row, not the group's place in the sorted
        // order, so renaming a value changes no fit (SPEC §1).
        const asGroup = groups.groups.map((group, g) => {
          if (rowsOfGroup[g].length === 0) {
            personalWarnings.push(`Group ${group.id} has no training rows; its decoupled model is the generic model h0.`);
            return generic;
          }
          return fit(selectRows(xTrain, rowsOfGroup[g]), Uint8Array.from(rowsOfGroup[g], (r) => yTrain[r]), 1 + trainRows[rowsOfGroup[g][0]], `the decoupled model of ${group.id}`, personalWarnings).predict(xTest);
        });
        return { asGroup, warnings: personalWarnings };
      }
      const { groupColumns, dummyNames } = groupDummies(groups, technique);
      const width = xTrain.cols;
      const withDummies = (rows: Int32Array, groupOf: (r: number) => number) => {
        const x = encoder.encode(rows, dummyNames.length);
        for (let r = 0; r < rows.length; r++) for (const column of groupColumns[groupOf(r)]) x.data[r * x.cols + width + column] = 1;
        return x;
      };
      const groupOfTrainRow = Int32Array.from(trainRows, (row) => groups.groupOfRow[row]);
      const model = fit(withDummies(trainRows, (r) => groupOfTrainRow[r]), yTrain, 1000, `the personalized model (${technique})`, personalWarnings, groupOfTrainRow);
      const asGroup = groups.groups.map((_, g) => model.predict(withDummies(testRows, () => g)));
      return { asGroup, warnings: personalWarnings };
    },
  };
}

/** The warning for a degenerate fit (degenerate-fit.ts): which model, the evidence, and what to try instead. */
function degenerateWarning(modelClass: 'rf' | 'nn', what: string, flat: DegenerateFit, perGroup: boolean): string {
  const reference = perGroup ? "each group's base rate" : what.startsWith('the decoupled model') ? "the group's base rate" : 'the base rate';
  const centre = flat.median === null ? "their group's median" : `their median, ${flat.median.toFixed(4)}`;
  const band = flat.spread === 0 ? `equal ${centre}` : `are within ${flat.spread.toFixed(4)} of ${centre}`;
  return (
    `${what[0].toUpperCase()}${what.slice(1)}, a ${MODEL_CLASS_WORDS[modelClass]}, is nearly constant${perGroup ? ' within each group' : ''} on its training rows: ` +
    `90% of its probabilities there ${band}, and its log loss there, ${flat.logLoss.toFixed(4)}, does not beat that of ${reference} (${flat.baseRateLogLoss.toFixed(4)}) by 1%. ` +
    `The fit failed, and its gains here say nothing about the model class: try another --seed, or --model lr.`
  );
}

const MODEL_CLASS_WORDS: Readonly<Record<'rf' | 'nn', string>> = { rf: 'random forest', nn: 'neural net' };

/** A seed per model role, so adding a group does not change the other fits' randomness. */
function mix(seed: number, role: number): number {
  return (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(role + 1, 0xc2b2ae35)) >>> 0;
}
