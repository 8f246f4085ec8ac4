export interface BootstrapPValues {
  /** H0: Δ ≥ 0 vs H1: Δ < 0. p = (1 + #{b : Δ_b ≥ 0}) / (B + 1). */
  readonly pHarm: number;
  /** The mirror test for a gain: p = (1 + #{b : Δ_b ≤ 0}) / (B + 1). */
  readonly pGain: number;
}

/**
 * One-sided bootstrap p-values from the resampled gains Δ_b (SPEC §5). The +1 in numerator and
 * denominator keeps p > 0: B resamples can never show a harm more significant than 1 / (B + 1).
 *
 * @example bootstrapPValues([-1, -2, 0.5, -3]) // => { pHarm: 0.4, pGain: 0.8 }
 */
export function bootstrapPValues(resampledGains: ArrayLike<number>): BootstrapPValues {
  const B = resampledGains.length;
  let atLeastZero = 0;
  let atMostZero = 0;
  for (let b = 0; b < B; b++) {
    if (resampledGains[b] >= 0) atLeastZero++;
    if (resampledGains[b] <= 0) atMostZero++;
  }
  return bootstrapPValuesOfCounts(atLeastZero, atMostZero, B);
}

/** `bootstrapPValues` from its counts: #{b : Δ_b ≥ 0}, #{b : Δ_b ≤ 0} and B. */
export function bootstrapPValuesOfCounts(atLeastZero: number, atMostZero: number, B: number): BootstrapPValues {
  return { pHarm: (1 + atLeastZero) / (B + 1), pGain: (1 + atMostZero) / (B + 1) };
}
