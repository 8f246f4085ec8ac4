/**
 * Where a label that is not binary has a value written only a few times, most often a typo ("1O" for "10", "yes "
 * for "yes"): the lines that hold it, so the LABEL_NOT_BINARY error points at the cell to fix.
 */
import { showCell } from './show-cell';
import { AuditInputError } from '../errors';

/** A value on at most this many kept rows is named with its lines. */
const RARE_ROWS = 3;
/** At most this many rare values are named. */
const NAMED_VALUES = 3;

/**
 * The sentence naming the rare values of a label and their lines, or '' when no value is rare.
 *
 * @param cells the label column's cells (all data rows)
 * @param rows the kept rows
 * @param lines for each data row, the line of the file it starts on (the header is line 1)
 * @example rareLabelValues(['0', '1', '1O', '0', '1'], Int32Array.of(0, 1, 2, 3, 4), Int32Array.of(2, 3, 4, 5, 6)) // => '"1O" is on line 4 only: a typo?'
 */
export function rareLabelValues(cells: readonly string[], rows: Int32Array, lines: ArrayLike<number>): string {
  const linesOf = new Map<string, number[]>();
  for (const row of rows) {
    const at = linesOf.get(cells[row]);
    if (at === undefined) linesOf.set(cells[row], [lines[row]]);
    else if (at.length <= RARE_ROWS) at.push(lines[row]);
  }
  if (linesOf.size < 3) return '';
  const rare = [...linesOf].filter(([, at]) => at.length <= RARE_ROWS);
  // When most values are rare the column is not a label with typos (an identifier, a measurement): say nothing.
  if (rare.length === 0 || rare.length > NAMED_VALUES || rare.length > linesOf.size / 2) return '';
  const named = rare.map(([value, at]) => `${showCell(value)} is on line${at.length === 1 ? '' : 's'} ${at.join(', ')} only`);
  return `${named.join('; ')}: a typo?`;
}

/** The error with the rare values' lines added to its problem, when the label has any. */
export function withRareLabelValues(error: AuditInputError, cells: readonly string[], rows: Int32Array, lines: ArrayLike<number>): AuditInputError {
  const rare = error.code === 'LABEL_NOT_BINARY' ? rareLabelValues(cells, rows, lines) : '';
  return rare ? new AuditInputError(error.code, `${error.problem} ${rare}`, error.fix) : error;
}
