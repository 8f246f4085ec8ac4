import { describe, expect, it } from 'vitest';
import { decodeText, firstInvalidUtf8 } from '../../src/core/data/decode-text';
import { AuditInputError } from '../../src/core/errors';

const utf8 = (text: string) => new TextEncoder().encode(text);
/** Latin-1 bytes: one byte per character below U+0100, as Excel's "CSV (Comma delimited)" writes on Windows. */
const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

function decodeError(bytes: Uint8Array, path = 'people.csv', what?: string): AuditInputError {
  try {
    decodeText(bytes, path, what);
  } catch (error) {
    expect(error).toBeInstanceOf(AuditInputError);
    expect((error as AuditInputError).code).toBe('NOT_UTF8');
    expect((error as Error).message).not.toMatch(/[\r\n]/);
    return error as AuditInputError;
  }
  throw new Error('expected NOT_UTF8');
}

describe('decodeText', () => {
  it('reads UTF-8, accents included, and drops a leading byte-order mark', () => {
    expect(decodeText(utf8('Âge,y\nécole,1\n'), 'a.csv')).toBe('Âge,y\nécole,1\n');
    expect(decodeText(Uint8Array.of(0xef, 0xbb, 0xbf, ...utf8('a,b\n1,2\n')), 'a.csv')).toBe('a,b\n1,2\n');
    expect(decodeText(new Uint8Array(0), 'a.csv')).toBe('');
  });

  it('refuses Latin-1 / Windows-1252, naming the file, the line, the text and the fix', () => {
    const error = decodeError(latin1('y,sex,age\n1,F,30\n0,M,41\n1,F,Über 60\n'));
    expect(error.problem).toBe(
      "The CSV file 'people.csv' is not UTF-8: line 4 holds the byte 0xDC (\"Über 60\" as Windows-1252), which UTF-8 does not allow there; it was probably saved as Latin-1 / Windows-1252.",
    );
    expect(error.fix).toBe('Save it as UTF-8 (in Excel: Save As, file type "CSV UTF-8"), then run the audit again.');
  });

  it('finds a bad byte in the header, and counts lines of a CR-only file', () => {
    expect(decodeError(latin1('y,Âge\n1,30\n')).problem).toMatch(/line 1 holds the byte 0xC2 \("Âge" as Windows-1252\)/);
    expect(decodeError(latin1('y,g\r1,a\r0,é\r')).problem).toMatch(/line 3 holds the byte 0xE9/);
  });

  it('says so for UTF-16, and leaves Excel out of the fix for a file that is not a CSV', () => {
    const error = decodeError(Uint8Array.of(0xff, 0xfe, 0x79, 0x00), 'spec.fairuse.json', 'audit spec');
    expect(error.problem).toBe("The audit spec 'spec.fairuse.json' is UTF-16 text (it starts with a UTF-16 byte-order mark), not UTF-8.");
    expect(error.fix).toBe('Save it as UTF-8, then run the audit again.');
  });
});

describe('firstInvalidUtf8', () => {
  it('is the length for valid UTF-8 of every sequence length', () => {
    const text = utf8('a é € 𝄞');
    expect(firstInvalidUtf8(text)).toBe(text.length);
  });

  it('finds a lone continuation byte, an overlong form, a surrogate, a truncated sequence and a byte above U+10FFFF', () => {
    expect(firstInvalidUtf8(Uint8Array.of(0x61, 0x80))).toBe(1);
    expect(firstInvalidUtf8(Uint8Array.of(0x61, 0xc0, 0xaf))).toBe(1);
    expect(firstInvalidUtf8(Uint8Array.of(0xe0, 0x80, 0x80))).toBe(0);
    expect(firstInvalidUtf8(Uint8Array.of(0x61, 0x62, 0xed, 0xa0, 0x80))).toBe(2);
    expect(firstInvalidUtf8(Uint8Array.of(0x61, 0xe2, 0x82))).toBe(1);
    expect(firstInvalidUtf8(Uint8Array.of(0xf4, 0x90, 0x80, 0x80))).toBe(0);
    // Each of these is rejected by the strict decoder too, so the line named is the line that failed.
    for (const bytes of [[0x61, 0x80], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0x61, 0xe2, 0x82], [0xf4, 0x90, 0x80, 0x80]]) {
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes))).toThrow();
    }
  });
});
