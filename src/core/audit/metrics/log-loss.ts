import { meanOfRowLoss, type MetricDefinition } from './metric';

/** Probabilities are clipped to [EPS, 1 − EPS] so one confident mistake costs a finite 34.5 (SPEC §3). */
const EPS = 1e-15;

/**
 * Log loss: mean of −[y ln p + (1 − y) ln(1 − p)] with p clipped to [1e-15, 1 − 1e-15] (SPEC §3).
 *
 * @example logLoss.prepare(Uint8Array.of(1, 0), Float64Array.of(0.8, 0.4), 0.5).score() // => 0.367003…
 */
export const logLoss: MetricDefinition = {
  id: 'logloss',
  name: 'log loss',
  higherIsBetter: false,
  isFraction: false,
  task: 'classification',
  prepare: meanOfRowLoss('logLoss', (y, p) => {
    const clipped = Math.min(1 - EPS, Math.max(EPS, p));
    return y === 1 ? -Math.log(clipped) : -Math.log1p(-clipped);
  }),
};
