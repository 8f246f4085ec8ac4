import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/core/data/csv';
import { loadAuditDataset } from '../../src/core/data/load-dataset';

/** 40 rows of y, g, x and a column `split` whose cell on row i is `split(i)`. */
function csv(split: (i: number) => string): string {
  const rows = ['y,g,x,split'];
  for (let i = 0; i < 40; i++) rows.push(`${i % 2},${i % 3 ? 'a' : 'b'},${i % 7},${split(i)}`);
  return rows.join('\n');
}

describe('a train/test column used as a feature', () => {
  it('is named in a warning that suggests --split-column', () => {
    const dataset = loadAuditDataset(parseCsv(csv((i) => (i % 5 ? 'train' : 'Test'))), { label: 'y', groups: ['g'] });
    expect(dataset.features.map((f) => f.name)).toEqual(['x', 'split']);
    expect(dataset.warnings).toEqual([
      'The feature split holds only the values train and test: it looks like a train/test split, and is used here as a feature. ' +
        'Give it as the split column (--split-column split, or "splitColumn" in the spec), or leave it out of the features.',
    ]);
  });

  it('is no feature, and no warning, when given as the split column', () => {
    const dataset = loadAuditDataset(parseCsv(csv((i) => (i % 5 ? 'train' : 'test'))), { label: 'y', groups: ['g'], splitColumn: 'split' });
    expect(dataset.features.map((f) => f.name)).toEqual(['x']);
    expect(dataset.warnings).toEqual([]);
  });

  it('says nothing for a column with other values too, or with one of the two only', () => {
    expect(loadAuditDataset(parseCsv(csv((i) => ['train', 'test', 'valid'][i % 3])), { label: 'y', groups: ['g'] }).warnings).toEqual([]);
    expect(loadAuditDataset(parseCsv(csv(() => 'train')), { label: 'y', groups: ['g'] }).warnings).toEqual([]);
  });
});
