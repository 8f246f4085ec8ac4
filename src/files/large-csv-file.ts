/**
 * A data CSV read in chunks into its table, never whole: the file's bytes and text are never held at once, so the
 * 512 MiB wall of V8's strings and the "a quarter of the heap" wall of input-file.ts do not apply; memory is the
 * table. Every CSV is read so, whatever its size (issue 13): the byte reader (core/data/csv-bytes.ts) puts numeric
 * columns straight into numbers; when it declines a file (an error, an unusual shape), the file is read again from
 * its start by papaparse's chunked reader (core/data/csv-chunks.ts), which gives the table, or the error, as ever.
 */
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { CsvByteReader, CsvNeedsReference } from '../core/data/csv-bytes';
import { CsvChunkParser } from '../core/data/csv-chunks';
import type { CsvTable } from '../core/data/csv';
import { checkReadable, readInputFile, readInputFileSync } from './input-file';

const CHUNK_BYTES = 16 * 1024 ** 2;
const HEAD_BYTES = 65_536;

export interface LargeCsv {
  readonly table: CsvTable;
  /** The file's first 64 KiB of text, at most. */
  readonly head: string;
  readonly sha256: string;
}

/** What is done with each chunk: one reader, then the table. */
interface ChunkReader {
  push(bytes: Uint8Array): void;
  finish(): CsvTable;
}

/** A file read chunk by chunk: `read` fills the buffer from the current position and says how many bytes came. */
interface ChunkSource<R> {
  rewind(): void;
  read(buffer: Uint8Array): R;
}

/**
 * The table of a CSV file, read in chunks; undefined for a Parquet file (by its `PAR1` mark), which the caller
 * reads whole. (The name is from when only files of 256 MiB or more were read so.)
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
    let position = 0;
    const source: ChunkSource<number> = {
      rewind: () => {
        position = 0;
      },
      read: (buffer) => {
        const read = readSync(fd, buffer, 0, buffer.length, position);
        position += read;
        return read;
      },
    };
    const mark = new Uint8Array(4);
    if (isParquetMark(mark.subarray(0, source.read(mark)))) return undefined;
    return readThrough(new CsvByteReader(stats.size), source) ?? (readThrough(new CsvChunkParser(path, what), source) as LargeCsv);
  } finally {
    closeSync(fd);
  }
}

/**
 * As readLargeCsvSync, without blocking the thread (the editor's audit worker).
 * @param displayPath the file as messages about its content name it (file errors name `path`)
 */
export async function readLargeCsv(path: string, what = 'CSV file', displayPath = path): Promise<LargeCsv | undefined> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch {
    await readInputFile(path, what); // throws the usual one line: missing, unreadable, a folder
    return undefined;
  }
  try {
    const stats = await handle.stat();
    checkReadable(stats, path, what, { heapBytes: Number.POSITIVE_INFINITY });
    const file = handle;
    let position = 0;
    const source: ChunkSource<Promise<number>> = {
      rewind: () => {
        position = 0;
      },
      read: async (buffer) => {
        const { bytesRead } = await file.read(buffer, 0, buffer.length, position);
        position += bytesRead;
        return bytesRead;
      },
    };
    const mark = new Uint8Array(4);
    if (isParquetMark(mark.subarray(0, await source.read(mark)))) return undefined;
    const byBytes = await readThroughAsync(new CsvByteReader(stats.size), source);
    return byBytes ?? ((await readThroughAsync(new CsvChunkParser(displayPath, what), source)) as LargeCsv);
  } finally {
    await handle.close();
  }
}

function isParquetMark(bytes: Uint8Array): boolean {
  return bytes.length === 4 && bytes[0] === 0x50 && bytes[1] === 0x41 && bytes[2] === 0x52 && bytes[3] === 0x31; // PAR1
}

/** One pass over the file from its start; undefined when the byte reader declines it. */
function readThrough(reader: ChunkReader, source: ChunkSource<number>): LargeCsv | undefined {
  source.rewind();
  const pass = new Pass(reader);
  const buffer = new Uint8Array(CHUNK_BYTES);
  try {
    for (let read = source.read(buffer); read > 0; read = source.read(buffer)) {
      pass.push(buffer.subarray(0, read));
    }
    return pass.finish();
  } catch (error) {
    if (error instanceof CsvNeedsReference) return undefined;
    throw error;
  }
}

async function readThroughAsync(reader: ChunkReader, source: ChunkSource<Promise<number>>): Promise<LargeCsv | undefined> {
  source.rewind();
  const pass = new Pass(reader);
  const buffer = new Uint8Array(CHUNK_BYTES);
  try {
    for (let read = await source.read(buffer); read > 0; read = await source.read(buffer)) {
      pass.push(buffer.subarray(0, read));
    }
    return pass.finish();
  } catch (error) {
    if (error instanceof CsvNeedsReference) return undefined;
    throw error;
  }
}

/** One reading of the file: the reader, the hash and the head. */
class Pass {
  private readonly hash = createHash('sha256');
  private headBytes: Uint8Array | undefined;

  constructor(private readonly reader: ChunkReader) {}

  push(chunk: Uint8Array): void {
    this.headBytes ??= chunk.slice(0, HEAD_BYTES);
    this.hash.update(chunk);
    this.reader.push(chunk);
  }

  finish(): LargeCsv {
    const table = this.reader.finish();
    // Only its first line is read (SARIF's anchor); a character cut at the end becomes U+FFFD, which it never reaches.
    const head = new TextDecoder().decode(this.headBytes ?? new Uint8Array(0));
    return { table, head, sha256: this.hash.digest('hex') };
  }
}
