import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLargeCsv, readLargeCsvSync } from '../../src/files/large-csv-file';
import { parseCsv } from '../../src/core/data/csv';
import { cellsOf, NumberColumn } from '../../src/core/data/number-column';

const work = mkdtempSync(join(tmpdir(), 'fairuse-large-csv-'));

function file(name: string, text: string): string {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

/** The table as plain data, number columns as their texts. */
const plain = (table: ReturnType<typeof parseCsv>) => ({ header: table.header, columns: table.columns.map((c) => [...cellsOf(c)]), lines: [...table.lines] });

function errorOf(read: () => unknown): string {
  try {
    read();
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
}

describe('a CSV file read in chunks (the CLI and the editor\'s worker)', () => {
  it('gives the whole-text reader\'s table, numeric columns as numbers, and the hash of the bytes', async () => {
    const text = 'y,g,x\n1,a,0.5\n0,b,-1.25\n1,a,3\n';
    const path = file('plain.csv', text);
    const read = readLargeCsvSync(path)!;
    expect(plain(read.table as ReturnType<typeof parseCsv>)).toEqual(plain(parseCsv(text)));
    expect(read.table.columns[2]).toBeInstanceOf(NumberColumn);
    expect(read.sha256).toBe(createHash('sha256').update(readFileSync(path)).digest('hex'));
    expect(read.head).toBe(text);
    expect(plain((await readLargeCsv(path))!.table as ReturnType<typeof parseCsv>)).toEqual(plain(parseCsv(text)));
  });

  it('reads again with papaparse what the byte reader declines: a quote inside a field', async () => {
    const text = 'y,note\n1,say "hi"\n0,x\n';
    const path = file('quote.csv', text);
    expect(plain(readLargeCsvSync(path)!.table as ReturnType<typeof parseCsv>)).toEqual(plain(parseCsv(text)));
    expect(plain((await readLargeCsv(path))!.table as ReturnType<typeof parseCsv>)).toEqual(plain(parseCsv(text)));
  });

  it('words an error as the whole-text reader does (a ragged row), with its line', () => {
    const path = file('ragged.csv', 'a,b\n1,2\n3\n');
    expect(errorOf(() => readLargeCsvSync(path))).toBe(errorOf(() => parseCsv('a,b\n1,2\n3\n')));
    expect(errorOf(() => readLargeCsvSync(path))).toMatch(/^Line 3 has 1 field/);
  });

  it('reads a file whose line break is CR alone, past a mebibyte without LF', () => {
    const rows = ['a,b'];
    for (let i = 0, length = 3; length < 1.2 * 2 ** 20; i++) length += rows[rows.push(`${i},${i % 3}`) - 1].length + 1;
    const text = `${rows.join('\r')}\r`;
    const read = readLargeCsvSync(file('cr.csv', text))!;
    expect(read.table.rowCount).toBe(rows.length - 1);
    expect(plain(read.table as ReturnType<typeof parseCsv>)).toEqual(plain(parseCsv(text)));
  });

  it('leaves a Parquet file (by its PAR1 mark) to the caller', () => {
    expect(readLargeCsvSync(file('data.csv.bin', 'PAR1xxxxPAR1'))).toBeUndefined();
  });
});
