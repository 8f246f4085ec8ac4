/**
 * CSV bytes → a table whose numeric columns hold numbers, not cell strings (issue 13): the bytes of a plain decimal
 * cell ("-1.250") become its double directly, in a NumberColumn; only the cells of other columns (the label, the
 * groups, text features) become strings. Pushed in chunks of any size, so a file is never one string and memory is
 * the columns: 9 bytes a numeric cell.
 *
 * Why not papaparse here (measured on the paper's shape, 25,366 × 471, 77 MB, CPU seconds, docs/performance.md):
 * papaparse hands over every row as an array of strings; its parse alone, with a step that only touches the fields
 * and nothing typed, takes 1.1–1.5 s, as much as this reader's whole job of bytes → typed columns (1.1–1.2 s, of
 * which 0.36 s is the first touch of the columns' 107 MB). Then typing those 12 million strings and collecting
 * them made the former path, papaparse → cell strings → numbers, 6.3–7.1 s. No npm CSV parser reads bytes into
 * typed columns without making the strings.
 *
 * This reader handles the common shape only, and declines anything else by throwing CsvNeedsReference, after which
 * the caller reads the file with the papaparse reader: so every table, line number, error and warning is the
 * reference's. Declined: an error of any kind (the reference finds it and words it), a NUL byte, bytes that are not
 * UTF-8, CR alone as the line break, a second byte-order mark, a quote inside an unquoted field, anything but a
 * comma, a line break or the end after a closing quote. Read here: LF or CRLF line breaks, a byte-order mark, blank
 * lines, spaces around cells, quoted fields (commas, line breaks, doubled quotes), UTF-8 text.
 */
import { readHeader, type CsvTable } from './csv';
import { parseDecimal } from './column-type';
import { isMissing } from './missing';
import { EMPTY_CELL, IRREGULAR_CELL, MAX_PLAIN_DIGITS, NumberColumn, plainDecimals, SHORTEST_CELL, type TableColumn } from './number-column';

/** The bytes hold something this reader leaves to the papaparse reader (see the file's comment). */
export class CsvNeedsReference extends Error {
  constructor(reason: string) {
    super(`read by the reference CSV reader: ${reason}`);
  }
}

const LF = 10;
const CR = 13;
const QUOTE = 34;
const COMMA = 44;
const MINUS = 45;
const POINT = 46;
const ZERO = 48;

/** Rows the columns hold before the first estimate of how many the file has. */
const FIRST_CAPACITY = 1024;
/** A text column stops sharing its repeated cell texts past this many distinct ones (as csv-chunks.ts). */
const MAX_SHARED_CELLS = 1 << 16;

const POW10 = Float64Array.from({ length: MAX_PLAIN_DIGITS + 1 }, (_, k) => 10 ** k);
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The text of bytes [start, end), strict UTF-8; a quoted field's doubled quotes made single. */
function textOf(bytes: Uint8Array, start: number, end: number, quoted: boolean): string {
  let text: string;
  try {
    text = utf8.decode(bytes.subarray(start, end));
  } catch {
    throw new CsvNeedsReference('not UTF-8');
  }
  return quoted && text.includes('"') ? text.replaceAll('""', '"') : text;
}

const NUMBERS = 0;
const TEXT = 1;

export class CsvByteReader {
  private carry: Uint8Array = new Uint8Array(0);
  private bomChecked = false;
  private lineBreakSeen = false;
  /** The 1-based file line on which the next row starts. */
  private line = 1;
  private header: string[] | null = null;
  private lines = new Int32Array(1024);
  private rowCount = 0;
  // Per column: NUMBERS or TEXT; a numeric column's values and codes (room for `capacity` rows), its irregular
  // cells' texts; a text column's cells and the texts it shares.
  private kinds = new Uint8Array(0);
  private capacity = 0;
  private values: Float64Array[] = [];
  private codes: Uint8Array[] = [];
  private irregular: Array<Map<number, string>> = [];
  private texts: string[][] = [];
  private shared: Array<Map<string, string> | null> = [];
  /** Rows are read from this buffer, reused: the unfinished row of the last piece, then the next piece. */
  private work = new Uint8Array(0);
  private bytesRead = 0;

  /**
   * @param expectedBytes the file's size, when known: the columns are then sized once for its rows, from the bytes
   *   a row takes in the first rows, instead of growing by copies
   * @param firstCapacity the columns' room in rows before that estimate (smaller in tests, to exercise growing)
   */
  constructor(
    private readonly expectedBytes?: number,
    private readonly firstCapacity = FIRST_CAPACITY,
  ) {}

  /**
   * The next piece of the file's bytes, in order; any size, cut anywhere.
   * @throws CsvNeedsReference (see the file's comment)
   */
  push(bytes: Uint8Array): void {
    if (bytes.indexOf(0) >= 0) throw new CsvNeedsReference('a NUL byte');
    let joined = bytes;
    if (this.carry.length > 0) {
      if (this.work.length < this.carry.length + bytes.length) this.work = new Uint8Array(this.carry.length + bytes.length);
      this.work.set(this.carry);
      this.work.set(bytes, this.carry.length);
      joined = this.work.subarray(0, this.carry.length + bytes.length);
    }
    if (!this.bomChecked) {
      if (joined.length < 6) {
        this.carry = joined.slice();
        return;
      }
      joined = this.skipByteOrderMark(joined);
    }
    // Until an LF, CR alone might be the line break: the reference decides such a file. Rows are read up to the
    // last LF; the rest waits for the next piece.
    const lastLineBreak = joined.lastIndexOf(LF);
    if (lastLineBreak < 0) {
      // No LF in a mebibyte that holds a CR: CR alone is the line break (or a row is that long); not held whole here.
      if (joined.length > 1 << 20 && joined.indexOf(CR) >= 0) throw new CsvNeedsReference('CR alone may be the line break');
      this.carry = joined.slice();
      return;
    }
    this.lineBreakSeen = true;
    const consumed = this.scan(joined, lastLineBreak + 1, false);
    this.bytesRead += consumed;
    this.carry = joined.slice(consumed);
  }

  /**
   * The table, once every piece was pushed.
   * @throws CsvNeedsReference (see the file's comment)
   */
  finish(): CsvTable {
    let rest = this.carry;
    this.carry = new Uint8Array(0);
    if (!this.bomChecked) rest = this.skipByteOrderMark(rest);
    if (!this.lineBreakSeen && rest.indexOf(CR) >= 0) throw new CsvNeedsReference('CR alone may be the line break');
    this.scan(rest, rest.length, true);
    const header = this.header;
    if (header === null || this.rowCount === 0) throw new CsvNeedsReference('no header or no rows');
    const columns: TableColumn[] = header.map((_, j) => (this.kinds[j] === NUMBERS ? this.numberColumn(j) : this.texts[j]));
    return { header, columns, lines: this.lines.slice(0, this.rowCount), rowCount: this.rowCount };
  }

  private skipByteOrderMark(bytes: Uint8Array): Uint8Array {
    this.bomChecked = true;
    const isMark = (at: number) => bytes[at] === 0xef && bytes[at + 1] === 0xbb && bytes[at + 2] === 0xbf;
    if (!isMark(0)) return bytes;
    if (isMark(3)) throw new CsvNeedsReference('a second byte-order mark');
    return bytes.subarray(3);
  }

  /**
   * Reads the rows of bytes [0, end): all of them at the end, else those that end by `end` (a quoted field may
   * hold line breaks past it). Returns where the first row not read starts.
   */
  private scan(bytes: Uint8Array, end: number, atEnd: boolean): number {
    let rowStart = 0;
    while (rowStart < end) {
      const next = this.header === null ? this.headerRow(bytes, rowStart, end, atEnd) : this.row(bytes, rowStart, end, atEnd);
      if (next < 0) return rowStart; // unfinished: wait for more bytes
      rowStart = next;
    }
    return rowStart;
  }

  /** Where the field that starts at `at` ends, and whether it is quoted; -1 when it ends past `end`. */
  private fieldEnd(bytes: Uint8Array, at: number, end: number, atEnd: boolean): number {
    if (at < end && bytes[at] === QUOTE) {
      let search = at + 1;
      for (;;) {
        const quote = bytes.indexOf(QUOTE, search);
        if (quote < 0 || quote >= end) {
          if (atEnd) throw new CsvNeedsReference('an unclosed quote');
          return -1;
        }
        if (quote + 1 < end && bytes[quote + 1] === QUOTE) {
          search = quote + 2;
          continue;
        }
        if (quote + 1 >= end && !atEnd) return -1;
        let after = quote + 1;
        if (after < end && bytes[after] === CR && bytes[after + 1] === LF && after + 1 < end) after++;
        if (after < end && bytes[after] !== COMMA && bytes[after] !== LF) throw new CsvNeedsReference('text after a closing quote');
        return after;
      }
    }
    let stop = at;
    while (stop < end) {
      const byte = bytes[stop];
      if (byte === COMMA || byte === LF) break;
      if (byte === QUOTE) throw new CsvNeedsReference('a quote inside an unquoted field');
      stop++;
    }
    return stop;
  }

  /** The field's text: the bytes between its quotes, or all of them; untrimmed. */
  private fieldText(bytes: Uint8Array, at: number, stop: number): string {
    if (bytes[at] !== QUOTE) return textOf(bytes, at, stop, false);
    let close = stop - 1;
    while (bytes[close] !== QUOTE) close--; // past the CR of a CRLF
    return textOf(bytes, at + 1, close, true);
  }

  /** A line before the header: blank (skipped) or the header. Returns where the next row starts, or -1. */
  private headerRow(bytes: Uint8Array, rowStart: number, end: number, atEnd: boolean): number {
    const fields: string[] = [];
    let at = rowStart;
    let breaks = 0;
    for (;;) {
      const stop = this.fieldEnd(bytes, at, end, atEnd);
      if (stop < 0) return -1;
      fields.push(this.fieldText(bytes, at, stop));
      if (bytes[at] === QUOTE) breaks += countLineBreaks(bytes, at, stop);
      if (stop < end && bytes[stop] === COMMA) {
        at = stop + 1;
        continue;
      }
      const next = stop < end ? stop + 1 : stop;
      if (!(fields.length === 1 && fields[0].trim() === '')) {
        try {
          this.header = readHeader(fields, this.line);
        } catch {
          throw new CsvNeedsReference('a header error');
        }
        this.startColumns(this.header.length);
      }
      this.line += breaks + (stop < end ? 1 : 0);
      return next;
    }
  }

  private startColumns(count: number): void {
    this.kinds = new Uint8Array(count);
    this.values = Array.from({ length: count }, () => new Float64Array(0));
    this.codes = Array.from({ length: count }, () => new Uint8Array(0));
    this.irregular = Array.from({ length: count }, () => new Map());
    this.texts = Array.from({ length: count }, () => []);
    this.shared = Array.from({ length: count }, () => new Map());
  }

  /** A data row (or a blank line). Returns where the next row starts, or -1 when it ends past `end`. */
  private row(bytes: Uint8Array, rowStart: number, end: number, atEnd: boolean): number {
    const columnCount = (this.header as string[]).length;
    const row = this.rowCount;
    const place = row;
    if (row === this.capacity) this.grow(rowStart);
    const { kinds, values, codes } = this;
    let at = rowStart;
    let breaks = 0;
    let blank = false;
    for (let j = 0; ; j++) {
      if (j === columnCount) throw new CsvNeedsReference('a ragged row');
      // The usual cell, a plain decimal ended by a comma or a line break, is read here straight from its bytes:
      // [-](0|[1-9][0-9]*)[.[0-9]+], at most 15 digits, read as Number() reads it: its digits make an integer below
      // 2^53 and 10^decimals is exact, so one correctly rounded division gives the nearest double.
      let stop = -1;
      if (kinds[j] === NUMBERS) {
        let k = at;
        const negative = bytes[k] === MINUS;
        if (negative) k++;
        const integerStart = k;
        let mantissa = 0;
        let digit: number;
        while (k < end && (digit = bytes[k] - ZERO) >= 0 && digit <= 9) {
          mantissa = mantissa * 10 + digit;
          k++;
        }
        const integerDigits = k - integerStart;
        let decimals = 0;
        if (k < end && bytes[k] === POINT) {
          const fractionStart = ++k;
          while (k < end && (digit = bytes[k] - ZERO) >= 0 && digit <= 9) {
            mantissa = mantissa * 10 + digit;
            k++;
          }
          decimals = k - fractionStart;
          if (decimals === 0) k = -1;
        }
        let terminator = k >= 0 && k < end ? bytes[k] : -1;
        if (terminator === CR && k + 1 < end && bytes[k + 1] === LF) terminator = LF;
        if (
          (terminator === COMMA || terminator === LF) &&
          integerDigits > 0 &&
          !(integerDigits > 1 && bytes[integerStart] === ZERO) &&
          integerDigits + decimals <= MAX_PLAIN_DIGITS &&
          !(negative && mantissa === 0)
        ) {
          const magnitude = decimals === 0 ? mantissa : mantissa / POW10[decimals];
          values[j][place] = negative ? -magnitude : magnitude;
          codes[j][place] = decimals;
          stop = bytes[k] === CR ? k + 1 : k;
        } else if (at < end && (bytes[at] === COMMA || bytes[at] === LF)) {
          values[j][place] = NaN; // an empty cell
          codes[j][place] = EMPTY_CELL;
          stop = at;
          blank = true;
        }
      }
      if (stop < 0) {
        stop = this.fieldEnd(bytes, at, end, atEnd);
        if (stop < 0) {
          this.undoRow(j);
          return -1;
        }
        if (bytes[at] === QUOTE) breaks += countLineBreaks(bytes, at, stop);
        const cell = this.fieldText(bytes, at, stop).trim();
        blank = cell === '';
        this.addCell(j, cell, place);
      }
      if (stop < end && bytes[stop] === COMMA) {
        at = stop + 1;
        continue;
      }
      // The row ends here, at a line break or the end of the file.
      const next = stop < end ? stop + 1 : stop;
      if (j === 0 && blank) {
        this.undoRow(1); // a blank line
      } else {
        if (j !== columnCount - 1) throw new CsvNeedsReference('a ragged row');
        if (row === this.lines.length) {
          const grown = new Int32Array(this.lines.length * 2);
          grown.set(this.lines);
          this.lines = grown;
        }
        this.lines[this.rowCount++] = this.line;
      }
      this.line += breaks + (stop < end ? 1 : 0);
      return next;
    }
  }

  /** Forgets the cells of the first `columns` columns of the row not counted yet. */
  private undoRow(columns: number): void {
    for (let j = 0; j < columns; j++) if (this.kinds[j] === TEXT && this.texts[j].length > this.rowCount) this.texts[j].pop();
  }

  /** Room for more rows: an estimate of the file's rows from the bytes the first ones take, else half as many again. */
  private grow(rowStart: number): void {
    const rows = this.rowCount;
    const bytesPerRow = (this.bytesRead + rowStart) / Math.max(1, rows);
    const estimate = this.expectedBytes !== undefined && rows > 0 ? Math.ceil((this.expectedBytes / bytesPerRow) * 1.02) + this.firstCapacity : 0;
    this.capacity = rows === 0 ? this.firstCapacity : Math.max(estimate, Math.ceil(rows * 1.5));
    for (let j = 0; j < this.kinds.length; j++) {
      if (this.kinds[j] !== NUMBERS) continue;
      const values = new Float64Array(this.capacity);
      const codes = new Uint8Array(this.capacity);
      values.set(this.values[j].subarray(0, rows));
      codes.set(this.codes[j].subarray(0, rows));
      this.values[j] = values;
      this.codes[j] = codes;
    }
  }

  /** A trimmed cell, read as text: a number or missing in a numeric column, else it makes the column text. */
  private addCell(j: number, cell: string, place: number): void {
    if (this.kinds[j] === NUMBERS) {
      const missing = isMissing(cell);
      const value = missing ? NaN : parseDecimal(cell);
      if (missing || !Number.isNaN(value)) {
        const decimals = missing ? -1 : plainDecimals(cell);
        if (cell === '') this.codes[j][place] = EMPTY_CELL;
        else if (decimals >= 0) this.codes[j][place] = decimals;
        else if (!missing && String(value) === cell) this.codes[j][place] = SHORTEST_CELL;
        else {
          this.codes[j][place] = IRREGULAR_CELL;
          this.irregular[j].set(this.rowCount, cell);
        }
        this.values[j][place] = value;
        return;
      }
      this.toText(j);
    }
    this.pushText(j, cell);
  }

  /** Adds a cell to text column j, sharing the texts it repeats (up to MAX_SHARED_CELLS distinct ones). */
  private pushText(j: number, cell: string): void {
    const shared = this.shared[j];
    const known = shared?.get(cell);
    if (shared && known === undefined) {
      if (shared.size >= MAX_SHARED_CELLS) this.shared[j] = null;
      else shared.set(cell, cell);
    }
    this.texts[j].push(known ?? cell);
  }

  /** Makes numeric column j a text column: its cells so far as texts. */
  private toText(j: number): void {
    const column = this.numberColumn(j);
    this.kinds[j] = TEXT;
    for (let row = 0; row < column.length; row++) this.pushText(j, column.cell(row));
  }

  /** Numeric column j's rows so far; copied when much of its room is unused, else a view of it. */
  private numberColumn(j: number): NumberColumn {
    const rows = this.rowCount;
    const fit = <T extends Float64Array | Uint8Array>(array: T): T =>
      array.length - rows > rows / 8 ? (array.slice(0, rows) as T) : (array.subarray(0, rows) as T);
    const column = new NumberColumn(fit(this.values[j]), fit(this.codes[j]), this.irregular[j]);
    this.values[j] = new Float64Array(0);
    this.codes[j] = new Uint8Array(0);
    return column;
  }
}

/** The LFs among bytes [from, to): line breaks inside a quoted field. */
function countLineBreaks(bytes: Uint8Array, from: number, to: number): number {
  let count = 0;
  for (let k = bytes.indexOf(LF, from); k >= 0 && k < to; k = bytes.indexOf(LF, k + 1)) count++;
  return count;
}

/**
 * The table of a whole file's bytes, or undefined when the reader declines them (the caller then reads them with
 * the reference reader, `parseCsv(decodeText(bytes))`).
 */
export function readCsvBytes(bytes: Uint8Array): CsvTable | undefined {
  const reader = new CsvByteReader(bytes.length);
  try {
    reader.push(bytes);
    return reader.finish();
  } catch (error) {
    if (error instanceof CsvNeedsReference) return undefined;
    throw error;
  }
}
