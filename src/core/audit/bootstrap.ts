import type { MetricDefinition, PreparedMetric } from './metrics/metric';
import { toRisk } from './metrics';
import { SeededRandom } from '../numeric/random';
import type { Labels } from '../data/task';

/** One group's test rows and every prediction the audit compares on them. */
export interface GroupPredictions {
  /** Labels of the group's test rows: 0/1, or the numbers of a regression label. */
  readonly y: Labels;
  /** h0 on the group's rows. */
  readonly generic: Float64Array;
  /** asGroup[g'] = h(·, g') on the group's rows; asGroup[truthful] is the group's own personalized prediction. */
  readonly asGroup: readonly Float64Array[];
  readonly truthful: number;
}

/**
 * Gains in risk form (positive = the group is better off, SPEC §4): rationality = R(h0) − R(h(·, g)),
 * envy[g'] = R(h(·, g')) − R(h(·, g)); envy[truthful] is NaN-filled (no comparison with itself).
 */
export interface GroupGains<T> {
  readonly rationality: T;
  readonly envy: readonly T[];
}

export interface BootstrapSettings {
  readonly resamples: number;
  readonly seed: number;
  /**
   * Selects this group's independent random stream (see SeededRandom). The audit passes the index of the
   * group's first row in the data, so the resamples do not depend on how group values are spelled or sorted.
   */
  readonly stream: number;
  readonly threshold: number;
}

/**
 * The bootstrap's seed, set apart from the split's: both index their streams by a first row (the split by a
 * stratum's, the bootstrap by a group's, often the same row), and one (seed, stream) pair must not drive both
 * which rows are held out and how they are resampled.
 */
export function bootstrapSeed(seed: number): number {
  return (Math.trunc(seed) ^ 0x5bd1e995) >>> 0;
}

/** The metric of each of a group's predictions on its test rows (NaN where undefined), and their gains. */
export interface PointScores {
  /** The metric of h0. */
  readonly generic: number;
  /** asGroup[g'] = the metric of h(·, g'). */
  readonly asGroup: readonly number[];
  readonly gains: GroupGains<number>;
}

/** Point values and gains on the group's test rows, for one metric. NaN where the metric is undefined. */
export function pointScores(group: GroupPredictions, metric: MetricDefinition, threshold: number): PointScores {
  const { generic, asGroup } = prepareAll(group, metric, threshold);
  const genericScore = generic.score();
  const scores = asGroup.map((other) => other.score());
  const ownRisk = toRisk(metric, scores[group.truthful]);
  return {
    generic: genericScore,
    asGroup: scores,
    gains: {
      rationality: toRisk(metric, genericScore) - ownRisk,
      envy: scores.map((score, g) => (g === group.truthful ? NaN : toRisk(metric, score) - ownRisk)),
    },
  };
}

/** Point gains on the group's test rows, for one metric. NaN where the metric is undefined. */
export function pointGains(group: GroupPredictions, metric: MetricDefinition, threshold: number): GroupGains<number> {
  return pointScores(group, metric, threshold).gains;
}

/**
 * The paired bootstrap of SPEC §5 for one group: each resample draws n of the group's n test rows with
 * replacement, from the group as a whole (not stratified by label: fixing the number of positives would remove
 * the base-rate variance that Brier, log loss and ECE differences carry, and the tests would find harm that is
 * not there). The resample is a vector of counts over the rows; every model is scored on that same resample for
 * every metric. Returns, per metric, the B resampled gains; NaN where the metric is undefined on a resample
 * (AUC when it drew one class), which the tests leave out.
 *
 * Resampled copies of the predictions are never made: the counts are the weights of the metric kernels.
 */
export function bootstrapGroupGains(
  group: GroupPredictions,
  metrics: readonly MetricDefinition[],
  settings: BootstrapSettings,
  onResample: (done: number) => void = () => {},
): Array<GroupGains<Float64Array>> {
  const n = group.y.length;
  const B = settings.resamples;
  const prepared = metrics.map((metric) => prepareAll(group, metric, settings.threshold));
  const results = metrics.map(() => ({
    rationality: new Float64Array(B),
    envy: group.asGroup.map(() => new Float64Array(B)),
  }));
  const others = group.asGroup.map((_, g) => g).filter((g) => g !== group.truthful);
  const random = new SeededRandom(bootstrapSeed(settings.seed), settings.stream);
  const counts = new Float64Array(n);
  for (let b = 0; b < B; b++) {
    counts.fill(0);
    for (let k = 0; k < n; k++) counts[random.nextInt(n)]++;
    metrics.forEach((metric, m) => {
      const kernels = prepared[m];
      const ownRisk = toRisk(metric, kernels.own.score(counts));
      results[m].rationality[b] = toRisk(metric, kernels.generic.score(counts)) - ownRisk;
      for (const g of others) results[m].envy[g][b] = toRisk(metric, kernels.asGroup[g].score(counts)) - ownRisk;
    });
    onResample(b + 1);
  }
  for (const result of results) result.envy[group.truthful].fill(NaN);
  return results;
}

function prepareAll(
  group: GroupPredictions,
  metric: MetricDefinition,
  threshold: number,
): { generic: PreparedMetric; own: PreparedMetric; asGroup: PreparedMetric[] } {
  const asGroup = group.asGroup.map((p) => metric.prepare(group.y, p, threshold));
  return { generic: metric.prepare(group.y, group.generic, threshold), own: asGroup[group.truthful], asGroup };
}
