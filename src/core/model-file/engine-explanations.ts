/**
 * SPEC §9 for the engine's own model files (JSON, from `fairuse train`): their models are the engine's classes, so
 * they are explained as the in-process audit explains them (docs/explanations.md): exact attributions for the
 * linear models, exact Integrated Gradients for the net, exact Shapley values against the baseline for the forest.
 * h0 (refitted by the file's class) and h(·, g′) (the file's models) each start from the mean of the inputs they
 * were trained on: h0's features over its training rows; for `1hot` / `all` the file's design columns over the
 * training rows followed by the group columns' shares; for `dcp` the mean over the group's own training rows (over
 * all of them for a group without any). On the data the file was trained on, with its split, the metrics are the
 * in-process audit's.
 */
import type { AuditDataset } from '../data/dataset';
import type { Group, GroupIndex } from '../data/groups';
import { type AttributedRow, explainedExamples } from '../learn/explain/examples';
import type { AttributionMethod, ExplanationMatrices, Unexplained } from '../learn/explain/explanations';
import { explainFitted, type AttributionOf } from '../learn/explain/fitted-explanations';
import { columnMeans, linearExplanationQuality, type RowExplanationQuality } from '../learn/explain/linear-explanations';
import type { RowAttribution } from '../learn/explain/masked-quality';
import { forestAttribution, forestExplanationTooCostly, netAttribution } from '../learn/explain/model-attribution';
import { encoderFor } from '../learn/feature-encoder';
import type { FittedModel } from '../learn/forest';
import type { LinearModel } from '../learn/models';
import { sigmoid } from '../numeric/sigmoid';
import { type DenseMatrix, selectRows } from '../numeric/matrix';
import { type EngineModel, type GroupCondition, isLinearModel, meets } from './engine-model';
import { loadFit } from './saved-fit';

/** h0 as refitted for the audit: the fitted model, its linear coefficients when it is linear, and its designs. */
export interface ExplainableGeneric {
  readonly model: FittedModel;
  readonly linear?: { readonly model: LinearModel; readonly link: (score: number) => number };
  /** h0's design on its training rows and on the audited rows. */
  readonly xTrain: DenseMatrix;
  readonly xTest: DenseMatrix;
  /** The names of h0's design columns. */
  readonly names: readonly string[];
}

/** A dataset, some of its rows and their groups. */
export interface RowsOf {
  readonly dataset: AuditDataset;
  readonly rows: Int32Array;
  readonly groups: GroupIndex;
}

/** Said instead of the metrics for a file that serves some groups by another model ("assigned"). */
export const ASSIGNED_MODEL_FILE_UNEXPLAINED =
  'A model file that serves some groups with h0 or their decoupled model ("assigned") is not explained yet: no explanation metrics.';

/** One model the file scores a group with, its baseline and its inputs on the audited rows as that group. */
interface GroupModelView {
  readonly linear?: LinearModel;
  readonly fitted?: FittedModel;
  readonly baseline: Float64Array;
  /** The inputs on the audited rows as the group (with the group columns set, for 1hot / all). */
  readonly x: DenseMatrix;
  /** A linear model's group columns as fixed inputs after the design columns, as explainLinearFits scores them. */
  readonly design?: { readonly x: DenseMatrix; readonly fixed: Float64Array };
  readonly names: readonly string[];
}

/**
 * Sufficiency and comprehensiveness of h0 and of the file's h(·, g′) for every group g′ of `test.groups` on
 * `test.rows`, with the row-level examples; or the line the report says instead.
 *
 * @param test the audited rows (the test split, or every row of new data)
 * @param train the rows the models were trained on (the training split, or --train-data's rows)
 */
export function explainEngineModelFile(
  model: EngineModel,
  generic: ExplainableGeneric,
  test: RowsOf,
  train: RowsOf,
  fraction: number,
  source: string,
): ExplanationMatrices | Unexplained {
  if (model.assigned?.length) return { unavailable: ASSIGNED_MODEL_FILE_UNEXPLAINED };
  const linear = isLinearModel(model.modelClass);
  const link = model.modelClass === 'logistic-regression' ? sigmoid : (z: number) => z;
  const testEncoder = encoderFor(model.features, test.dataset.features, source);
  const xTrain = encoderFor(model.features, train.dataset.features, source).encode(train.rows);
  const xTest = testEncoder.encode(test.rows);
  const featureNames = testEncoder.columnNames;
  const groupsOfTest = test.groups.groups;

  const method: AttributionMethod = linear ? 'linear-exact' : model.modelClass === 'random-forest-regressor' ? 'tree-shap' : 'integrated-gradients';
  const attributionOf: AttributionOf = method === 'tree-shap' ? forestAttribution : netAttribution;
  const genericBaseline = columnMeans(generic.xTrain);
  if (method === 'tree-shap') {
    const tooCostly = forestExplanationTooCostly(generic.model, genericBaseline, generic.xTest, 1 + groupsOfTest.length);
    if (tooCostly) return { unavailable: tooCostly };
  }

  const views = groupsOfTest.map((group) => viewOf(model, group, xTrain, xTest, train, featureNames, source));
  const quality = (view: GroupModelView): RowExplanationQuality => {
    if (!view.linear) return explainFitted({ model: view.fitted!, baseline: view.baseline }, view.x, fraction, attributionOf);
    return view.design
      ? linearExplanationQuality(view.linear, link, view.baseline, view.design.x, fraction, view.design.fixed)
      : linearExplanationQuality(view.linear, link, view.baseline, view.x, fraction);
  };
  const genericView: GroupModelView = {
    linear: generic.linear?.model,
    fitted: generic.model,
    baseline: genericBaseline,
    x: generic.xTest,
    names: generic.names,
  };
  const genericQuality = generic.linear
    ? linearExplanationQuality(generic.linear.model, generic.linear.link, genericBaseline, generic.xTest, fraction)
    : quality(genericView);
  const own = views.map(quality);

  const attributed = (view: GroupModelView, r: number, linkOf: (s: number) => number): AttributedRow => {
    const names = view.names;
    const z = view.x.data.subarray(r * view.x.cols, (r + 1) * view.x.cols);
    if (view.linear) {
      const w = view.linear.weights;
      let score = view.linear.intercept;
      const attributions = Float64Array.from(z, (v, j) => {
        score += w[j] * v;
        return w[j] * (v - view.baseline[j]);
      });
      return { prediction: linkOf(score), names, attributions };
    }
    const attribute = attributionOf(view.fitted!, view.baseline) as RowAttribution;
    const prediction = view.fitted!.predict({ rows: 1, cols: z.length, data: Float64Array.from(z) })[0];
    return { prediction, names, attributions: attribute(Float64Array.from(z)) };
  };
  const examples = explainedExamples(
    groupsOfTest.map((group) => group.id),
    Int32Array.from(test.rows, (row) => test.groups.groupOfRow[row]),
    test.rows,
    (r) => attributed(genericView, r, generic.linear?.link ?? link),
    (r, g) => attributed(views[g], r, link),
  );
  return {
    method,
    sufficiency: { generic: genericQuality.sufficiency, asGroup: own.map((q) => q.sufficiency) },
    comprehensiveness: { generic: genericQuality.comprehensiveness, asGroup: own.map((q) => q.comprehensiveness) },
    examples,
  };
}

/** The file's model for `group`, with its baseline and its inputs on the audited rows as that group. */
function viewOf(
  model: EngineModel,
  group: Group,
  xTrain: DenseMatrix,
  xTest: DenseMatrix,
  train: RowsOf,
  featureNames: readonly string[],
  source: string,
): GroupModelView {
  const trainGroupOf = (r: number) => train.groups.groups[train.groups.groupOfRow[train.rows[r]]];
  if (model.technique === 'dcp') {
    const own = (model.groupModels ?? []).find((m) => meets(m.group, group.values));
    if (!own) throw new RangeError(`explainEngineModelFile: ${source} has no decoupled model for ${group.id} (the scorer refuses it first)`);
    const rows: number[] = [];
    for (let r = 0; r < train.rows.length; r++) if (meets(own.group, trainGroupOf(r).values)) rows.push(r);
    const baseline = rows.length === 0 ? columnMeans(xTrain) : columnMeans(selectRows(xTrain, rows));
    if (own.fit) return { fitted: loadFit(own.fit, xTrain.cols), baseline, x: xTest, names: featureNames };
    return { linear: { weights: Float64Array.from(own.weights!), intercept: own.intercept! }, baseline, x: xTest, names: featureNames };
  }
  const conditions = model.groupColumns as readonly GroupCondition[];
  const width = xTrain.cols;
  const inputs = width + conditions.length;
  const active = (values: Readonly<Record<string, string>>) => conditions.flatMap((c, k) => (meets(c, values) ? [k] : []));
  // The baseline: the design columns' means, then each group column's share of the training rows.
  const baseline = new Float64Array(inputs);
  baseline.set(columnMeans(xTrain));
  for (let r = 0; r < train.rows.length; r++) for (const k of active(trainGroupOf(r).values)) baseline[width + k]++;
  if (train.rows.length > 0) for (let k = 0; k < conditions.length; k++) baseline[width + k] /= train.rows.length;
  // The audited rows' inputs as the group: their design columns, then the group's columns set.
  const x = { rows: xTest.rows, cols: inputs, data: new Float64Array(xTest.rows * inputs) };
  const columns = active(group.values);
  const fixed = new Float64Array(conditions.length);
  for (const k of columns) fixed[k] = 1;
  for (let r = 0; r < xTest.rows; r++) {
    x.data.set(xTest.data.subarray(r * width, (r + 1) * width), r * inputs);
    for (const k of columns) x.data[r * inputs + width + k] = 1;
  }
  const names = [...featureNames, ...conditions.map((c) => Object.entries(c).map(([a, v]) => `${a}=${v}`).join(', '))];
  if (model.fit) return { fitted: loadFit(model.fit, inputs), baseline, x, names };
  return { linear: { weights: Float64Array.from(model.weights!), intercept: model.intercept! }, baseline, x, design: { x: xTest, fixed }, names };
}
