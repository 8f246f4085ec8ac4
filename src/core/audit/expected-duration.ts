/**
 * How long an audit with many groups is expected to take (issue 14, item 10). The bootstrap scores, for every
 * group g, each of the m models h(·, g′) on B resamples of g's test rows: B × m × (m fixed costs per resample and
 * model + the test rows). So the work grows as B × m² plus rows × m × B. The constants are measured, not derived:
 * the message calls the figure an estimate.
 */

/** More groups than this get a notice before the long work. */
export const MANY_GROUPS = 64;

/**
 * Seconds per (group² × resample) and per (row × group × resample): a least-squares fit (of relative error) to six
 * `fairuse audit` runs (logistic models, 1hot, explanation metrics on, B = 200–500) of 5,000–40,000 rows with
 * 64–256 groups, 9 s to 278 s each, on this project's 2-core machine while another CPU-bound job ran. The fit
 * is within a factor of 1.7 of every run (it under-estimates the largest, 256 groups, by that factor).
 */
export const SECONDS_PER_GROUP_PAIR_RESAMPLE = 8.3e-6;
export const SECONDS_PER_ROW_GROUP_RESAMPLE = 5.5e-8;

/** Seconds for reading and the fits, which do not grow with the pairs of groups. */
const FIXED_SECONDS = 1;

export interface AuditSize {
  /** Rows kept (train and test). */
  readonly rows: number;
  /** Intersectional groups. */
  readonly groups: number;
  /** B, the bootstrap resamples. */
  readonly resamples: number;
}

/**
 * The expected duration of an audit, in seconds: FIXED_SECONDS + B × m × (m × SECONDS_PER_GROUP_PAIR_RESAMPLE +
 * rows × SECONDS_PER_ROW_GROUP_RESAMPLE).
 *
 * @example expectedAuditSeconds({ rows: 10_000, groups: 128, resamples: 1000 }); // => 207.39 (1 + 136 + 70.4)
 */
export function expectedAuditSeconds(size: AuditSize): number {
  const perResampleAndGroup = size.groups * SECONDS_PER_GROUP_PAIR_RESAMPLE + size.rows * SECONDS_PER_ROW_GROUP_RESAMPLE;
  return FIXED_SECONDS + size.resamples * size.groups * perResampleAndGroup;
}

/**
 * The one-line notice for an audit with more than MANY_GROUPS groups, or undefined for fewer.
 *
 * @example manyGroupsNotice({ rows: 10_000, groups: 128, resamples: 1000 })
 * // => 'The audit has 128 groups (more than 64): every group is compared with every other, so it takes longer;
 *  //     expected about 4 min (an estimate from 10,000 rows × 128 groups × 1,000 resamples; forests and nets take longer).'
 */
export function manyGroupsNotice(size: AuditSize): string | undefined {
  if (size.groups <= MANY_GROUPS) return undefined;
  const count = (n: number) => n.toLocaleString('en-US');
  return (
    `The audit has ${size.groups} groups (more than ${MANY_GROUPS}): every group is compared with every other, so it takes longer; ` +
    `expected about ${expectedDuration(size)} (an estimate from ${count(size.rows)} rows × ${count(size.groups)} groups × ${count(size.resamples)} resamples; forests and nets take longer).`
  );
}

/** The expected duration in words, as the notice says it ("4 min"). */
export function expectedDuration(size: AuditSize): string {
  return durationText(expectedAuditSeconds(size));
}

/** "30 s", "4 min", "1.5 h": two significant figures at most, rounded up to a readable step. */
export function durationText(seconds: number): string {
  if (seconds < 60) return `${Math.max(5, Math.ceil(seconds / 5) * 5)} s`;
  if (seconds < 3600) return `${Math.ceil(seconds / 60)} min`;
  return `${(Math.ceil(seconds / 360) / 10).toFixed(1)} h`;
}
