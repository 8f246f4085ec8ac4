import { meanOfRowLoss, type MetricDefinition } from './metric';

/** The absolute error of one prediction. */
const absoluteError = (y: number, p: number): number => Math.abs(p - y);

/**
 * Mean absolute error of a regression: mean of |p − y| (SPEC §3), in the label's unit.
 *
 * @example meanAbsoluteError.prepare(Float64Array.of(1, 2, 4), Float64Array.of(1.5, 2, 2), 0).score() // => 0.8333…
 */
export const meanAbsoluteError: MetricDefinition = {
  id: 'mae',
  name: 'MAE',
  higherIsBetter: false,
  isFraction: false,
  task: 'regression',
  rowLoss: absoluteError,
  prepare: meanOfRowLoss('meanAbsoluteError', absoluteError),
};
