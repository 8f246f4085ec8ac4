import { describe, expect, it } from 'vitest';
import { numberWithComma } from '../../src/core/data/column-type';
import { parseCsv } from '../../src/core/data/csv';
import { loadAuditDataset } from '../../src/core/data/load-dataset';

/** 300 rows of y, g and a feature x whose cell on row i is `x(i)` (written as is: quote it yourself). */
function load(x: (i: number) => string) {
  const rows = ['y,g,x'];
  for (let i = 0; i < 300; i++) rows.push(`${i % 2},${i % 3 ? 'a' : 'b'},${x(i)}`);
  return loadAuditDataset(parseCsv(rows.join('\n')), { label: 'y', groups: ['g'] });
}

describe('a numeric-looking column read as categorical is named in a warning', () => {
  it('decimal commas, quoted in a comma-separated file: the column, its levels and the fix', () => {
    // Every tenth cell has no decimals, so it is written without a comma: "10", "20,5", "0", "1,5", …
    const dataset = load((i) => (i % 10 === 0 ? String(i % 50) : `"${i % 50},5"`));
    expect(dataset.features[0].kind).toBe('categorical');
    expect(dataset.warnings).toEqual([
      'The feature x is read as categorical (50 levels), but 300 of its 300 non-missing cells look like numbers: "1,5" (and 269 more) looks like a decimal comma: save with decimal points. ' +
        'To use it as a number, correct those cells (or leave them empty or NA, for missing); otherwise each value is a level of its own.',
    ]);
  });

  it('a share of text such as "<18" among a majority of numbers is no guess but an error (issue 14); missing cells do not count', () => {
    // 60 text cells; 34 NA (multiples of 7 but not of 5); 206 numbers.
    expect(() => load((i) => (i % 5 === 0 ? ['<18', '>90', 'unknown'][(i / 5) % 3] : i % 7 === 0 ? 'NA' : String(18 + (i % 60))))).toThrow(
      'The feature column "x" holds numbers except for 60 of its 266 values; the first is "<18" on row 2.',
    );
  });

  it('thousands separators are named as such, and each kind of problem gets its example', () => {
    const dataset = load((i) => (i % 2 ? `"1,${String(i).padStart(3, '0')}"` : i % 4 ? `"${i},5"` : i === 4 ? 'many' : String(i)));
    expect(dataset.warnings![0]).toMatch(/look like numbers: "2,5" \(and 74 more\) looks like a decimal comma: save with decimal points; "1,001" \(and 149 more\) looks like a thousands separator: save without it; "many" is not a number\. /);
  });

  it('does not call such a column an identifier, though it has many levels', () => {
    const dataset = load((i) => `"${i},5"`);
    expect(dataset.warnings).toHaveLength(1);
    expect(dataset.warnings![0]).toMatch(/^The feature x is read as categorical \(300 levels\)/);
  });

  it('says nothing for text categories, nor for a column where numbers are the minority', () => {
    expect(load((i) => ['Paris', 'Lyon', 'Nice'][i % 3]).warnings).toEqual([]);
    expect(load((i) => (i % 3 === 0 ? String(i) : ['low', 'high'][i % 2])).warnings).toEqual([]);
  });
});

describe('numberWithComma', () => {
  it('tells a decimal comma from thousands separators, and refuses the rest', () => {
    expect(['3,46', '-0,5', '1.234,5', '0,001', '3,4600'].map(numberWithComma)).toEqual(Array(5).fill('decimal-comma'));
    expect(['12,345', '1,234.5', '1,234,567'].map(numberWithComma)).toEqual(Array(3).fill('thousands-separator'));
    expect(['1,2,3', 'a,b', '3,', ',5', '3.46'].map(numberWithComma)).toEqual(Array(5).fill(undefined));
  });
});
