import type { LimitsReport } from '../../report/report';
import type { GainSpread } from './gain-spread';
import { errorProbabilityBound, maxAttributes, minGroupSizeFor } from './validation-limits';

/**
 * The report's SPEC §7 section for the audited test rows: the bound at the groups' actual test sizes, k_max
 * for their total, and the equal group size a gain of ε needs. Groups are "too many" when they amount to more
 * binary attributes than k_max, or when the bound says no test can beat a coin at these sizes.
 *
 * @param spread for regression, the spread of the per-person gain (the Gaussian form: σ_j per group in the bound,
 *   a group with fewer than 2 test rows taking the pooled σ; the pooled σ in k_max and the group size)
 */
export function limitsReport(testSizes: readonly number[], epsilon: number, spread?: GainSpread & { readonly pooled: number }): LimitsReport {
  const n = testSizes.reduce((s, m) => s + m, 0);
  const d = testSizes.length;
  const attributes = Math.log2(d);
  const sigma = spread?.pooled;
  const bound = errorProbabilityBound(testSizes.map((m, j) => (spread ? { m, sigma: spread.perGroup[j] ?? spread.pooled } : { m })), epsilon);
  const kMax = n > 0 ? maxAttributes(n, epsilon, sigma) : 0;
  return {
    epsilon,
    groups: d,
    attributes,
    n,
    errorProbabilityBound: bound,
    maxAttributes: kMax,
    minGroupSize: minGroupSizeFor(d, epsilon, sigma),
    tooManyGroups: attributes > kMax || bound > 0.5,
    ...(spread ? { sigma: spread.pooled, groupSigmas: spread.perGroup } : {}),
  };
}
