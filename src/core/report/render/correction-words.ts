/**
 * The multiple-testing correction (SPEC §5) in plain words, for the note under each gain table: what was done
 * to the p-values and why, for the method the report used.
 */
import type { Correction } from '../../audit/stats/correction';

/** The method's name as a reader writes it. */
export const CORRECTION_NAMES: Readonly<Record<Correction, string>> = { bonferroni: 'Bonferroni', holm: 'Holm' };

/**
 * @param tested the number of groups tested (m), untested ones left out
 * @example correctionWords('bonferroni', 3, 0.1)
 * // => 'each multiplied by 3, the number of groups tested (Bonferroni correction, capped at 1), so that the chance of
 *  //     a false alarm in any group stays within α = 0.1'
 */
export function correctionWords(correction: Correction, tested: number, alpha: number): string {
  if (tested === 0) return 'no group was tested';
  if (tested === 1) return `not adjusted: one group was tested (${CORRECTION_NAMES[correction]} correction over 1 group)`;
  const why = `so that the chance of a false alarm in any group stays within α = ${alpha}`;
  if (correction === 'bonferroni') return `each multiplied by ${tested}, the number of groups tested (Bonferroni correction, capped at 1), ${why}`;
  const next = tested === 2 ? 'the other by 1' : `the next by ${tested - 1}, and so on`;
  return `adjusted for testing ${tested} groups by Holm's method (the smallest multiplied by ${tested}, ${next}; never below the one before, capped at 1), ${why}`;
}
