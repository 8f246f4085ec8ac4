/**
 * A data CSV too large to read as one string, read in chunks into its table (core/data/csv-chunks.ts): the
 * file's bytes and text are never held whole, so the 512 MiB wall of V8's strings and the "a quarter of the heap"
 * wall of input-file.ts do not apply; memory is the table of cells.
 */
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { CsvChunkParser } from '../core/data/csv-chunks';
import type { CsvTable } from '../core/data/csv';
import { checkReadable, readInputFileSync } from './input-file';

/** From this size on a CSV is read in chunks; a smaller one is read whole (its text is then at hand for SARIF). */
export const READ_IN_CHUNKS_FROM_BYTES = 256 * 1024 ** 2;

const CHUNK_BYTES = 16 * 1024 ** 2;

export interface LargeCsv {
  readonly table: CsvTable;
  /** The file's first 64 KiB of text, at most. */
  readonly head: string;
  readonly sha256: string;
}

/**
 * The table of a CSV file of READ_IN_CHUNKS_FROM_BYTES or more, read in chunks; undefined for a smaller file or a
 * Parquet file (by its `PAR1` mark), which the caller reads whole as before.
 *
 * @throws AuditInputError as readInputFileSync (not a file, missing), decodeText and parseCsv
 */
export function readLargeCsvSync(path: string, what = 'CSV file'): LargeCsv | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch {
    readInputFileSync(path, what); // throws the usual one line: missing, unreadable, a folder
    return undefined;
  }
  try {
    const stats = fstatSync(fd);
    checkReadable(stats, path, what, { heapBytes: Number.POSITIVE_INFINITY });
    if (stats.size < READ_IN_CHUNKS_FROM_BYTES) return undefined;
    const parser = new CsvChunkParser(path, what);
    const hash = createHash('sha256');
    const buffer = new Uint8Array(CHUNK_BYTES);
    let first = true;
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) {
      const chunk = buffer.subarray(0, read);
      if (first && chunk[0] === 0x50 && chunk[1] === 0x41 && chunk[2] === 0x52 && chunk[3] === 0x31) return undefined; // PAR1
      first = false;
      hash.update(chunk);
      parser.push(chunk);
    }
    return { table: parser.finish(), head: parser.head, sha256: hash.digest('hex') };
  } finally {
    closeSync(fd);
  }
}
