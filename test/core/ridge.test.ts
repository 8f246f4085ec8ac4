import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type DenseMatrix, denseMatrix } from '../../src/core/numeric/matrix';
import { fitRidge } from '../../src/core/learn/ridge';

/** A fit by scikit-learn, written by scripts/fixtures/make_ridge_fixtures.py. */
interface RidgeFixture {
  name: string;
  C: number | 'inf';
  unique: boolean;
  coef: number[];
  intercept: number;
  fitted: number[];
  X: number[][];
  y: number[];
}

const FIXTURE_DIR = join(__dirname, '..', 'fixtures', 'ridge');
const fixtures: RidgeFixture[] = readdirSync(FIXTURE_DIR)
  .filter((file) => file.endsWith('.json') && file !== 'metrics.json')
  .sort()
  .map((file) => JSON.parse(readFileSync(join(FIXTURE_DIR, file), 'utf8')) as RidgeFixture);

/** What the fits must reach; they agree within 5e-12 (2e-9 for the unpenalised ill-conditioned case). */
const TOLERANCE = 1e-6;

function matrixOf(rows: number[][]): DenseMatrix {
  return denseMatrix(rows.length, rows[0].length, Float64Array.from(rows.flat()));
}

function predict(weights: Float64Array, intercept: number, X: number[][]): number[] {
  return X.map((row) => row.reduce((s, x, j) => s + x * weights[j], intercept));
}

describe('fitRidge against scikit-learn (SPEC §2: Ridge(alpha = 1/C), LinearRegression for C = Infinity)', () => {
  it('has fixtures for well- and ill-conditioned designs, with and without penalty', () => {
    expect(fixtures.map((f) => f.name)).toEqual(['collinear-C1', 'collinear-Cinf', 'ill-conditioned-C0.01', 'ill-conditioned-C1', 'ill-conditioned-Cinf', 'well-conditioned-C1', 'well-conditioned-Cinf']);
  });

  for (const fixture of fixtures.filter((f) => f.unique)) {
    it(`${fixture.name}: coefficients and intercept within ${TOLERANCE}`, () => {
      const fit = fitRidge(matrixOf(fixture.X), Float64Array.from(fixture.y), { C: fixture.C === 'inf' ? Infinity : fixture.C });
      expect(fit.singular).toBe(false);
      let worst = Math.abs(fit.intercept - fixture.intercept);
      fixture.coef.forEach((c, j) => (worst = Math.max(worst, Math.abs(fit.weights[j] - c))));
      expect(worst).toBeLessThan(TOLERANCE);
    });
  }

  for (const fixture of fixtures.filter((f) => !f.unique)) {
    it(`${fixture.name}: not unique, so the fitted values agree within ${TOLERANCE} and the fit says it is singular`, () => {
      const fit = fitRidge(matrixOf(fixture.X), Float64Array.from(fixture.y), { C: Infinity });
      expect(fit.singular).toBe(true);
      const fitted = predict(fit.weights, fit.intercept, fixture.X);
      const worst = Math.max(...fitted.map((v, i) => Math.abs(v - fixture.fitted[i])));
      expect(worst).toBeLessThan(TOLERANCE);
    });
  }
});

describe('fitRidge by hand', () => {
  it('recovers an exact line without penalty', () => {
    const fit = fitRidge(denseMatrix(3, 1, Float64Array.of(0, 1, 2)), Float64Array.of(1, 3, 5), { C: Infinity });
    expect(fit.weights[0]).toBeCloseTo(2, 12);
    expect(fit.intercept).toBeCloseTo(1, 12);
  });

  it('shrinks the slope by the penalty and leaves the intercept free: w = Sxy / (Sxx + 1/C)', () => {
    // x = [0, 1, 2], y = [1, 3, 5]: Sxx = 2, Sxy = 4; C = 0.5 → w = 4 / (2 + 2) = 1, b = ȳ − w x̄ = 3 − 1 = 2.
    const fit = fitRidge(denseMatrix(3, 1, Float64Array.of(0, 1, 2)), Float64Array.of(1, 3, 5), { C: 0.5 });
    expect(fit.weights[0]).toBeCloseTo(1, 12);
    expect(fit.intercept).toBeCloseTo(2, 12);
  });

  it('fits the mean with no features, and one row exactly', () => {
    expect(fitRidge(denseMatrix(3, 0), Float64Array.of(1, 2, 6)).intercept).toBeCloseTo(3, 12);
    const one = fitRidge(denseMatrix(1, 2, Float64Array.of(4, 5)), Float64Array.of(7));
    expect([...one.weights]).toEqual([0, 0]);
    expect(one.intercept).toBe(7);
  });

  it('refuses bad input by name', () => {
    expect(() => fitRidge(denseMatrix(2, 1), Float64Array.of(1))).toThrow(/fitRidge requires one label per row/);
    expect(() => fitRidge(denseMatrix(1, 1), Float64Array.of(NaN))).toThrow(/finite labels/);
    expect(() => fitRidge(denseMatrix(1, 1), Float64Array.of(1), { C: 0 })).toThrow(/C > 0/);
  });
});
