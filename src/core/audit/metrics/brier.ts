import { meanOfRowLoss, type MetricDefinition } from './metric';

/**
 * Brier score: mean of (p − y)² (SPEC §3).
 *
 * @example brierScore.prepare(Uint8Array.of(1, 0), Float64Array.of(0.8, 0.4), 0.5).score() // => 0.1
 */
export const brierScore: MetricDefinition = {
  id: 'brier',
  name: 'Brier score',
  higherIsBetter: false,
  isFraction: false,
  task: 'classification',
  prepare: meanOfRowLoss('brierScore', (y, p) => (p - y) ** 2),
};
