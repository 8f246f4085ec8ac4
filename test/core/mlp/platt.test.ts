import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitPlatt, plattProbability } from '../../../src/core/learn/mlp';

/** Written by scripts/fixtures/make_mlp_fixtures.py: CalibratedClassifierCV(method='sigmoid', cv='prefit'). */
interface PlattCase {
  name: string;
  scores: number[];
  y: number[];
  a: number;
  b: number;
  grid: number[];
  gridProbability: number[];
}

const FIXTURES = ['hand', 'overconfident', 'underconfident'].map(
  (name) => JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'mlp', `platt-${name}.json`), 'utf8')) as PlattCase,
);

describe.each(FIXTURES)('fitPlatt vs scikit-learn: $name', (fixture) => {
  const platt = fitPlatt(Float64Array.from(fixture.scores), Uint8Array.from(fixture.y));

  it('finds scikit-learn’s a and b (its BFGS stops at a gradient of 1e-5)', () => {
    expect(Math.abs(platt.a - fixture.a)).toBeLessThan(1e-5 * Math.max(1, Math.abs(fixture.a)));
    expect(Math.abs(platt.b - fixture.b)).toBeLessThan(1e-5 * Math.max(1, Math.abs(fixture.b)));
  });

  it('gives its calibrated probabilities', () => {
    fixture.grid.forEach((score, k) => expect(plattProbability(platt, score)).toBeCloseTo(fixture.gridProbability[k], 6));
  });
});

describe('fitPlatt', () => {
  it('on the hand case: six scores, targets 1/5 and 4/5 (Platt’s smoothing with three of each class)', () => {
    // The minimiser of Σ −t log p − (1 − t) log(1 − p) with t = 4/5 for y = 1 and 1/5 for y = 0 sets the
    // gradient to zero; check it directly rather than trusting any solver.
    const scores = Float64Array.of(-2, -1, 0, 1, 2, 3);
    const y = Uint8Array.of(0, 0, 1, 0, 1, 1);
    const { a, b } = fitPlatt(scores, y);
    let ga = 0;
    let gb = 0;
    scores.forEach((f, i) => {
      const p = 1 / (1 + Math.exp(a * f + b));
      const t = y[i] === 1 ? 4 / 5 : 1 / 5;
      // ∂/∂a of the objective is Σ (t − p)·f, ∂/∂b is Σ (t − p).
      ga += (t - p) * f;
      gb += t - p;
    });
    expect(Math.abs(ga)).toBeLessThan(1e-10);
    expect(Math.abs(gb)).toBeLessThan(1e-10);
    expect(a).toBeLessThan(0); // higher score, higher probability
  });

  it('handles perfectly separated scores with finite parameters (the smoothed targets keep a minimum)', () => {
    const { a, b } = fitPlatt(Float64Array.of(-3, -2, -1, 1, 2, 3), Uint8Array.of(0, 0, 0, 1, 1, 1));
    expect(Number.isFinite(a) && Number.isFinite(b)).toBe(true);
    expect(plattProbability({ a, b }, 3)).toBeLessThan(1);
    expect(plattProbability({ a, b }, 3)).toBeGreaterThan(0.7);
  });

  it('rejects mismatched or empty input', () => {
    expect(() => fitPlatt(Float64Array.of(1), new Uint8Array(2))).toThrow(/1 scores but 2 labels/);
    expect(() => fitPlatt(new Float64Array(0), new Uint8Array(0))).toThrow(/at least one row/);
  });
});
