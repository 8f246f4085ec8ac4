import { meanOfRowLoss, type MetricDefinition } from './metric';

/** The per-row value is the sufficiency itself: the "prediction" the audit hands this metric (SPEC §9). */
const rowValue = (_y: number, value: number): number => value;

/**
 * Sufficiency of the explanations (SPEC §9), a cost: the mean over rows of |f(z) − f(z_S)|, the change in the
 * prediction when only the top ⌈r·d⌉ inputs are kept and the rest set to the training mean. Lower is better.
 * The audit passes the per-row sufficiencies where other metrics get predictions, so a bootstrap resample is
 * their count-weighted mean (SPEC §5, cost note).
 *
 * @example sufficiency.prepare(Uint8Array.of(0, 1), Float64Array.of(0.1, 0.3), 0.5).score() // => 0.2
 */
export const sufficiency: MetricDefinition = {
  id: 'sufficiency',
  name: 'sufficiency',
  higherIsBetter: false,
  isFraction: false,
  task: 'any',
  explanation: true,
  rowLoss: rowValue,
  prepare: meanOfRowLoss('sufficiency', rowValue),
};
