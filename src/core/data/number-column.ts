/**
 * A table column whose cells are all numbers or missing, held as numbers rather than cell strings (SPEC §1): what
 * a numeric feature needs, at 9 bytes a cell instead of a pointer and a string. It loses nothing: `cell(row)` gives
 * back the trimmed text as written, so a consumer that needs text (a label, a group, a split column, a message)
 * reads the same cells as from a column of strings.
 *
 * Each cell's number comes with a code: for a plain decimal of at most 15 digits ("-1.250", "42", "0.5") the count
 * of digits after its point, from which `value.toFixed(code)` prints the text back exactly (the value is the double
 * nearest a decimal of at most 15 significant digits, which rounds back to it); SHORTEST for a longer number written
 * as JavaScript prints it, the shortest text that reads back as the same double (what Python's repr and pandas
 * write too: "0.30000000000000004"); EMPTY for the empty cell; and IRREGULAR for anything else ("1e-3", "+2", ".5",
 * "-0", "NA"), whose text is kept as is.
 */

/** The most digits a plain decimal may have to be held without its text (DBL_DIG: they survive a double). */
export const MAX_PLAIN_DIGITS = 15;
export const SHORTEST_CELL = 253;
export const EMPTY_CELL = 254;
export const IRREGULAR_CELL = 255;

export class NumberColumn {
  /**
   * @param values each cell's number; NaN for a missing cell
   * @param codes each cell's code (see the file's comment)
   * @param irregular the text of each IRREGULAR cell, by row
   */
  constructor(
    readonly values: Float64Array,
    private readonly codes: Uint8Array,
    private readonly irregular: ReadonlyMap<number, string>,
  ) {}

  get length(): number {
    return this.values.length;
  }

  /** The cell's trimmed text, as written in the file. */
  cell(row: number): string {
    const code = this.codes[row];
    if (code <= MAX_PLAIN_DIGITS) return this.values[row].toFixed(code);
    if (code === SHORTEST_CELL) return String(this.values[row]);
    if (code === EMPTY_CELL) return '';
    return this.irregular.get(row) as string;
  }

  /** Every cell's text, as a column of strings holds them. */
  cells(): string[] {
    const cells = new Array<string>(this.length);
    for (let row = 0; row < cells.length; row++) cells[row] = this.cell(row);
    return cells;
  }
}

/** A column of a table: its cells' trimmed texts, or a NumberColumn that gives them back on demand. */
export type TableColumn = readonly string[] | NumberColumn;

/** The column's cells as texts (built for a NumberColumn: a label, a group or a split column, a few per audit). */
export function cellsOf(column: TableColumn): readonly string[] {
  return column instanceof NumberColumn ? column.cells() : column;
}

/**
 * The digits after the point of a plain decimal: an optional minus, 0 or digits without a leading zero, an
 * optional point with at least one digit, at most MAX_PLAIN_DIGITS digits, not a negative zero. -1 otherwise.
 *
 * @example plainDecimals('-1.250'); // => 3
 * @example plainDecimals('1e3'); // => -1
 */
export function plainDecimals(cell: string): number {
  const match = /^-?(0|[1-9]\d*)(?:\.(\d+))?$/.exec(cell);
  if (match === null) return -1;
  const decimals = match[2]?.length ?? 0;
  if (match[1].length + decimals > MAX_PLAIN_DIGITS) return -1;
  if (cell.charCodeAt(0) === 45 /* - */ && /^-0(\.0+)?$/.test(cell)) return -1;
  return decimals;
}
