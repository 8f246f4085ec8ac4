import {
  type ConstantModel,
  type ConstantRegressor,
  checkRegressionData,
  checkTrainingData,
  constantModel,
  constantRegressorFor,
  type ProbabilisticModel,
} from '../forest/probabilistic-model';
import { type DenseMatrix, selectRows } from '../../numeric/matrix';
import { SeededRandom } from '../../numeric/random';
import { sigmoid } from '../../numeric/sigmoid';
import { Adam } from './adam';
import { initialParameters, lossAndGradient, type NetworkShape, networkScratch, networkShape, outputLogits } from './network';
import { fitPlatt, type PlattScaling, plattProbability } from './platt';

export interface MlpOptions {
  /** Units of each hidden ReLU layer. Default [5, 2] (paper 1, Appendix G.2.1). */
  hiddenLayers?: readonly number[];
  /** Adam's step size. Default 1e-3 (paper 1, Appendix G.2.1; scikit-learn's default). */
  learningRate?: number;
  /** L2 penalty on the weights (scikit-learn's alpha). Default 1e-4 (scikit-learn's). */
  alpha?: number;
  /** Rows per Adam step; the last batch of an epoch holds the rest. Default 200 (scikit-learn's). */
  batchSize?: number;
  /** Most passes over the training rows. Default 200 (scikit-learn's max_iter). */
  maxEpochs?: number;
  /**
   * Training stops when the epoch's loss has not fallen by `tol` below the best so far for more than
   * `patience` epochs in a row. Defaults 1e-4 and 10 (scikit-learn's tol and n_iter_no_change).
   */
  tol?: number;
  patience?: number;
  /**
   * Share of the training rows held out, stratified by label, to fit Platt scaling on the net's output
   * logit. Default 0.2 *(fixed here: the paper says it applies Platt scaling, not on which rows)*; 0 = none.
   */
  calibrationFraction?: number;
  /**
   * Standardise every feature by the mean and standard deviation of the rows the net is trained on, as
   * scikit-learn recommends in front of an MLPClassifier. Default true.
   */
  standardize?: boolean;
}

export const MLP_DEFAULTS = {
  hiddenLayers: [5, 2],
  learningRate: 1e-3,
  alpha: 1e-4,
  batchSize: 200,
  maxEpochs: 200,
  tol: 1e-4,
  patience: 10,
  calibrationFraction: 0.2,
  standardize: true,
} as const satisfies Required<MlpOptions>;

/** Adam's moment decays and ε, scikit-learn's defaults. */
const ADAM = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 } as const;

export interface MlpModel extends ProbabilisticModel {
  readonly kind: 'mlp';
  readonly shape: NetworkShape;
  readonly parameters: Float64Array;
  /** Platt scaling of the output logit; null when no rows were held out for it (or they held one class), and for a regressor. */
  readonly platt: PlattScaling | null;
  /**
   * A regressor's prediction is z · scale + mean: the net learns the label standardised by the mean and the
   * standard deviation of its training labels. null for a classifier.
   */
  readonly target: TargetScaling | null;
  /** Epochs run, and whether the loss had stopped improving by then (false: maxEpochs ran out first). */
  readonly epochs: number;
  readonly converged: boolean;
  /** The training objective over the last epoch, as scikit-learn's loss_. */
  readonly loss: number;
}

/**
 * Fits the neural net of paper 1 (Appendix G.2.1) as scikit-learn's `MLPClassifier(hidden_layer_sizes=(5, 2),
 * learning_rate_init=1e-3)`: ReLU hidden layers (scikit-learn's default; the paper names none), a sigmoid
 * output, log loss plus α‖W‖²/2 per batch, Adam on shuffled mini-batches of 200, Glorot-uniform start, and
 * scikit-learn's stopping rule. Adam rather than L-BFGS because the paper gives a learning rate, which only the
 * stochastic solvers have. Then Platt scaling of the output logit, fitted on a stratified 20% of the training
 * rows that the net does not see (the paper applies Platt scaling; the split is fixed here).
 *
 * Seeded: stream 0 of `seed` draws the calibration rows, stream 1 the initial weights, stream 2 the batches.
 * When the training labels hold one class, returns the constant model at the smoothed base rate.
 *
 * @param x n × d training features, finite (d = 0 allowed: the net sees only its biases)
 * @param y n labels, each 0 or 1
 * @throws RangeError when x.rows ≠ y.length or is 0, a label is not 0/1, a value of x is not finite, or an
 *   option is out of range
 * @example
 * // test/fixtures/mlp/mlp-breast-cancer.json (398 training rows, 30 features), median over seeds 0–39:
 * fitMlp(xTrain, yTrain, {}, seed).predict(xTest); // => held-out log loss 0.113 (scikit-learn's net + Platt: 0.113)
 */
export function fitMlp(x: DenseMatrix, y: Uint8Array, options: MlpOptions, seed: number): MlpModel | ConstantModel {
  const settings = resolveMlpOptions(options);
  const positives = checkTrainingData('fitMlp', x, y);
  if (positives === 0 || positives === y.length) return constantModel(positives, y.length);

  const { fitRows, calibrationRows } = holdOut(y, settings.calibrationFraction, new SeededRandom(seed, 0));
  const { mean, inverseScale } = settings.standardize ? standardization(x, fitRows) : noStandardization(x.cols);
  const shape = networkShape([x.cols, ...settings.hiddenLayers, 1], mean, inverseScale);
  const theta = initialParameters(shape, new SeededRandom(seed, 1));
  const { epochs, converged, loss } = trainNetwork(shape, theta, x, y, fitRows, settings, new SeededRandom(seed, 2));

  let platt: PlattScaling | null = null;
  if (hasBothClasses(y, calibrationRows)) {
    const scores = outputLogits(shape, theta, selectRows(x, calibrationRows));
    platt = fitPlatt(scores, Uint8Array.from(calibrationRows, (r) => y[r]));
  }
  return mlpModel(shape, theta, platt, null, { epochs, converged, loss });
}

/** The mean and (population) standard deviation a regressor's net standardises its label by. */
export interface TargetScaling {
  readonly mean: number;
  readonly scale: number;
}

/**
 * Fits the same net as fitMlp to a numeric label, as scikit-learn's `MLPRegressor(hidden_layer_sizes=(5, 2),
 * learning_rate_init=1e-3)` behind a StandardScaler of the features and of the label
 * (`TransformedTargetRegressor(transformer=StandardScaler())`): identity output, half the mean squared error
 * plus α‖W‖²/2 per batch, the same Adam, start and stopping rule, on every training row (no Platt step, so no
 * hold-out). The label is standardised *(fixed here)*: from a Glorot start, 200 epochs of Adam at 1e-3 move the
 * output bias by well under 1, so a net on a label in the hundreds (blood pressure in mmHg) would stop far from
 * its mean; scikit-learn's MLPRegressor does the same on such a label unless its target is scaled.
 *
 * Seeded: stream 1 of `seed` draws the initial weights, stream 2 the batches (as fitMlp). When the training
 * labels are fewer than two or all equal, returns the constant model at their mean.
 *
 * @param x n × d training features, finite
 * @param y n finite labels
 * @param options as fitMlp's; calibrationFraction is not used
 * @throws RangeError as fitMlp, with "finite labels" for the labels
 * @example
 * // test/fixtures/regression/mlp-diabetes.json (353 training rows, 10 features), median over seeds 0–39:
 * fitMlpRegressor(xTrain, yTrain, {}, seed).predict(xTest); // => median held-out MSE 3,754 (scikit-learn's: 3,961)
 */
export function fitMlpRegressor(x: DenseMatrix, y: Float64Array, options: MlpOptions, seed: number): MlpModel | ConstantRegressor {
  const settings = resolveMlpOptions(options);
  checkRegressionData('fitMlpRegressor', x, y);
  const constant = constantRegressorFor(y);
  if (constant) return constant;

  const allRows = Int32Array.from({ length: x.rows }, (_, r) => r);
  const { mean, inverseScale } = settings.standardize ? standardization(x, allRows) : noStandardization(x.cols);
  const shape = networkShape([x.cols, ...settings.hiddenLayers, 1], mean, inverseScale, 'squared');
  const target = targetScaling(y);
  const yStandardized = y.map((v) => (v - target.mean) / target.scale);
  const theta = initialParameters(shape, new SeededRandom(seed, 1));
  const { epochs, converged, loss } = trainNetwork(shape, theta, x, yStandardized, allRows, settings, new SeededRandom(seed, 2));
  return mlpModel(shape, theta, null, target, { epochs, converged, loss });
}

/**
 * A net as a model: P(y = 1) = Platt(z) or σ(z) for a classifier (target null), z · scale + mean for a regressor.
 * Also how a saved net (the engine's model file) becomes a model again.
 */
export function mlpModel(
  shape: NetworkShape,
  theta: Float64Array,
  platt: PlattScaling | null,
  target: TargetScaling | null,
  training: { epochs: number; converged: boolean; loss: number },
): MlpModel {
  const scratch = networkScratch(shape);
  return {
    kind: 'mlp',
    shape,
    parameters: theta,
    platt,
    target,
    ...training,
    predict(rowsToScore: DenseMatrix): Float64Array {
      const features = shape.sizes[0];
      if (rowsToScore.cols !== features) throw new RangeError(`MlpModel.predict: the net was fitted on ${features} features, got ${rowsToScore.cols}`);
      const logits = outputLogits(shape, theta, rowsToScore, scratch);
      if (target) return logits.map((z) => z * target.scale + target.mean);
      return logits.map((z) => (platt ? plattProbability(platt, z) : sigmoid(z)));
    },
  };
}

/** Mean and population standard deviation of y (StandardScaler's); y holds two values at least. */
function targetScaling(y: Float64Array): TargetScaling {
  let mean = 0;
  for (let i = 0; i < y.length; i++) mean += y[i];
  mean /= y.length;
  let squares = 0;
  for (let i = 0; i < y.length; i++) squares += (y[i] - mean) ** 2;
  const scale = Math.sqrt(squares / y.length);
  return { mean, scale: scale > 0 ? scale : 1 };
}

/**
 * Mini-batch Adam with scikit-learn's stopping rule, from `theta` (updated in place). The rows are shuffled
 * before every epoch by `shuffle`, or kept in order when it is null (scikit-learn's shuffle=False).
 */
export function trainNetwork(
  shape: NetworkShape,
  theta: Float64Array,
  x: DenseMatrix,
  y: Uint8Array | Float64Array,
  fitRows: Int32Array,
  settings: Pick<Required<MlpOptions>, 'learningRate' | 'alpha' | 'batchSize' | 'maxEpochs' | 'tol' | 'patience'>,
  shuffle: SeededRandom | null,
): { epochs: number; converged: boolean; loss: number; lossCurve: number[] } {
  const n = fitRows.length;
  const batchSize = Math.min(settings.batchSize, n);
  const adam = new Adam(theta.length, { learningRate: settings.learningRate, ...ADAM });
  const gradient = new Float64Array(theta.length);
  const scratch = networkScratch(shape);
  const order = fitRows.slice();
  let bestLoss = Infinity;
  let epochsWithoutImprovement = 0;
  const lossCurve: number[] = [];
  for (let epoch = 1; epoch <= settings.maxEpochs; epoch++) {
    shuffle?.shuffle(order);
    let summedLoss = 0;
    for (let from = 0; from < n; from += batchSize) {
      const to = Math.min(n, from + batchSize);
      summedLoss += lossAndGradient(shape, theta, x, y, order, from, to, settings.alpha, gradient, scratch) * (to - from);
      adam.step(theta, gradient);
    }
    const loss = summedLoss / n;
    lossCurve.push(loss);
    epochsWithoutImprovement = loss > bestLoss - settings.tol ? epochsWithoutImprovement + 1 : 0;
    if (loss < bestLoss) bestLoss = loss;
    if (epochsWithoutImprovement > settings.patience) return { epochs: epoch, converged: true, loss, lossCurve };
  }
  return { epochs: settings.maxEpochs, converged: false, loss: lossCurve[lossCurve.length - 1], lossCurve };
}

/**
 * Splits the training rows into the rows the net is fitted on and the rows Platt scaling is fitted on:
 * per class, round(fraction · count) random rows, but never a class's last row, so the net sees both classes.
 */
export function holdOut(y: Uint8Array, fraction: number, random: SeededRandom): { fitRows: Int32Array; calibrationRows: Int32Array } {
  const fit: number[] = [];
  const calibration: number[] = [];
  for (const label of [0, 1]) {
    const rows: number[] = [];
    for (let r = 0; r < y.length; r++) if (y[r] === label) rows.push(r);
    random.shuffle(rows);
    const held = Math.min(rows.length - 1, Math.round(fraction * rows.length));
    rows.forEach((r, k) => (k < held ? calibration : fit).push(r));
  }
  const ascending = (a: number, b: number) => a - b;
  return { fitRows: Int32Array.from(fit.sort(ascending)), calibrationRows: Int32Array.from(calibration.sort(ascending)) };
}

/** Column means and 1 / standard deviation (population, as scikit-learn's StandardScaler; 1 for a constant column). */
function standardization(x: DenseMatrix, rows: Int32Array): { mean: Float64Array; inverseScale: Float64Array } {
  const d = x.cols;
  const mean = new Float64Array(d);
  const squares = new Float64Array(d);
  for (const r of rows) for (let j = 0; j < d; j++) mean[j] += x.data[r * d + j];
  for (let j = 0; j < d; j++) mean[j] /= rows.length;
  for (const r of rows) {
    for (let j = 0; j < d; j++) {
      const centred = x.data[r * d + j] - mean[j];
      squares[j] += centred * centred;
    }
  }
  const inverseScale = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    const sd = Math.sqrt(squares[j] / rows.length);
    inverseScale[j] = sd > 0 ? 1 / sd : 1;
  }
  return { mean, inverseScale };
}

function noStandardization(d: number): { mean: Float64Array; inverseScale: Float64Array } {
  return { mean: new Float64Array(d), inverseScale: new Float64Array(d).fill(1) };
}

function hasBothClasses(y: Uint8Array, rows: Int32Array): boolean {
  let positives = 0;
  for (const r of rows) positives += y[r];
  return positives > 0 && positives < rows.length;
}

function resolveMlpOptions(options: MlpOptions): Required<MlpOptions> {
  const o = { ...MLP_DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as Required<MlpOptions>;
  const check = (ok: boolean, requirement: string, value: unknown) => {
    if (!ok) throw new RangeError(`fitMlp requires ${requirement} (got ${String(value)})`);
  };
  check(o.hiddenLayers.every((u) => Number.isInteger(u) && u >= 1), 'hiddenLayers to be positive integers', o.hiddenLayers);
  check(o.learningRate > 0 && Number.isFinite(o.learningRate), 'learningRate > 0', o.learningRate);
  check(o.alpha >= 0 && Number.isFinite(o.alpha), 'alpha ≥ 0', o.alpha);
  check(Number.isInteger(o.batchSize) && o.batchSize >= 1, 'batchSize to be a positive integer', o.batchSize);
  check(Number.isInteger(o.maxEpochs) && o.maxEpochs >= 1, 'maxEpochs to be a positive integer', o.maxEpochs);
  check(o.tol >= 0, 'tol ≥ 0', o.tol);
  check(Number.isInteger(o.patience) && o.patience >= 0, 'patience to be a non-negative integer', o.patience);
  check(o.calibrationFraction >= 0 && o.calibrationFraction < 1, 'calibrationFraction in [0, 1)', o.calibrationFraction);
  return o;
}
