import { choleskyInPlace, choleskySolveInPlace } from '../numeric/cholesky';
import { addScaledRow, hessian, rowDot } from './logistic-objective';
import type { DenseMatrix } from '../numeric/matrix';

export interface RidgeOptions {
  /** Inverse penalty strength, as for the logistic regression; Infinity = no penalty (least squares). Default 1. */
  C?: number;
}

export interface RidgeModel {
  /** One per column of X. */
  readonly weights: Float64Array;
  readonly intercept: number;
  /** Solves with the factored normal equations (1 is the closed form; more refine it). */
  readonly steps: number;
  /**
   * True when the normal equations were singular — no penalty and linearly dependent columns (one-hot dummies
   * for every level beside the intercept), or fewer rows than columns — so the least-squares fit is not unique.
   * The weights are then one of its solutions; predictions on rows like the training rows do not depend on which.
   */
  readonly singular: boolean;
}

/** Most solves: one closed-form step, then refinements (more only when a singular system needed a jitter). */
const MAX_STEPS = 30;
/** First jitter tried, relative to the largest diagonal entry, when the normal equations are singular. */
const FIRST_JITTER = 1e-12;

/**
 * Ridge least squares of SPEC §2, with the logistic regression's penalty convention: minimises
 * ½ Σ_i (y_i − w·x_i − b)² + ‖w‖² / (2C), the intercept b unpenalised. Twice that objective is
 * ‖y − Xw − b‖² + ‖w‖²/C, so this is scikit-learn's `Ridge(alpha = 1 / C)`; C = Infinity is ordinary least
 * squares (`LinearRegression`).
 *
 * Closed form: the normal equations [XᵀX + I/C, Xᵀ1; 1ᵀX, n] (w, b) = (Xᵀy, Σy), built from each row's nonzero
 * entries as the logistic Hessian is (`hessian` with unit weights), factored once by Cholesky. The solution is
 * taken as Newton steps on the quadratic from (0, ȳ): the first step is exact up to rounding, and each further
 * step with the gradient recomputed from the rows removes the rounding the uncentered normal equations let in
 * (iterative refinement), until the gradient stops shrinking. A singular system (no penalty, dependent
 * columns) gets the smallest diagonal jitter from 1e-12 of its largest entry upward that factors, and the
 * refinements then converge to a least-squares solution (iterated Tikhonov). Agrees with scikit-learn's
 * `Ridge(alpha = 1 / C, solver = 'svd')` within 5e-12 on test/fixtures/ridge (2e-9 unpenalised at condition number 2e7).
 *
 * @param X n × d features, row-major, finite
 * @param y n labels, finite
 * @throws RangeError when X.rows ≠ y.length or is 0, X or y has a NaN or infinite value, or C is not > 0
 * @example
 * // y = 2x + 1 exactly, no penalty:
 * fitRidge(denseMatrix(3, 1, Float64Array.of(0, 1, 2)), Float64Array.of(1, 3, 5), { C: Infinity }) // => weights [2], intercept 1
 */
export function fitRidge(X: DenseMatrix, y: Float64Array, options: RidgeOptions = {}): RidgeModel {
  const C = options.C ?? 1;
  checkInputs(X, y, C);
  const { rows: n, cols: d } = X;
  const p = d + 1;
  const l2 = C === Infinity ? 0 : 1 / C;

  const factor = new Float64Array(p * p);
  hessian({ X, l2 }, new Float64Array(n).fill(1), factor, new Int32Array(d), new Float64Array(d));
  const gram = factor.slice();
  let largestDiagonal = 0;
  for (let j = 0; j < p; j++) largestDiagonal = Math.max(largestDiagonal, gram[j * p + j]);
  let jitter = 0;
  while (!choleskyInPlace(factor, p)) {
    jitter = jitter === 0 ? FIRST_JITTER * largestDiagonal : jitter * 100;
    factor.set(gram);
    for (let j = 0; j < p; j++) factor[j * p + j] += jitter;
  }

  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i];
  const theta = new Float64Array(p);
  theta[d] = mean / n;
  const gradient = new Float64Array(p);
  const step = new Float64Array(p);
  const best = theta.slice();
  let bestNorm = gradientOf(X, y, l2, theta, gradient);
  let steps = 0;
  while (steps < MAX_STEPS && bestNorm > 0) {
    step.set(gradient);
    choleskySolveInPlace(factor, p, step);
    for (let j = 0; j < p; j++) theta[j] -= step[j];
    steps++;
    const norm = gradientOf(X, y, l2, theta, gradient);
    if (!(norm < bestNorm)) break;
    const shrank = norm <= bestNorm / 2;
    best.set(theta);
    bestNorm = norm;
    if (!shrank) break;
  }
  return { weights: best.slice(0, d), intercept: best[d], steps, singular: jitter > 0 };
}

/** ∇ of ½‖Xw + b − y‖² + (l2/2)‖w‖² at θ = (w, b) into `gradient`; returns its max-norm. One pass over X. */
function gradientOf(X: DenseMatrix, y: Float64Array, l2: number, theta: Float64Array, gradient: Float64Array): number {
  const { rows: n, cols: d, data } = X;
  gradient.fill(0);
  let interceptGradient = 0;
  for (let i = 0; i < n; i++) {
    const offset = i * d;
    const residual = rowDot(data, offset, theta, d) + theta[d] - y[i];
    if (residual !== 0) addScaledRow(gradient, data, offset, residual, d);
    interceptGradient += residual;
  }
  gradient[d] = interceptGradient;
  let norm = Math.abs(interceptGradient);
  for (let j = 0; j < d; j++) {
    gradient[j] += l2 * theta[j];
    norm = Math.max(norm, Math.abs(gradient[j]));
  }
  return norm;
}

function checkInputs(X: DenseMatrix, y: Float64Array, C: number): void {
  if (X.rows !== y.length) throw new RangeError(`fitRidge requires one label per row of X; got ${X.rows} rows and ${y.length} labels`);
  if (X.rows === 0) throw new RangeError('fitRidge requires at least one row');
  if (!(C > 0)) throw new RangeError(`fitRidge requires C > 0 (Infinity for no penalty); got ${C}`);
  for (let i = 0; i < y.length; i++) if (!Number.isFinite(y[i])) throw new RangeError(`fitRidge requires finite labels; y[${i}] is ${y[i]}`);
  const { data, cols } = X;
  for (let k = 0; k < data.length; k++) {
    if (!Number.isFinite(data[k])) {
      const row = Math.floor(k / cols);
      throw new RangeError(`fitRidge requires finite features; X[${row}][${k - row * cols}] is ${data[k]}`);
    }
  }
}
