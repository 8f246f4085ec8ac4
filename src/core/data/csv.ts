/**
 * CSV text → one array of cell strings per column (SPEC §1, first step of the data flow). Typing, missing values
 * and the roles of the columns are decided later, by `loadDataset`.
 *
 * The format read is RFC 4180 with a header row, comma-separated: fields may be quoted with `"`, and a quoted
 * field may hold commas, line breaks and doubled quotes (`""`). Also accepted: a UTF-8 byte-order mark, LF, CRLF
 * or a mix of both (or CR alone), blank lines anywhere (skipped: a line of only whitespace, even in a one-column
 * file), and spaces around cells (trimmed). The separator is always a comma: no guessing.
 */
import { showCell } from './show-cell';
import Papa from 'papaparse';
import { AuditInputError } from '../errors';
import type { TableColumn } from './number-column';

/** How `bucketColumn` bucketed a column: what a message about the resulting group attribute needs. */
export interface BucketedColumn {
  readonly cuts: readonly number[];
  /** The smallest and largest number in the column (NaN when every cell is missing). */
  readonly min: number;
  readonly max: number;
  /** How many buckets hold at least one value. */
  readonly bucketsUsed: number;
  /** Cut points at the terciles of the column's distinct values; empty when it has one value. */
  readonly suggestedCuts: readonly number[];
}

/** How papaparse reads every CSV here (whole or in chunks): commas, double quotes, every cell as text, blank lines kept. */
export const CSV_DIALECT = { delimiter: ',', quoteChar: '"', header: false, dynamicTyping: false, skipEmptyLines: false } as const;

export interface CsvTable {
  /** Column names from the first non-blank line, trimmed; non-empty and unique. */
  readonly header: readonly string[];
  /**
   * Column j's cells: the trimmed text of each data row, or (read from bytes, csv-bytes.ts) a NumberColumn that holds
   * a numeric column's numbers and gives the same texts back (`cellsOf`).
   */
  readonly columns: ReadonlyArray<TableColumn>;
  /** 1-based file line on which data row i starts; the header is on line 1 unless blank lines precede it. */
  readonly lines: Int32Array;
  /** Number of data rows (blank lines are not rows). */
  readonly rowCount: number;
  /** The columns `bucketColumn` replaced by bucket labels, by name: their messages speak of the cut points. */
  readonly bucketed?: Readonly<Record<string, BucketedColumn>>;
  /** 'parquet' for a Parquet file's table; absent for a CSV. */
  readonly format?: 'parquet';
}

/** A table whose every column is cell texts: what papaparse's readers (parseCsv, CsvChunkParser) and Parquet give. */
export interface TextTable extends CsvTable {
  /** columns[j][i] = the trimmed text of data row i in column j. */
  readonly columns: ReadonlyArray<string[]>;
}

/** Where a column name was looked for, as a message says it: "… is not in the CSV header." */
export function notAmongColumns(table: Pick<CsvTable, 'format'>): string {
  return table.format === 'parquet' ? "is not among the Parquet file's columns" : 'is not in the CSV header';
}

// Each message is one line: the problem, then the fix.
export const EMPTY_FILE_PROBLEM = 'The CSV file is empty.';
export const EMPTY_FILE_FIX = 'Choose a CSV file with a header row and at least one data row.';
export const HEADER_ONLY_FIX = 'Add data rows below the header, or choose another file.';

/** HEADER_ONLY: `subject` is the file in the message ("The CSV file", or a Parquet file by name). */
export function headerOnlyError(columns: number, subject = 'The CSV file'): AuditInputError {
  return new AuditInputError('HEADER_ONLY', `${subject} has a header (${columns} ${columns === 1 ? 'column' : 'columns'}) but no data rows.`, HEADER_ONLY_FIX);
}

function emptyHeaderName(line: number, column: number, columns: number): AuditInputError {
  // pandas' to_csv writes its unnamed index as a first column with an empty name.
  const pandasHint = column === 1 ? ' (from pandas, save with index=False)' : '';
  return new AuditInputError(
    'MALFORMED_ROW',
    `Column ${column} of ${columns} in the header (line ${line}) has no name.`,
    `Give every column a name in the header line, or remove the unnamed column${pandasHint}.`,
  );
}

function duplicateColumn(name: string, first: number, second: number): AuditInputError {
  return new AuditInputError(
    'DUPLICATE_COLUMN',
    `Column name ${showCell(name)} appears twice in the header (columns ${first} and ${second}).`,
    'Rename one of them so that every column name is unique.',
  );
}

/**
 * The start of a fix for a header read as one column that holds a semicolon or a tab: the file is separated by
 * those (as Excel writes a CSV where the decimal mark is a comma), not by commas. Empty otherwise.
 */
export function separatorHint(header: readonly string[]): string {
  const otherSeparator = header.length === 1 ? [';', '\t'].find((separator) => header[0].includes(separator)) : undefined;
  if (otherSeparator === undefined) return '';
  return `The file looks ${otherSeparator === ';' ? 'semicolon' : 'tab'}-separated: save it with commas between values. `;
}

export function raggedRow(line: number, found: number, header: readonly string[]): AuditInputError {
  const expected = header.length;
  return new AuditInputError(
    'RAGGED_ROW',
    `Line ${line} has ${found} ${found === 1 ? 'field' : 'fields'} but the header has ${expected} ${expected === 1 ? 'column' : 'columns'}.`,
    `${separatorHint(header)}Make every row have one field per column: look for a missing or extra comma, or quote a value that contains a comma.`,
  );
}

/**
 * A NUL character is never text: a value holding one is a binary file, or one cut and padded with zeros, and two
 * values that differ only by it would silently be two groups (issue 14, finding 6).
 */
function nulCharacter(body: string, at: number): AuditInputError {
  return nulCharacterOnLine(1 + countOccurrences(body.slice(0, at), body.includes('\n') ? '\n' : '\r'));
}

/** The error of a NUL character on a 1-based line (see nulCharacter). */
export function nulCharacterOnLine(line: number): AuditInputError {
  return new AuditInputError('MALFORMED_ROW', `Line ${line} holds a NUL character (\\u0000), which CSV text cannot contain.`, 'The file is probably binary or was cut off and padded with zeros: export it again as CSV text.');
}

export function malformedRow(line: number, detail: string): AuditInputError {
  return new AuditInputError(
    'MALFORMED_ROW',
    `Line ${line} is not valid CSV: ${detail}.`,
    'Close the quoted field, and write a quote inside a quoted field as two quotes ("").',
  );
}

export const papaProblem: Record<string, string> = {
  MissingQuotes: 'a quoted field is never closed',
  InvalidQuotes: 'a quoted field has text after its closing quote',
};

/**
 * Parses CSV text into columns of trimmed cell strings.
 *
 * @param text the whole file, as read (a leading byte-order mark is ignored)
 * @returns the header, the columns and the file line of every data row
 * @throws AuditInputError EMPTY_FILE when the text holds only whitespace; HEADER_ONLY when no data row follows the
 *   header; MALFORMED_ROW for an unclosed or malformed quoted field or an empty column name; DUPLICATE_COLUMN when
 *   two columns share a name, or for a NUL character; RAGGED_ROW when a row's field count differs from the header's
 * @example parseCsv('a,b\n1,"x, y"\n').columns; // => [['1'], ['x, y']]
 */
export function parseCsv(text: string): TextTable {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new AuditInputError('EMPTY_FILE', EMPTY_FILE_PROBLEM, EMPTY_FILE_FIX);
  const nul = body.indexOf('\0');
  if (nul >= 0) throw nulCharacter(body, nul);

  // Splitting on \n alone reads LF, CRLF and mixed files alike: trimming drops the \r that ends a CRLF line.
  const lineBreak = body.includes('\n') ? '\n' : '\r';
  const lineCounter = new LineCounter(body, lineBreak);
  // Sized once to an upper bound on the rows: growing 471 arrays cell by cell costs a third of the parse.
  const maxRows = countOccurrences(body, lineBreak) + 1;

  let header: string[] | null = null;
  let columns: string[][] = [];
  const lines = new Int32Array(maxRows);
  let rowCount = 0;

  Papa.parse<string[]>(body, {
    ...CSV_DIALECT,
    newline: lineBreak,
    step(result) {
      const fields = result.data;
      const line = lineCounter.lineOfNextRow(result.meta.cursor);
      const error = result.errors[0];
      if (error) throw malformedRow(line, papaProblem[error.code] ?? error.message.toLowerCase());
      if (fields.length === 1 && fields[0].trim() === '') return; // blank line

      if (header === null) {
        header = readHeader(fields, line);
        columns = header.map(() => new Array<string>(maxRows));
        return;
      }
      if (fields.length !== header.length) throw raggedRow(line, fields.length, header);
      for (let j = 0; j < fields.length; j++) columns[j][rowCount] = trimCell(fields[j]);
      lines[rowCount++] = line;
    },
  });

  const names = header as string[] | null;
  if (names === null) throw new AuditInputError('EMPTY_FILE', EMPTY_FILE_PROBLEM, EMPTY_FILE_FIX);
  if (rowCount === 0) throw headerOnlyError(names.length);
  for (const column of columns) column.length = rowCount;
  return { header: names, columns, lines: lines.slice(0, rowCount), rowCount };
}

/** `cell.trim()`, skipping the call for the usual cell that starts and ends with a printable ASCII character. */
export function trimCell(cell: string): string {
  const last = cell.length - 1;
  if (last < 0) return cell;
  const first = cell.charCodeAt(0);
  const end = cell.charCodeAt(last);
  return first > 32 && first < 127 && end > 32 && end < 127 ? cell : cell.trim();
}

export function countOccurrences(text: string, part: string): number {
  let count = 0;
  for (let at = text.indexOf(part); at !== -1; at = text.indexOf(part, at + 1)) count++;
  return count;
}

/** The trimmed column names; throws when one is empty or repeated (a CSV header, or a Parquet file's columns). */
export function readHeader(fields: readonly string[], line: number): string[] {
  const names = fields.map((field) => field.trim());
  const columnOfName = new Map<string, number>();
  names.forEach((name, j) => {
    if (name === '') throw emptyHeaderName(line, j + 1, names.length);
    const earlier = columnOfName.get(name);
    if (earlier !== undefined) throw duplicateColumn(name, earlier + 1, j + 1);
    columnOfName.set(name, j);
  });
  return names;
}

/**
 * Turns papaparse's cursor (the offset just past each row) into the 1-based line on which each row starts, by
 * counting line breaks incrementally: a quoted field may span lines, so rows and lines are not one-to-one.
 */
export class LineCounter {
  private rowStart = 0;
  private lineAtRowStart = 1;

  constructor(
    private text: string,
    private readonly lineBreak: string,
  ) {}

  /** Continues on the next piece of a file read in chunks, which starts where the last row ended. */
  rebase(text: string): void {
    this.text = text;
    this.rowStart = 0;
  }

  /** The line on which the next row starts. */
  get nextRowLine(): number {
    return this.lineAtRowStart;
  }

  /** The line of the row that starts where the previous one ended; then moves past it, to `rowEnd`. */
  lineOfNextRow(rowEnd: number): number {
    const line = this.lineAtRowStart;
    let at = this.text.indexOf(this.lineBreak, this.rowStart);
    while (at !== -1 && at < rowEnd) {
      this.lineAtRowStart++;
      at = this.text.indexOf(this.lineBreak, at + 1);
    }
    this.rowStart = rowEnd;
    return line;
  }
}
