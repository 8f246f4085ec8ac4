/**
 * Cholesky factorisation A = L Lᵀ of a symmetric positive-definite p × p matrix (row-major), in place: on success
 * the lower triangle of `a` holds L and the function returns true. Returns false, with `a` partly overwritten,
 * when a pivot is not positive beyond rounding, i.e. `a` is singular or indefinite to working precision.
 * Used by the Newton solver of the logistic regression (SPEC §2); the inner loops run along rows.
 *
 * @example
 * const a = Float64Array.of(4, 2, 2, 5);
 * choleskyInPlace(a, 2); // => true; lower triangle of a = [2, ·, 1, 2]
 */
export function choleskyInPlace(a: Float64Array, p: number): boolean {
  for (let j = 0; j < p; j++) {
    const rowJ = j * p;
    const diagonal = a[rowJ + j];
    let pivot = diagonal;
    for (let k = 0; k < j; k++) pivot -= a[rowJ + k] * a[rowJ + k];
    // A pivot that cancels to below 1e-14 of its diagonal carries no correct digits: singular in double precision.
    if (!(pivot > 1e-14 * diagonal)) return false;
    const ljj = Math.sqrt(pivot);
    a[rowJ + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      const rowI = i * p;
      let s = a[rowI + j];
      for (let k = 0; k < j; k++) s -= a[rowI + k] * a[rowJ + k];
      a[rowI + j] = s / ljj;
    }
  }
  return true;
}

/**
 * Solves L Lᵀ x = b for x, overwriting `b`, with L the lower triangle left in `l` by {@link choleskyInPlace}.
 *
 * @example
 * // with a factored as in choleskyInPlace's example:
 * const b = Float64Array.of(6, 7);
 * choleskySolveInPlace(a, 2, b); // b => [1, 1]
 */
export function choleskySolveInPlace(l: Float64Array, p: number, b: Float64Array): void {
  for (let i = 0; i < p; i++) {
    const row = i * p;
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[row + k] * b[k];
    b[i] = s / l[row + i];
  }
  for (let i = p - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < p; k++) s -= l[k * p + i] * b[k];
    b[i] = s / l[i * p + i];
  }
}
