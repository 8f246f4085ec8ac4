/**
 * SPEC §9 for a model given as a black box with an attribution: per row, rank the inputs by |a_j|, then score
 * the row with the inputs outside the top ⌈r·d⌉ at their baseline (z_S) and with those inside at it (z_¬S).
 * Two extra model evaluations per row, made in blocks of rows so the masked copies stay small.
 */
import type { DenseMatrix } from '../../numeric/matrix';
import type { RowExplanationQuality } from './linear-explanations';
import { explanationSize, rankByMagnitude } from './top-inputs';

/** The attributions a_j of one input row z (length d), from the baseline the attribution was built with. */
export type RowAttribution = (z: Float64Array) => Float64Array;

/** Rows masked and scored together. */
const BLOCK = 256;

/**
 * Sufficiency |f(z) − f(z_S)| and comprehensiveness |f(z) − f(z_¬S)| of every row of `x`.
 *
 * @param predict f on a matrix of inputs (the model as it scores rows)
 * @param attribute the attributions of one row
 * @param baseline b, one per column of x
 * @param fraction r in (0, 1]
 * @throws RangeError when the baseline's length is not x.cols or r is outside (0, 1]
 */
export function maskedExplanationQuality(
  predict: (x: DenseMatrix) => Float64Array,
  attribute: RowAttribution,
  baseline: Float64Array,
  x: DenseMatrix,
  fraction: number,
): RowExplanationQuality {
  const d = x.cols;
  if (baseline.length !== d) throw new RangeError(`maskedExplanationQuality requires ${d} baseline values; got ${baseline.length}`);
  const keep = explanationSize(fraction, d);
  const sufficiency = new Float64Array(x.rows);
  const comprehensiveness = new Float64Array(x.rows);
  const order = new Int32Array(d);
  for (let from = 0; from < x.rows; from += BLOCK) {
    const rows = Math.min(BLOCK, x.rows - from);
    const block: DenseMatrix = { rows, cols: d, data: x.data.subarray(from * d, (from + rows) * d) };
    const onlyTop = new Float64Array(rows * d);
    const withoutTop = block.data.slice();
    for (let r = 0; r < rows; r++) {
      const z = block.data.subarray(r * d, (r + 1) * d);
      rankByMagnitude(attribute(z), order);
      onlyTop.set(baseline, r * d);
      for (let k = 0; k < keep; k++) {
        const j = order[k];
        onlyTop[r * d + j] = z[j];
        withoutTop[r * d + j] = baseline[j];
      }
    }
    const prediction = predict(block);
    const kept = predict({ rows, cols: d, data: onlyTop });
    const removed = predict({ rows, cols: d, data: withoutTop });
    for (let r = 0; r < rows; r++) {
      sufficiency[from + r] = Math.abs(prediction[r] - kept[r]);
      comprehensiveness[from + r] = Math.abs(prediction[r] - removed[r]);
    }
  }
  return { sufficiency, comprehensiveness };
}
