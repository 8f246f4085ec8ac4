import { binomialUpperTailHalf } from './binomial-tail';

export interface McNemarResult {
  /** #(personalized wrong, comparison right): the rows personalization hurt. */
  readonly b: number;
  /** #(personalized right, comparison wrong): the rows personalization helped. */
  readonly c: number;
  /** One-sided p for harm: P(Binomial(b + c, ½) ≥ b). */
  readonly pHarm: number;
  /** One-sided p for gain: P(Binomial(b + c, ½) ≥ c). */
  readonly pGain: number;
}

/**
 * Exact one-sided McNemar tests on paired decisions (SPEC §5). The comparison is h0 for rationality or
 * h(·, g′) for envy-freeness, on the same rows. With b + c = 0 both p-values are 1.
 *
 * @param personalizedWrong 1 where the personalized decision is wrong
 * @param comparisonWrong 1 where the comparison model's decision is wrong
 * @example b = 3, c = 1 → pHarm = 0.3125, pGain = 0.9375
 */
export function mcNemar(personalizedWrong: ArrayLike<number>, comparisonWrong: ArrayLike<number>): McNemarResult {
  if (personalizedWrong.length !== comparisonWrong.length) {
    throw new RangeError('mcNemar requires two decision vectors of the same length');
  }
  let b = 0;
  let c = 0;
  for (let i = 0; i < personalizedWrong.length; i++) {
    if (personalizedWrong[i] && !comparisonWrong[i]) b++;
    else if (!personalizedWrong[i] && comparisonWrong[i]) c++;
  }
  return mcNemarFromCounts(b, c);
}

export function mcNemarFromCounts(b: number, c: number): McNemarResult {
  const discordant = b + c;
  if (discordant === 0) return { b, c, pHarm: 1, pGain: 1 };
  return { b, c, pHarm: binomialUpperTailHalf(discordant, b), pGain: binomialUpperTailHalf(discordant, c) };
}
