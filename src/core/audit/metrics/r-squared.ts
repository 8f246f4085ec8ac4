/**
 * The coefficient of determination of a regression on some rows: R² = 1 − MSE / Var(y), with Var(y) the mean
 * squared deviation of those rows' labels from their own mean (so R² = 1 − SS_res / SS_tot, scikit-learn's
 * `r2_score`). Not a tested metric: a per-group rescaling of the MSE that reads without the label's unit.
 */

/**
 * Var(y) = mean of (y − ȳ)² over the rows (the population variance, R²'s denominator). NaN for no rows.
 *
 * @example labelVariance(Float64Array.of(1, 2, 4)) // => 1.5555…
 */
export function labelVariance(y: ArrayLike<number>): number {
  const n = y.length;
  if (n === 0) return NaN;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += y[i];
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (y[i] - mean) * (y[i] - mean);
  return squares / n;
}

/**
 * R² = 1 − mse / variance; null when the variance is 0 or not a number (the rows hold one label value, where
 * scikit-learn reports 1 or 0 by convention), or the MSE is unknown.
 *
 * @example rSquared(1.4166666666666667, labelVariance(Float64Array.of(1, 2, 4))) // => 0.0892857…
 */
export function rSquared(mse: number | null, variance: number): number | null {
  if (mse === null || !(variance > 0) || !Number.isFinite(mse)) return null;
  return 1 - mse / variance;
}
