import type { LimitsReport } from '../report';
import { errorProbabilityBound, maxAttributes, minGroupSizeFor } from './validation-limits';

/**
 * The report's SPEC §7 section for the audited test rows: the bound at the groups' actual test sizes, k_max
 * for their total, and the equal group size a gain of ε needs. Groups are "too many" when they amount to more
 * binary attributes than k_max, or when the bound says no test can beat a coin at these sizes.
 */
export function limitsReport(testSizes: readonly number[], epsilon: number): LimitsReport {
  const n = testSizes.reduce((s, m) => s + m, 0);
  const d = testSizes.length;
  const attributes = Math.log2(d);
  const bound = errorProbabilityBound(testSizes.map((m) => ({ m })), epsilon);
  const kMax = n > 0 ? maxAttributes(n, epsilon) : 0;
  return {
    epsilon,
    groups: d,
    attributes,
    n,
    errorProbabilityBound: bound,
    maxAttributes: kMax,
    minGroupSize: minGroupSizeFor(d, epsilon),
    tooManyGroups: attributes > kMax || bound > 0.5,
  };
}
