import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/core/data/csv';
import { dataWarnings } from '../../../src/core/data/data-warnings';
import { loadAuditDataset } from '../../../src/core/data/load-dataset';

/** 200 rows: label, group, and one numeric feature column `x` with the given value per row. */
function warningsFor(x: (i: number) => number | string): string[] {
  const rows = ['y,g,x'];
  for (let i = 0; i < 200; i++) rows.push(`${i % 2},${i % 4 < 2 ? 'a' : 'b'},${x(i)}`);
  return dataWarnings(loadAuditDataset(parseCsv(rows.join('\n')), { label: 'y', groups: ['g'] })).filter((w) => w.includes('identifier'));
}

describe('a numeric feature that is a row number or an ID', () => {
  it('is named: all different whole numbers, nearly consecutive, in any order and with gaps or a missing cell', () => {
    expect(warningsFor((i) => i)).toEqual([expect.stringMatching(/^The feature x holds 200 different whole numbers from 0 to 199, one per row: it looks like a row number or an identifier/)]);
    expect(warningsFor((i) => 1000 + ((i * 37) % 200) + ((i * 37) % 200 > 150 ? 50 : 0))).toHaveLength(1);
    expect(warningsFor((i) => (i === 3 ? 'NA' : 5000 + i))).toHaveLength(1);
  });

  it('is not a measurement: repeated values, fractions, or whole numbers spread far apart (an income)', () => {
    expect(warningsFor((i) => 20 + (i % 60))).toEqual([]);
    expect(warningsFor((i) => i + 0.5)).toEqual([]);
    expect(warningsFor((i) => 20000 + i * 397)).toEqual([]);
  });
});
