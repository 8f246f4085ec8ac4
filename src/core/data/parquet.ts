/**
 * Parquet bytes → the same table of cell texts a CSV file gives (`CsvTable`), so that typing, missing values,
 * buckets, roles and every warning downstream are those of a CSV file with the same values (issue 13). Read with
 * hyparquet, column chunk by column chunk (no row objects).
 *
 * A cell's text is what a CSV export would hold: numbers in JavaScript's shortest round-trip form (`0.1`, `1e-7`),
 * 64-bit integers in full, booleans as `true` / `false`, dates and timestamps in ISO 8601, text trimmed as CSV
 * cells are, and a null (or a NaN) as the empty cell, which is missing. Row r (1-based) is reported as line r + 1,
 * the line it has in that export, so a message about a cell names the same place for either file.
 *
 * Read: flat columns of numbers, text, booleans, dates and timestamps, compressed with Snappy (the default of
 * pyarrow, DuckDB and Spark) or not at all. Refused with one line (BAD_PARQUET): a truncated or corrupt file,
 * nested columns (lists, structs, maps), raw binary, and other codecs (GZIP, ZSTD, …).
 */
import { AuditInputError } from '../errors';
import { type CsvTable, headerOnlyError, readHeader } from './csv';
import { showCell } from './show-cell';

/** The four bytes that open and close every Parquet file. */
const MAGIC = [0x50, 0x41, 0x52, 0x31]; // "PAR1"

const FIX_CORRUPT = 'Write the file again (pyarrow, DuckDB, Spark or pandas.to_parquet) and check that it was copied whole.';

/**
 * Whether the bytes are to be read as Parquet: they open with the Parquet magic `PAR1`, or the file is named
 * `*.parquet` (then a file without the magic is refused as not Parquet, rather than read as CSV text).
 */
export function isParquet(bytes: Uint8Array, path: string): boolean {
  return /\.parquet$/i.test(path) || MAGIC.every((byte, k) => bytes[k] === byte);
}

function badParquet(problem: string, fix = FIX_CORRUPT): AuditInputError {
  return new AuditInputError('BAD_PARQUET', problem, fix);
}

/**
 * Reads a Parquet file into columns of cell texts.
 *
 * @param bytes the whole file
 * @param path the file as the user named it, for messages
 * @param what what the file is, for messages ("data file", "predictions file")
 * @throws AuditInputError BAD_PARQUET for a file that is not Parquet, truncated or corrupt, or holds a column
 *   type or codec this reader does not take; EMPTY_FILE when it has no columns; HEADER_ONLY when it has no rows;
 *   MALFORMED_ROW or DUPLICATE_COLUMN for an empty or repeated column name, as for a CSV header
 * @example (await parseParquet(bytesOf('y,g\n0,a'), 'x.parquet')).columns; // => [['0'], ['a']]
 */
export async function parseParquet(bytes: Uint8Array, path: string, what = 'data file'): Promise<CsvTable> {
  const opens = MAGIC.every((byte, k) => bytes[k] === byte);
  const closes = MAGIC.every((byte, k) => bytes[bytes.length - 4 + k] === byte);
  if (!opens) throw badParquet(`The ${what} '${path}' is not a Parquet file (it does not start with the Parquet mark PAR1).`, 'Give a Parquet file, or a CSV file named other than *.parquet.');
  if (!closes || bytes.length < 12) throw badParquet(`The ${what} '${path}' is truncated: it does not end with the Parquet mark PAR1.`);
  // hyparquet is an ES module only: imported where it is used (esbuild bundles it; tsc checks this file as CommonJS).
  const { parquetMetadata, parquetRead, parquetSchema } = await import('hyparquet');
  // hyparquet reads an ArrayBuffer; a view into a larger buffer (node's pooled reads) is copied out first.
  const buffer = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : bytes.slice().buffer;

  let metadata;
  try {
    metadata = parquetMetadata(buffer);
  } catch (error) {
    throw badParquet(`The ${what} '${path}' is corrupt: its Parquet footer cannot be read (${messageOf(error)}).`);
  }
  const fields = parquetSchema(metadata).children;
  if (fields.length === 0) throw new AuditInputError('EMPTY_FILE', `The ${what} '${path}' has no columns.`, 'Give a Parquet file with a label column, group columns and features.');
  for (const field of fields) {
    if (field.children.length > 0) {
      throw badParquet(
        `Column ${showCell(field.element.name)} of the ${what} '${path}' is a nested Parquet column (a list, struct or map).`,
        'Flatten it into one column per value before the audit, or leave it out of the file.',
      );
    }
  }
  const header = readHeader(fields.map((field) => field.element.name), 1);
  const rowCount = Number(metadata.num_rows);
  if (rowCount === 0) throw headerOnlyError(header.length, `The ${what} '${path}'`);

  const columns = header.map(() => new Array<string>(rowCount));
  const column = new Map(header.map((name, j) => [name, j]));
  let failure: AuditInputError | undefined;
  try {
    await parquetRead({
      file: buffer,
      metadata,
      // Only columns marked as text are decoded as UTF-8; raw binary stays bytes, and is refused below.
      utf8: false,
      onChunk({ columnName, columnData, rowStart }) {
        const j = column.get(columnName) as number;
        const cells = columns[j];
        for (let i = 0; i < columnData.length; i++) {
          const text = cellText(columnData[i]);
          if (text === undefined) failure ??= unsupportedValue(columnName, columnData[i], rowStart + i, what, path);
          else cells[rowStart + i] = text;
        }
      },
    });
  } catch (error) {
    throw failure ?? badParquet(`The ${what} '${path}' is corrupt or uses a Parquet feature this reader does not take (${messageOf(error)}).`, fixFor(messageOf(error)));
  }
  if (failure) throw failure;
  const lines = new Int32Array(rowCount);
  for (let i = 0; i < rowCount; i++) lines[i] = i + 2;
  return { header, columns, lines, rowCount, format: 'parquet' };
}

/** The CSV text of a decoded Parquet value, or undefined for a value no CSV cell can stand for. */
function cellText(value: unknown): string | undefined {
  switch (typeof value) {
    case 'number':
      return Number.isNaN(value) ? '' : String(value);
    case 'string':
      return value.includes('\0') ? undefined : value.trim();
    case 'bigint':
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      return '';
    default:
      if (value === null) return '';
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
      return undefined;
  }
}

function unsupportedValue(column: string, value: unknown, row: number, what: string, path: string): AuditInputError {
  const kind = value instanceof Uint8Array ? 'raw binary' : typeof value === 'string' ? 'text holding a NUL character' : Array.isArray(value) ? 'a list' : 'a structured value';
  return badParquet(
    `Column ${showCell(column)} of the ${what} '${path}' holds ${kind} on row ${row + 1}, which an audit cannot read as a number or a category.`,
    'Store it as a number or as UTF-8 text (a string column), or leave the column out of the file.',
  );
}

function fixFor(message: string): string {
  return /compression codec/.test(message) ? 'Write it with Snappy compression (the default of pyarrow, DuckDB and Spark) or none.' : FIX_CORRUPT;
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/^parquet /, '');
}
