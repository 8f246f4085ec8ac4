/**
 * A file's bytes → its text, for every front end that reads a CSV (the CLI, the editor's worker, model audits).
 * Only UTF-8 is read, and strictly: a file saved as Latin-1 / Windows-1252 would otherwise turn each accented
 * letter into U+FFFD, and the audit would run on garbled group names ("�ge") without a word.
 */
import { showCell } from './show-cell';
import { AuditInputError } from '../errors';
import { describeBytes, MAX_TEXT_CHARS, tooLargeFix } from './text-limits';

// fatal: an invalid byte throws instead of becoming U+FFFD; ignoreBOM false: a leading byte-order mark is dropped.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes UTF-8 bytes, dropping a leading byte-order mark.
 *
 * @param bytes the whole file
 * @param path the file as the user named it, for the message
 * @param what what the file is, for the message ("CSV file", "training CSV", "audit spec")
 * @param maxChars the longest string the runtime can make (V8's limit; smaller in tests)
 * @param decode the UTF-8 decoder (a failing one in tests of the size wall)
 * @returns the text
 * @throws AuditInputError NOT_UTF8 when the bytes are not valid UTF-8, naming the file, the line of the first
 *   invalid byte and how to save the file as UTF-8; TOO_LARGE when the text cannot be one string
 * @example decodeText(Uint8Array.of(0xef, 0xbb, 0xbf, 0x61), 'a.csv'); // => 'a'
 */
export function decodeText(
  bytes: Uint8Array,
  path: string,
  what = 'CSV file',
  maxChars = MAX_TEXT_CHARS,
  decode: (bytes: Uint8Array) => string = (b) => strictUtf8.decode(b),
): string {
  // Checked before decoding: at the wall the decoder fails in ways that look like bad bytes, or aborts the process.
  if (bytes.length > maxChars) {
    throw new AuditInputError('TOO_LARGE', `The ${what} '${path}' has ${describeBytes(bytes.length)}, more than the ${describeBytes(maxChars)} of text one string can hold here (V8's limit).`, tooLargeFix(what));
  }
  try {
    return decode(bytes);
  } catch (error) {
    // Valid UTF-8 that still fails to decode is the string limit (or memory), not the encoding.
    if (firstInvalidUtf8(bytes) >= bytes.length) {
      throw new AuditInputError('TOO_LARGE', `The ${what} '${path}' has ${describeBytes(bytes.length)}, more text than one string can hold here (${error instanceof Error ? error.message : String(error)}).`, tooLargeFix(what));
    }
    throw notUtf8(bytes, path, what);
  }
}

/**
 * NOT_UTF8 for bytes that fail to decode.
 * @param linesBefore line breaks before `bytes` in the file when they are a later piece of it (a file read in
 *   chunks); undefined for the whole file or its first piece
 */
export function notUtf8(bytes: Uint8Array, path: string, what: string, linesBefore?: number): AuditInputError {
  const excel = /csv/i.test(what) ? ' (in Excel: Save As, file type "CSV UTF-8")' : '';
  const fix = `Save it as UTF-8${excel}, then run the audit again.`;
  if (linesBefore === undefined && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return new AuditInputError('NOT_UTF8', `The ${what} '${path}' is UTF-16 text (it starts with a UTF-16 byte-order mark), not UTF-8.`, fix);
  }
  const at = firstInvalidUtf8(bytes);
  const line = (linesBefore ?? 0) + lineOfByte(bytes, at);
  const shown = windows1252(fieldAround(bytes, at));
  const near = shown === undefined ? '' : ` (${showCell(shown, 30)} as Windows-1252)`;
  const byte = bytes[at].toString(16).toUpperCase().padStart(2, '0');
  return new AuditInputError(
    'NOT_UTF8',
    `The ${what} '${path}' is not UTF-8: line ${line} holds the byte 0x${byte}${near}, which UTF-8 does not allow there; it was probably saved as Latin-1 / Windows-1252.`,
    fix,
  );
}

/**
 * The offset of the first byte that does not start a well-formed UTF-8 sequence, by the table of the Unicode
 * Standard (§3.9, Table 3-7): no overlong forms, no surrogates, nothing above U+10FFFF. `bytes.length` when all are.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const continuation = (at: number, low = 0x80, high = 0xbf) => at < bytes.length && bytes[at] >= low && bytes[at] <= high;
  let at = 0;
  while (at < bytes.length) {
    const lead = bytes[at];
    let length = 0;
    if (lead < 0x80) length = 1;
    else if (lead >= 0xc2 && lead <= 0xdf) length = continuation(at + 1) ? 2 : 0;
    else if (lead >= 0xe0 && lead <= 0xef) {
      const [low, high] = lead === 0xe0 ? [0xa0, 0xbf] : lead === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
      length = continuation(at + 1, low, high) && continuation(at + 2) ? 3 : 0;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      const [low, high] = lead === 0xf0 ? [0x90, 0xbf] : lead === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
      length = continuation(at + 1, low, high) && continuation(at + 2) && continuation(at + 3) ? 4 : 0;
    }
    if (length === 0) return at;
    at += length;
  }
  return at;
}

/** The 1-based line of a byte, counting line breaks as `parseCsv` does: LF, or CR in a file without LF. */
function lineOfByte(bytes: Uint8Array, at: number): number {
  const lineBreak = bytes.includes(0x0a) ? 0x0a : 0x0d;
  let line = 1;
  for (let k = 0; k < at; k++) if (bytes[k] === lineBreak) line++;
  return line;
}

/** Bytes of the field shown around an invalid byte, at most, on either side: the message shows 30 characters. */
const FIELD_REACH = 64;

/** The bytes between the separators (comma, semicolon, tab, line break) on either side of `at`, 64 at most each way. */
function fieldAround(bytes: Uint8Array, at: number): Uint8Array {
  const isSeparator = (byte: number) => byte === 0x2c || byte === 0x3b || byte === 0x09 || byte === 0x0a || byte === 0x0d;
  let start = at;
  while (start > 0 && at - start < FIELD_REACH && !isSeparator(bytes[start - 1])) start--;
  let end = at;
  while (end < bytes.length && end - at < FIELD_REACH && !isSeparator(bytes[end])) end++;
  return bytes.subarray(start, end);
}

/** The bytes as Windows-1252 text, the usual encoding of a CSV that is not UTF-8; undefined without that decoder. */
function windows1252(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('windows-1252').decode(bytes).trim();
  } catch {
    return undefined; // a runtime built without the full ICU data
  }
}
