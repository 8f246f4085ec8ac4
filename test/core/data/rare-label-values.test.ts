import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/core/data/csv';
import { loadDataset } from '../../../src/core/data/load-dataset';
import { rareLabelValues } from '../../../src/core/data/rare-label-values';

// A typo in one label cell ("1O") made the label three-valued, and the error named the values but not where the
// bad one was (fresh-eyes trial): it now names the lines of a value written at most three times.
const all = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

describe('rare label values', () => {
  it('names the line of a value written once, with the header as line 1', () => {
    const rows = ['y,g,x'];
    for (let i = 0; i < 40; i++) rows.push(`${i % 2},${i % 3 === 0 ? 'a' : 'b'},${i}`);
    rows[17] = '1O,a,16'; // rows[0] is the header, line 1: rows[17] is line 18
    expect(() => loadDataset(parseCsv(rows.join('\n')), { label: 'y', groups: ['g'] })).toThrow(
      expect.objectContaining({ code: 'LABEL_NOT_BINARY', problem: expect.stringMatching(/3 distinct values \("0", "1", "1O"\).* "1O" is on line 18 only: a typo\?$/) }),
    );
  });

  it('lists up to three lines per rare value, and follows quoted cells that span lines', () => {
    const cells = ['0', '1', 'x', '0', 'x', '1', '0', '1', '0', '1'];
    expect(rareLabelValues(cells, all(10), Int32Array.of(2, 3, 5, 6, 7, 9, 10, 11, 12, 13))).toBe('"x" is on lines 5, 7 only: a typo?');
  });

  it('says nothing when most values are rare (an identifier or a measurement, not typos) or none is', () => {
    expect(rareLabelValues(['a', 'b', 'c', 'd', 'a'], all(5), Int32Array.of(2, 3, 4, 5, 6))).toBe('');
    const common = ['a', 'b', 'c', 'a', 'b', 'c', 'a', 'b', 'c', 'a', 'b', 'c'];
    expect(rareLabelValues(common, all(12), Int32Array.from(all(12), (r) => r + 2))).toBe('');
  });

  it('counts only the kept rows', () => {
    const cells = ['0', '1', '1O', '0', '1', '0', '1', '0', '1'];
    expect(rareLabelValues(cells, Int32Array.of(0, 1, 3, 4, 5, 6, 7, 8), Int32Array.from(all(9), (r) => r + 2))).toBe('');
  });
});
