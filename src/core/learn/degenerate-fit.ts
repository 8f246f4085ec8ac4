/**
 * A fitted classifier that is (nearly) constant on its own training rows and no better there than their base
 * rate: a failed fit (a neural net whose ReLUs all died, or whose Platt slope came out near 0), whose audit would
 * otherwise read as the model class's answer. Both must hold:
 *
 * - flat: 90% of its training probabilities lie within FLAT_HALF_WIDTH of their median — of their stratum's
 *   median when the model sees the stratum (a personalized model sees the group, so one that learned only the
 *   groups is flat too);
 * - uninformed: its log loss on them is above (1 − MIN_DEVIANCE_EXPLAINED) times that of the base rate (of each
 *   stratum): McFadden's pseudo-R² on the training rows below 0.01.
 *
 * The spread is robust rather than a standard deviation because a dead net lets a few rows through (heart,
 * --model nn --seed 5: 233 of 242 training rows get exactly 0.4772, yet the standard deviation is 0.042). The log
 * loss keeps a working model on a rare outcome, which gives most rows nearly 0, from counting as flat.
 */

/** Half-width of the band around the median that holds 90% of a flat model's probabilities. */
export const FLAT_HALF_WIDTH = 0.01;

/** A model that explains less than this share of the base rate's log loss on its training rows is uninformed. */
export const MIN_DEVIANCE_EXPLAINED = 0.01;

/** The share of the rows the band must hold. */
const FLAT_SHARE = 0.9;

export interface DegenerateFit {
  /** Mean log loss of the model on its training rows. */
  readonly logLoss: number;
  /** Mean log loss of the base rate (of each stratum) on the same rows. */
  readonly baseRateLogLoss: number;
  /** 90% of the rows' probabilities are within `spread` of their (stratum's) median. */
  readonly spread: number;
  /** The median probability, when there is one stratum. */
  readonly median: number | null;
}

/**
 * Checks a fitted model's probabilities on its own training rows (see the file comment).
 *
 * @param y the training labels, 0 or 1
 * @param p the model's probability of 1 on each training row, in [0, 1]
 * @param stratumOf the stratum (0, 1, …) of each row, for a model that sees it; otherwise one stratum
 * @returns the evidence when the model is flat and uninformed, else null (also when every stratum holds one
 *   class, so that the base rate cannot be beaten)
 * @throws RangeError when y, p (and stratumOf) differ in length or are empty
 * @example degenerateFit(Uint8Array.of(0, 1, 0, 1), Float64Array.of(0.5, 0.5, 0.5, 0.5))
 *   // => { logLoss: 0.693…, baseRateLogLoss: 0.693…, spread: 0, median: 0.5 }
 */
export function degenerateFit(y: Uint8Array, p: Float64Array, stratumOf?: ArrayLike<number>): DegenerateFit | null {
  if (y.length === 0 || p.length !== y.length || (stratumOf !== undefined && stratumOf.length !== y.length)) {
    throw new RangeError(`degenerateFit requires as many probabilities (${p.length}) and strata as labels (${y.length}), at least one`);
  }
  const strata = stratumOf ?? new Uint8Array(y.length);
  const rowsOf: number[][] = [];
  for (let i = 0; i < y.length; i++) (rowsOf[strata[i]] ??= []).push(i);

  let logLoss = 0;
  let baseRateLogLoss = 0;
  const deviation = new Float64Array(y.length);
  let median: number | null = null;
  for (const rows of rowsOf) {
    if (!rows) continue;
    let positives = 0;
    for (const i of rows) {
      positives += y[i];
      logLoss += rowLogLoss(y[i], p[i]);
    }
    const rate = positives / rows.length;
    baseRateLogLoss += positives * rowLogLoss(1, rate) + (rows.length - positives) * rowLogLoss(0, rate);
    const sorted = Float64Array.from(rows, (i) => p[i]).sort();
    const middle = sorted.length >> 1;
    median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    for (const i of rows) deviation[i] = Math.abs(p[i] - median);
  }
  const spread = deviation.sort()[Math.ceil(FLAT_SHARE * y.length) - 1];
  const flat = spread < FLAT_HALF_WIDTH;
  const uninformed = baseRateLogLoss > 0 && logLoss > (1 - MIN_DEVIANCE_EXPLAINED) * baseRateLogLoss;
  if (!flat || !uninformed) return null;
  const oneStratum = rowsOf.filter(Boolean).length === 1;
  return { logLoss: logLoss / y.length, baseRateLogLoss: baseRateLogLoss / y.length, spread, median: oneStratum ? median : null };
}

/** SPEC §3's log loss of one row, p clipped to [1e-15, 1 − 1e-15]. */
function rowLogLoss(y: number, p: number): number {
  const clipped = Math.min(1 - 1e-15, Math.max(1e-15, p));
  return -Math.log(y === 1 ? clipped : 1 - clipped);
}
