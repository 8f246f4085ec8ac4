import { checkSameLength, type MetricDefinition, weightedMean } from './metric';

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
  prepare(y, p) {
    checkSameLength('logLoss', y, p);
    const losses = new Float64Array(y.length);
    for (let i = 0; i < y.length; i++) {
      const clipped = Math.min(1 - EPS, Math.max(EPS, p[i]));
      losses[i] = y[i] === 1 ? -Math.log(clipped) : -Math.log1p(-clipped);
    }
    return { score: (weights) => weightedMean(losses, weights) };
  },
};
