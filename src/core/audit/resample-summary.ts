import { type BootstrapPValues, bootstrapPValuesOfCounts } from './stats/bootstrap-p-value';
import { percentileIntervalInPlace } from './stats/percentile';

/**
 * What the tests of SPEC §5 need from one gain's B resampled values, so that the values themselves can be
 * dropped as soon as a group's resamples are drawn: the audit keeps one summary per group, metric and envy pair
 * instead of B numbers (256 groups: 65,280 pairs × 5 metrics × B × 8 bytes, 2.6 GB at B = 1000).
 */
export interface ResampleSummary {
  /** Resamples on which the gain is undefined (NaN: AUC on a resample that drew one class), left out below. */
  readonly undefinedResamples: number;
  /** The percentile interval of the defined gains; null when no resample gave a defined gain. */
  readonly ci: [number, number] | null;
  /** The bootstrap p-values of the defined gains; null when no resample gave a defined gain. */
  readonly p: BootstrapPValues | null;
}

/**
 * Summarizes resampled gains: leaves out the undefined ones and takes the percentile interval at level 1 − α
 * and the one-sided p-values of the rest, exactly as percentileInterval and bootstrapPValues on them.
 *
 * @param scratch working space of at least gains.length values, reused across calls (its contents are overwritten)
 */
export function summarizeResamples(gains: Float64Array, alpha: number, scratch: Float64Array = new Float64Array(gains.length)): ResampleSummary {
  let defined = 0;
  let atLeastZero = 0;
  let atMostZero = 0;
  for (let b = 0; b < gains.length; b++) {
    const gain = gains[b];
    if (Number.isNaN(gain)) continue;
    scratch[defined++] = gain;
    if (gain >= 0) atLeastZero++;
    if (gain <= 0) atMostZero++;
  }
  const undefinedResamples = gains.length - defined;
  if (defined === 0) return { undefinedResamples, ci: null, p: null };
  return { undefinedResamples, ci: percentileIntervalInPlace(scratch, defined, alpha), p: bootstrapPValuesOfCounts(atLeastZero, atMostZero, defined) };
}
