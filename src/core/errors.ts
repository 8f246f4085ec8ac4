/**
 * Bad input is a value, not a crash: every front end (CLI, worker, webview) renders an AuditInputError
 * once, as one line that names the problem and the fix. Codes are stable so tests and users can match them.
 */
export type AuditErrorCode =
  | 'FILE_NOT_FOUND'
  // A file or input past a size wall (V8's string limit, memory, the model size limit): names the limit and the fix.
  | 'TOO_LARGE'
  // A path that is not a regular file (device, FIFO, socket), or a spec path outside where it may read.
  | 'NOT_A_FILE'
  | 'OUTSIDE_FOLDER'
  | 'NOT_UTF8'
  | 'EMPTY_FILE'
  | 'HEADER_ONLY'
  | 'DUPLICATE_COLUMN'
  | 'RAGGED_ROW'
  | 'MALFORMED_ROW'
  // A Parquet file that is truncated or corrupt, or holds a column type or codec the reader does not take.
  | 'BAD_PARQUET'
  | 'UNKNOWN_COLUMN'
  | 'LABEL_NOT_BINARY'
  | 'AMBIGUOUS_TASK'
  | 'LABEL_IS_GROUP'
  | 'GROUP_IS_FEATURE'
  | 'NON_NUMERIC'
  | 'NUMERIC_GROUP'
  | 'SPLIT_VALUES'
  | 'TOO_FEW_GROUPS'
  | 'NO_ROWS'
  | 'EMPTY_SPLIT'
  | 'BAD_OPTION'
  | 'BAD_SPEC'
  | 'USAGE'
  // Model files (src/core/model-file): the audit of a model the user brings.
  | 'UNKNOWN_MODEL_FORMAT'
  | 'MODEL_TOO_LARGE'
  | 'BAD_MODEL'
  | 'MODEL_MISSING_FEATURE'
  | 'MODEL_INPUT_WIDTH'
  | 'MODEL_OUTPUT_NOT_PROBABILITY'
  | 'MODEL_OUTPUT_NAN'
  | 'BAD_PREDICTIONS'
  // Comparing two reports (fairuse diff, --baseline).
  | 'BAD_REPORT'
  | 'INCOMPARABLE_REPORTS';

export class AuditInputError extends Error {
  override readonly name = 'AuditInputError';

  /**
   * @param code stable identifier of the problem
   * @param problem what is wrong, naming the column / line / value
   * @param fix what the user should do next
   */
  constructor(
    readonly code: AuditErrorCode,
    readonly problem: string,
    readonly fix: string,
  ) {
    super(`${problem} ${fix}`);
  }
}

export function isAuditInputError(value: unknown): value is AuditInputError {
  return value instanceof AuditInputError;
}
