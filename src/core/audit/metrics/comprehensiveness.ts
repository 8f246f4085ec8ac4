import { meanOfRowLoss, type MetricDefinition } from './metric';

/** The per-row value is the comprehensiveness itself (SPEC §9). */
const rowValue = (_y: number, value: number): number => value;

/**
 * Comprehensiveness of the explanations (SPEC §9), higher is better (as AUC): the mean over rows of
 * |f(z) − f(z_¬S)|, the change in the prediction when the top ⌈r·d⌉ inputs are set to the training mean.
 * The audit passes the per-row values where other metrics get predictions.
 *
 * @example comprehensiveness.prepare(Uint8Array.of(0, 1), Float64Array.of(0.1, 0.3), 0.5).score() // => 0.2
 */
export const comprehensiveness: MetricDefinition = {
  id: 'comprehensiveness',
  name: 'comprehensiveness',
  higherIsBetter: true,
  isFraction: false,
  task: 'any',
  explanation: true,
  rowLoss: rowValue,
  prepare: meanOfRowLoss('comprehensiveness', rowValue),
};
