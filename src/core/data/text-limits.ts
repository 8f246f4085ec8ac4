/**
 * The size walls of reading a file as one string, named so every front end says the same thing when a file
 * hits them (issue 14): V8 cannot make a string longer than this many UTF-16 code units (2^29 − 24 on 64-bit),
 * and a UTF-8 file of n bytes decodes to at most n code units.
 */
export const MAX_TEXT_CHARS = 2 ** 29 - 24;

/**
 * A byte count for a message, in binary units: `20 B`, `1.5 KB`, `512.0 MB`, `1.00 GB`.
 * @example describeBytes(1536); // => '1.5 KB'
 */
export function describeBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

const TOO_LARGE_FIX = 'Split the file, or keep a sample of its rows (e.g. `head -n 1000000`), then run the audit again.';
const MODEL_TOO_LARGE_FIX = 'Export the model as ONNX (read as bytes, without this limit), or audit a smaller model.';

/** What to do about a text file over the string limit: a data file can be sampled, a model file exported as ONNX. */
export function tooLargeFix(what: string): string {
  return /model/i.test(what) ? MODEL_TOO_LARGE_FIX : TOO_LARGE_FIX;
}
