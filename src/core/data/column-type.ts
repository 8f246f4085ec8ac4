/**
 * Whether a column holds numbers or categories (SPEC §1). One scan serves `loadDataset`, which needs the numbers,
 * and `profileColumns`, which needs only the kind and the counts, so the two can never disagree.
 */
import { isMissing } from './missing';

/**
 * Share of the non-missing cells that must be exceeded by those that parse as numbers for a column with some
 * non-numbers to be taken for a numeric column with stray words (loadDataset then reports NON_NUMERIC: issue 14,
 * a guess that would change the model is asked, not made) rather than a categorical one.
 */
export const NUMERIC_SHARE_FOR_TYPO = 0.5;

/**
 * `numeric`: every non-missing cell is a decimal number (also when every cell is missing).
 * `mostly-numeric`: more than NUMERIC_SHARE_FOR_TYPO of them are, but not all: probably stray words or typos.
 * `categorical`: otherwise.
 */
export type ColumnKind = 'numeric' | 'mostly-numeric' | 'categorical';

export interface ColumnScan {
  readonly kind: ColumnKind;
  /** Cells that mark a missing value (see `isMissing`). */
  readonly missing: number;
  /** Non-missing cells that parse as decimal numbers. */
  readonly numeric: number;
  /** Position (among the scanned rows) of the first non-missing cell that is not a number; -1 when there is none. */
  readonly firstNonNumeric: number;
}

/**
 * The number a cell spells as a plain decimal: an optional sign, digits with an optional point, an optional
 * exponent ("-1", "+2", ".5", "1e-3", "7."). Hexadecimal / binary / octal literals, "Infinity", thousands
 * separators and values that overflow to ±Infinity are not numbers here.
 *
 * @param cell trimmed, non-missing cell text
 * @returns the value, or NaN when the cell is not a decimal number
 * @example parseDecimal('1e-3'); // => 0.001
 * @example parseDecimal('0x1F'); // => NaN
 */
export function parseDecimal(cell: string): number {
  const value = Number(cell);
  if (!Number.isFinite(value) || cell.length === 0) return NaN;
  // Number() also reads '0x1F', '0b1', '0o7'; a decimal never has a letter other than e/E in second place.
  if (cell.length > 1 && cell.charCodeAt(0) === 48 /* 0 */) {
    const second = cell.charCodeAt(1) | 0x20; // lower-case an ASCII letter
    if (second === 0x78 /* x */ || second === 0x62 /* b */ || second === 0x6f /* o */) return NaN;
  }
  return value;
}

/** How a cell that is not a decimal number may still spell one, as a spreadsheet saved it. */
export type NumberLike = 'decimal-comma' | 'thousands-separator';

/**
 * Whether a cell that `parseDecimal` refuses spells a number with a comma: a decimal comma ("3,46", "-0,5",
 * "1.234,5"), as spreadsheets save numbers where the comma is the decimal mark, or thousands separators
 * ("12,345", "1,234.5"). Neither is read as a number: "1,234" could be either (it is called a thousands separator).
 *
 * @param cell trimmed, non-missing cell text
 * @returns which, or undefined when the cell is not a number with a comma
 * @example numberWithComma('3,46'); // => 'decimal-comma'
 * @example numberWithComma('12,345'); // => 'thousands-separator'
 */
export function numberWithComma(cell: string): NumberLike | undefined {
  if (/^[+-]?[1-9]\d{0,2}(,\d{3})+(\.\d+)?$/.test(cell)) return 'thousands-separator';
  if (/^[+-]?(\d+|\d{1,3}(\.\d{3})+),\d+$/.test(cell)) return 'decimal-comma';
  return undefined;
}

/**
 * Scans a column's cells and decides its kind.
 *
 * @param cells the column's trimmed cell texts
 * @param rows positions in `cells` to scan, in order; all cells when omitted
 * @param numbersOut when given (length = number of scanned rows), receives each scanned cell's number: NaN for a
 *   missing or non-numeric cell. Meaningful only when the returned kind is `numeric`.
 * @returns the kind, the missing and numeric counts and the first non-numeric position (an index into `rows`)
 */
export function scanColumn(cells: readonly string[], rows?: ArrayLike<number>, numbersOut?: Float64Array): ColumnScan {
  const count = rows ? rows.length : cells.length;
  let missing = 0;
  let numeric = 0;
  let firstNonNumeric = -1;
  for (let r = 0; r < count; r++) {
    const cell = cells[rows ? rows[r] : r];
    let value = NaN;
    if (isMissing(cell)) {
      missing++;
    } else {
      value = parseDecimal(cell);
      if (Number.isNaN(value)) {
        if (firstNonNumeric < 0) firstNonNumeric = r;
      } else {
        numeric++;
      }
    }
    if (numbersOut) numbersOut[r] = value;
  }
  const present = count - missing;
  let kind: ColumnKind = 'categorical';
  if (numeric === present) kind = 'numeric';
  else if (numeric > NUMERIC_SHARE_FOR_TYPO * present) kind = 'mostly-numeric';
  return { kind, missing, numeric, firstNonNumeric };
}
