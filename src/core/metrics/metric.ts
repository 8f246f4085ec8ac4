/**
 * A metric is scored in two steps so the bootstrap can reuse work (SPEC §5, cost note):
 * `prepare` does everything that depends only on (y, p) once; the prepared kernel then scores any
 * resample given as per-row weights (counts of how often each row was drawn). Unit weights give the
 * plain point estimate.
 */
export type MetricId = 'error' | 'auc' | 'ece' | 'logloss' | 'brier';

export const METRIC_IDS: readonly MetricId[] = ['error', 'auc', 'ece', 'logloss', 'brier'];

export interface PreparedMetric {
  /**
   * The metric on the rows weighted by `weights` (same length as y; all ones when omitted).
   * NaN when it is undefined on these rows (AUC with one class).
   */
  score(weights?: ArrayLike<number>): number;
}

export interface MetricDefinition {
  readonly id: MetricId;
  /** Human name, for reports. */
  readonly name: string;
  /** AUC: higher is better. Every other metric here is a risk: lower is better. */
  readonly higherIsBetter: boolean;
  /** True when the value is a fraction that reads best as a percent (error 0.268 → 26.8%). */
  readonly isFraction: boolean;
  prepare(y: Uint8Array, p: Float64Array, threshold: number): PreparedMetric;
}

/** Σ w_i for ArrayLike weights, or n when weights are omitted. */
export function totalWeight(n: number, weights: ArrayLike<number> | undefined): number {
  if (!weights) return n;
  let total = 0;
  for (let i = 0; i < n; i++) total += weights[i];
  return total;
}

/** Weighted mean of per-row losses; the shared shape of error rate, log loss and Brier score. */
export function weightedMean(losses: Float64Array, weights: ArrayLike<number> | undefined): number {
  const n = losses.length;
  let sum = 0;
  let total = 0;
  if (weights) {
    for (let i = 0; i < n; i++) {
      sum += weights[i] * losses[i];
      total += weights[i];
    }
  } else {
    for (let i = 0; i < n; i++) sum += losses[i];
    total = n;
  }
  return total > 0 ? sum / total : NaN;
}

export function checkSameLength(fn: string, y: Uint8Array, p: Float64Array): void {
  if (y.length !== p.length) {
    throw new RangeError(`${fn} requires y and p of the same length (got ${y.length} and ${p.length})`);
  }
}
