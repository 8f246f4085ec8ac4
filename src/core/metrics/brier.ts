import { checkSameLength, type MetricDefinition, weightedMean } from './metric';

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
  prepare(y, p) {
    checkSameLength('brierScore', y, p);
    const losses = new Float64Array(y.length);
    for (let i = 0; i < y.length; i++) losses[i] = (p[i] - y[i]) ** 2;
    return { score: (weights) => weightedMean(losses, weights) };
  },
};
