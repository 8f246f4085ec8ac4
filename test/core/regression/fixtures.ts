import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DenseMatrix, denseMatrix, selectRows } from '../../../src/core/numeric/matrix';

/** Written by scripts/fixtures/make_regression_fixtures.py. */
const FIXTURE_DIR = join(__dirname, '..', '..', 'fixtures', 'regression');

export function readRegressionJson<T>(file: string): T {
  return JSON.parse(readFileSync(join(FIXTURE_DIR, file), 'utf8')) as T;
}

/** The fields every case of one dataset shares: its name, the dataset and the 80/20 split. */
export interface RegressionCase {
  name: string;
  data: string;
  train: number[];
  test: number[];
}

export interface RegressionData {
  readonly x: DenseMatrix;
  readonly y: Float64Array;
}

/** A fixture dataset, features rounded to float32 as scikit-learn's trees see them. */
export function loadRegressionData(name: string): RegressionData {
  const data = readRegressionJson<{ X: number[][]; y: number[] }>(`data-${name}.json`);
  return { x: denseMatrix(data.X.length, data.X[0].length, Float64Array.from(data.X.flat(), Math.fround)), y: Float64Array.from(data.y) };
}

export function regressionSplit(data: RegressionData, fixture: RegressionCase) {
  return {
    xTrain: selectRows(data.x, fixture.train),
    yTrain: Float64Array.from(fixture.train, (r) => data.y[r]),
    xTest: selectRows(data.x, fixture.test),
    yTest: Float64Array.from(fixture.test, (r) => data.y[r]),
  };
}

/** Mean squared error, written out here so the test does not lean on the metric under test elsewhere. */
export function meanSquaredError(y: Float64Array, prediction: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < y.length; i++) sum += (y[i] - prediction[i]) ** 2;
  return sum / y.length;
}

export function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Sample standard deviation (n − 1). */
export function standardDeviation(values: readonly number[]): number {
  const m = mean(values);
  return Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1));
}

export function median(values: readonly number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
