import { describe, expect, it } from 'vitest';
import { linearExplanationQuality } from '../../../src/core/learn/explain/linear-explanations';
import { explanationSize, rankByMagnitude } from '../../../src/core/learn/explain/top-inputs';
import { denseMatrix } from '../../../src/core/numeric/matrix';
import { sigmoid } from '../../../src/core/numeric/sigmoid';

// Hand-worked case (SPEC §9): w = [2, −1, 0.5], c = 0.5, b = [0, 1, 0], z = [1, 3, 4].
// Attributions w_j (z_j − b_j) = [2, −2, 2]: all three tie in magnitude, so column order decides S.
// f(z) = σ(0.5 + 2 − 3 + 2) = σ(1.5).
const model = { weights: Float64Array.of(2, -1, 0.5), intercept: 0.5 };
const baseline = Float64Array.of(0, 1, 0);
const row = denseMatrix(1, 3, Float64Array.of(1, 3, 4));

describe('the explanation set S(z)', () => {
  it('keeps ⌈r·d⌉ inputs, computed in double precision', () => {
    expect(explanationSize(0.5, 27)).toBe(14);
    expect(explanationSize(0.5, 3)).toBe(2);
    expect(explanationSize(1, 3)).toBe(3);
    expect(explanationSize(0.14, 50)).toBe(8); // 0.14 · 50 = 7.000000000000001, as numpy computes it
    expect(() => explanationSize(0, 3)).toThrow(/fraction in \(0, 1\]/);
  });

  it('ranks by |a_j|, ties in column order', () => {
    expect([...rankByMagnitude(Float64Array.of(0.5, -2, 2, 0))]).toEqual([1, 2, 0, 3]);
    expect([...rankByMagnitude(Float64Array.of(2, -2, 2))]).toEqual([0, 1, 2]);
  });
});

describe('linearExplanationQuality (exact logistic attributions)', () => {
  it('r = 1/3: S = {x1} (the first of three tied columns)', () => {
    // z_S = [1, 1, 0]: σ(0.5 + 2 − 1) = σ(1.5), sufficiency 0.
    // z_¬S = [0, 3, 4]: σ(0.5 − 3 + 2) = σ(−0.5), comprehensiveness σ(1.5) − σ(−0.5).
    const q = linearExplanationQuality(model, sigmoid, baseline, row, 1 / 3);
    expect(q.sufficiency[0]).toBeCloseTo(0, 15);
    expect(q.comprehensiveness[0]).toBeCloseTo(0.44003380739549824, 15);
  });

  it('r = 0.5: S = {x1, x2}, whose attributions cancel', () => {
    // z_S = [1, 3, 0]: σ(−0.5); z_¬S = [0, 1, 4]: σ(1.5).
    const q = linearExplanationQuality(model, sigmoid, baseline, row, 0.5);
    expect(q.sufficiency[0]).toBeCloseTo(0.44003380739549824, 15);
    expect(q.comprehensiveness[0]).toBeCloseTo(0, 15);
  });

  it('ranks a fixed group dummy with the row inputs', () => {
    // A dummy with w = 3, value 1, b = 0.25: attribution 2.25, first; then x1. f(z) = σ(4.5).
    // z_S = [1, 1, 0, 1]: σ(0.5 + 2 − 1 + 3) = σ(4.5); z_¬S = [0, 3, 4, 0.25]: σ(0.5 − 3 + 2 + 0.75) = σ(0.25).
    const withDummy = { weights: Float64Array.of(2, -1, 0.5, 3), intercept: 0.5 };
    const q = linearExplanationQuality(withDummy, sigmoid, Float64Array.of(0, 1, 0, 0.25), row, 0.5, Float64Array.of(1));
    expect(q.sufficiency[0]).toBeCloseTo(0, 15);
    expect(q.comprehensiveness[0]).toBeCloseTo(0.42683655648360874, 15);
  });

  it('a constant model (all weights 0) explains nothing away: both are 0', () => {
    const q = linearExplanationQuality({ weights: new Float64Array(3), intercept: -1 }, sigmoid, baseline, row, 0.5);
    expect([q.sufficiency[0], q.comprehensiveness[0]]).toEqual([0, 0]);
  });

  it('refuses weights and a baseline of different lengths', () => {
    expect(() => linearExplanationQuality(model, sigmoid, Float64Array.of(0, 1), row, 0.5)).toThrow(/3 weights and baseline values/);
  });
});
