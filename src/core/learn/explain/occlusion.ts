/**
 * The model-agnostic attribution of SPEC §9 for models the engine cannot look into (ONNX files): occlusion from
 * the baseline (Zeiler & Fergus 2014; "leave-one-out" against b),
 *   a_j(z) = f(z) − f(z with z_j set to b_j),
 * then sufficiency and comprehensiveness as for every model. Per row d + 3 evaluations of f: z, the d occluded
 * copies, z_S and z_¬S. Unlike Integrated Gradients or Shapley values the a_j need not sum to f(z) − f(b): an
 * input that only matters together with another gets no credit on its own. Rows go to the model in blocks, each
 * block's copies in one call.
 */
import type { DenseMatrix } from '../../numeric/matrix';
import type { RowExplanationQuality } from './linear-explanations';
import { explanationSize, rankByMagnitude } from './top-inputs';

/** The model's evaluations a row costs: f(z), d occluded copies, z_S and z_¬S. */
export const occlusionEvaluationsPerRow = (inputs: number): number => inputs + 3;

/** Rows whose occluded copies go to the model in one call. */
const BLOCK = 64;

/**
 * Sufficiency and comprehensiveness of every row of `x` under occlusion attributions from `baseline`.
 *
 * @param predict f on a matrix of inputs (asynchronous: an ONNX session)
 * @param baseline b, one per column of x; an entry that is not a number (an input missing on every training row) is
 *   treated as that input's value left as it is, so occluding it changes nothing
 * @throws RangeError when the baseline's length is not x.cols or r is outside (0, 1]
 */
export async function occlusionExplanationQuality(
  predict: (x: DenseMatrix) => Promise<Float64Array>,
  baseline: Float64Array,
  x: DenseMatrix,
  fraction: number,
): Promise<RowExplanationQuality> {
  const d = x.cols;
  if (baseline.length !== d) throw new RangeError(`occlusionExplanationQuality requires ${d} baseline values; got ${baseline.length}`);
  const keep = explanationSize(fraction, d);
  const sufficiency = new Float64Array(x.rows);
  const comprehensiveness = new Float64Array(x.rows);
  const order = new Int32Array(d);
  const attributions = new Float64Array(d);
  const at = (z: Float64Array, j: number) => (Number.isNaN(baseline[j]) ? z[j] : baseline[j]);
  for (let from = 0; from < x.rows; from += BLOCK) {
    const rows = Math.min(BLOCK, x.rows - from);
    const block = x.data.subarray(from * d, (from + rows) * d);
    // Per row: z, then z with input j occluded for j = 0 … d − 1.
    const occluded = new Float64Array(rows * (d + 1) * d);
    for (let r = 0; r < rows; r++) {
      const z = block.subarray(r * d, (r + 1) * d);
      for (let k = 0; k <= d; k++) {
        const offset = (r * (d + 1) + k) * d;
        occluded.set(z, offset);
        if (k > 0) occluded[offset + k - 1] = at(z, k - 1);
      }
    }
    const scores = await predict({ rows: rows * (d + 1), cols: d, data: occluded });
    const masked = new Float64Array(2 * rows * d);
    for (let r = 0; r < rows; r++) {
      const z = block.subarray(r * d, (r + 1) * d);
      const f = scores[r * (d + 1)];
      for (let j = 0; j < d; j++) attributions[j] = f - scores[r * (d + 1) + 1 + j];
      rankByMagnitude(attributions, order);
      const onlyTop = 2 * r * d;
      const withoutTop = onlyTop + d;
      for (let j = 0; j < d; j++) {
        masked[onlyTop + j] = at(z, j);
        masked[withoutTop + j] = z[j];
      }
      for (let k = 0; k < keep; k++) {
        const j = order[k];
        masked[onlyTop + j] = z[j];
        masked[withoutTop + j] = at(z, j);
      }
    }
    const maskedScores = await predict({ rows: 2 * rows, cols: d, data: masked });
    for (let r = 0; r < rows; r++) {
      const f = scores[r * (d + 1)];
      sufficiency[from + r] = Math.abs(f - maskedScores[2 * r]);
      comprehensiveness[from + r] = Math.abs(f - maskedScores[2 * r + 1]);
    }
  }
  return { sufficiency, comprehensiveness };
}
