/**
 * A metric is scored in two steps so the bootstrap can reuse work (SPEC §5, cost note):
 * `prepare` does everything that depends only on (y, p) once; the prepared kernel then scores any
 * resample given as per-row weights (counts of how often each row was drawn). Unit weights give the
 * plain point estimate.
 */
import type { Labels, Task } from '../../data/task';

export type MetricId = 'error' | 'auc' | 'ece' | 'logloss' | 'brier' | 'mse' | 'mae' | 'sufficiency' | 'comprehensiveness';

/** The metrics of a binary label (SPEC §3), in report order. */
export const CLASSIFICATION_METRIC_IDS: readonly MetricId[] = ['error', 'auc', 'ece', 'logloss', 'brier'];

/** The metrics of a regression label (SPEC §3), in report order. */
export const REGRESSION_METRIC_IDS: readonly MetricId[] = ['mse', 'mae'];

/**
 * The explanation-quality metrics of SPEC §9, computed for either task from the models' attributions (not from
 * the predictions' accuracy), when the model can be explained.
 */
export const EXPLANATION_METRIC_IDS: readonly MetricId[] = ['sufficiency', 'comprehensiveness'];

/** Every metric the engine knows; an audit computes those of its task (`metricIdsFor`) and the explanation metrics. */
export const METRIC_IDS: readonly MetricId[] = [...CLASSIFICATION_METRIC_IDS, ...REGRESSION_METRIC_IDS, ...EXPLANATION_METRIC_IDS];

/** The metrics an audit of this task computes and reports: only they can decide its verdict. */
export function metricIdsFor(task: Task): readonly MetricId[] {
  return task === 'regression' ? REGRESSION_METRIC_IDS : CLASSIFICATION_METRIC_IDS;
}

/** The decisive metric when the user names none: the error rate (SPEC §8), or the MSE for regression. */
export const DEFAULT_METRIC: Readonly<Record<Task, MetricId>> = { classification: 'error', regression: 'mse' };

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
  /**
   * The label the metric is defined for: y ∈ {0, 1} with probabilities p, or a real y with predictions p; `any`
   * for the explanation metrics, whose p holds per-row values (SPEC §9) for either task.
   */
  readonly task: Task | 'any';
  /** True for the explanation metrics of SPEC §9: their p is a per-row explanation quality, not a prediction. */
  readonly explanation?: boolean;
  /** For a metric that is the mean of a per-row loss (MSE, MAE): that loss; SPEC §7 needs its per-person spread. */
  readonly rowLoss?: (y: number, p: number) => number;
  prepare(y: Labels, p: Float64Array, threshold: number): PreparedMetric;
}

/** Σ w_i for ArrayLike weights, or n when weights are omitted. */
export function totalWeight(n: number, weights: ArrayLike<number> | undefined): number {
  if (!weights) return n;
  let total = 0;
  for (let i = 0; i < n; i++) total += weights[i];
  return total;
}

/**
 * `prepare` of a metric that is the mean of a per-row loss (log loss, Brier score, MSE, MAE): the losses are
 * computed once, and each resample is their weighted mean.
 *
 * @param name the metric's function name, for a length mismatch message
 */
export function meanOfRowLoss(name: string, rowLoss: (y: number, p: number) => number): MetricDefinition['prepare'] {
  return (y, p) => {
    checkSameLength(name, y, p);
    const losses = new Float64Array(y.length);
    for (let i = 0; i < y.length; i++) losses[i] = rowLoss(y[i], p[i]);
    return { score: (weights) => weightedMean(losses, weights) };
  };
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

export function checkSameLength(fn: string, y: Labels, p: Float64Array): void {
  if (y.length !== p.length) {
    throw new RangeError(`${fn} requires y and p of the same length (got ${y.length} and ${p.length})`);
  }
}
