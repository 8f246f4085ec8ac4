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

describe('a numeric label with few values is not guessed: the user says what it is', () => {
  it('refuses 0/1 with a stray 9 for unknown, naming the values and their row counts, with both fixes', () => {
    const labels = [...Array<string>(164).fill('0'), ...Array<string>(138).fill('1'), '9'];
    const data = parseCsv(csv(labels).replace('y,g', 'Disease,g'));
    expect(() => loadAuditDataset(data, { label: 'Disease', groups: ['g'] })).toThrow(
      'The label column "Disease" is numeric with only 3 distinct values ("0": 164 rows, "1": 138 rows, "9": 1 rows): classes with codes, or a measurement?',
    );
    expect(() => loadAuditDataset(data, { label: 'Disease', groups: ['g'] })).toThrow(/--task regression .*recode it to two values/);
  });

  it('counts numbers, in numeric order: 1.0 and 1 are one value', () => {
    expect(() => loadAuditDataset(parseCsv(csv(['10', '2', '1.0', '1', '2', '-1'])), roles)).toThrow(/only 4 distinct values \("-1": 1 rows, "1\.0": 2 rows, "2": 2 rows, "10": 1 rows\)/);
  });

  it('audits it as a regression when told so, without a warning', () => {
    const dataset = loadAuditDataset(parseCsv(csv(['0', '1', '9', '1', '0', '0'])), { ...roles, task: 'regression' });
    expect(dataset.label.task).toBe('regression');
    expect(Array.from(dataset.label.values)).toEqual([0, 1, 9, 1, 0, 0]);
    expect(dataset.warnings).toEqual([]);
  });

  it('refuses more than two values when told it is a classification, and text when told regression', () => {
    expect(() => loadAuditDataset(parseCsv(csv(['0', '1', '9', '1'])), { ...roles, task: 'classification' })).toThrow(/a classification needs exactly two/);
    expect(() => loadAuditDataset(parseCsv(csv(['low', 'high', 'low'])), { ...roles, task: 'regression' })).toThrow(/a regression needs numbers/);
  });

  it('takes more than five numbers as a regression and two values as a classification, unasked', () => {
    expect(loadAuditDataset(parseCsv(csv(['1', '2', '3', '4', '5', '6'])), roles).label.task).toBe('regression');
    expect(loadAuditDataset(parseCsv(csv(['1', '0', '1', '0'])), roles).label.task).toBeUndefined();
  });
});
