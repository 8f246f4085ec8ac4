import type { Labels } from '../../data/task';
import { checkSameLength, type MetricDefinition, weightedMean } from './metric';

/**
 * Error rate: the fraction of rows whose decision 1[p ≥ threshold] differs from y (SPEC §3).
 *
 * @example errorRate.prepare(Uint8Array.of(1, 0), Float64Array.of(0.7, 0.6), 0.5).score() // => 0.5
 */
export const errorRate: MetricDefinition = {
  id: 'error',
  name: 'error rate',
  higherIsBetter: false,
  isFraction: true,
  task: 'classification',
  prepare(y, p, threshold) {
    checkSameLength('errorRate', y, p);
    const mistakes = new Float64Array(y.length);
    for (let i = 0; i < y.length; i++) mistakes[i] = (p[i] >= threshold ? 1 : 0) !== y[i] ? 1 : 0;
    return { score: (weights) => weightedMean(mistakes, weights) };
  },
};

/** 1 where the decision 1[p ≥ threshold] is wrong, else 0; McNemar's test pairs these. */
export function mistakes(y: Labels, p: Float64Array, threshold: number): Uint8Array {
  checkSameLength('mistakes', y, p);
  const out = new Uint8Array(y.length);
  for (let i = 0; i < y.length; i++) out[i] = (p[i] >= threshold ? 1 : 0) !== y[i] ? 1 : 0;
  return out;
}
