import { describe, expect, it } from 'vitest';
import { CsvChunkParser } from '../../../src/core/data/csv-chunks';
import { parseCsv } from '../../../src/core/data/csv';
import { decodeText } from '../../../src/core/data/decode-text';

const encode = (text: string) => new TextEncoder().encode(text);

/** The whole-string reader's table, or its error's message. */
function whole(bytes: Uint8Array): unknown {
  try {
    return parseCsv(decodeText(bytes, 'f.csv'));
  } catch (error) {
    return (error as Error).message;
  }
}

/** The chunked reader's table, or its error's message, with the bytes cut at the given offsets. */
function chunked(bytes: Uint8Array, cuts: readonly number[]): unknown {
  const parser = new CsvChunkParser('f.csv');
  try {
    let from = 0;
    for (const cut of [...cuts, bytes.length]) {
      parser.push(bytes.subarray(from, cut));
      from = cut;
    }
    return parser.finish();
  } catch (error) {
    return (error as Error).message;
  }
}

const FILES: Record<string, string> = {
  'quoted fields with commas, line breaks and doubled quotes': 'id,note,g\n1,"a, b",x\n2,"two\nlines",y\n3,"say ""hi""",x\n4,plain,y\n',
  'CRLF line breaks and a blank line': 'a,b\r\n1,é\r\n\r\n2,ü\r\n3,"q\r\nr"\r\n',
  'multi-byte UTF-8 (2, 3 and 4 bytes) and a byte-order mark': '\ufeffname,grp\nZoë,日本\n😀,ß\nplain,€\n',
  'CR alone as the line break': 'a,b\r1,2\r3,"x\ry"\r',
  'blank lines before the header, spaces around cells, no final line break': '\n  \n a , b \n 1 ,2\n3, 4 ',
  'mixed LF and CRLF': 'a,b\n1,2\r\n3,4\n5,6\r\n',
};

const ERRORS: Record<string, string> = {
  'a ragged row': 'a,b\n1,2\n3\n4,5\n',
  'an unclosed quote': 'a,b\n1,2\n3,"open\n4,5\n',
  'text after a closing quote': 'a,b\n1,"x"y\n',
  'a NUL character': 'a,b\n1,2\n3,x\u0000y\n',
  'an empty file': ' \n\n',
  'a header without rows': 'a,b\n\n',
  'a duplicate column': 'a,a\n1,2\n',
};

describe('the chunked CSV reader gives the table of the whole-string reader', () => {
  for (const [name, text] of Object.entries({ ...FILES, ...ERRORS })) {
    it(`${name}: cut at every offset, and in pieces of 1, 2, 3 and 5 bytes`, () => {
      const bytes = encode(text);
      const expected = whole(bytes);
      for (let cut = 0; cut <= bytes.length; cut++) expect(chunked(bytes, [cut]), `cut at ${cut}`).toEqual(expected);
      for (const size of [1, 2, 3, 5]) {
        const cuts = Array.from({ length: Math.ceil(bytes.length / size) }, (_, k) => k * size);
        expect(chunked(bytes, cuts), `pieces of ${size}`).toEqual(expected);
      }
    });
  }

  it('reads the tables right, not only alike (a check on the reference itself)', () => {
    const table = chunked(encode(FILES['quoted fields with commas, line breaks and doubled quotes']), [9, 20]) as ReturnType<typeof parseCsv>;
    expect(table.columns[1]).toEqual(['a, b', 'two\nlines', 'say "hi"', 'plain']);
    expect([...table.lines]).toEqual([2, 3, 5, 6]);
    expect((chunked(encode(FILES['multi-byte UTF-8 (2, 3 and 4 bytes) and a byte-order mark']), [1, 13, 14, 15]) as ReturnType<typeof parseCsv>).header).toEqual(['name', 'grp']);
  });

  it('refuses bytes that are not UTF-8 with the whole reader\'s message, also when the bad byte ends a piece', () => {
    const bytes = Uint8Array.from([...encode('a,b\n1,2\n3,'), 0xe9, ...encode('t\xe9\n').slice(0, 1), 0x0a]);
    const expected = whole(bytes);
    expect(expected).toMatch(/line 3 holds the byte 0xE9/);
    for (let cut = 0; cut <= bytes.length; cut++) expect(chunked(bytes, [cut]), `cut at ${cut}`).toEqual(expected);
    // an unfinished character at the very end
    const truncated = Uint8Array.from([...encode('a,b\n1,'), 0xe6, 0x97]);
    expect(chunked(truncated, [7])).toEqual(whole(truncated));
  });
});
