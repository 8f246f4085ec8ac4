/**
 * The feature encoding of SPEC §1: learned on the training rows (`describeEncoding`), stated as data so a model
 * file can carry it (`FeatureEncoding`), and applied to any dataset holding the columns (`encoderFor`). The
 * audit's own encoder is the same encoding applied to the data it was learned on, so a model saved by
 * `fairuse train` encodes rows exactly as the in-process audit did.
 */
import { parseDecimal } from '../data/column-type';
import { showCell } from '../data/show-cell';
import type { FeatureColumn } from '../data/dataset';
import { AuditInputError } from '../errors';
import { compareValues } from '../data/groups';
import type { DenseMatrix } from '../numeric/matrix';

/** The name of the level that stands for a missing categorical cell (SPEC §1). */
export const MISSING_LEVEL = 'missing';

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
  return encoderFor(describeEncoding(features, trainRows), features, 'fitted on this data');
}

export type FeatureEncoding =
  | { readonly kind: 'numeric'; readonly column: string; readonly fill: number }
  | { readonly kind: 'categorical'; readonly column: string; readonly levels: readonly string[]; readonly missingLevel: boolean };

/**
 * The encoding `fitFeatureEncoder` learns on `trainRows`: numeric fill = mean of the present training values
 * (0 when none is present), categorical levels = the training levels in sorted order, plus `missing` when a
 * training cell is missing.
 */
export function describeEncoding(features: readonly FeatureColumn[], trainRows: ArrayLike<number>): FeatureEncoding[] {
  return features.map((column): FeatureEncoding => {
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
      return { kind: 'numeric', column: column.name, fill: count > 0 ? sum / count : 0 };
    }
    const seen = new Set<string>();
    let missingLevel = false;
    for (let r = 0; r < trainRows.length; r++) {
      const v = column.values[trainRows[r]];
      if (v === null) missingLevel = true;
      else seen.add(v);
    }
    return { kind: 'categorical', column: column.name, levels: [...seen].sort(compareValues), missingLevel };
  });
}

/** The design column names: `age`, `color=red`, `color=missing` (as FeatureEncoder.columnNames). */
export function designColumns(encodings: readonly FeatureEncoding[]): string[] {
  return encodings.flatMap((e) =>
    e.kind === 'numeric' ? [e.column] : [...e.levels.map((level) => `${e.column}=${level}`), ...(e.missingLevel ? [`${e.column}=${MISSING_LEVEL}`] : [])],
  );
}

function missingFeature(column: string, source: string, available: readonly string[]): AuditInputError {
  return new AuditInputError(
    'MODEL_MISSING_FEATURE',
    `The model ${source} needs the feature ${showCell(column)}, which is not a column of the data.`,
    `Audit a CSV that has every column the model was trained on (the data has ${available.length} feature columns: ${available.slice(0, 8).map((c) => showCell(c, 30)).join(', ')}${available.length > 8 ? ', …' : ''}).`,
  );
}

/**
 * An encoder that applies a stated encoding to the feature columns of any dataset holding them (by name).
 * A numeric column read as categorical data is an error; categorical levels are matched as text, or as numbers
 * when the data column is numeric ("1" matches 1.0). Cells with a level the encoding lacks encode as all zeros
 * and are counted in `unseenLevels`.
 *
 * @throws AuditInputError MODEL_MISSING_FEATURE when a column is absent; NON_NUMERIC when a numeric feature
 *   holds text in the data
 */
export function encoderFor(encodings: readonly FeatureEncoding[], features: readonly FeatureColumn[], source: string): FeatureEncoder {
  const byName = new Map(features.map((f) => [f.name, f]));
  type Slotter = (row: number) => number;
  const parts = encodings.map((encoding) => {
    const column = byName.get(encoding.column);
    if (!column) throw missingFeature(encoding.column, source, features.map((f) => f.name));
    if (encoding.kind === 'numeric') {
      if (column.kind !== 'numeric') {
        throw new AuditInputError('NON_NUMERIC', `The model ${source} takes the feature ${showCell(encoding.column)} as a number, but the data column holds text.`, 'Audit data whose column holds numbers, as in the training data.');
      }
      return { width: 1, numeric: column.values, fill: encoding.fill, slot: null as Slotter | null };
    }
    const width = encoding.levels.length + (encoding.missingLevel ? 1 : 0);
    const missingSlot = encoding.missingLevel ? encoding.levels.length : -1;
    let slot: Slotter;
    if (column.kind === 'categorical') {
      const levels = new Map(encoding.levels.map((level, k) => [level, k]));
      slot = (row) => {
        const v = column.values[row];
        return v === null ? missingSlot : (levels.get(v) ?? -2);
      };
    } else {
      const levels = new Map(encoding.levels.map((level, k) => [parseDecimal(level), k]));
      slot = (row) => {
        const v = column.values[row];
        return Number.isNaN(v) ? missingSlot : (levels.get(v) ?? -2);
      };
    }
    return { width, numeric: null, fill: 0, slot };
  });
  const columnNames = designColumns(encodings);
  let unseen = 0;
  return {
    columnNames,
    unseenLevels: () => unseen,
    encode(rows, extraColumns = 0) {
      const cols = columnNames.length + extraColumns;
      const data = new Float64Array(rows.length * cols);
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r];
        let offset = r * cols;
        for (const part of parts) {
          if (part.slot === null) {
            const v = (part.numeric as Float64Array)[row];
            data[offset] = Number.isNaN(v) ? part.fill : v;
          } else {
            const k = part.slot(row);
            if (k >= 0) data[offset + k] = 1;
            else if (k === -2) unseen++;
          }
          offset += part.width;
        }
      }
      return { rows: rows.length, cols, data };
    },
  };
}
