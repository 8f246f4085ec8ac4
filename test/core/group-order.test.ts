import { describe, expect, it } from 'vitest';
import { bucketColumn, bucketLabels, bucketRange } from '../../src/core/data/buckets';
import { parseCsv } from '../../src/core/data/csv';
import { compareValues, indexGroups, valueOrder } from '../../src/core/data/groups';
import { loadAuditDataset } from '../../src/core/data/load-dataset';

function index(attributes: string[], ...columns: string[][]) {
  return indexGroups({ rows: columns[0].length, groupAttributes: attributes, groupValues: columns });
}

describe('buckets come out in numeric order', () => {
  it('orders bucket labels by the range they stand for, in the groups and in the levels; ids keep their text', () => {
    const groups = index(['bmi'], ['30+', '<25', '25-30', '30+', '<25']);
    expect(groups.levels).toEqual([['<25', '25-30', '30+']]);
    expect(groups.groups.map((g) => g.id)).toEqual(['bmi=<25', 'bmi=25-30', 'bmi=30+']);
    expect([...groups.groupOfRow]).toEqual([2, 0, 1, 2, 0]);
  });

  it('orders intersectional groups attribute by attribute', () => {
    const sex = ['M', 'F', 'M', 'F', 'M', 'F'];
    const age = ['60+', '<30', '<30', '30-60', '30-60', '60+'];
    expect(index(['sex', 'age'], sex, age).groups.map((g) => g.id)).toEqual([
      'sex=F, age=<30',
      'sex=F, age=30-60',
      'sex=F, age=60+',
      'sex=M, age=<30',
      'sex=M, age=30-60',
      'sex=M, age=60+',
    ]);
  });

  it('a bucketed CSV column: ten values sort as numbers, not as text ("10-20" after "5-10")', () => {
    const rows = ['y,x,age'];
    for (let i = 0; i < 60; i++) rows.push(`${i % 2},${i % 3},${i}`);
    const table = bucketColumn(parseCsv(rows.join('\n')), 'age', [5, 10, 20, 40]);
    const dataset = loadAuditDataset(table, { label: 'y', groups: ['age'] });
    expect(indexGroups(dataset).levels[0]).toEqual(['<5', '5-10', '10-20', '20-40', '40+']);
  });

  it('keeps the order of everything else: text by code point, numbers as numbers, mixed sets as before', () => {
    expect(index(['g'], ['b', 'a', 'B']).levels[0]).toEqual(['B', 'a', 'b']);
    expect(index(['g'], ['10', '9', '2']).levels[0]).toEqual(['2', '9', '10']);
    const mixed = ['<25', '25-30', 'unknown', '30+'];
    expect(index(['g'], mixed).levels[0]).toEqual([...mixed].sort(compareValues));
    expect(valueOrder(mixed)).toBe(compareValues);
  });
});

describe('bucketRange', () => {
  it('inverts bucketLabels, negative and exponent cut points included', () => {
    for (const cuts of [[30, 60], [-10, 0, 2.5], [1e-7, 1e21]]) {
      const ranges = bucketLabels(cuts).map(bucketRange);
      expect(ranges).toEqual([[-Infinity, cuts[0]], ...cuts.slice(1).map((cut, k) => [cuts[k], cut]), [cuts[cuts.length - 1], Infinity]]);
    }
  });

  it('reads a number as a point and refuses other text', () => {
    expect(bucketRange('42')).toEqual([42, 42]);
    expect(['Male', '30-20', '30 - 60', '<=50K', '60++', ''].map(bucketRange)).toEqual(Array(6).fill(undefined));
  });
});
