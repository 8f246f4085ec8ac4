import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { meanAbsoluteError, meanSquaredError, METRIC_IDS, metricIdsFor, METRICS } from '../../../src/core/audit/metrics';
import { labelVariance, rSquared } from '../../../src/core/audit/metrics/r-squared';

/** scikit-learn's mean_squared_error, mean_absolute_error and r2_score, from scripts/fixtures/make_ridge_fixtures.py. */
interface MetricsFixture {
  y: number[];
  p: number[];
  weights: number[];
  mse: number;
  mae: number;
  r2: number;
  weightedMse: number;
  weightedMae: number;
}

const fixture = JSON.parse(readFileSync(join(__dirname, '../../fixtures/ridge/metrics.json'), 'utf8')) as MetricsFixture;

describe('MSE, MAE and R² by hand (SPEC §3)', () => {
  // y = [1, 2, 4], p = [1.5, 2, 2]: errors 0.5, 0, −2.
  const y = Float64Array.of(1, 2, 4);
  const p = Float64Array.of(1.5, 2, 2);

  it('MSE = (0.25 + 0 + 4) / 3 and MAE = (0.5 + 0 + 2) / 3', () => {
    expect(meanSquaredError.prepare(y, p, 0.5).score()).toBeCloseTo(4.25 / 3, 14);
    expect(meanAbsoluteError.prepare(y, p, 0.5).score()).toBeCloseTo(2.5 / 3, 14);
  });

  it('R² = 1 − MSE / Var(y), Var(y) = 14/9 about the mean 7/3: 1 − (17/12)/(14/9) = 5/56', () => {
    expect(labelVariance(y)).toBeCloseTo(14 / 9, 14);
    expect(rSquared(4.25 / 3, labelVariance(y))).toBeCloseTo(5 / 56, 14);
  });

  it('R² is 1 for exact predictions, 0 for the mean, negative when worse, and null where Var(y) = 0', () => {
    expect(rSquared(0, labelVariance(y))).toBe(1);
    expect(rSquared(meanSquaredError.prepare(y, Float64Array.of(7 / 3, 7 / 3, 7 / 3), 0.5).score(), labelVariance(y))).toBeCloseTo(0, 14);
    expect(rSquared(3, labelVariance(y))!).toBeLessThan(0);
    expect(rSquared(1, labelVariance(Float64Array.of(5, 5)))).toBeNull();
    expect(rSquared(null, 1)).toBeNull();
  });

  it('a resample is a vector of counts: weights 2, 0, 1 score rows 1, 1, 3 (SPEC §5 cost note)', () => {
    const weights = Float64Array.of(2, 0, 1);
    expect(meanSquaredError.prepare(y, p, 0.5).score(weights)).toBeCloseTo((2 * 0.25 + 4) / 3, 14);
    expect(meanAbsoluteError.prepare(y, p, 0.5).score(weights)).toBeCloseTo((2 * 0.5 + 2) / 3, 14);
  });

  it('the per-row losses are the squared and the absolute error', () => {
    expect(meanSquaredError.rowLoss!(1, 4)).toBe(9);
    expect(meanAbsoluteError.rowLoss!(4, 1)).toBe(3);
  });
});

describe('MSE, MAE and R² against scikit-learn', () => {
  const y = Float64Array.from(fixture.y);
  const p = Float64Array.from(fixture.p);

  it('mean_squared_error, mean_absolute_error and r2_score within 1e-10', () => {
    const mse = meanSquaredError.prepare(y, p, 0.5).score();
    expect(Math.abs(mse - fixture.mse)).toBeLessThan(1e-10);
    expect(Math.abs(meanAbsoluteError.prepare(y, p, 0.5).score() - fixture.mae)).toBeLessThan(1e-10);
    expect(Math.abs(rSquared(mse, labelVariance(y))! - fixture.r2)).toBeLessThan(1e-10);
  });

  it('with sample weights as bootstrap counts', () => {
    const weights = Float64Array.from(fixture.weights);
    expect(Math.abs(meanSquaredError.prepare(y, p, 0.5).score(weights) - fixture.weightedMse)).toBeLessThan(1e-10);
    expect(Math.abs(meanAbsoluteError.prepare(y, p, 0.5).score(weights) - fixture.weightedMae)).toBeLessThan(1e-10);
  });
});

describe('metrics by task', () => {
  it('a regression audit computes MSE and MAE, a classification audit the five of paper 1', () => {
    expect(metricIdsFor('regression')).toEqual(['mse', 'mae']);
    expect(metricIdsFor('classification')).toEqual(['error', 'auc', 'ece', 'logloss', 'brier']);
    for (const id of METRIC_IDS) {
      const task = metricIdsFor('regression').includes(id) ? 'regression' : metricIdsFor('classification').includes(id) ? 'classification' : 'any';
      expect(METRICS[id].task).toBe(task);
    }
    expect(METRIC_IDS.filter((id) => METRICS[id].task === 'any')).toEqual(['sufficiency', 'comprehensiveness']);
  });
});
