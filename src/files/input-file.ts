/**
 * Reading an input file (data CSV, audit spec, model file, training CSV), the one way every front end does it:
 * the CLI, the editor's audit worker and the extension's commands (issue 14). Only a regular file is read: a
 * device never ends (/dev/zero grows memory until the process dies) and a FIFO blocks forever, so the file is
 * opened without blocking and refused by its fstat before one byte is read. A file past a size wall is refused
 * by its size, before it is read, with one line naming the limit and what to do.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { getHeapStatistics } from 'node:v8';
import { type AuditErrorCode, AuditInputError } from '../core/errors';
import { describeBytes, MAX_TEXT_CHARS, tooLargeFix } from '../core/data/text-limits';

export interface ReadLimits {
  /** Refuse a larger file (a model file's --max-model-mb); undefined: only the memory wall. */
  readonly maxBytes?: number;
  /** What to do when the file is over maxBytes, e.g. 'Raise the limit with --max-model-mb …'. */
  readonly maxBytesFix?: string;
  /** The code of that refusal (MODEL_TOO_LARGE for a model file); TOO_LARGE by default. */
  readonly maxBytesCode?: AuditErrorCode;
  /** The file is read as text: over V8's string limit it is refused by its size, before it is read. */
  readonly asText?: boolean;
  /** Memory the process may use, in bytes (V8's heap limit; smaller in tests). */
  readonly heapBytes?: number;
}

/**
 * Reading a file of n bytes holds its bytes, its text and the parsed table at once: a file over a quarter of the
 * heap cannot be audited, and is refused by its size rather than by an out-of-memory abort.
 */
const HEAP_SHARE = 4;

// O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * A file's bytes, after checking that it is a regular file within the limits.
 *
 * @param path the file as the user named it (also used in messages)
 * @param what what the file is, for messages ("CSV file", "audit spec", "model file", "training CSV")
 * @throws AuditInputError FILE_NOT_FOUND (missing, unreadable, a folder), NOT_A_FILE (a device, FIFO or
 *   socket), TOO_LARGE (over maxBytes or the memory wall)
 */
export function readInputFileSync(path: string, what: string, limits: ReadLimits = {}): Uint8Array {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (error) {
    throw cannotOpen(error, path, what);
  }
  try {
    checkReadable(fstatSync(fd), path, what, limits);
    return readWithin(() => new Uint8Array(readFileSync(fd)), path, what);
  } finally {
    closeSync(fd);
  }
}

/** As readInputFileSync, without blocking the thread (the editor's worker). */
export async function readInputFile(path: string, what: string, limits: ReadLimits = {}): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (error) {
    throw cannotOpen(error, path, what);
  }
  try {
    checkReadable(await handle.stat(), path, what, limits);
    const bytes = await handle.readFile().catch((error: unknown) => {
      throw tooLargeOrRethrow(error, path, what);
    });
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  } finally {
    await handle.close();
  }
}

/** The checks on an opened file, before reading: a regular file, under the caller's limit and the memory wall. */
export function checkReadable(stats: Stats, path: string, what: string, limits: ReadLimits = {}): void {
  if (stats.isDirectory()) throw new AuditInputError('FILE_NOT_FOUND', `'${path}' is a folder, not a ${what}.`, `Give the path of a ${what}.`);
  if (!stats.isFile()) {
    throw new AuditInputError(
      'NOT_A_FILE',
      `'${path}' is ${kindOf(stats)}, not a regular file, so it is not read as a ${what} (it may never end, or block).`,
      'Save the data to a file and give that file\'s path.',
    );
  }
  if (limits.maxBytes !== undefined && stats.size > limits.maxBytes) {
    throw new AuditInputError(limits.maxBytesCode ?? 'TOO_LARGE', `The ${what} '${path}' has ${describeBytes(stats.size)}, over the limit of ${describeBytes(limits.maxBytes)}.`, limits.maxBytesFix ?? 'Give a smaller file.');
  }
  if (limits.asText && stats.size > MAX_TEXT_CHARS) {
    throw new AuditInputError('TOO_LARGE', `The ${what} '${path}' has ${describeBytes(stats.size)}, more than the ${describeBytes(MAX_TEXT_CHARS)} of text one string can hold here (V8's limit).`, tooLargeFix(what));
  }
  const heapBytes = limits.heapBytes ?? getHeapStatistics().heap_size_limit;
  const memoryWall = Math.floor(heapBytes / HEAP_SHARE);
  if (stats.size > memoryWall) {
    throw new AuditInputError(
      'TOO_LARGE',
      `The ${what} '${path}' has ${describeBytes(stats.size)}, more than the ${describeBytes(memoryWall)} this process can read (a quarter of its ${describeBytes(heapBytes)} memory limit).`,
      `Give node more memory (NODE_OPTIONS=--max-old-space-size=${Math.ceil((stats.size * HEAP_SHARE) / 1024 ** 2)}), or a smaller file.`,
    );
  }
}

function kindOf(stats: Stats): string {
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  return 'a special file';
}

function cannotOpen(error: unknown, path: string, what: string): AuditInputError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new AuditInputError('FILE_NOT_FOUND', `No ${what} at '${path}'.`, 'Check the path (it is relative to the current folder; paths in an audit spec are relative to the spec).');
  }
  if (code === 'EISDIR') return new AuditInputError('FILE_NOT_FOUND', `'${path}' is a folder, not a ${what}.`, `Give the path of a ${what}.`);
  return new AuditInputError('FILE_NOT_FOUND', `Cannot read the ${what} '${path}' (${code ?? 'unknown error'}).`, 'Check that the file exists and that you may read it.');
}

function readWithin<T>(read: () => T, path: string, what: string): T {
  try {
    return read();
  } catch (error) {
    throw tooLargeOrRethrow(error, path, what);
  }
}

/** An allocation that fails while reading (a RangeError from Buffer or V8) becomes one line; anything else stays. */
function tooLargeOrRethrow(error: unknown, path: string, what: string): unknown {
  if (error instanceof RangeError || (error as NodeJS.ErrnoException).code === 'ERR_FS_FILE_TOO_LARGE') {
    return new AuditInputError('TOO_LARGE', `The ${what} '${path}' is too large to read into memory (${error instanceof Error ? error.message : String(error)}).`, 'Give node more memory (NODE_OPTIONS=--max-old-space-size=…), or a smaller file.');
  }
  return error;
}
