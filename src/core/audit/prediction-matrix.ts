import type { GroupPredictions } from './bootstrap';
import type { Labels } from '../data/task';

/**
 * Predictions on the test rows — probabilities for a binary label, values for regression — of h0, and of h
 * with every group's inputs (SPEC §2, §4).
 */
export interface PredictionMatrix {
  /** generic[r] = h0(x_r) on test row r. */
  readonly generic: Float64Array;
  /** asGroup[g][r] = h(x_r, g): test row r scored as if it belonged to group g. */
  readonly asGroup: readonly Float64Array[];
}

/** Splits the prediction matrix by the true group of each test row. */
export function predictionsByGroup(
  predictions: PredictionMatrix,
  groupOfRow: Int32Array,
  testRows: Int32Array,
  label: Labels,
  groupCount: number,
): GroupPredictions[] {
  const positions: number[][] = Array.from({ length: groupCount }, () => []);
  testRows.forEach((row, r) => positions[groupOfRow[row]].push(r));
  return positions.map((rs, g) => ({
    y: labelsAt(label, rs.map((r) => testRows[r])),
    generic: Float64Array.from(rs, (r) => predictions.generic[r]),
    asGroup: predictions.asGroup.map((column) => Float64Array.from(rs, (r) => column[r])),
    truthful: g,
  }));
}

/** All test rows together, each scored by its own group's personalized prediction. */
export function truthfulPredictions(
  predictions: PredictionMatrix,
  groupOfRow: Int32Array,
  testRows: Int32Array,
  label: Labels,
): { y: Labels; generic: Float64Array; personalized: Float64Array } {
  return {
    y: labelsAt(label, testRows),
    generic: predictions.generic,
    personalized: Float64Array.from(testRows, (row, r) => predictions.asGroup[groupOfRow[row]][r]),
  };
}

/** The labels of `rows`, in an array of the same kind (0/1 bytes, or the doubles of a regression label). */
function labelsAt(label: Labels, rows: ArrayLike<number>): Labels {
  return label instanceof Float64Array ? Float64Array.from(rows, (row) => label[row]) : Uint8Array.from(rows, (row) => label[row]);
}
