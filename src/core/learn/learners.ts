/**
 * The model class of h0 and h (paper 1, Appendix G): the linear model (`lr`: logistic regression for a binary
 * label, ridge least squares for regression, SPEC §2), a random forest (`rf`) or a small neural net (`nn`),
 * each a classifier for a binary label and a regressor for a numeric one. Every class sees the same designs: h0 the features; `1hot` / `all` the
 * features followed by the group dummies; `dcp` one model per group on the group's rows. Seeds derive from the
 * audit seed and the model's role, so each fit is reproducible on its own.
 */
import type { Label } from '../data/dataset';
import { type DegenerateFit, degenerateFit, MIN_DEVIANCE_EXPLAINED } from './degenerate-fit';
import type { AttributionMethod, ExplanationMatrices, Unexplained } from './explain/explanations';
import type { RowExplanationQuality } from './explain/linear-explanations';
import { explainGenericLinear, explainLinearFits, linearExamples } from './explain/linear-fits';
import { columnMeans } from './explain/linear-explanations';
import { type AttributionOf, type ExplainedModel, explainFitted } from './explain/fitted-explanations';
import { type AttributedRow, explainedExamples } from './explain/examples';
import type { RowAttribution } from './explain/masked-quality';
import { forestAttribution, forestExplanationTooCostly, netAttribution } from './explain/model-attribution';
import type { FeatureEncoder } from './feature-encoder';
import { type FittedModel, fitForest, fitForestRegressor } from './forest';
import type { GroupIndex } from '../data/groups';
import { type DenseMatrix, selectRows } from '../numeric/matrix';
import { fitMlp, fitMlpRegressor } from './mlp';
import { constantMeanWarning, fitGenericWith, fitPersonalized, groupDummies, type LinearLearner, type LinearModel, LOGISTIC_LEARNER, predictAsGroup, RIDGE_LEARNER } from './models';
import type { ModelClass } from './model-class';
import type { Labels } from '../data/task';
import type { Technique } from './technique';

/** h0 on the test rows, and a way to fit h by any technique on the same split. */
export interface ClassFits {
  /** h0(x_r) on every test row. */
  readonly generic: Float64Array;
  /** h0 itself, on the features' design columns: for rows of other data (an audit on new data). */
  readonly genericModel: FittedModel;
  /** h0's coefficients and link when it is linear (logistic or ridge): for exact explanations of rows of other data. */
  readonly genericLinear?: { readonly model: LinearModel; readonly link: (score: number) => number };
  readonly warnings: readonly string[];
  /**
   * asGroup[g][r] = h(x_r, g) for the technique; its warnings; and, for a model class the engine can explain,
   * the explanation metrics of h0 and h on the test rows for a share r of the inputs (SPEC §9).
   */
  personalized(technique: Technique): {
    readonly asGroup: readonly Float64Array[];
    readonly warnings: readonly string[];
    readonly explain?: (fraction: number) => ExplanationMatrices | Unexplained;
    /** A forest's or net's fitted h, for a model file: one model over the features and the group dummies, or one per group (dcp). */
    readonly fitted?: FittedPersonalized;
  };
}

/** The fitted forests or nets of h (treeOrNetFits): as the prediction matrix was computed from them. */
export type FittedPersonalized =
  | { readonly technique: '1hot' | 'all'; readonly model: FittedModel }
  | { readonly technique: 'dcp'; readonly models: readonly FittedModel[] };

/**
 * Fits h0 on the training rows and scores the test rows; `personalized` fits h by a technique on demand.
 *
 * @param label the dataset's label: binary (classifiers) or numeric (regressors)
 */
export function fitClass(
  modelClass: ModelClass,
  encoder: FeatureEncoder,
  label: Label,
  groups: GroupIndex,
  trainRows: Int32Array,
  testRows: Int32Array,
  C: number,
  seed: number,
): ClassFits {
  if (label.task === 'regression') {
    if (modelClass === 'lr') return linearFits(RIDGE_LEARNER, encoder, label.values, groups, trainRows, testRows, C);
    return treeOrNetFits(modelClass, encoder, label.values, groups, trainRows, testRows, seed);
  }
  if (modelClass === 'lr') return linearFits(LOGISTIC_LEARNER, encoder, label.values, groups, trainRows, testRows, C);
  return treeOrNetFits(modelClass, encoder, label.values, groups, trainRows, testRows, seed);
}

function linearFits<Y extends Labels>(
  learner: LinearLearner<Y>,
  encoder: FeatureEncoder,
  label: Y,
  groups: GroupIndex,
  trainRows: Int32Array,
  testRows: Int32Array,
  C: number,
): ClassFits {
  const generic = fitGenericWith(learner, encoder, label, trainRows, testRows, C);
  // h0's explanations are the same for every technique: computed once per fraction.
  const genericQuality = new Map<number, RowExplanationQuality>();
  return {
    generic: generic.testProbabilities,
    genericModel: { predict: (x) => predictAsGroup({ technique: 'dcp', models: [generic.model] }, x, 0, learner.predict) },
    genericLinear: { model: generic.model, link: learner.predict },
    warnings: generic.warnings,
    personalized: (technique) => {
      const fit = fitPersonalized(technique, encoder, generic, groups, trainRows, C);
      const explain = (fraction: number): ExplanationMatrices => {
        if (!genericQuality.has(fraction)) genericQuality.set(fraction, explainGenericLinear(generic, fraction));
        const matrices = explainLinearFits(generic, fit.model, groups, trainRows, fraction, genericQuality.get(fraction));
        return { ...matrices, examples: linearExamples(generic, fit.model, groups, trainRows, testRows, encoder.columnNames) };
      };
      return { asGroup: fit.asGroup, warnings: fit.warnings, explain };
    },
  };
}

function treeOrNetFits(modelClass: 'rf' | 'nn', encoder: FeatureEncoder, label: Labels, groups: GroupIndex, trainRows: Int32Array, testRows: Int32Array, seed: number): ClassFits {
  const yTrain = pickLabels(label, trainRows);
  const xTrain = encoder.encode(trainRows);
  const xTest = encoder.encode(testRows);
  const featureCount = xTrain.cols;
  /**
   * One class in the training labels gives a constant model at the smoothed base rate, with SPEC §2's warning. A
   * fit that came out (nearly) constant although it had features (degenerate-fit.ts) gets a warning too; `groupOf`
   * gives each training row's group when the model sees it, so a model that learned only the groups counts as one.
   */
  const fit = (x: DenseMatrix, y: Labels, role: number, what: string, warnings: string[], groupOf?: ArrayLike<number>): FittedModel => {
    if (y instanceof Float64Array) return fitRegressor(modelClass, x, y, mix(seed, role), what, warnings);
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
  const genericModel = fit(xTrain, yTrain, 0, 'the generic model h0', warnings);
  const generic = genericModel.predict(xTest);
  // SPEC §9: each model is explained from the mean of the inputs it was trained on; h0's once per fraction.
  const attribution = ATTRIBUTIONS[modelClass];
  const h0: ExplainedModel = { model: genericModel, baseline: columnMeans(xTrain) };
  const genericQuality = new Map<number, RowExplanationQuality>();
  const explainGeneric = (attributionOf: AttributionOf, fraction: number): RowExplanationQuality => {
    if (!genericQuality.has(fraction)) genericQuality.set(fraction, explainFitted(h0, xTest, fraction, attributionOf));
    return genericQuality.get(fraction) as RowExplanationQuality;
  };
  // A forest whose explanations would take too long is skipped with the reason (h0 and one model per group).
  let tooCostly: string | null | undefined;
  // Each technique's explanations are computed once per fraction (interventions ask again for every assignment).
  const testRow = (r: number) => xTest.data.subarray(r * featureCount, (r + 1) * featureCount);
  const attributed = (m: ExplainedModel, z: Float64Array, prediction: number, names: readonly string[]): AttributedRow => ({
    prediction,
    names,
    attributions: (attribution.of(m.model, m.baseline) as RowAttribution)(z),
  });
  const examples = (h: (r: number, g: number) => AttributedRow) =>
    explainedExamples(
      groups.groups.map((group) => group.id),
      Int32Array.from(testRows, (row) => groups.groupOfRow[row]),
      testRows,
      (r) => attributed(h0, testRow(r), generic[r], encoder.columnNames),
      h,
    );
  const explainer = (asGroup: (fraction: number, attributionOf: AttributionOf) => RowExplanationQuality[], h: (r: number, g: number) => AttributedRow) => {
    const done = new Map<number, ExplanationMatrices | Unexplained>();
    return (fraction: number): ExplanationMatrices | Unexplained => {
      if (modelClass === 'rf') tooCostly ??= forestExplanationTooCostly(genericModel, h0.baseline, xTest, 1 + groups.groups.length);
      if (tooCostly) return { unavailable: tooCostly };
      const known = done.get(fraction);
      if (known) return known;
      const generic = explainGeneric(attribution.of, fraction);
      const own = asGroup(fraction, attribution.of);
      const matrices: ExplanationMatrices = {
        method: attribution.method,
        sufficiency: { generic: generic.sufficiency, asGroup: own.map((q) => q.sufficiency) },
        comprehensiveness: { generic: generic.comprehensiveness, asGroup: own.map((q) => q.comprehensiveness) },
        examples: examples(h),
      };
      done.set(fraction, matrices);
      return matrices;
    };
  };
  return {
    generic,
    genericModel,
    warnings,
    personalized: (technique) => {
      const personalWarnings: string[] = [];
      if (technique === 'dcp') {
        const rowsOfGroup: number[][] = groups.groups.map(() => []);
        trainRows.forEach((row, r) => rowsOfGroup[groups.groupOfRow[row]].push(r));
        // Each decoupled fit's seed comes from its group's first training row, not the group's place in the sorted
        // order, so renaming a value changes no fit (SPEC §1).
        const models = groups.groups.map((group, g): ExplainedModel => {
          if (rowsOfGroup[g].length === 0) {
            personalWarnings.push(`Group ${group.id} has no training rows; its decoupled model is the generic model h0.`);
            return h0;
          }
          const xGroup = selectRows(xTrain, rowsOfGroup[g]);
          const model = fit(xGroup, pickLabels(yTrain, rowsOfGroup[g]), 1 + trainRows[rowsOfGroup[g][0]], `the decoupled model of ${group.id}`, personalWarnings);
          return { model, baseline: columnMeans(xGroup) };
        });
        const asGroup = models.map((m) => (m === h0 ? generic : m.model.predict(xTest)));
        const explain = explainer(
          (fraction, attributionOf) =>
            models.map((m) => (m === h0 ? explainGeneric(attributionOf, fraction) : explainFitted(m, xTest, fraction, attributionOf))),
          (r, g) => attributed(models[g], testRow(r), asGroup[g][r], encoder.columnNames),
        );
        return { asGroup, warnings: personalWarnings, explain, fitted: { technique: 'dcp', models: models.map((m) => m.model) } };
      }
      const { groupColumns, dummyNames } = groupDummies(groups, technique);
      const width = xTrain.cols;
      const withDummies = (rows: Int32Array, groupOf: (r: number) => number) => {
        const x = encoder.encode(rows, dummyNames.length);
        for (let r = 0; r < rows.length; r++) for (const column of groupColumns[groupOf(r)]) x.data[r * x.cols + width + column] = 1;
        return x;
      };
      const groupOfTrainRow = Int32Array.from(trainRows, (row) => groups.groupOfRow[row]);
      const xPersonal = withDummies(trainRows, (r) => groupOfTrainRow[r]);
      const model = fit(xPersonal, yTrain, 1000, `the personalized model (${technique})`, personalWarnings, groupOfTrainRow);
      const asGroup = groups.groups.map((_, g) => model.predict(withDummies(testRows, () => g)));
      const personal: ExplainedModel = { model, baseline: columnMeans(xPersonal) };
      const names = [...encoder.columnNames, ...dummyNames];
      const explain = explainer(
        (fraction, attributionOf) => groups.groups.map((_, g) => explainFitted(personal, withDummies(testRows, () => g), fraction, attributionOf)),
        (r, g) => {
          const z = new Float64Array(names.length);
          z.set(testRow(r));
          for (const column of groupColumns[g]) z[width + column] = 1;
          return attributed(personal, z, asGroup[g][r], names);
        },
      );
      return { asGroup, warnings: personalWarnings, explain, fitted: { technique, model } };
    },
  };
}

/**
 * A forest or net regressor (fitForestRegressor, fitMlpRegressor); labels fewer than two or all equal give the
 * constant model at their mean with ridge's warning. A net that explains less than MIN_DEVIANCE_EXPLAINED of its
 * training labels' variance (R² there below 0.01: its units died, or it stopped far from the labels) is named in
 * a warning, as degenerate-fit.ts does for a classifier; a forest fits its training rows closely and is not checked.
 */
function fitRegressor(modelClass: 'rf' | 'nn', x: DenseMatrix, y: Float64Array, seed: number, what: string, warnings: string[]): FittedModel {
  const model = modelClass === 'rf' ? fitForestRegressor(x, y, {}, seed) : fitMlpRegressor(x, y, {}, seed);
  if (model.kind === 'constant') warnings.push(constantMeanWarning(what, y.length, model.mean));
  else if (modelClass === 'nn' && x.cols > 0) {
    const r2 = trainingRSquared(y, model.predict(x));
    if (r2 < MIN_DEVIANCE_EXPLAINED) {
      warnings.push(
        `${what[0].toUpperCase()}${what.slice(1)}, a neural net, has R² ${r2.toFixed(4)} on its training rows: it does not beat predicting their mean label by 1% of their variance. ` +
          `The fit failed, and its gains here say nothing about the model class: try another --seed, or --model lr.`,
      );
    }
  }
  return model;
}

/** 1 − Σ (y − ŷ)² / Σ (y − ȳ)² over the training rows (y varies: constant labels never reach here). */
function trainingRSquared(y: Float64Array, prediction: Float64Array): number {
  let mean = 0;
  for (let i = 0; i < y.length; i++) mean += y[i];
  mean /= y.length;
  let residual = 0;
  let total = 0;
  for (let i = 0; i < y.length; i++) {
    residual += (y[i] - prediction[i]) ** 2;
    total += (y[i] - mean) ** 2;
  }
  return 1 - residual / total;
}

function pickLabels(values: Labels, rows: ArrayLike<number>): Labels {
  return values instanceof Float64Array ? Float64Array.from(rows, (r) => values[r]) : Uint8Array.from(rows, (r) => values[r]);
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

/** The attribution of each non-linear model class (SPEC §9). */
const ATTRIBUTIONS: Readonly<Record<'rf' | 'nn', { readonly method: AttributionMethod; readonly of: AttributionOf }>> = {
  rf: { method: 'tree-shap', of: forestAttribution },
  nn: { method: 'integrated-gradients', of: netAttribution },
};

const MODEL_CLASS_WORDS: Readonly<Record<'rf' | 'nn', string>> = { rf: 'random forest', nn: 'neural net' };

/** A seed per model role, so adding a group does not change the other fits' randomness. */
function mix(seed: number, role: number): number {
  return (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(role + 1, 0xc2b2ae35)) >>> 0;
}
