/**
 * SPEC §9 for a model file the engine cannot look into (ONNX): h0 and h(·, g′) attributed by occlusion from their
 * baselines (learn/explain/occlusion.ts), the same method for both so that their explanations compare. h0's
 * baseline is the mean of its features over its training rows; h's the mean of the model's inputs over the
 * training rows, each row with its own group's attributes (an input missing on a row is left out of its mean).
 */
import type { GroupIndex } from '../data/groups';
import type { ExplanationMatrices, Unexplained } from '../learn/explain/explanations';
import { columnMeans } from '../learn/explain/linear-explanations';
import { occlusionEvaluationsPerRow, occlusionExplanationQuality } from '../learn/explain/occlusion';
import type { FittedModel } from '../learn/forest';
import type { DenseMatrix } from '../numeric/matrix';
import type { ModelInputs } from './group-scorer';

/** Model evaluations (rows scored) the explanations of one model-file audit may take; more and they are skipped. */
export const MODEL_FILE_EVALUATION_LIMIT = 1e7;

/** The model file bound to a dataset: its inputs there, the rows to use and their groups. */
export interface BoundInputs {
  readonly inputs: ModelInputs;
  readonly rows: Int32Array;
  readonly groups: GroupIndex;
}

/**
 * Sufficiency and comprehensiveness of h0 and of h(·, g′) for every group g′ of `test.groups` on the test rows, or
 * the line the report says instead when they would take more than `limit` model evaluations.
 *
 * @param h0 the generic model (of any class: linear, forest, net, classifier or regressor) with its training design
 *   and its design on the test rows
 * @param test the model file on the audited data's test rows
 * @param train the model file on its training rows (the audited data's training split, or --train-data's rows)
 */
export async function explainModelFile(
  h0: { readonly model: FittedModel; readonly xTrain: DenseMatrix; readonly xTest: DenseMatrix },
  test: BoundInputs,
  train: BoundInputs,
  fraction: number,
  limit = MODEL_FILE_EVALUATION_LIMIT,
): Promise<ExplanationMatrices | Unexplained> {
  const groups = test.groups.groups;
  const inputCount = groups.length ? test.inputs.of(test.rows.subarray(0, 0), groups[0]).cols : 0;
  const evaluations = test.rows.length * (occlusionEvaluationsPerRow(h0.xTest.cols) + groups.length * occlusionEvaluationsPerRow(inputCount));
  if (evaluations > limit) {
    return {
      unavailable:
        `Explaining this model by occlusion would take ${evaluations.toExponential(1)} model evaluations (${test.rows.length} test rows × ${groups.length} groups × (${inputCount} inputs + 3), and h0's), ` +
        `over the limit of ${limit.toExponential(0)}: no explanation metrics. Use --no-explanations to skip them, or audit fewer rows.`,
    };
  }
  const generic = await occlusionExplanationQuality(
    (x) => Promise.resolve(h0.model.predict(x)),
    columnMeans(h0.xTrain),
    h0.xTest,
    fraction,
  );
  const baseline = trainingMeans(train, inputCount);
  const asGroup = [];
  for (const group of groups) asGroup.push(await occlusionExplanationQuality(test.inputs.predict, baseline, test.inputs.of(test.rows, group), fraction));
  return {
    method: 'occlusion',
    sufficiency: { generic: generic.sufficiency, asGroup: asGroup.map((q) => q.sufficiency) },
    comprehensiveness: { generic: generic.comprehensiveness, asGroup: asGroup.map((q) => q.comprehensiveness) },
  };
}

/** The mean of every input over the training rows, each as its own group; NaN for an input missing on all of them. */
function trainingMeans(train: BoundInputs, inputCount: number): Float64Array {
  const sums = new Float64Array(inputCount);
  const counts = new Float64Array(inputCount);
  const rowsOfGroup: number[][] = train.groups.groups.map(() => []);
  for (const row of train.rows) rowsOfGroup[train.groups.groupOfRow[row]].push(row);
  train.groups.groups.forEach((group, g) => {
    if (rowsOfGroup[g].length === 0) return;
    const x = train.inputs.of(Int32Array.from(rowsOfGroup[g]), group);
    for (let k = 0; k < x.data.length; k++) {
      const v = x.data[k];
      if (Number.isNaN(v)) continue;
      sums[k % inputCount] += v;
      counts[k % inputCount]++;
    }
  });
  return sums.map((s, j) => (counts[j] > 0 ? s / counts[j] : NaN));
}
