import { describe, expect, it } from 'vitest';
import { binomialUpperTailHalf } from '../../../src/core/audit/stats/binomial-tail';
import { bootstrapPValues } from '../../../src/core/audit/stats/bootstrap-p-value';
import { correctPValues } from '../../../src/core/audit/stats/correction';
import { mcNemar, mcNemarFromCounts } from '../../../src/core/audit/stats/mcnemar';
import { percentileInterval, quantileSorted } from '../../../src/core/audit/stats/percentile';

/** Exact P(Binomial(n, ½) ≥ k) with BigInt arithmetic: an independent reference. */
function exactTail(n: number, k: number): number {
  let coefficient = 1n;
  let tail = 0n;
  for (let j = 0; j <= n; j++) {
    if (j >= k) tail += coefficient;
    coefficient = (coefficient * BigInt(n - j)) / BigInt(j + 1);
  }
  const scale = 10n ** 30n;
  return Number((tail * scale) / 2n ** BigInt(n)) / 1e30;
}

describe('McNemar (SPEC §5)', () => {
  it('b = 3, c = 1 gives pHarm 0.3125 and pGain 0.9375', () => {
    const r = mcNemarFromCounts(3, 1);
    expect(r.pHarm).toBeCloseTo(0.3125, 15);
    expect(r.pGain).toBeCloseTo(0.9375, 15);
  });

  it('counts b and c from paired mistakes', () => {
    // rows: (h wrong, h0 right) ×3, (h right, h0 wrong) ×1, both wrong ×2, both right ×1
    const personalizedWrong = [1, 1, 1, 0, 1, 1, 0];
    const genericWrong = [0, 0, 0, 1, 1, 1, 0];
    const r = mcNemar(personalizedWrong, genericWrong);
    expect([r.b, r.c]).toEqual([3, 1]);
    expect(r.pHarm).toBeCloseTo(0.3125, 15);
  });

  it('no discordant pair gives 1 and 1', () => {
    expect(mcNemarFromCounts(0, 0)).toMatchObject({ pHarm: 1, pGain: 1 });
  });

  it('binomial tail agrees with exact BigInt sums, including n past 1074 where 2^-n underflows', () => {
    for (const [n, k] of [[24, 24], [10, 7], [300, 170], [300, 120], [2000, 1000], [2000, 1100], [5000, 2600]] as const) {
      const expected = exactTail(n, k);
      expect(Math.abs(binomialUpperTailHalf(n, k) - expected)).toBeLessThan(1e-12 + 1e-9 * expected);
    }
    expect(binomialUpperTailHalf(24, 24)).toBeCloseTo(2 ** -24, 20);
  });
});

describe('multiple-testing corrections', () => {
  const p = [0.01, 0.04, 0.03, 0.005];
  it('Bonferroni multiplies by m and caps at 1', () => {
    expect(correctPValues(p, 'bonferroni').map((x) => Number(x!.toFixed(12)))).toEqual([0.04, 0.16, 0.12, 0.02]);
    expect(correctPValues([0.5, 0.9], 'bonferroni')).toEqual([1, 1]);
  });
  it('Holm steps down and keeps monotone', () => {
    expect(correctPValues(p, 'holm').map((x) => Number(x!.toFixed(12)))).toEqual([0.03, 0.06, 0.06, 0.02]);
  });
  it('untested entries stay null and are left out of m', () => {
    expect(correctPValues([0.01, null, 0.02], 'bonferroni')).toEqual([0.02, null, 0.04]);
    expect(correctPValues([0.01, null, 0.02], 'holm')).toEqual([0.02, null, 0.02]);
  });
});

describe('bootstrap p-values and percentile interval', () => {
  it('counts Δ_b ≥ 0 for harm and Δ_b ≤ 0 for gain, with +1 smoothing', () => {
    expect(bootstrapPValues([-1, -2, 0.5, -3])).toEqual({ pHarm: 2 / 5, pGain: 4 / 5 });
    expect(bootstrapPValues([0, 0])).toEqual({ pHarm: 1, pGain: 1 });
  });
  it('interpolates quantiles linearly, as numpy.percentile', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBeCloseTo(1.75, 15);
    expect(quantileSorted([1, 2, 3, 4], 1)).toBe(4);
    // numpy.percentile(range(1, 11), [5, 95]) = [1.45, 9.55]
    const [lo, hi] = percentileInterval([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 0.1);
    expect(lo).toBeCloseTo(1.45, 12);
    expect(hi).toBeCloseTo(9.55, 12);
  });
});
