/**
 * The audited data, held as typed columns (SPEC §1). Built from a CSV by `loadDataset`; everything
 * downstream (split, encoding, models, report) reads only this shape.
 */

/** A feature column. Numeric cells that were missing hold NaN; categorical missing cells hold null. */
export type FeatureColumn =
  | { readonly kind: 'numeric'; readonly name: string; readonly values: Float64Array }
  | { readonly kind: 'categorical'; readonly name: string; readonly values: ReadonlyArray<string | null> };

export interface BinaryLabel {
  readonly name: string;
  /** The cell text that means y = 1, as written in the CSV (e.g. "1", "yes", "Disease"). */
  readonly positive: string;
  readonly negative: string;
  /** y per kept row: 1 = positive, 0 = negative. */
  readonly values: Uint8Array;
}

export interface Dataset {
  /** Rows kept after dropping rows with a missing label or group value. */
  readonly rows: number;
  /** Rows dropped because their label or a group value was missing. */
  readonly droppedRows: number;
  readonly label: BinaryLabel;
  /** Group attribute names, in the order the user gave them. */
  readonly groupAttributes: readonly string[];
  /** groupValues[a][i] = value of attribute a on kept row i (never missing). */
  readonly groupValues: ReadonlyArray<ReadonlyArray<string>>;
  readonly features: readonly FeatureColumn[];
  /** From a split column: 1 = test row, 0 = train row. Absent when the engine splits. */
  readonly splitIsTest?: Uint8Array;
  readonly splitColumn?: string;
  /** 1-based line of the CSV file that each kept row came from (header is line 1), for messages. */
  readonly sourceLines: Int32Array;
}
