/**
 * SPEC §7 for one metric of an audit: the 0-1 form (c_j = 1 + 4ε²) for a classification audit of an accuracy
 * metric, else the Gaussian form with the spread of the per-person gain in the metric's per-row loss — a
 * regression metric (squared or absolute error), or an explanation metric of either task (SPEC §9: each row's
 * sufficiency or comprehensiveness is a continuous quantity, so the 0-1 loss's c_j does not describe it).
 */
import type { GroupPredictions } from '../bootstrap';
import type { LimitsReport } from '../../report/report';
import { gainSpread } from './gain-spread';
import { limitsReport } from './limits-report';
import { DEFAULT_OPTIONS } from '../options';

/** SPEC §7's ε (0.01) when none is given: the 0-1 form's, and the Gaussian form's when h0's value is 0. */
const DEFAULT_EPSILON = DEFAULT_OPTIONS.epsilon!;

/** The share of h0's overall value that is the Gaussian form's ε when none is given. */
export const EPSILON_SHARE_OF_GENERIC_RISK = 0.01;

export interface MetricLimitsInput {
  /** Each group's test rows and the metric's per-row inputs (predictions, or explanation qualities). */
  readonly perGroup: readonly GroupPredictions[];
  /** The metric's loss of one row (the identity for the explanation metrics); its sign does not matter to σ. */
  readonly rowLoss: (y: number, p: number) => number;
  /** h0's overall value of the metric, for the default ε; null when undefined. */
  readonly genericRisk: number | null;
  /** ε in the metric's unit, when the user gave one for this metric. */
  readonly epsilon?: number;
}

/** The 0-1 form: at ε (default 0.01) on the groups' test sizes. */
export function zeroOneLimits(perGroup: readonly GroupPredictions[], epsilon: number = DEFAULT_EPSILON): LimitsReport {
  return limitsReport(perGroup.map((g) => g.y.length), epsilon);
}

/**
 * The Gaussian form: σ_j of the per-person gain (h0's row loss minus h's) per group, and ε, unless given, 1% of
 * h0's overall value of the metric (a fixed 0.01 means nothing in a metric's own unit); when h0's value is 0 or
 * undefined there is no gain to scale by and 0.01 stands in. Undefined when no group has two test rows.
 *
 * @example
 * // two groups, gains [0.1, 0.3] and [0, 0, 0.2], genericRisk 0.5: σ = [0.1414…, 0.1155…], pooled 0.1247…,
 * // ε = 0.005, P_e = 0.977439, k_max = 0.011501, equal group size 684 (test/core/limits/metric-limits.test.ts)
 */
export function gaussianLimits(input: MetricLimitsInput): LimitsReport | undefined {
  const spread = gainSpread(input.perGroup, input.rowLoss);
  if (spread.pooled === null) return undefined;
  const withPooled = { ...spread, pooled: spread.pooled };
  const testSizes = input.perGroup.map((g) => g.y.length);
  if (input.epsilon !== undefined) return limitsReport(testSizes, input.epsilon, withPooled);
  const risk = input.genericRisk;
  if (risk === null || !(risk > 0)) return limitsReport(testSizes, DEFAULT_EPSILON, withPooled);
  return { ...limitsReport(testSizes, EPSILON_SHARE_OF_GENERIC_RISK * risk, withPooled), epsilonShareOfGenericRisk: EPSILON_SHARE_OF_GENERIC_RISK };
}
