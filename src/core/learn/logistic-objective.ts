import type { DenseMatrix } from '../numeric/matrix';
import { sigmoid } from '../numeric/sigmoid';

/**
 * The penalised logistic objective of SPEC §2, over θ = (w_1 … w_d, b) with the intercept last:
 *
 *   f(θ) = Σ_i logloss(y_i, σ(z_i)) + (l2 / 2)‖w‖²,   z_i = w·x_i + b,   l2 = 1 / C (0 when C = Infinity).
 *
 * The functions below are its value, gradient and Hessian. Each reads X once, row by row (row-major), and writes
 * into buffers the caller owns, so the solvers allocate nothing inside their loops.
 */
export interface LogisticObjective {
  readonly X: DenseMatrix;
  /** Labels, 0 or 1. */
  readonly y: Uint8Array;
  /** 1 / C; 0 means no penalty. The intercept θ[d] is never penalised. */
  readonly l2: number;
}

/** softplus(t) = ln(1 + e^t), without overflow for large t or loss of digits for very negative t. */
export function softplus(t: number): number {
  return t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
}

/**
 * f(θ), returned; ∇f(θ) into `gradient` (length d + 1); and the linear predictors z into `margins` (length n).
 * One pass over X.
 *
 * Row i's loss is written softplus(−m_i), with m_i = z_i for y = 1 and −z_i for y = 0, and its residual
 * σ(z_i) − y_i is computed from the tail it sits in. Both stay accurate to the last digit when a row's loss is
 * 1e-300 (separable data), where the textbook softplus(z) − y·z would cancel to 0.
 */
export function valueAndGradient(
  objective: LogisticObjective,
  theta: Float64Array,
  gradient: Float64Array,
  margins: Float64Array,
): number {
  const { X, y, l2 } = objective;
  const { rows: n, cols: d, data } = X;
  const intercept = theta[d];
  gradient.fill(0);
  let loss = 0;
  let interceptGradient = 0;
  for (let i = 0; i < n; i++) {
    const offset = i * d;
    const z = rowDot(data, offset, theta, d) + intercept;
    margins[i] = z;
    let residual: number;
    if (y[i] === 1) {
      loss += softplus(-z);
      residual = -sigmoid(-z);
    } else {
      loss += softplus(z);
      residual = sigmoid(z);
    }
    if (residual !== 0) addScaledRow(gradient, data, offset, residual, d);
    interceptGradient += residual;
  }
  gradient[d] = interceptGradient;
  let squaredNorm = 0;
  if (l2 > 0) {
    for (let j = 0; j < d; j++) {
      squaredNorm += theta[j] * theta[j];
      gradient[j] += l2 * theta[j];
    }
  }
  return loss + 0.5 * l2 * squaredNorm;
}

/**
 * The Hessian's row weights D_i = σ(z_i)(1 − σ(z_i)), into `weights`, written e^−|z| / (1 + e^−|z|)² so they
 * stay positive and accurate far into the tails.
 */
export function hessianWeights(margins: Float64Array, weights: Float64Array): void {
  for (let i = 0; i < margins.length; i++) {
    const e = Math.exp(-Math.abs(margins[i]));
    const onePlusE = 1 + e;
    weights[i] = e / (onePlusE * onePlusE);
  }
}

/**
 * The Hessian-vector product H v = Xᵀ D (X v_w + v_b) + l2 (v_w, 0), into `out`, in one pass over X.
 * `weights` are the D_i of {@link hessianWeights}.
 */
export function hessianTimes(
  objective: LogisticObjective,
  weights: Float64Array,
  v: Float64Array,
  out: Float64Array,
): void {
  const { X, l2 } = objective;
  const { rows: n, cols: d, data } = X;
  const vIntercept = v[d];
  out.fill(0);
  let interceptOut = 0;
  for (let i = 0; i < n; i++) {
    const offset = i * d;
    const scaled = weights[i] * (rowDot(data, offset, v, d) + vIntercept);
    if (scaled !== 0) addScaledRow(out, data, offset, scaled, d);
    interceptOut += scaled;
  }
  out[d] = interceptOut;
  for (let j = 0; j < d; j++) out[j] += l2 * v[j];
}

/** The diagonal of the Hessian, Σ_i D_i x_ij² + l2 (and Σ_i D_i for the intercept), into `out`. */
export function hessianDiagonal(objective: LogisticObjective, weights: Float64Array, out: Float64Array): void {
  const { X, l2 } = objective;
  const { rows: n, cols: d, data } = X;
  out.fill(0);
  let interceptOut = 0;
  for (let i = 0; i < n; i++) {
    const weight = weights[i];
    const offset = i * d;
    for (let j = 0; j < d; j++) {
      const x = data[offset + j];
      out[j] += weight * x * x;
    }
    interceptOut += weight;
  }
  out[d] = interceptOut;
  for (let j = 0; j < d; j++) out[j] += l2;
}

/**
 * The full (d + 1) × (d + 1) Hessian XᵀDX + l2 I_w, with the intercept as a column of ones, row-major into `out`.
 * With unit weights it is the normal-equations matrix of ridge least squares (ridge.ts).
 * Only each row's nonzero entries are visited and only the upper triangle is accumulated, then mirrored:
 * Σ_i nnz_i² / 2 multiply-adds (see {@link hessianWork}), far below n·d² / 2 for one-hot features.
 * `scratchIndex` / `scratchValue` hold one row's nonzeros (length ≥ d).
 */
export function hessian(
  objective: Pick<LogisticObjective, 'X' | 'l2'>,
  weights: Float64Array,
  out: Float64Array,
  scratchIndex: Int32Array,
  scratchValue: Float64Array,
): void {
  const { X, l2 } = objective;
  const { rows: n, cols: d, data } = X;
  const p = d + 1;
  out.fill(0);
  for (let i = 0; i < n; i++) {
    const weight = weights[i];
    if (weight === 0) continue;
    const offset = i * d;
    let nonzeros = 0;
    for (let j = 0; j < d; j++) {
      const x = data[offset + j];
      if (x !== 0) {
        scratchIndex[nonzeros] = j;
        scratchValue[nonzeros] = x;
        nonzeros++;
      }
    }
    for (let a = 0; a < nonzeros; a++) {
      const weighted = weight * scratchValue[a];
      const outRow = scratchIndex[a] * p;
      for (let b = a; b < nonzeros; b++) out[outRow + scratchIndex[b]] += weighted * scratchValue[b];
      out[outRow + d] += weighted;
    }
    out[d * p + d] += weight;
  }
  for (let j = 0; j < p; j++) {
    if (j < d) out[j * p + j] += l2;
    for (let k = j + 1; k < p; k++) out[k * p + j] = out[j * p + k];
  }
}

/**
 * Multiply-adds for one {@link hessian} plus its Cholesky factorisation: Σ_i nnz_i(nnz_i + 1)/2 + (d + 1)³/6.
 * The solver compares it with the n·d of a gradient pass to choose its method.
 */
export function hessianWork(X: DenseMatrix): number {
  const { rows: n, cols: d, data } = X;
  let work = 0;
  for (let i = 0; i < n; i++) {
    let nonzeros = 1; // the intercept
    for (let j = i * d, end = j + d; j < end; j++) if (data[j] !== 0) nonzeros++;
    work += (nonzeros * (nonzeros + 1)) / 2;
  }
  return work + (d + 1) ** 3 / 6;
}

/** Σ_j data[offset + j] · v[j] for j < d, with four accumulators so the adds do not wait on each other. */
export function rowDot(data: Float64Array, offset: number, v: Float64Array, d: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  for (; j + 3 < d; j += 4) {
    s0 += data[offset + j] * v[j];
    s1 += data[offset + j + 1] * v[j + 1];
    s2 += data[offset + j + 2] * v[j + 2];
    s3 += data[offset + j + 3] * v[j + 3];
  }
  for (; j < d; j++) s0 += data[offset + j] * v[j];
  return s0 + s1 + s2 + s3;
}

/** out[j] += scale · data[offset + j] for j < d. */
export function addScaledRow(out: Float64Array, data: Float64Array, offset: number, scale: number, d: number): void {
  let j = 0;
  for (; j + 3 < d; j += 4) {
    out[j] += scale * data[offset + j];
    out[j + 1] += scale * data[offset + j + 1];
    out[j + 2] += scale * data[offset + j + 2];
    out[j + 3] += scale * data[offset + j + 3];
  }
  for (; j < d; j++) out[j] += scale * data[offset + j];
}
