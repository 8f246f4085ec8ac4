import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/core/data/decode-text';
import { AuditInputError } from '../../src/core/errors';

function failure(run: () => unknown): AuditInputError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AuditInputError);
    expect((error as Error).message).not.toMatch(/[\r\n]/);
    return error as AuditInputError;
  }
  throw new Error('expected an AuditInputError');
}

describe('decodeText at the size wall (issue 14, finding 2)', () => {
  it('refuses text over the string limit before decoding, naming the limit and the fix', () => {
    // An injected limit of 16 characters stands for V8's 512 MiB: 20 ASCII bytes cannot become one string.
    const error = failure(() => decodeText(new TextEncoder().encode('a,b\n1,2\n3,4\n5,6\n7,8\n'), 'big.csv', 'CSV file', 16));
    expect(error.code).toBe('TOO_LARGE');
    expect(error.message).toBe(
      "The CSV file 'big.csv' has 20 B, more than the 16 B of text one string can hold here (V8's limit). Split the file, or keep a sample of its rows (e.g. `head -n 1000000`), then run the audit again.",
    );
  });

  it('a decoder failure on valid UTF-8 (the string limit) is a size error, not "not UTF-8" read past the end', () => {
    // Valid bytes with no separator: the old notUtf8 read bytes[length] and decoded the whole file as Windows-1252.
    const bytes = new Uint8Array(64);
    const error = failure(() => decodeText(bytes, 'zeros.csv', 'CSV file', 64, () => { throw new RangeError('Invalid string length'); }));
    expect(error.code).toBe('TOO_LARGE');
    expect(error.message).toMatch(/^The CSV file 'zeros.csv' has 64 B, more text than one string can hold here/);
  });

  it('an invalid byte in a long run without separators shows a short excerpt only', () => {
    const bytes = new Uint8Array(100_000).fill(0x61);
    bytes[50_000] = 0xe9;
    const error = failure(() => decodeText(bytes, 'long.csv'));
    expect(error.code).toBe('NOT_UTF8');
    expect(error.message.length).toBeLessThan(400);
  });
});
