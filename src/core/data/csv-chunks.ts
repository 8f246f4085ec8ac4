/**
 * CSV bytes read in chunks → the same table as `parseCsv(decodeText(bytes))`, for a file too large to be one
 * string (V8's limit, 512 MiB): the front end reads the file piece by piece and pushes each piece here; no piece
 * of text larger than a chunk plus one row is ever made. The rows are cut by papaparse's own parser, which keeps
 * an unfinished row (an open quote, a row without its line break) for the next chunk, as papaparse does when it
 * streams a file itself.
 *
 * The same text gives the same table, lines, errors and warnings as the whole-string reader, with two
 * differences, both on files that hold several problems: a NUL character is found chunk by chunk (the
 * whole-string reader looks for it before anything else), and a file whose line breaks are CR alone (no LF
 * anywhere) is held whole until its end, since only the end tells it apart from LF text.
 */
import Papa from 'papaparse';
import { AuditInputError } from '../errors';
import { type TextTable, countOccurrences, CSV_DIALECT, EMPTY_FILE_FIX, EMPTY_FILE_PROBLEM, headerOnlyError, LineCounter, malformedRow, nulCharacterOnLine, papaProblem, raggedRow, readHeader, trimCell } from './csv';
import { notUtf8 } from './decode-text';

/**
 * A column stops sharing its repeated cell texts past this many distinct ones. Up to it, a cell that repeats
 * (a category, a number with few digits) is held once: a table of n cells then costs n pointers rather than n
 * strings (three to four times less memory).
 */
const MAX_SHARED_CELLS = 1 << 16;

// fatal: an invalid byte throws; the first piece drops a byte-order mark, the later ones keep what they hold.
const firstPieceDecoder = new TextDecoder('utf-8', { fatal: true });
const laterPieceDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export class CsvChunkParser {
  private pendingBytes = new Uint8Array(0);
  private firstPiece = true;
  /** Text from the start of the first unfinished row on: what the parser has not turned into rows yet. */
  private pending = '';
  /** Line breaks in the text decoded before the pending text's pieces, for an encoding error's line. */
  private lineBreaksDecoded = 0;
  private lineBreak: '\n' | '\r' | null = null;
  private lineCounter: LineCounter | null = null;
  private parser: Papa.Parser | null = null;
  /** Offset of the pending text in the file's text, as papaparse counts its cursor. */
  private baseIndex = 0;
  private header: string[] | null = null;
  private columns: string[][] = [];
  private shared: Array<Map<string, string> | null> = [];
  private lines: number[] = [];
  private headText = '';

  /**
   * @param path the file as the user named it, for messages
   * @param what what the file is, for messages ("CSV file", "training CSV")
   */
  constructor(
    private readonly path: string,
    private readonly what = 'CSV file',
  ) {}

  /** The file's first 64 KiB of text or less (for SARIF's anchor on the header line). */
  get head(): string {
    return this.headText;
  }

  /** The next piece of the file's bytes, in order; any size, cut anywhere (even inside a character). */
  push(bytes: Uint8Array): void {
    const joined = this.pendingBytes.length === 0 ? bytes : concat(this.pendingBytes, bytes);
    const complete = completeUtf8Length(joined);
    this.pendingBytes = joined.slice(complete);
    this.feed(this.decode(joined.subarray(0, complete)));
  }

  /**
   * The table, once every piece was pushed.
   * @throws AuditInputError as decodeText and parseCsv
   */
  finish(): TextTable {
    if (this.pendingBytes.length > 0) throw notUtf8(this.pendingBytes, this.path, this.what, this.firstPiece ? undefined : this.lineBreaksDecoded);
    this.lineBreak ??= '\r';
    this.parseRows(true);
    const names = this.header;
    if (names === null) throw new AuditInputError('EMPTY_FILE', EMPTY_FILE_PROBLEM, EMPTY_FILE_FIX);
    if (this.lines.length === 0) throw headerOnlyError(names.length);
    return { header: names, columns: this.columns, lines: Int32Array.from(this.lines), rowCount: this.lines.length };
  }

  private decode(bytes: Uint8Array): string {
    if (bytes.length === 0) return '';
    let text: string;
    try {
      text = (this.firstPiece ? firstPieceDecoder : laterPieceDecoder).decode(bytes);
    } catch {
      throw notUtf8(bytes, this.path, this.what, this.firstPiece ? undefined : this.lineBreaksDecoded);
    }
    if (this.firstPiece && text.charCodeAt(0) === 0xfeff) text = text.slice(1); // as parseCsv: a second mark
    this.firstPiece = false;
    this.lineBreaksDecoded += countOccurrences(text, text.includes('\n') ? '\n' : '\r');
    if (this.headText.length < 65_536) this.headText += text.slice(0, 65_536 - this.headText.length);
    return text;
  }

  private feed(text: string): void {
    const nul = text.indexOf('\0');
    if (nul >= 0) {
      const lineBreak = this.lineBreak ?? (this.pending.includes('\n') || text.includes('\n') ? '\n' : '\r');
      const before = this.pending + text.slice(0, nul);
      throw nulCharacterOnLine((this.lineCounter?.nextRowLine ?? 1) + countOccurrences(before, lineBreak));
    }
    this.pending += text;
    if (this.lineBreak === null) {
      // LF anywhere makes it an LF file; until the first LF, CR alone might still be the line break.
      if (!this.pending.includes('\n')) return;
      this.lineBreak = '\n';
    }
    this.parseRows(false);
  }

  /** Turns the pending text into rows; all of it at the end, else all but its last, unfinished row. */
  private parseRows(atEnd: boolean): void {
    const lineBreak = this.lineBreak as '\n' | '\r';
    const counter = (this.lineCounter ??= new LineCounter(this.pending, lineBreak));
    counter.rebase(this.pending);
    this.parser ??= new Papa.Parser({
      ...CSV_DIALECT,
      newline: lineBreak,
      step: (result: { data: string[][]; errors: Array<{ code: string; message: string }>; meta: { cursor: number } }) =>
        this.row(result.data[0], counter.lineOfNextRow(result.meta.cursor - this.baseIndex), result.errors[0]),
    });
    const result = this.parser.parse(this.pending, this.baseIndex, !atEnd) as { meta: { cursor: number } };
    this.pending = this.pending.slice(result.meta.cursor - this.baseIndex);
    this.baseIndex = result.meta.cursor;
  }

  private row(fields: string[], line: number, error: { code: string; message: string } | undefined): void {
    if (error) throw malformedRow(line, papaProblem[error.code] ?? error.message.toLowerCase());
    if (fields.length === 1 && fields[0].trim() === '') return; // blank line
    if (this.header === null) {
      this.header = readHeader(fields, line);
      this.columns = this.header.map(() => []);
      this.shared = this.header.map(() => new Map());
      return;
    }
    if (fields.length !== this.header.length) throw raggedRow(line, fields.length, this.header);
    for (let j = 0; j < fields.length; j++) this.columns[j].push(this.sharedCell(j, trimCell(fields[j])));
    this.lines.push(line);
  }

  private sharedCell(column: number, cell: string): string {
    const shared = this.shared[column];
    if (shared === null) return cell;
    const known = shared.get(cell);
    if (known !== undefined) return known;
    if (shared.size >= MAX_SHARED_CELLS) this.shared[column] = null;
    else shared.set(cell, cell);
    return cell;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

/** How many leading bytes end on a character boundary: the rest, an unfinished UTF-8 sequence, waits for more. */
function completeUtf8Length(bytes: Uint8Array): number {
  // A sequence is at most 4 bytes: look back up to 3 bytes for the lead byte of the last one.
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back];
    if (byte < 0x80) return bytes.length; // ASCII: complete
    if (byte >= 0xc0) {
      const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return length > back ? bytes.length - back : bytes.length;
    }
  }
  return bytes.length; // continuation bytes only: invalid or complete, the decoder tells
}
