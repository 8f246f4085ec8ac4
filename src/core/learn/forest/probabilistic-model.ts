import type { DenseMatrix } from '../../numeric/matrix';

/** A fitted model as the audit uses it: one prediction for every row of a feature matrix. */
export interface FittedModel {
  /** P(y = 1) per row of `x` for a classifier, in [0, 1]; the predicted value for a regressor. */
  predict(x: DenseMatrix): Float64Array;
}

/** A fitted binary classifier as the audit uses it: P(y = 1) for every row of a feature matrix. */
export type ProbabilisticModel = FittedModel;

/**
 * What a fit returns when the training labels hold one class: every row gets the smoothed base rate
 * (n₊ + 1) / (n + 2), as the logistic path of `models.ts` does (SPEC §2), so the caller can warn.
 */
export interface ConstantModel extends ProbabilisticModel {
  readonly kind: 'constant';
  /** The probability predicted for every row. */
  readonly rate: number;
}

/** Number of positive labels, or −1 when a label is neither 0 nor 1. */
export function countPositives(y: Uint8Array): number {
  let positives = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] > 1) return -1;
    positives += y[i];
  }
  return positives;
}

/**
 * Checks a classifier's training data and counts its positives: as many labels as rows, at least one row,
 * labels 0 or 1, finite features.
 *
 * @param fn the fitting function's name, for the messages
 * @throws RangeError naming what is wrong
 */
export function checkTrainingData(fn: string, x: DenseMatrix, y: Uint8Array): number {
  checkRowsAndFeatures(fn, x, y.length);
  const positives = countPositives(y);
  if (positives < 0) throw new RangeError(`${fn} requires labels of 0 or 1`);
  return positives;
}

/**
 * Checks a regressor's training data: as many labels as rows, at least one row, finite labels and features.
 *
 * @throws RangeError naming what is wrong
 */
export function checkRegressionData(fn: string, x: DenseMatrix, y: Float64Array): void {
  checkRowsAndFeatures(fn, x, y.length);
  for (let i = 0; i < y.length; i++) {
    if (!Number.isFinite(y[i])) throw new RangeError(`${fn} requires finite labels (row ${i} is ${y[i]})`);
  }
}

function checkRowsAndFeatures(fn: string, x: DenseMatrix, labels: number): void {
  if (x.rows !== labels) throw new RangeError(`${fn}: x has ${x.rows} rows but y has ${labels} labels`);
  if (x.rows === 0) throw new RangeError(`${fn} requires at least one training row`);
  for (let k = 0; k < x.data.length; k++) {
    if (!Number.isFinite(x.data[k])) throw new RangeError(`${fn} requires finite features (row ${Math.floor(k / x.cols)}, column ${k % x.cols} is ${x.data[k]})`);
  }
}

/** The constant model at the smoothed base rate of `positives` among `n` labels. */
export function constantModel(positives: number, n: number): ConstantModel {
  const rate = (positives + 1) / (n + 2);
  return { kind: 'constant', rate, predict: (x: DenseMatrix) => new Float64Array(x.rows).fill(rate) };
}

/**
 * What a regression fit returns when its training labels cannot teach it anything: fewer than
 * MIN_REGRESSION_ROWS rows, or one value. Every row gets their mean, as ridge does (models.ts), so the caller can warn.
 */
export interface ConstantRegressor extends FittedModel {
  readonly kind: 'constant';
  /** The value predicted for every row: the training labels' mean. */
  readonly mean: number;
}

/** Fewer training rows than this, or a single label value among them, and a regressor predicts their mean. */
export const MIN_REGRESSION_ROWS = 2;

/** The constant model at the mean of `y` when y has fewer than MIN_REGRESSION_ROWS rows or one value; else null. */
export function constantRegressorFor(y: Float64Array): ConstantRegressor | null {
  let sum = 0;
  let varies = false;
  for (let i = 0; i < y.length; i++) {
    sum += y[i];
    if (y[i] !== y[0]) varies = true;
  }
  if (y.length >= MIN_REGRESSION_ROWS && varies) return null;
  const mean = sum / y.length;
  return { kind: 'constant', mean, predict: (x: DenseMatrix) => new Float64Array(x.rows).fill(mean) };
}
