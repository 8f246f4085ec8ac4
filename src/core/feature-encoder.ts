import type { FeatureColumn } from './dataset';
import { compareValues } from './groups';
import type { DenseMatrix } from './matrix';

/** The name of the level that stands for a missing categorical cell (SPEC §1). */
export const MISSING_LEVEL = 'missing';

type ColumnEncoding =
  | { kind: 'numeric'; name: string; values: Float64Array; fillValue: number }
  | { kind: 'categorical'; name: string; values: ReadonlyArray<string | null>; levels: Map<string, number>; missingSlot: number };

/** Turns feature columns into the numeric design matrix of h0 (and the x-part of every personalized model). */
export interface FeatureEncoder {
  /** One name per design column: `age`, `color=red`, `color=missing`. */
  readonly columnNames: readonly string[];
  /** Categorical cells whose level never occurred in training, counted when encoding; they get all zeros. */
  unseenLevels(): number;
  /**
   * The design matrix of `rows`, with `extraColumns` zero columns appended after the features for the
   * caller to fill (group dummies of a personalized model).
   */
  encode(rows: ArrayLike<number>, extraColumns?: number): DenseMatrix;
}

/**
 * Learns the encoding on the training rows only (SPEC §1): numeric columns are imputed with their
 * training mean (0 if the column is missing on every training row); categorical columns are one-hot
 * encoded with all training levels in sorted order, plus a `missing` level when training rows have
 * missing cells.
 */
export function fitFeatureEncoder(features: readonly FeatureColumn[], trainRows: ArrayLike<number>): FeatureEncoder {
  const encodings: ColumnEncoding[] = [];
  const columnNames: string[] = [];
  for (const column of features) {
    if (column.kind === 'numeric') {
      let sum = 0;
      let count = 0;
      for (let r = 0; r < trainRows.length; r++) {
        const v = column.values[trainRows[r]];
        if (!Number.isNaN(v)) {
          sum += v;
          count++;
        }
      }
      encodings.push({ kind: 'numeric', name: column.name, values: column.values, fillValue: count > 0 ? sum / count : 0 });
      columnNames.push(column.name);
    } else {
      const seen = new Set<string>();
      let hasMissing = false;
      for (let r = 0; r < trainRows.length; r++) {
        const v = column.values[trainRows[r]];
        if (v === null) hasMissing = true;
        else seen.add(v);
      }
      const sorted = [...seen].sort(compareValues);
      const levels = new Map(sorted.map((level, k) => [level, k]));
      encodings.push({ kind: 'categorical', name: column.name, values: column.values, levels, missingSlot: hasMissing ? sorted.length : -1 });
      for (const level of sorted) columnNames.push(`${column.name}=${level}`);
      if (hasMissing) columnNames.push(`${column.name}=${MISSING_LEVEL}`);
    }
  }
  const width = columnNames.length;
  let unseen = 0;
  return {
    columnNames,
    unseenLevels: () => unseen,
    encode(rows, extraColumns = 0) {
      const cols = width + extraColumns;
      const data = new Float64Array(rows.length * cols);
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r];
        const base = r * cols;
        let offset = 0;
        for (const enc of encodings) {
          if (enc.kind === 'numeric') {
            const v = enc.values[row];
            data[base + offset] = Number.isNaN(v) ? enc.fillValue : v;
            offset += 1;
          } else {
            const v = enc.values[row];
            const slot = v === null ? enc.missingSlot : (enc.levels.get(v) ?? -1);
            if (slot >= 0) data[base + offset + slot] = 1;
            else if (v !== null) unseen++;
            offset += enc.levels.size + (enc.missingSlot >= 0 ? 1 : 0);
          }
        }
      }
      return { rows: rows.length, cols, data };
    },
  };
}
