import type { GroupPredictions } from './bootstrap';

/** Predicted probabilities on the test rows: of h0, and of h with every group's inputs (SPEC §2, §4). */
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
  label: Uint8Array,
  groupCount: number,
): GroupPredictions[] {
  const positions: number[][] = Array.from({ length: groupCount }, () => []);
  testRows.forEach((row, r) => positions[groupOfRow[row]].push(r));
  return positions.map((rs, g) => ({
    y: Uint8Array.from(rs, (r) => label[testRows[r]]),
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
  label: Uint8Array,
): { y: Uint8Array; generic: Float64Array; personalized: Float64Array } {
  return {
    y: Uint8Array.from(testRows, (row) => label[row]),
    generic: predictions.generic,
    personalized: Float64Array.from(testRows, (row, r) => predictions.asGroup[groupOfRow[row]][r]),
  };
}
