import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { profileColumns } from '../../src/core/data/column-profile';
import { parseCsv } from '../../src/core/data/csv';
import { loadDataset } from '../../src/core/data/load-dataset';

describe('profileColumns', () => {
  const csv = [
    'y,sex,score,city,code,empty',
    '0,F,1.5,Paris,1,',
    '1,M,NA,Lyon,2,NA',
    '1,F,2,Paris,3,',
    '0,?,3e1,Nice,4,',
    '1,M,,Lyon,5,',
    '0,F,4,Paris,6,',
    '1,M,5,Lyon,7,',
    '0,F,6,Paris,8,',
    '1,M,7,Lyon,9,',
    '0,F,8,Paris,1O,',
  ].join('\n');
  const profiles = profileColumns(parseCsv(csv));
  const byName = Object.fromEntries(profiles.map((profile) => [profile.name, profile]));

  it('profiles every column in header order', () => {
    expect(profiles.map((profile) => profile.name)).toEqual(['y', 'sex', 'score', 'city', 'code', 'empty']);
  });

  it('marks a two-valued column binary, with its values in file order', () => {
    expect(byName.y).toEqual({ name: 'y', kind: 'numeric', distinct: 2, missing: 0, isBinary: true, sampleValues: ['0', '1'] });
    expect(byName.sex).toEqual({ name: 'sex', kind: 'categorical', distinct: 2, missing: 1, isBinary: true, sampleValues: ['F', 'M'] });
  });

  it('counts missing cells and distinct values, and samples at most five', () => {
    expect(byName.score).toMatchObject({ kind: 'numeric', distinct: 8, missing: 2, isBinary: false });
    expect(byName.score.sampleValues).toEqual(['1.5', '2', '3e1', '4', '5']);
    expect(byName.city).toMatchObject({ kind: 'categorical', distinct: 3, missing: 0, sampleValues: ['Paris', 'Lyon', 'Nice'] });
  });

  it('calls a column with a typo among numbers numeric, as loadDataset sees it', () => {
    expect(byName.code.kind).toBe('numeric');
    expect(() => loadDataset(parseCsv(csv), { label: 'y', groups: ['city'], features: ['code'] })).toThrow(/"code"/);
  });

  it('describes an all-missing column as numeric with no values', () => {
    expect(byName.empty).toEqual({ name: 'empty', kind: 'numeric', distinct: 0, missing: 10, isBinary: false, sampleValues: [] });
  });

  it('agrees with loadDataset on the kinds of the heart features', () => {
    const table = parseCsv(readFileSync(join(__dirname, '../../examples/heart.csv'), 'utf8'));
    const kinds = Object.fromEntries(profileColumns(table).map((profile) => [profile.name, profile.kind]));
    const dataset = loadDataset(table, { label: 'Disease', groups: ['Sex', 'Age'] });
    for (const column of dataset.features) expect(kinds[column.name]).toBe(column.kind);
    expect(kinds.Sex).toBe('categorical');
    expect(profileColumns(table).filter((profile) => profile.isBinary)).toHaveLength(30);
  });
});
