import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DenseMatrix, denseMatrix, selectRows } from '../../../src/core/numeric/matrix';
import { areaUnderCurve, errorRate, logLoss } from '../../../src/core/audit/metrics';

/** Written by scripts/fixtures/make_forest_fixtures.py. */
export const FIXTURE_DIR = join(__dirname, '..', '..', 'fixtures', 'forest');
const ROOT = join(__dirname, '..', '..', '..');

export interface Dataset {
  readonly x: DenseMatrix;
  readonly y: Uint8Array;
}

export interface TreeCase {
  name: string;
  data: string;
  sklearnVersion: string;
  settings: { maxDepth: number; minSamplesSplit: number; minSamplesLeaf: number };
  train: number[];
  test: number[];
  nodeCountBySeed: number[];
  testProbabilityBySeed: number[][];
  agreementWithSeed0: number[];
}

export interface ForestCase {
  name: string;
  data: string;
  train: number[];
  test: number[];
  sklearnBySeed: Array<{ auc: number; accuracy: number; logLoss: number }>;
}

export function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(join(FIXTURE_DIR, file), 'utf8')) as T;
}

/**
 * A fixture dataset with every value rounded to float32 (scikit-learn's trees work in float32; the fixture
 * holds the shortest decimals of those float32 values). `heart` is examples/heart.csv without Sex and Age.
 */
export function loadDataset(name: string): Dataset {
  let rows: number[][];
  let labels: number[];
  if (name === 'heart') {
    const lines = readFileSync(join(ROOT, 'examples', 'heart.csv'), 'utf8').trim().split('\n');
    const header = lines[0].split(',');
    const keep = header.map((h, j) => (h === 'Disease' || h === 'Sex' || h === 'Age' ? -1 : j)).filter((j) => j >= 0);
    const cells = lines.slice(1).map((line) => line.split(','));
    rows = cells.map((c) => keep.map((j) => Number(c[j])));
    labels = cells.map((c) => Number(c[header.indexOf('Disease')]));
  } else {
    const data = readJson<{ X: number[][]; y: number[] }>(`data-${name}.json`);
    rows = data.X;
    labels = data.y;
  }
  const cols = rows[0].length;
  return { x: denseMatrix(rows.length, cols, Float64Array.from(rows.flat(), Math.fround)), y: Uint8Array.from(labels) };
}

export function trainTest(data: Dataset, train: number[], test: number[]) {
  return {
    xTrain: selectRows(data.x, train),
    yTrain: Uint8Array.from(train, (r) => data.y[r]),
    xTest: selectRows(data.x, test),
    yTest: Uint8Array.from(test, (r) => data.y[r]),
  };
}

export function scores(y: Uint8Array, p: Float64Array) {
  return {
    auc: areaUnderCurve.prepare(y, p, 0.5).score(),
    accuracy: 1 - errorRate.prepare(y, p, 0.5).score(),
    logLoss: logLoss.prepare(y, p, 0.5).score(),
  };
}

export function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}
