import { describe, expect, it } from 'vitest';
import { bucketColumn, oneBucketHint, tercileCuts } from '../../src/core/data/buckets';
import { parseCsv } from '../../src/core/data/csv';
import { AuditInputError } from '../../src/core/errors';
import { loadAuditDataset } from '../../src/core/data/load-dataset';

describe('group values that differ only in letter case or spacing', () => {
  it('are named with their rows, fewest first: different groups, recode if the same', () => {
    const rows = ['y,Sex,x'];
    for (let i = 0; i < 183; i++) rows.push(`${i % 2},${i < 3 ? 'male' : 'Male'},${i % 5}`);
    for (let i = 0; i < 40; i++) rows.push(`${i % 2},Female,${i % 5}`);
    const dataset = loadAuditDataset(parseCsv(rows.join('\n')), { label: 'y', groups: ['Sex'] });
    expect(new Set(dataset.groupValues[0])).toEqual(new Set(['male', 'Male', 'Female']));
    expect(dataset.warnings).toEqual([
      'The group attribute Sex has the values "male" (3 rows) and "Male" (180 rows), which differ only in letter case: they are different groups here; recode them if they are the same.',
    ]);
  });

  it('lists three spellings, and tells spacing from letter case', () => {
    const csv = ['y,age,x', '1,Old  age,1', '0,old age,2', '1,Old age,3', '0,Old age,4', '1,Young,5', '0,Young,6', '1,Young adult,7', '0,Young  adult,8'].join('\n');
    expect(loadAuditDataset(parseCsv(csv), { label: 'y', groups: ['age'] }).warnings).toEqual([
      'The group attribute age has the values "Old  age" (1 row), "old age" (1 row) and "Old age" (2 rows), which differ only in letter case and spacing: they are different groups here; recode them if they are the same.',
      'The group attribute age has the values "Young  adult" (1 row) and "Young adult" (1 row), which differ only in spacing: they are different groups here; recode them if they are the same.',
    ]);
  });

  it('says nothing for values that differ otherwise; spaces around a cell are trimmed when it is read', () => {
    const csv = ['y,Sex,x', '1, Male,1', '0,Male ,2', '1,Female,3', '0,"Female ",4'].join('\n');
    const dataset = loadAuditDataset(parseCsv(csv), { label: 'y', groups: ['Sex'] });
    expect(dataset.warnings).toEqual([]);
    expect([...new Set(dataset.groupValues[0])]).toEqual(['Male', 'Female']);
  });
});

describe('a group attribute with one value', () => {
  /** 240 rows: sex alternating, bmi from 18 to 41.9 and a country that is always FR. */
  function table() {
    const rows = ['y,sex,bmi,country,x'];
    for (let i = 0; i < 240; i++) rows.push(`${i % 2},${i % 3 ? 'F' : 'M'},${(18 + (i % 240) / 10).toFixed(1)},FR,${i % 7}`);
    return parseCsv(rows.join('\n'));
  }

  it('among varying attributes: a warning, with the range and cut points to try when its cut points put every row in one bucket', () => {
    const dataset = loadAuditDataset(bucketColumn(table(), 'bmi', [100]), { label: 'y', groups: ['sex', 'bmi'], features: ['x'] });
    expect(dataset.warnings).toEqual([
      'The group attribute bmi takes one value, "<100", on all 240 rows kept: it divides no group. ' +
        'Its cut points (100) put every row in one bucket: its values range from 18 to 41.9; choose cut points inside that range, e.g. bmi:26:34 in --groups ("buckets": [26, 34] in an audit spec).',
    ]);
    const country = loadAuditDataset(table(), { label: 'y', groups: ['sex', 'country'], features: ['x'] });
    expect(country.warnings).toEqual([
      'The group attribute country takes one value, "FR", on all 240 rows kept: it divides no group. Leave it out of the groups, or choose an attribute whose values differ between rows.',
    ]);
  });

  it('alone: TOO_FEW_GROUPS, whose fix names the cut points when they put every row in one bucket', () => {
    try {
      loadAuditDataset(bucketColumn(table(), 'bmi', [10, 15]), { label: 'y', groups: ['bmi'], features: ['x'] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AuditInputError);
      expect((error as AuditInputError).code).toBe('TOO_FEW_GROUPS');
      expect((error as AuditInputError).fix).toBe(
        'Its cut points (10, 15) put every row in one bucket: its values range from 18 to 41.9; choose cut points inside that range, e.g. bmi:26:34 in --groups ("buckets": [26, 34] in an audit spec).',
      );
    }
  });

  it('records how a column was bucketed; no hint when the values fill two buckets', () => {
    const bucketed = bucketColumn(table(), 'bmi', [30]).bucketed!.bmi;
    expect(bucketed).toEqual({ cuts: [30], min: 18, max: 41.9, bucketsUsed: 2, suggestedCuts: [26, 34] });
    expect(oneBucketHint('bmi', bucketed)).toBeUndefined();
    expect(oneBucketHint('bmi', { cuts: [30], min: 25, max: 25, bucketsUsed: 1, suggestedCuts: [] })).toBe('Its cut points (30) put every row in one bucket: every value is 25.');
    expect(tercileCuts([1, 2, 3, 4, 5, 6])).toEqual([3, 5]);
    expect(tercileCuts([1, 2])).toEqual([2]);
  });
});
