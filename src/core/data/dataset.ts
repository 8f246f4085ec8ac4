/**
 * The audited data, held as typed columns (SPEC §1). Built from a CSV by `loadDataset` (binary labels) or
 * `loadAuditDataset` (binary or numeric); everything downstream (split, encoding, models, report) reads only this shape.
 */
import type { Task } from './task';

/** A feature column. Numeric cells that were missing hold NaN; categorical missing cells hold null. */
export type FeatureColumn =
  | { readonly kind: 'numeric'; readonly name: string; readonly values: Float64Array }
  | { readonly kind: 'categorical'; readonly name: string; readonly values: ReadonlyArray<string | null> };

export interface BinaryLabel {
  /** Absent in datasets built before regression existed; a binary label is always a classification. */
  readonly task?: 'classification';
  readonly name: string;
  /** The cell text that means y = 1, as written in the CSV (e.g. "1", "yes", "Disease"). */
  readonly positive: string;
  readonly negative: string;
  /** True when neither the user nor the values (1/0, true/false, yes/no) said which is positive: sort order did. */
  readonly positiveBySortOrder?: boolean;
  /** y per kept row: 1 = positive, 0 = negative. */
  readonly values: Uint8Array;
}

/** A numeric label with more than two values: the audit is a regression (SPEC §1, paper 2). */
export interface NumericLabel {
  readonly task: 'regression';
  readonly name: string;
  /** y per kept row. */
  readonly values: Float64Array;
}

export type Label = BinaryLabel | NumericLabel;

/** A dataset; `Dataset` alone has a binary label, as model files and `fairuse train` need. */
export interface Dataset<L extends Label = BinaryLabel> {
  /** Rows kept after dropping rows with a missing label or group value. */
  readonly rows: number;
  /** Rows dropped because their label or a group value was missing. */
  readonly droppedRows: number;
  readonly label: L;
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
  /** What reading found valid but probably not meant (see `dataWarnings`), one line each; the report lists them. */
  readonly warnings?: readonly string[];
}

/** A dataset with a binary label (classification) or a numeric one (regression): what an audit accepts. */
export type AuditDataset = Dataset<BinaryLabel> | Dataset<NumericLabel>;

export function taskOf(label: Label): Task {
  return label.task === 'regression' ? 'regression' : 'classification';
}
