/**
 * SPEC §9 for linear and logistic models, exactly: Integrated Gradients from the baseline b to z ranks the inputs
 * as |w_j (z_j − b_j)| does (the common factor of the logistic link drops out), and the two masked inputs need no
 * new dot product: with s_S = Σ_{j∈S} w_j (z_j − b_j),
 *   score(z_S)  = c + w·b + s_S   (inputs outside S at their baseline),
 *   score(z_¬S) = c + w·z − s_S   (inputs in S at their baseline).
 * So a row costs one ranking of its d attributions and three evaluations of the link.
 */
import type { DenseMatrix } from '../../numeric/matrix';
import type { LinearModel } from '../models';
import { explanationSize, rankByMagnitude } from './top-inputs';

/** Per test row: sufficiency |f(z) − f(z_S)| and comprehensiveness |f(z) − f(z_¬S)| (SPEC §9). */
export interface RowExplanationQuality {
  readonly sufficiency: Float64Array;
  readonly comprehensiveness: Float64Array;
}

/** The mean of every column of `x`: the baseline b of a model trained on those rows (SPEC §9). */
export function columnMeans(x: DenseMatrix): Float64Array {
  const means = new Float64Array(x.cols);
  for (let r = 0; r < x.rows; r++) {
    const offset = r * x.cols;
    for (let j = 0; j < x.cols; j++) means[j] += x.data[offset + j];
  }
  if (x.rows > 0) for (let j = 0; j < x.cols; j++) means[j] /= x.rows;
  return means;
}

/**
 * The inputs a linear model sees beyond the rows of `x`: group dummies at fixed values (the same for every row),
 * appended after x's columns, as `1hot` and `all` append them (SPEC §2).
 */
export interface FixedInputs {
  /** The values of the appended inputs, in column order. */
  readonly values: Float64Array;
}

/**
 * Sufficiency and comprehensiveness of a linear model f(z) = link(c + w·z) for every row, where z is a row of
 * `x` followed by `fixed.values` (none for h0 and decoupled models).
 *
 * @param model weights for x's columns and then the fixed inputs (w.length = x.cols + fixed.length)
 * @param link σ for logistic regression, the identity for ridge
 * @param baseline b, one per input (same length as the weights)
 * @param fraction r in (0, 1]
 * @throws RangeError when the lengths disagree or r is outside (0, 1]
 */
export function linearExplanationQuality(
  model: LinearModel,
  link: (score: number) => number,
  baseline: Float64Array,
  x: DenseMatrix,
  fraction: number,
  fixed: Float64Array = new Float64Array(0),
): RowExplanationQuality {
  const p = x.cols;
  const d = p + fixed.length;
  const w = model.weights;
  if (w.length < d || baseline.length !== d) {
    throw new RangeError(`linearExplanationQuality requires ${d} weights and baseline values; got ${w.length} and ${baseline.length}`);
  }
  const keep = explanationSize(fraction, d);
  let baselineScore = model.intercept;
  for (let j = 0; j < d; j++) baselineScore += w[j] * baseline[j];
  // The fixed inputs' attributions are the same on every row: rank them once, then merge with each row's.
  const fixedAttributions = Float64Array.from(fixed, (v, t) => w[p + t] * (v - baseline[p + t]));
  const fixedOrder = rankByMagnitude(fixedAttributions);
  let fixedScore = 0;
  for (let t = 0; t < fixed.length; t++) fixedScore += w[p + t] * fixed[t];

  const n = x.rows;
  const sufficiency = new Float64Array(n);
  const comprehensiveness = new Float64Array(n);
  const attributions = new Float64Array(p);
  const order = new Int32Array(p);
  for (let r = 0; r < n; r++) {
    const offset = r * p;
    let score = model.intercept + fixedScore;
    for (let j = 0; j < p; j++) {
      const z = x.data[offset + j];
      score += w[j] * z;
      attributions[j] = w[j] * (z - baseline[j]);
    }
    rankByMagnitude(attributions, order);
    // Merge the two rankings; on equal magnitude the row's own columns come first (they precede the fixed ones).
    let kept = 0;
    let i = 0;
    let k = 0;
    for (let taken = 0; taken < keep; taken++) {
      if (k >= fixedOrder.length || (i < p && Math.abs(attributions[order[i]]) >= Math.abs(fixedAttributions[fixedOrder[k]]))) kept += attributions[order[i++]];
      else kept += fixedAttributions[fixedOrder[k++]];
    }
    const prediction = link(score);
    sufficiency[r] = Math.abs(prediction - link(baselineScore + kept));
    comprehensiveness[r] = Math.abs(prediction - link(score - kept));
  }
  return { sufficiency, comprehensiveness };
}
