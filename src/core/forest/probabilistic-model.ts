import type { DenseMatrix } from '../matrix';

/** A fitted binary classifier as the audit uses it: P(y = 1) for every row of a feature matrix. */
export interface ProbabilisticModel {
  /** P(y = 1) per row of `x`, in [0, 1]. */
  predict(x: DenseMatrix): Float64Array;
}

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
  if (x.rows !== y.length) throw new RangeError(`${fn}: x has ${x.rows} rows but y has ${y.length} labels`);
  if (x.rows === 0) throw new RangeError(`${fn} requires at least one training row`);
  const positives = countPositives(y);
  if (positives < 0) throw new RangeError(`${fn} requires labels of 0 or 1`);
  for (let k = 0; k < x.data.length; k++) {
    if (!Number.isFinite(x.data[k])) throw new RangeError(`${fn} requires finite features (row ${Math.floor(k / x.cols)}, column ${k % x.cols} is ${x.data[k]})`);
  }
  return positives;
}

/** The constant model at the smoothed base rate of `positives` among `n` labels. */
export function constantModel(positives: number, n: number): ConstantModel {
  const rate = (positives + 1) / (n + 2);
  return { kind: 'constant', rate, predict: (x: DenseMatrix) => new Float64Array(x.rows).fill(rate) };
}
