/**
 * CSV bytes → a table whose numeric columns hold numbers, not cell strings (issue 13): the bytes of a plain decimal
 * cell ("-1.250") become its double directly, in a NumberColumn; only the cells of other columns (the label, the
 * groups, text features) become strings. Pushed in chunks of any size, so a file is never one string and memory is
 * the columns: 9 bytes a numeric cell.
 *
 * Why not papaparse here: papaparse (kept as the reference, csv.ts / csv-chunks.ts) hands over every row as an array
 * of strings. On the paper's shape (25,366 × 471, 77 MB), papaparse's parse alone, with a step callback that only
 * touches the fields, takes longer than this reader's whole job of bytes → typed columns (figures in
 * docs/performance.md, "Reading straight into typed columns"), and the 12 million short strings it makes cost as
 * much again in garbage collection. No npm CSV parser reads bytes into typed columns without making the strings.
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
import { EMPTY_CELL, IRREGULAR_CELL, MAX_PLAIN_DIGITS, NumberColumn, plainDecimals, type TableColumn } from './number-column';

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

/** A column keeps its numbers in blocks of this many rows, joined once at the end (no doubling copies). */
const BLOCK_ROWS = 8192;
/** A text column stops sharing its repeated cell texts past this many distinct ones (as csv-chunks.ts). */
const MAX_SHARED_CELLS = 1 << 16;

const POW10 = Float64Array.from({ length: MAX_PLAIN_DIGITS + 1 }, (_, k) => 10 ** k);
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** ASCII whitespace, as String.prototype.trim removes it: tab, LF, VT, FF, CR, space. */
function isSpace(byte: number): boolean {
  return byte === 32 || (byte >= 9 && byte <= 13);
}

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

class NumberBuilder {
  readonly valueBlocks: Float64Array[] = [];
  readonly codeBlocks: Uint8Array[] = [];
  readonly irregular = new Map<number, string>();
  private values = new Float64Array(0);
  private codes = new Uint8Array(0);
  private at = BLOCK_ROWS;
  rows = 0;

  /** Adds a cell from its bytes; false when it is not a number nor missing (the column is text then). */
  addBytes(bytes: Uint8Array, start: number, end: number, quoted: boolean): boolean {
    if (quoted) return this.addText(textOf(bytes, start, end, true).trim());
    while (start < end && isSpace(bytes[start])) start++;
    while (end > start && isSpace(bytes[end - 1])) end--;
    if (start === end) {
      this.put(NaN, EMPTY_CELL);
      return true;
    }
    // A plain decimal: [-](0|[1-9][0-9]*)[.[0-9]+], at most 15 digits, read exactly as Number() reads it: its digits
    // make an integer below 2^53 and 10^decimals is exact, so one correctly rounded division gives the nearest double.
    let k = start;
    const negative = bytes[k] === MINUS;
    if (negative) k++;
    const integerStart = k;
    let mantissa = 0;
    while (k < end && (bytes[k] - ZERO) >>> 0 < 10) mantissa = mantissa * 10 + (bytes[k++] - ZERO);
    const integerDigits = k - integerStart;
    let decimals = 0;
    if (k < end && bytes[k] === POINT) {
      const fractionStart = ++k;
      while (k < end && (bytes[k] - ZERO) >>> 0 < 10) mantissa = mantissa * 10 + (bytes[k++] - ZERO);
      decimals = k - fractionStart;
      if (decimals === 0) k = -1;
    }
    if (k !== end || integerDigits === 0 || (integerDigits > 1 && bytes[integerStart] === ZERO) || integerDigits + decimals > MAX_PLAIN_DIGITS || (negative && mantissa === 0)) {
      return this.addText(textOf(bytes, start, end, false).trim());
    }
    const magnitude = decimals === 0 ? mantissa : mantissa / POW10[decimals];
    this.put(negative ? -magnitude : magnitude, decimals);
    return true;
  }

  /** Adds a trimmed cell text; false when it is not a number nor missing. */
  addText(cell: string): boolean {
    if (cell === '') {
      this.put(NaN, EMPTY_CELL);
      return true;
    }
    const value = isMissing(cell) ? NaN : parseDecimal(cell);
    if (Number.isNaN(value) && !isMissing(cell)) return false;
    const decimals = Number.isNaN(value) ? -1 : plainDecimals(cell);
    if (decimals < 0) this.irregular.set(this.rows, cell);
    this.put(value, decimals < 0 ? IRREGULAR_CELL : decimals);
    return true;
  }

  private put(value: number, code: number): void {
    if (this.at === BLOCK_ROWS) {
      this.values = new Float64Array(BLOCK_ROWS);
      this.codes = new Uint8Array(BLOCK_ROWS);
      this.valueBlocks.push(this.values);
      this.codeBlocks.push(this.codes);
      this.at = 0;
    }
    this.values[this.at] = value;
    this.codes[this.at++] = code;
    this.rows++;
  }

  column(): NumberColumn {
    const values = new Float64Array(this.rows);
    const codes = new Uint8Array(this.rows);
    this.valueBlocks.forEach((block, b) => {
      const from = b * BLOCK_ROWS;
      const length = Math.min(BLOCK_ROWS, this.rows - from);
      values.set(length === BLOCK_ROWS ? block : block.subarray(0, length), from);
      codes.set(length === BLOCK_ROWS ? this.codeBlocks[b] : this.codeBlocks[b].subarray(0, length), from);
    });
    this.valueBlocks.length = 0;
    this.codeBlocks.length = 0;
    return new NumberColumn(values, codes, this.irregular);
  }
}

class TextBuilder {
  readonly cells: string[];
  private shared: Map<string, string> | null = new Map();

  /** Takes over a column read as numbers until a cell that is none. */
  constructor(numbers: NumberBuilder) {
    const column = numbers.column();
    this.cells = [];
    for (let row = 0; row < column.length; row++) this.add(column.cell(row));
  }

  addBytes(bytes: Uint8Array, start: number, end: number, quoted: boolean): boolean {
    this.add(textOf(bytes, start, end, quoted).trim());
    return true;
  }

  private add(cell: string): void {
    const shared = this.shared;
    if (shared === null) {
      this.cells.push(cell);
      return;
    }
    const known = shared.get(cell);
    if (known !== undefined) {
      this.cells.push(known);
      return;
    }
    if (shared.size >= MAX_SHARED_CELLS) this.shared = null;
    else shared.set(cell, cell);
    this.cells.push(cell);
  }
}

export class CsvByteReader {
  private carry: Uint8Array = new Uint8Array(0);
  private bomChecked = false;
  private lineBreakSeen = false;
  /** The 1-based file line on which the next row starts. */
  private line = 1;
  private header: string[] | null = null;
  private builders: Array<NumberBuilder | TextBuilder> = [];
  private lines = new Int32Array(1024);
  private rowCount = 0;
  // The current row's fields: byte ranges and whether quoted.
  private fieldStarts = new Int32Array(64);
  private fieldEnds = new Int32Array(64);
  private fieldQuoted = new Uint8Array(64);

  /**
   * The next piece of the file's bytes, in order; any size, cut anywhere.
   * @throws CsvNeedsReference (see the file's comment)
   */
  push(bytes: Uint8Array): void {
    if (bytes.indexOf(0) >= 0) throw new CsvNeedsReference('a NUL byte');
    let joined = this.carry.length === 0 ? bytes : concat(this.carry, bytes);
    if (!this.bomChecked) {
      if (joined.length < 6) {
        this.carry = joined.slice();
        return;
      }
      joined = this.skipByteOrderMark(joined);
    }
    if (!this.lineBreakSeen) {
      // Until an LF, CR alone might be the line break: the reference decides such a file.
      if (joined.indexOf(LF) < 0) {
        this.carry = joined.slice();
        return;
      }
      this.lineBreakSeen = true;
    }
    this.carry = joined.slice(this.scan(joined, false));
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
    this.scan(rest, true);
    const header = this.header;
    if (header === null || this.rowCount === 0) throw new CsvNeedsReference('no header or no rows');
    const columns: TableColumn[] = this.builders.map((builder) => (builder instanceof NumberBuilder ? builder.column() : builder.cells));
    this.builders = [];
    return { header, columns, lines: this.lines.slice(0, this.rowCount), rowCount: this.rowCount };
  }

  private skipByteOrderMark(bytes: Uint8Array): Uint8Array {
    this.bomChecked = true;
    const isMark = (at: number) => bytes[at] === 0xef && bytes[at + 1] === 0xbb && bytes[at + 2] === 0xbf;
    if (!isMark(0)) return bytes;
    if (isMark(3)) throw new CsvNeedsReference('a second byte-order mark');
    return bytes.subarray(3);
  }

  /** Reads the complete rows of `bytes` (all of them at the end); returns where the unfinished row starts. */
  private scan(bytes: Uint8Array, atEnd: boolean): number {
    const n = bytes.length;
    let rowStart = 0;
    while (rowStart < n) {
      let fields = 0;
      let at = rowStart;
      let quotedLineBreaks = 0;
      let next = -1; // where the next row starts, once this one is complete
      while (next < 0) {
        if (fields === this.fieldStarts.length) this.growFields();
        if (at < n && bytes[at] === QUOTE) {
          let search = at + 1;
          let close = -1;
          while (close < 0) {
            const quote = bytes.indexOf(QUOTE, search);
            if (quote < 0) {
              if (atEnd) throw new CsvNeedsReference('an unclosed quote');
              return rowStart;
            }
            if (quote + 1 >= n && !atEnd) return rowStart;
            if (bytes[quote + 1] === QUOTE) search = quote + 2;
            else close = quote;
          }
          for (let k = bytes.indexOf(LF, at + 1); k >= 0 && k < close; k = bytes.indexOf(LF, k + 1)) quotedLineBreaks++;
          this.fieldStarts[fields] = at + 1;
          this.fieldEnds[fields] = close;
          this.fieldQuoted[fields++] = 1;
          let after = close + 1;
          if (after < n && bytes[after] === CR) {
            if (after + 1 >= n && !atEnd) return rowStart;
            if (bytes[after + 1] !== LF) throw new CsvNeedsReference('text after a closing quote');
            after++;
          }
          if (after >= n) next = n;
          else if (bytes[after] === COMMA) at = after + 1;
          else if (bytes[after] === LF) next = after + 1;
          else throw new CsvNeedsReference('text after a closing quote');
        } else {
          let end = at;
          while (end < n) {
            const byte = bytes[end];
            if (byte === COMMA || byte === LF) break;
            if (byte === QUOTE) throw new CsvNeedsReference('a quote inside an unquoted field');
            end++;
          }
          if (end >= n && !atEnd) return rowStart;
          this.fieldStarts[fields] = at;
          this.fieldEnds[fields] = end;
          this.fieldQuoted[fields++] = 0;
          if (end >= n) next = n;
          else if (bytes[end] === COMMA) at = end + 1;
          else next = end + 1;
        }
      }
      this.row(bytes, fields);
      this.line += quotedLineBreaks + (next <= n && bytes[next - 1] === LF && next > rowStart ? 1 : 0);
      rowStart = next;
    }
    return rowStart;
  }

  private row(bytes: Uint8Array, fields: number): void {
    const starts = this.fieldStarts;
    const ends = this.fieldEnds;
    const quoted = this.fieldQuoted;
    if (fields === 1 && textOf(bytes, starts[0], ends[0], quoted[0] === 1).trim() === '') return; // blank line
    if (this.header === null) {
      const names = Array.from({ length: fields }, (_, j) => textOf(bytes, starts[j], ends[j], quoted[j] === 1));
      try {
        this.header = readHeader(names, this.line);
      } catch {
        throw new CsvNeedsReference('a header error');
      }
      this.builders = this.header.map(() => new NumberBuilder());
      return;
    }
    if (fields !== this.header.length) throw new CsvNeedsReference('a ragged row');
    const builders = this.builders;
    for (let j = 0; j < fields; j++) {
      const builder = builders[j];
      if (!builder.addBytes(bytes, starts[j], ends[j], quoted[j] === 1)) {
        const text = new TextBuilder(builder as NumberBuilder);
        text.addBytes(bytes, starts[j], ends[j], quoted[j] === 1);
        builders[j] = text;
      }
    }
    if (this.rowCount === this.lines.length) {
      const grown = new Int32Array(this.lines.length * 2);
      grown.set(this.lines);
      this.lines = grown;
    }
    this.lines[this.rowCount++] = this.line;
  }

  private growFields(): void {
    const grow = <T extends Int32Array | Uint8Array>(array: T, make: (n: number) => T): T => {
      const grown = make(array.length * 2);
      grown.set(array);
      return grown;
    };
    this.fieldStarts = grow(this.fieldStarts, (n) => new Int32Array(n));
    this.fieldEnds = grow(this.fieldEnds, (n) => new Int32Array(n));
    this.fieldQuoted = grow(this.fieldQuoted, (n) => new Uint8Array(n));
  }
}

/**
 * The table of a whole file's bytes, or undefined when the reader declines them (the caller then reads them with
 * the reference reader, `parseCsv(decodeText(bytes))`).
 */
export function readCsvBytes(bytes: Uint8Array): CsvTable | undefined {
  const reader = new CsvByteReader();
  try {
    reader.push(bytes);
    return reader.finish();
  } catch (error) {
    if (error instanceof CsvNeedsReference) return undefined;
    throw error;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}
