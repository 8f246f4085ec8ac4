import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lambertW } from '../../../src/core/limits/lambert-w';
import { errorProbabilityBound, maxAttributes, minGroupSizeFor } from '../../../src/core/limits/validation-limits';

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
