import { describe, expect, it } from 'vitest';
import { CsvByteReader, CsvNeedsReference, readCsvBytes } from '../../../src/core/data/csv-bytes';
import { parseCsv } from '../../../src/core/data/csv';
import { decodeText } from '../../../src/core/data/decode-text';
import { cellsOf, NumberColumn, plainDecimals } from '../../../src/core/data/number-column';
import { SeededRandom } from '../../../src/core/numeric/random';

const encode = (text: string) => new TextEncoder().encode(text);

/** The reference (papaparse) reader's table as plain data, or its error's message. */
function reference(bytes: Uint8Array): unknown {
  try {
    const table = parseCsv(decodeText(bytes, 'f.csv'));
    return { header: table.header, columns: table.columns, lines: [...table.lines] };
  } catch (error) {
    return (error as Error).message;
  }
}

/** The byte reader's table as plain data (its number columns as texts), 'declined', with the bytes cut at `cuts`. */
function typed(bytes: Uint8Array, cuts: readonly number[], firstCapacity?: number): unknown {
  const reader = new CsvByteReader(bytes.length, firstCapacity);
  try {
    let from = 0;
    for (const cut of [...cuts, bytes.length]) {
      reader.push(bytes.subarray(from, cut));
      from = cut;
    }
    const table = reader.finish();
    return { header: table.header, columns: table.columns.map((column) => [...cellsOf(column)]), lines: [...table.lines] };
  } catch (error) {
    if (error instanceof CsvNeedsReference) return 'declined';
    throw error;
  }
}

/** The byte reader gives the reference's table, or declines (and then the reference reads the file). */
function expectAgrees(bytes: Uint8Array, cuts: readonly number[], what: string, firstCapacity?: number): 'read' | 'declined' {
  const got = typed(bytes, cuts, firstCapacity);
  if (got === 'declined') return 'declined';
  expect(got, what).toEqual(reference(bytes));
  return 'read';
}

const READ: Record<string, string> = {
  'plain decimals, negatives, trailing zeros, integers': 'y,g,x1,x2\n1,a,-1.250,42\n0,b,0.5,-7\n1,a,3.000,0\n',
  'quoted fields with commas, line breaks and doubled quotes': 'id,note,g\n1,"a, b",x\n2,"two\nlines",y\n3,"say ""hi""",x\n4,plain,y\n',
  'CRLF line breaks and a blank line': 'a,b\r\n1,é\r\n\r\n2,ü\r\n3,"q\r\nr"\r\n',
  'multi-byte UTF-8 and a byte-order mark': '\ufeffname,grp\nZoë,日本\n😀,ß\nplain,€\n',
  'blank lines before the header, spaces around cells, no final line break': '\n  \n a , b \n 1 ,2\n3, 4 ',
  'mixed LF and CRLF': 'a,b\n1,2\r\n3,4\n5,6\r\n',
  'missing tokens among numbers, irregular numbers': 'a,b,c\nNA,1e-3,+2\n,.5,-0\n?,7.,0.10\nnull,-0.000,00\n1,1234567890123456,9\n',
  'a column that turns to text late': 'a,b\n1,x\n2.50,y\n,z\nNA,w\nabc,v\n-3,u\n',
  'quoted numbers and a quoted empty line': 'a,b\n"1.5","-2"\n""\n" 3 ",4\n',
  'numbers as Python and pandas write them (shortest round trip, 16–17 digits)': 'a,b\n0.30000000000000004,1.0\n0.1234567890123457,1e-05\n-2.220446049250313e-16,12345678901234567890\n',
};

const DECLINED: Record<string, string> = {
  'a ragged row': 'a,b\n1,2\n3\n4,5\n',
  'an unclosed quote': 'a,b\n1,2\n3,"open\n4,5\n',
  'text after a closing quote': 'a,b\n1,"x"y\n',
  'a NUL character': 'a,b\n1,2\n3,x\u0000y\n',
  'an empty file': ' \n\n',
  'a header without rows': 'a,b\n\n',
  'a duplicate column': 'a,a\n1,2\n',
  'CR alone as the line break': 'a,b\r1,2\r3,"x\ry"\r',
  'a quote inside an unquoted field': 'a,b\n1,x"y\n',
};

describe('the byte reader gives the papaparse reader\'s table, or leaves the file to it', () => {
  for (const [name, text] of Object.entries(READ)) {
    it(`reads ${name}, cut at every offset`, () => {
      const bytes = encode(text);
      for (let cut = 0; cut <= bytes.length; cut++) expect(expectAgrees(bytes, [cut], `cut at ${cut}`), `cut at ${cut}`).toBe('read');
      // room for one row at first: the columns grow as the rows come
      expect(expectAgrees(bytes, [Math.floor(bytes.length / 2)], 'growing', 1), 'growing').toBe('read');
      expect(expectAgrees(bytes, Array.from({ length: bytes.length }, (_, k) => k), 'byte by byte')).toBe('read');
    });
  }

  for (const [name, text] of Object.entries(DECLINED)) {
    it(`leaves ${name} to the reference reader, cut at every offset`, () => {
      const bytes = encode(text);
      for (let cut = 0; cut <= bytes.length; cut++) expect(typed(bytes, [cut]), `cut at ${cut}`).toBe('declined');
    });
  }

  it('declines bytes that are not UTF-8', () => {
    expect(typed(Uint8Array.from([...encode('a,b\n1,2\n3,'), 0xe9, 0x0a]), [])).toBe('declined');
    expect(typed(Uint8Array.from([0xff, 0xfe, ...encode('a,b\n')]), [])).toBe('declined');
  });

  it('holds plain numeric columns as numbers, and their values are Number()\'s', () => {
    const table = readCsvBytes(encode(READ['plain decimals, negatives, trailing zeros, integers']))!;
    expect(table.columns[0]).toBeInstanceOf(NumberColumn);
    expect(table.columns[1]).toEqual(['a', 'b', 'a']);
    expect([...(table.columns[2] as NumberColumn).values]).toEqual([-1.25, 0.5, 3]);
    expect([...(table.columns[3] as NumberColumn).values]).toEqual([42, -7, 0]);
    const irregular = readCsvBytes(encode(READ['missing tokens among numbers, irregular numbers']))!;
    expect([...(irregular.columns[1] as NumberColumn).values]).toEqual([0.001, 0.5, 7, -0, 1234567890123456]);
    const python = readCsvBytes(encode(READ['numbers as Python and pandas write them (shortest round trip, 16–17 digits)']))!;
    expect([...(python.columns[0] as NumberColumn).values]).toEqual([0.30000000000000004, 0.1234567890123457, -2.220446049250313e-16]);
  });

  it('agrees with the reference on random files of numbers, words, quotes, spaces and missing cells', () => {
    const random = new SeededRandom(13);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random.nextFloat() * items.length)];
    const number = () => {
      const digits = Math.floor(random.nextFloat() * 19);
      const value = (random.nextFloat() - 0.5) * 10 ** Math.floor(random.nextFloat() * 8);
      return pick([value.toFixed(Math.min(digits, 12)), String(value), value.toExponential(3), String(Math.round(value)), `0${Math.abs(Math.round(value))}`, `${value.toFixed(2)}0`, '-0', '.5', '5.', '+1']);
    };
    const cell = () => pick([number, number, number, () => pick(['', 'NA', 'n/a', '?', 'None', 'x', 'Zoë', ' 1 ', '"1.5"', '"a,b"', '"say ""hi"""', '"two\nlines"', '\t2\t', '0x1F', 'Infinity', '1,5'])])();
    let read = 0;
    for (let file = 0; file < 600; file++) {
      const columns = 1 + Math.floor(random.nextFloat() * 4);
      const rows = 1 + Math.floor(random.nextFloat() * 12);
      const lineBreak = pick(['\n', '\r\n']);
      const lines = [Array.from({ length: columns }, (_, j) => `c${j}`).join(',')];
      for (let r = 0; r < rows; r++) {
        // one column mostly numbers, so columns are read as numbers and some turn to text
        lines.push(Array.from({ length: columns }, () => (random.nextFloat() < 0.8 ? number() : cell())).join(','));
        if (random.nextFloat() < 0.1) lines.push('');
      }
      const bytes = encode(lines.join(lineBreak) + (random.nextFloat() < 0.5 ? lineBreak : ''));
      const cuts = [0, 0, 0].map(() => Math.floor(random.nextFloat() * bytes.length)).sort((a, b) => a - b);
      const firstCapacity = random.nextFloat() < 0.5 ? 1 : undefined;
      if (expectAgrees(bytes, cuts, `file ${file}: ${JSON.stringify(lines.join(lineBreak))}`, firstCapacity) === 'read') read++;
    }
    expect(read).toBeGreaterThan(400); // most files are read here, not declined
  });
});

describe('plainDecimals', () => {
  it('says how many decimals print a plain decimal back, and refuses what toFixed would not give back', () => {
    expect(plainDecimals('-1.250')).toBe(3);
    expect(plainDecimals('42')).toBe(0);
    for (const cell of ['1e3', '+1', '.5', '5.', '01', '-0', '-0.00', '1234567890123456', '0x1F']) expect(plainDecimals(cell), cell).toBe(-1);
  });

  it('prints every plain decimal of up to 15 digits back from its double', () => {
    const random = new SeededRandom(7);
    for (let k = 0; k < 20_000; k++) {
      const digit = () => String(Math.floor(random.nextFloat() * 10));
      const integerDigits = 1 + Math.floor(random.nextFloat() * 15);
      const decimals = Math.floor(random.nextFloat() * (16 - integerDigits));
      let text = integerDigits === 1 && random.nextFloat() < 0.5 ? '0' : String(1 + Math.floor(random.nextFloat() * 9));
      for (let d = 1; d < integerDigits; d++) text += digit();
      if (decimals > 0) text += `.${Array.from({ length: decimals }, digit).join('')}`;
      if (/^0(\.0*)?$/.test(text)) continue;
      if (random.nextFloat() < 0.5) text = `-${text}`;
      const d = plainDecimals(text);
      expect(d, text).toBeGreaterThanOrEqual(0);
      expect(Number(text).toFixed(d), text).toBe(text);
    }
  });
});
