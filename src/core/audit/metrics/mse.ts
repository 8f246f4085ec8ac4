import { meanOfRowLoss, type MetricDefinition } from './metric';

/** The squared error of one prediction. */
const squaredError = (y: number, p: number): number => (p - y) * (p - y);

/**
 * Mean squared error of a regression: mean of (p − y)² (SPEC §3), in the label's unit squared.
 * A weighted sum over rows, so a bootstrap resample is a vector of counts (SPEC §5, cost note).
 *
 * @example meanSquaredError.prepare(Float64Array.of(1, 2, 4), Float64Array.of(1.5, 2, 2), 0).score() // => 1.4166…
 */
export const meanSquaredError: MetricDefinition = {
  id: 'mse',
  name: 'MSE',
  higherIsBetter: false,
  isFraction: false,
  task: 'regression',
  rowLoss: squaredError,
  prepare: meanOfRowLoss('meanSquaredError', squaredError),
};
