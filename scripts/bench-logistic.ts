/**
 * Times fitLogistic (SPEC §2) on the sizes the audit meets: the heart example (240 training rows of 27 binary
 * features, and all 303), a dense 20,000 × 470 standard-normal design with 20 nonzero true coefficients (the
 * benchmark's shape), and 20,000 rows of one-hot dummies (20 categorical columns of 23 levels, plus 10
 * numeric), which takes the Cholesky path. Prints one line per case: median wall time, Newton steps, converged.
 *
 *   npx esbuild --bundle --platform=node scripts/bench-logistic.ts --outfile=/tmp/bench-logistic.js
 *   node /tmp/bench-logistic.js        # from the repository root, which holds examples/heart.csv
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fitLogistic, type LogisticModel } from '../src/core/learn/logistic';
import { type DenseMatrix, denseMatrix, selectRows } from '../src/core/numeric/matrix';
import { SeededRandom } from '../src/core/numeric/random';
import { sigmoid } from '../src/core/numeric/sigmoid';

interface Case {
  name: string;
  X: DenseMatrix;
  y: Uint8Array;
  repeats: number;
}

function heart(): { X: DenseMatrix; y: Uint8Array } {
  const lines = readFileSync(join(process.cwd(), 'examples', 'heart.csv'), 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  const featureColumns = header.map((_, j) => j).filter((j) => !['Disease', 'Sex', 'Age'].includes(header[j]));
  const label = header.indexOf('Disease');
  const rows = lines.slice(1).map((line) => line.split(','));
  const X = denseMatrix(rows.length, featureColumns.length);
  rows.forEach((cells, i) => featureColumns.forEach((j, k) => (X.data[i * featureColumns.length + k] = +cells[j])));
  return { X, y: Uint8Array.from(rows, (cells) => +cells[label]) };
}

function normalSampler(random: SeededRandom): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random.nextFloat())) * Math.cos(2 * Math.PI * random.nextFloat());
}

/** X ~ N(0, 1); logit = 0.1 + 20 nonzero coefficients ~ U(−1, 1). */
function gaussian(n: number, d: number, seed: number): { X: DenseMatrix; y: Uint8Array } {
  const random = new SeededRandom(seed);
  const normal = normalSampler(random);
  const X = denseMatrix(n, d);
  for (let k = 0; k < X.data.length; k++) X.data[k] = normal();
  const coefficients = new Float64Array(d);
  for (let k = 0; k < 20; k++) coefficients[random.nextInt(d)] = 2 * random.nextFloat() - 1;
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let z = 0.1;
    for (let j = 0; j < d; j++) z += X.data[i * d + j] * coefficients[j];
    y[i] = random.nextFloat() < sigmoid(z) ? 1 : 0;
  }
  return { X, y };
}

/** 10 standard-normal columns, then 20 categorical columns of 23 levels (Zipf frequencies) one-hot encoded. */
function oneHot(n: number, seed: number): { X: DenseMatrix; y: Uint8Array } {
  const random = new SeededRandom(seed);
  const normal = normalSampler(random);
  const numeric = 10;
  const categoricals = 20;
  const levels = 23;
  const d = numeric + categoricals * levels;
  const levelEffects = Float64Array.from({ length: categoricals * levels }, () => 0.5 * normal());
  const zipf = Array.from({ length: levels }, (_, k) => 1 / (k + 1));
  const zipfTotal = zipf.reduce((a, b) => a + b);
  const X = denseMatrix(n, d);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let z = -0.3;
    for (let j = 0; j < numeric; j++) {
      X.data[i * d + j] = normal();
      z += 0.3 * X.data[i * d + j];
    }
    for (let c = 0; c < categoricals; c++) {
      let u = random.nextFloat() * zipfTotal;
      let level = 0;
      while (level < levels - 1 && u > zipf[level]) u -= zipf[level++];
      X.data[i * d + numeric + c * levels + level] = 1;
      z += levelEffects[c * levels + level];
    }
    y[i] = random.nextFloat() < sigmoid(z) ? 1 : 0;
  }
  return { X, y };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const heartData = heart();
const allHeartRows = Int32Array.from(heartData.y, (_, i) => i);
const heartTrainingRows = new SeededRandom(2338).shuffle(allHeartRows).subarray(0, 240);
const cases: Case[] = [
  {
    name: 'heart 240 x 27',
    X: selectRows(heartData.X, heartTrainingRows),
    y: Uint8Array.from(heartTrainingRows, (i) => heartData.y[i]),
    repeats: 50,
  },
  { name: 'heart 303 x 27', ...heartData, repeats: 50 },
  { name: 'gaussian 20000 x 470', ...gaussian(20_000, 470, 1), repeats: 5 },
  { name: 'one-hot 20000 x 470', ...oneHot(20_000, 2), repeats: 3 },
];

for (const { name, X, y, repeats } of cases) {
  const times: number[] = [];
  let model: LogisticModel | undefined;
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    model = fitLogistic(X, y, { C: 1 });
    times.push(performance.now() - start);
  }
  console.log(
    `${name.padEnd(22)} median ${median(times).toFixed(1).padStart(7)} ms (min ${Math.min(...times).toFixed(1)}, ` +
      `first ${times[0].toFixed(1)}) over ${repeats}; ${model?.iterations} Newton steps, converged ${model?.converged}`,
  );
}
