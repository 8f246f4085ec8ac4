import { describe, expect, it } from 'vitest';
import { bucketColumn, bucketLabels, bucketOf } from '../../src/core/data/buckets';
import { parseCsv } from '../../src/core/data/csv';
import { isAuditInputError } from '../../src/core/errors';

describe('bucketLabels', () => {
  it('names the buckets between ascending cut points', () => {
    expect(bucketLabels([30, 60])).toEqual(['<30', '30-60', '60+']);
    expect(bucketLabels([50])).toEqual(['<50', '50+']);
    expect(bucketLabels([0.5, 1, 2.5])).toEqual(['<0.5', '0.5-1', '1-2.5', '2.5+']);
  });
});

describe('bucketOf', () => {
  const cuts = [30, 60];
  const labels = bucketLabels(cuts);
  it('puts a cut point in the bucket above it', () => {
    expect(bucketOf(29.999, cuts, labels)).toBe('<30');
    expect(bucketOf(30, cuts, labels)).toBe('30-60');
    expect(bucketOf(59.5, cuts, labels)).toBe('30-60');
    expect(bucketOf(60, cuts, labels)).toBe('60+');
    expect(bucketOf(-5, cuts, labels)).toBe('<30');
  });
});

describe('bucketColumn', () => {
  const table = parseCsv('y,age\n0,25\n1,30\n0,\n1,61.5\n');
  it('replaces the numbers by labels and keeps missing cells missing', () => {
    const out = bucketColumn(table, 'age', [30, 60]);
    expect(out.columns[1]).toEqual(['<30', '30-60', '', '60+']);
    expect(out.columns[0]).toEqual(table.columns[0]);
    expect(table.columns[1]).toEqual(['25', '30', '', '61.5']);
  });

  const failures: Array<[string, () => unknown, string, RegExp]> = [
    ['text in the column', () => bucketColumn(parseCsv('y,age\n0,25\n1,old\n'), 'age', [30]), 'NON_NUMERIC', /Line 3.*old/],
    ['unknown column', () => bucketColumn(table, 'height', [30]), 'UNKNOWN_COLUMN', /height/],
    ['cut points out of order', () => bucketColumn(table, 'age', [60, 30]), 'BAD_OPTION', /60, 30/],
    ['no cut points', () => bucketColumn(table, 'age', []), 'BAD_OPTION', /cut points/],
  ];
  for (const [name, run, code, message] of failures) {
    it(`fails clearly on ${name}`, () => {
      try {
        run();
        expect.unreachable();
      } catch (error) {
        expect(isAuditInputError(error)).toBe(true);
        expect((error as { code: string }).code).toBe(code);
        expect((error as Error).message).toMatch(message);
      }
    });
  }
});
