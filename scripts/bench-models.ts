/**
 * Benchmark of the model classes of paper 1 (Appendix G) on the benchmark shape of `npm run bench`
 * (25,366 training rows × 468 features, the size of paper 1's `mortality`):
 *
 *     npx esbuild scripts/bench-models.ts --bundle --platform=node --outfile=/tmp/bench-models.js && node /tmp/bench-models.js
 *
 * Each model is fitted in its own child process, so each peak RSS is that model's alone. Prints one JSON
 * line: fit and predict times, peak memory, held-out AUC on 5,000 fresh rows, the agreement of the binned
 * forest with the exact one (and, for scale, with itself under another seed), and ratios against a reference measured in the same run (timings on a shared
 * 2-core machine are noisy; the ratio to a same-run reference is what to compare across runs).
 *
 * With ML_RF_PATH set to an installed `ml-random-forest` (e.g. /tmp/eval/node_modules/ml-random-forest), it
 * also times that library against this forest on a smaller shape (its split search is quadratic in the rows).
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fitForest, type ForestModel } from '../src/core/learn/forest';
import { type DenseMatrix, denseMatrix } from '../src/core/numeric/matrix';
import { areaUnderCurve } from '../src/core/audit/metrics';
import { fitMlp, type MlpModel } from '../src/core/learn/mlp';
import { SeededRandom } from '../src/core/numeric/random';
import { referenceMs } from './bench-reference';

const ROWS = Number(process.env.BENCH_ROWS ?? 25_366);
const FEATURES = Number(process.env.BENCH_FEATURES ?? 468);
const TEST_ROWS = 5_000;
const SEED = 2338;
/** The shape on which ml-random-forest is compared (it needs minutes past a few thousand rows). */
const SMALL = { rows: 2_000, features: 468, trees: 10 };

type Stage = 'forest' | 'forest-exact' | 'forest-other-seed' | 'mlp' | 'small-ours' | 'small-ml-random-forest';

interface StageResult {
  fitMs: number;
  predictMs: number;
  peakRssMB: number;
  auc: number;
  /** Test-row probabilities, for agreement between the forest stages. */
  probabilities?: number[];
  details?: Record<string, unknown>;
}

/** As scripts/bench.ts: features ~ N(0, 1) to 3 decimals; the label depends on 20 of them. */
function generate(rows: number, features: number, seed: number): { x: DenseMatrix; y: Uint8Array } {
  const random = new SeededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random.nextFloat())) * Math.cos(2 * Math.PI * random.nextFloat());
  const x = denseMatrix(rows, features);
  const y = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    let logit = -0.5;
    for (let j = 0; j < features; j++) {
      const value = Math.round(normal() * 1000) / 1000;
      x.data[i * features + j] = value;
      if (j < 20) logit += (j % 2 ? 0.5 : -0.4) * value;
    }
    if (x.data[i * features] > 1) logit -= 0.9 * x.data[i * features + 1]; // an interaction a linear model misses
    y[i] = random.nextFloat() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  }
  return { x, y };
}

function auc(y: Uint8Array, p: ArrayLike<number>): number {
  return +areaUnderCurve.prepare(y, Float64Array.from(p), 0.5).score().toFixed(4);
}

function peakRssMB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

function timed<T>(run: () => T): [T, number] {
  const start = performance.now();
  const value = run();
  return [value, Math.round(performance.now() - start)];
}

function runStage(stage: Stage): StageResult {
  const small = stage.startsWith('small');
  const rows = small ? SMALL.rows : ROWS;
  const features = small ? SMALL.features : FEATURES;
  const train = generate(rows, features, SEED);
  const test = generate(TEST_ROWS, features, SEED + 1);
  if (stage === 'small-ml-random-forest') return mlRandomForest(train, test);
  if (stage === 'mlp') {
    const [model, fitMs] = timed(() => fitMlp(train.x, train.y, {}, SEED) as MlpModel);
    const [p, predictMs] = timed(() => model.predict(test.x));
    return { fitMs, predictMs, peakRssMB: peakRssMB(), auc: auc(test.y, p), details: { epochs: model.epochs, converged: model.converged, platt: model.platt } };
  }
  const options = stage === 'forest-exact' ? { maxBins: Infinity } : small ? { trees: SMALL.trees } : {};
  const [model, fitMs] = timed(() => fitForest(train.x, train.y, options, stage === 'forest-other-seed' ? SEED + 1 : SEED) as ForestModel);
  const [p, predictMs] = timed(() => model.predict(test.x));
  const nodes = model.trees.reduce((sum, tree) => sum + tree.nodeCount, 0) / model.trees.length;
  return {
    fitMs,
    predictMs,
    peakRssMB: peakRssMB(),
    auc: auc(test.y, p),
    probabilities: stage === 'small-ours' ? undefined : Array.from(p),
    details: { trees: model.trees.length, meanNodes: Math.round(nodes), exactSplits: model.exactSplits },
  };
}

/** ml-random-forest's classifier as its README configures it, √d features per tree, depth 20. */
function mlRandomForest(train: { x: DenseMatrix; y: Uint8Array }, test: { x: DenseMatrix; y: Uint8Array }): StageResult {
  const path = process.env.ML_RF_PATH;
  if (!path) throw new Error('ML_RF_PATH is not set');
  const { RandomForestClassifier } = createRequire(__filename)(path) as {
    RandomForestClassifier: new (options: object) => { train(x: number[][], y: number[]): void; predictProbability(x: number[][], label: number): number[] };
  };
  const toRows = (m: DenseMatrix) => Array.from({ length: m.rows }, (_, r) => Array.from(m.data.subarray(r * m.cols, (r + 1) * m.cols)));
  const xTrain = toRows(train.x);
  const xTest = toRows(test.x);
  const forest = new RandomForestClassifier({
    nEstimators: SMALL.trees,
    maxFeatures: Math.floor(Math.sqrt(train.x.cols)),
    replacement: true,
    useSampleBagging: true,
    noOOB: true,
    seed: SEED,
    treeOptions: { maxDepth: 20, minNumSamples: 5 },
  });
  const [, fitMs] = timed(() => forest.train(xTrain, Array.from(train.y)));
  const [p, predictMs] = timed(() => forest.predictProbability(xTest, 1));
  return { fitMs, predictMs, peakRssMB: peakRssMB(), auc: auc(test.y, p) };
}

function inChild(stage: Stage): StageResult {
  const child = spawnSync(process.execPath, ['--max-old-space-size=4096', __filename, `--stage=${stage}`], { encoding: 'utf8', env: process.env, maxBuffer: 1 << 28 });
  if (child.status !== 0) throw new Error(`stage ${stage} failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as StageResult;
}

/** How far two forests' test probabilities are apart. */
function agreement(binned: number[], exact: number[]) {
  let sumAbs = 0;
  let maxAbs = 0;
  let sameDecision = 0;
  binned.forEach((p, r) => {
    const gap = Math.abs(p - exact[r]);
    sumAbs += gap;
    maxAbs = Math.max(maxAbs, gap);
    sameDecision += p >= 0.5 === exact[r] >= 0.5 ? 1 : 0;
  });
  return {
    meanAbsDifference: +(sumAbs / binned.length).toFixed(4),
    maxAbsDifference: +maxAbs.toFixed(4),
    sameDecision: +(sameDecision / binned.length).toFixed(4),
  };
}

function main(): void {
  const stageArgument = process.argv.find((a) => a.startsWith('--stage='));
  if (stageArgument) {
    process.stdout.write(JSON.stringify(runStage(stageArgument.slice('--stage='.length) as Stage)));
    return;
  }
  const reference = Math.round(referenceMs(ROWS, FEATURES));
  const forest = inChild('forest');
  const exact = inChild('forest-exact');
  const otherSeed = inChild('forest-other-seed');
  const mlp = inChild('mlp');
  const smallOurs = process.env.ML_RF_PATH ? inChild('small-ours') : undefined;
  const smallTheirs = process.env.ML_RF_PATH ? inChild('small-ml-random-forest') : undefined;
  const strip = ({ probabilities: _, ...rest }: StageResult) => rest;
  const ratio = (ms: number) => +(ms / reference).toFixed(2);
  console.log(
    JSON.stringify({
      data: { rows: ROWS, features: FEATURES, testRows: TEST_ROWS },
      forest: strip(forest),
      forestExact: strip(exact),
      // Same seed, 256 bins vs exact splits; and, for scale, the same binned forest under another seed.
      binnedVsExact: { ...agreement(forest.probabilities!, exact.probabilities!), aucBinned: forest.auc, aucExact: exact.auc },
      binnedVsOtherSeed: { ...agreement(forest.probabilities!, otherSeed.probabilities!), aucOtherSeed: otherSeed.auc },
      mlp,
      ...(smallOurs && smallTheirs
        ? { mlRandomForest: { shape: SMALL, ours: smallOurs, theirs: smallTheirs, fitTimeTheirsOverOurs: +(smallTheirs.fitMs / smallOurs.fitMs).toFixed(1) } }
        : {}),
      referenceMs: { matVec200: reference },
      ratios: { forestFitOverReference: ratio(forest.fitMs), forestExactFitOverReference: ratio(exact.fitMs), mlpFitOverReference: ratio(mlp.fitMs) },
    }),
  );
}

main();
