import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lambertW } from '../../../src/core/audit/limits/lambert-w';
import { errorProbabilityBound, maxAttributes, minGroupSizeFor } from '../../../src/core/audit/limits/validation-limits';
import type { GroupPredictions } from '../../../src/core/audit/bootstrap';
import { gainSpread } from '../../../src/core/audit/limits/gain-spread';
import { limitsReport } from '../../../src/core/audit/limits/limits-report';

describe('lambertW', () => {
  // Published values (DLMF §4.13; Corless et al. 1996; the omega constant).
  const known: Array<[number, number]> = [
    [1, 0.5671432904097838],
    [Math.E, 1],
    [10, 1.7455280027406994],
    [100, 3.385630140290050],
    [1e10, 20.02868541330495],
    [-0.2, -0.2591711018190737],
    [-Math.exp(-1), -1],
    [0, 0],
    [1e-8, 9.9999999e-9],
  ];
  for (const [x, w] of known) {
    it(`W(${x}) = ${w}`, () => {
      expect(Math.abs(lambertW(x) - w)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(w)));
    });
  }
  it('satisfies w·e^w = x over many magnitudes', () => {
    fc.assert(
      fc.property(fc.double({ min: -Math.exp(-1) + 1e-12, max: 1e300, noNaN: true }), (x) => {
        const w = lambertW(x);
        const back = w * Math.exp(w);
        return Math.abs(back - x) <= 1e-12 * Math.max(1e-300, Math.abs(x)) * 10 || Math.abs(w - Math.log(x / w)) <= 1e-12 * Math.abs(w);
      }),
    );
  });
  it('rejects x below −1/e', () => {
    expect(() => lambertW(-0.5)).toThrow(RangeError);
  });
});

describe('SPEC §7 check values', () => {
  it('k_max for n = 8·10⁹, ε = 0.01: 17.9706 (classification) and 22.3031 (regression, σ = 0.1)', () => {
    expect(maxAttributes(8e9, 0.01)).toBeCloseTo(17.9706, 4);
    expect(maxAttributes(8e9, 0.01, 0.1)).toBeCloseTo(22.3031, 4);
  });
  it('P_e bound for m = [4079, 1676, 5490, 2092]', () => {
    const groups = [4079, 1676, 5490, 2092].map((m) => ({ m }));
    const expected: Array<[number, number]> = [[0.001, 0.971], [0.002, 0.9413], [0.005, 0.8394], [0.01, 0.5263]];
    for (const [epsilon, bound] of expected) expect(errorProbabilityBound(groups, epsilon)).toBeCloseTo(bound, 4);
  });
  it('clamps at 0 for huge groups instead of overflowing, and is 1 for empty groups', () => {
    expect(errorProbabilityBound([{ m: 1e9 }, { m: 1e9 }], 0.1)).toBe(0);
    expect(errorProbabilityBound([{ m: 0 }, { m: 0 }], 0.01)).toBe(1);
  });
  it('the smallest equal group size puts the bound at ½', () => {
    for (const d of [2, 4, 8, 16]) {
      const m = minGroupSizeFor(d, 0.01);
      const groups = Array.from({ length: d }, () => ({ m }));
      const below = Array.from({ length: d }, () => ({ m: m - 1 }));
      expect(errorProbabilityBound(groups, 0.01)).toBeLessThanOrEqual(0.5);
      expect(errorProbabilityBound(below, 0.01)).toBeGreaterThan(0.5);
    }
  });
});

describe('SPEC §7 for regression: the Gaussian form', () => {
  it('k_max for n = 8·10⁹, ε = 0.01, σ = 0.1 is 22.3031 within 1e-4', () => {
    expect(Math.abs(maxAttributes(8e9, 0.01, 0.1) - 22.3031)).toBeLessThanOrEqual(1e-4);
  });

  it('the bound uses c_j^{m_j} = exp(m_j ε² / σ_j²): two groups of 100 at ε = 0.1, σ = 1 give 1 − √(e − 1) / (2√2)', () => {
    const expected = 1 - Math.sqrt(Math.E - 1) / (2 * Math.SQRT2);
    expect(errorProbabilityBound([{ m: 100, sigma: 1 }, { m: 100, sigma: 1 }], 0.1)).toBeCloseTo(expected, 12);
    // a group with twice the spread contributes e^{1/4} instead of e
    const mixed = 1 - Math.sqrt((Math.E + Math.exp(0.25)) / 2 - 1) / (2 * Math.SQRT2);
    expect(errorProbabilityBound([{ m: 100, sigma: 1 }, { m: 100, sigma: 2 }], 0.1)).toBeCloseTo(mixed, 12);
  });

  it('takes ε in the loss\'s unit, above ½ too, and the equal group size is ln(1 + d) σ² / ε²', () => {
    expect(errorProbabilityBound([{ m: 10, sigma: 40 }, { m: 10, sigma: 40 }], 5)).toBeGreaterThan(0.5);
    expect(minGroupSizeFor(4, 0.1, 1)).toBe(Math.ceil(Math.log(5) / 0.01));
    expect(() => maxAttributes(100, 0, 1)).toThrow(RangeError);
    expect(() => maxAttributes(100, 0.6)).toThrow(RangeError); // classification keeps ε < ½
  });

  it('σ = 0 (every person gains the same) makes the bound 0 and k_max finite', () => {
    expect(errorProbabilityBound([{ m: 5, sigma: 0 }, { m: 5, sigma: 1 }], 0.1)).toBe(0);
    const kMax = maxAttributes(100, 0.1, 0);
    expect(Number.isFinite(kMax)).toBe(true);
    expect(kMax).toBeGreaterThan(1000);
    expect(minGroupSizeFor(4, 0.1, 0)).toBe(1);
  });
});

describe('gainSpread: σ of the per-person gain', () => {
  const squared = (y: number, p: number) => (y - p) ** 2;
  // group 0: losses under h0 [4, 1, 0], under h [1, 1, 1]: gains [3, 0, −1], Σ(g − ḡ)² = 26/3 over 2 degrees of freedom
  const first: GroupPredictions = {
    y: Float64Array.of(0, 0, 0),
    generic: Float64Array.of(2, 1, 0),
    asGroup: [Float64Array.of(1, -1, 1), Float64Array.of(9, 9, 9)],
    truthful: 0,
  };
  // group 1: gains [1, 0], Σ(g − ḡ)² = 1/2 over 1 degree of freedom; its own column is asGroup[1]
  const second: GroupPredictions = {
    y: Float64Array.of(0, 0),
    generic: Float64Array.of(1, 0),
    asGroup: [Float64Array.of(9, 9), Float64Array.of(0, 0)],
    truthful: 1,
  };
  const single: GroupPredictions = { y: Float64Array.of(1), generic: Float64Array.of(0), asGroup: [Float64Array.of(0), Float64Array.of(0)], truthful: 0 };

  it('per group the sample standard deviation (n − 1), pooled within groups, null below two rows', () => {
    const spread = gainSpread([first, second, single], squared);
    expect(spread.perGroup[0]).toBeCloseTo(Math.sqrt(13 / 3), 12);
    expect(spread.perGroup[1]).toBeCloseTo(Math.sqrt(1 / 2), 12);
    expect(spread.perGroup[2]).toBeNull();
    expect(spread.pooled).toBeCloseTo(Math.sqrt((26 / 3 + 1 / 2) / 3), 12);
    expect(gainSpread([single], squared).pooled).toBeNull();
  });

  it('limitsReport puts σ in the bound per group (the pooled σ for a group too small) and in k_max', () => {
    const spread = gainSpread([first, second, single], squared);
    const pooled = spread.pooled!;
    const report = limitsReport([3, 2, 1], 0.5, { ...spread, pooled });
    expect(report.sigma).toBe(pooled);
    expect(report.groupSigmas).toEqual(spread.perGroup);
    const sigmas = [{ m: 3, sigma: spread.perGroup[0]! }, { m: 2, sigma: spread.perGroup[1]! }, { m: 1, sigma: pooled }];
    expect(report.errorProbabilityBound).toBeCloseTo(errorProbabilityBound(sigmas, 0.5), 14);
    expect(report.maxAttributes).toBeCloseTo(maxAttributes(6, 0.5, pooled), 14);
    expect(report.minGroupSize).toBe(minGroupSizeFor(3, 0.5, pooled));
    expect(limitsReport([3, 2, 1], 0.01).sigma).toBeUndefined();
  });
});
