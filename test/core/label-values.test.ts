import { describe, expect, it } from 'vitest';
import { distinctLabelValues } from '../../src/core/data/binary-label';
import { profileColumns } from '../../src/core/data/column-profile';
import { parseCsv } from '../../src/core/data/csv';
import { AuditInputError } from '../../src/core/errors';
import { loadAuditDataset, loadDataset } from '../../src/core/data/load-dataset';

/** A CSV with label y (the given cells, in order) and a group g alternating a/b. */
function csv(labels: readonly string[]): string {
  return ['y,g', ...labels.map((y, i) => `${y},${i % 2 ? 'a' : 'b'}`)].join('\n');
}
const roles = { label: 'y', groups: ['g'] };

describe('a numeric label counts numbers, not spellings (SPEC §1)', () => {
  const cells = ['0', '1', '1.0', '1', '0', '1.0', '1', '0.0'];

  it('reads 0, 1 and 1.0 as a binary label; every cell equal to 1 is y = 1', () => {
    for (const load of [loadAuditDataset, loadDataset]) {
      const { label } = load(parseCsv(csv(cells)), roles);
      expect(label).toMatchObject({ positive: '1', negative: '0' });
      expect(label.task).not.toBe('regression');
      expect([...label.values]).toEqual([0, 1, 1, 1, 0, 1, 1, 0]);
    }
  });

  it('names each class as written most often, the first so written on a tie', () => {
    const { label } = loadDataset(parseCsv(csv(['0.0', '1.0', '1.0', '1', '0', '0.0'])), roles);
    expect(label).toMatchObject({ positive: '1.0', negative: '0.0' });
    expect(distinctLabelValues(['1', '1.0', '2'], Int32Array.of(0, 1, 2))).toEqual([
      { text: '1', number: 1, rows: 2 },
      { text: '2', number: 2, rows: 1 },
    ]);
  });

  it('takes a positive class given in another spelling of the number', () => {
    const { label } = loadDataset(parseCsv(csv(['0.0', '1.0', '1.0', '0.0'])), { ...roles, positive: '1' });
    expect(label).toMatchObject({ positive: '1.0', negative: '0.0' });
    const { label: flipped } = loadDataset(parseCsv(csv(['0.0', '1.0', '1.0', '0.0'])), { ...roles, positive: '0' });
    expect([...flipped.values]).toEqual([1, 0, 0, 1]);
  });

  it('keeps text labels by their text: "yes" and "Yes" stay two values', () => {
    expect(() => loadDataset(parseCsv(csv(['yes', 'Yes', 'no', 'no'])), roles)).toThrow(AuditInputError);
  });

  it('LABEL_NOT_BINARY for 1 and 1.0 alone: one value', () => {
    expect(() => loadAuditDataset(parseCsv(csv(['1', '1.0', '1', '1.0'])), roles)).toThrow(/has 1 distinct value \("1"\)/);
  });

  it('the editor offers such a column as a binary label', () => {
    const [y] = profileColumns(parseCsv(csv(cells)));
    expect(y).toMatchObject({ kind: 'numeric', distinct: 4, isBinary: true });
  });
});

describe('a numeric label with few values is a regression, with a warning', () => {
  it('names the values and their counts: 0/1 with a stray 9 for unknown', () => {
    const labels = [...Array<string>(164).fill('0'), ...Array<string>(138).fill('1'), '9'];
    const dataset = loadAuditDataset(parseCsv(csv(labels).replace('y,g', 'Disease,g')), { label: 'Disease', groups: ['g'] });
    expect(dataset.label.task).toBe('regression');
    expect(dataset.warnings).toEqual([
      'The label Disease has only 3 distinct values (0: 164, 1: 138, 9: 1); it is audited as a regression. ' +
        'If it is a class label with a code for unknown, drop those rows (an empty or NA label drops a row) or recode it to two values.',
    ]);
  });

  it('counts numbers, in numeric order: 1.0 and 1 are one value', () => {
    const dataset = loadAuditDataset(parseCsv(csv(['10', '2', '1.0', '1', '2', '-1'])), roles);
    expect(dataset.warnings).toEqual([expect.stringContaining('has only 4 distinct values (-1: 1, 1: 2, 2: 2, 10: 1)')]);
  });

  it('says nothing for a label with more than five values, or a binary one', () => {
    expect(loadAuditDataset(parseCsv(csv(['1', '2', '3', '4', '5', '6'])), roles).warnings).toEqual([]);
    expect(loadAuditDataset(parseCsv(csv(['1', '0', '1', '0'])), roles).warnings).toEqual([]);
  });
});
