import { readFileSync } from 'node:fs';
import { cellsOf } from '../../../src/core/data/number-column';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/core/data/csv';
import { parseParquet } from '../../../src/core/data/parquet';
import { parseTableBytes } from '../../../src/core/data/table-bytes';
import { AuditInputError } from '../../../src/core/errors';
import { loadAuditDataset } from '../../../src/core/data/load-dataset';
import { bucketColumn } from '../../../src/core/data/buckets';

// Written by DuckDB, not by this project: scripts/fixtures/make_parquet_fixtures.mjs.
const root = resolve(__dirname, '../../..');
const fixture = (name: string) => new Uint8Array(readFileSync(join(root, 'test/fixtures/parquet', name)));

async function inputError(run: () => Promise<unknown>): Promise<AuditInputError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(AuditInputError);
    return error as AuditInputError;
  }
  throw new Error('expected an AuditInputError');
}

describe('parseParquet: a file DuckDB wrote reads as its CSV export would', () => {
  it('every cell type becomes the text a CSV cell would hold; nulls are empty; rows span two row groups', async () => {
    const table = await parseParquet(fixture('types.parquet'), 'types.parquet');
    expect(table.header).toEqual(['flag', 'sex', 'age', 'count', 'big', 'day', 'note']);
    expect(table.rowCount).toBe(3);
    expect(table.columns).toEqual([
      ['true', 'false', 'true'],
      ['Female', '', 'Male'],
      ['41.5', '', '0.1'],
      ['3', '-7', ''],
      ['12345678901', '', '-1'],
      ['2024-02-29T00:00:00.000Z', '', '1999-12-31T00:00:00.000Z'],
      ['padded', 'plain', ''],
    ]);
    // Row r is reported as line r + 1, its line in the CSV export.
    expect([...table.lines]).toEqual([2, 3, 4]);
  });

  it('the heart example as Parquet gives the same table as examples/heart.csv', async () => {
    const fromParquet = await parseTableBytes(fixture('heart.parquet'), 'heart.parquet');
    const fromCsv = parseCsv(readFileSync(join(root, 'examples/heart.csv'), 'utf8'));
    expect(fromParquet.header).toEqual(fromCsv.header);
    expect(fromParquet.columns).toEqual(fromCsv.columns);
    expect(fromParquet.rowCount).toBe(303);
  });

  it('an unknown column is looked for among the Parquet file\'s columns, not in a CSV header', async () => {
    const table = await parseTableBytes(fixture('heart.parquet'), 'heart.parquet');
    const unknownLabel = await inputError(async () => loadAuditDataset(table, { label: 'Diseas', groups: ['Sex'] }));
    expect(unknownLabel.code).toBe('UNKNOWN_COLUMN');
    expect(unknownLabel.problem).toBe(`The label column "Diseas" is not among the Parquet file's columns.`);
    const unknownBucket = await inputError(async () => bucketColumn(table, 'Agee', [50]));
    expect(unknownBucket.problem).toBe('The column "Agee" to bucket is not among the Parquet file\'s columns.');
    // a CSV still says header
    const csv = parseCsv('y,g\n1,a\n');
    expect((await inputError(async () => loadAuditDataset(csv, { label: 'x', groups: ['g'] }))).problem).toBe('The label column "x" is not in the CSV header.');
  });

  it('parseTableBytes reads CSV text as before, by content and not by name', async () => {
    const table = await parseTableBytes(new TextEncoder().encode('y,g\n1,a\n'), 'data.txt');
    expect(table.columns.map((column) => [...cellsOf(column)])).toEqual([['1'], ['a']]);
  });
});

describe('parseParquet: what it refuses, in one line', () => {
  it('a nested (list) column', async () => {
    const error = await inputError(() => parseParquet(fixture('nested.parquet'), 'nested.parquet'));
    expect(error.code).toBe('BAD_PARQUET');
    expect(error.message).toMatch(/Column "xs" .* is a nested Parquet column/);
  });

  it('a raw binary (BLOB) column', async () => {
    const error = await inputError(() => parseParquet(fixture('binary.parquet'), 'binary.parquet'));
    expect(error.code).toBe('BAD_PARQUET');
    expect(error.message).toMatch(/Column "raw" .* holds raw binary on row 1/);
  });

  it('a codec it does not read (ZSTD), naming the fix', async () => {
    const error = await inputError(() => parseParquet(fixture('zstd.parquet'), 'zstd.parquet'));
    expect(error.code).toBe('BAD_PARQUET');
    expect(error.message).toMatch(/ZSTD.*Write it with Snappy compression/);
  });

  it('a file with columns but no rows is HEADER_ONLY, as a CSV header alone', async () => {
    const error = await inputError(() => parseParquet(fixture('no-rows.parquet'), 'no-rows.parquet'));
    expect(error.code).toBe('HEADER_ONLY');
    expect(error.message).toContain("The data file 'no-rows.parquet' has a header (2 columns) but no data rows.");
  });

  it('a truncated file, cut anywhere', async () => {
    const whole = fixture('heart.parquet');
    for (const keep of [4, 11, 100, Math.floor(whole.length / 2), whole.length - 1]) {
      const error = await inputError(() => parseParquet(whole.slice(0, keep), 'heart.parquet'));
      expect(error.code).toBe('BAD_PARQUET');
      expect(error.message).toContain("The data file 'heart.parquet' is truncated");
    }
  });

  it('a corrupt footer', async () => {
    const bytes = fixture('heart.parquet');
    const footerLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(bytes.length - 8, true);
    bytes.fill(0xff, bytes.length - 8 - footerLength, bytes.length - 8);
    const error = await inputError(() => parseParquet(bytes, 'heart.parquet'));
    expect(error.code).toBe('BAD_PARQUET');
    expect(error.message).toMatch(/^The data file 'heart.parquet' is corrupt/);
  });

  it('damage inside the data pages is an input error or a table, never a crash', async () => {
    const whole = fixture('heart.parquet');
    for (let at = 4; at < whole.length - 8; at += 97) {
      const bytes = whole.slice();
      bytes.fill(0xa5, at, at + 16);
      const outcome = await parseParquet(bytes, 'heart.parquet').then(() => null, (error: unknown) => error);
      if (outcome !== null) expect(outcome).toBeInstanceOf(AuditInputError);
    }
  });

  it('a file named .parquet that is not Parquet', async () => {
    const error = await inputError(() => parseTableBytes(new TextEncoder().encode('y,g\n1,a\n'), 'data.parquet'));
    expect(error.code).toBe('BAD_PARQUET');
    expect(error.message).toMatch(/is not a Parquet file/);
  });
});
