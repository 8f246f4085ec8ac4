import { describe, expect, it } from 'vitest';
import { parseAuditSpec, specToRun } from '../../src/core/audit/audit-spec';
import { profileColumns } from '../../src/core/data/column-profile';
import { parseCsv } from '../../src/core/data/csv';
import { prepareDataset } from '../../src/core/audit/prepare-dataset';
import { answersFromSpec, rememberedCuts, specFromAnswers, type PickAnswers } from '../../src/extension/pick-answers';

// 12 rows: two groups of sex, a split column marking 4 rows test, a noise column.
const CSV = ['y,sex,x,split', ...Array.from({ length: 12 }, (_, i) => `${i % 2},${i % 4 < 2 ? 'F' : 'M'},${i * 1.5},${i % 3 === 0 ? 'test' : 'train'}`)].join('\n') + '\n';
const profiles = profileColumns(parseCsv(CSV));
const base: PickAnswers = { label: 'y', groups: ['sex'], splitColumn: 'split', technique: '1hot', metric: 'error' };

function featuresOf(answers: PickAnswers): string[] {
  const spec = parseAuditSpec(JSON.parse(JSON.stringify(specFromAnswers('d.csv', answers, profiles))), 'd.fairuse.json');
  return prepareDataset(CSV, specToRun(spec)).features.map((f) => f.name);
}

describe('the spec written from the picks', () => {
  it('uses the chosen split column as the split, not as a feature', () => {
    const spec = specFromAnswers('d.csv', base, profiles);
    expect(spec).toEqual({ data: 'd.csv', label: 'y', groups: ['sex'], splitColumn: 'split', technique: '1hot', metric: 'error' });
    const dataset = prepareDataset(CSV, specToRun(parseAuditSpec(spec, 'd.fairuse.json')));
    expect(dataset.splitColumn).toBe('split');
    expect(dataset.features.map((f) => f.name)).toEqual(['x']);
  });

  it('with a random split, names the features so the split column is still not one', () => {
    const spec = specFromAnswers('d.csv', { ...base, splitColumn: null }, profiles);
    expect(spec.splitColumn).toBeUndefined();
    expect(spec.features).toEqual(['x']);
    expect(featuresOf({ ...base, splitColumn: null })).toEqual(['x']);
  });

  it('leaves the features to the engine when the data has no split-like column', () => {
    const plain = profileColumns(parseCsv('y,sex,x\n0,F,1\n1,M,2\n'));
    expect(specFromAnswers('p.csv', { ...base, splitColumn: null }, plain)).toEqual({ data: 'p.csv', label: 'y', groups: ['sex'], technique: '1hot', metric: 'error' });
  });
});

describe('remembered answers', () => {
  it('read back from a written spec, bucketed groups and all', () => {
    const answers: PickAnswers = { label: 'y', groups: ['sex', { column: 'x', buckets: [3, 9] }], splitColumn: null, technique: 'dcp', metric: 'auc' };
    expect(answersFromSpec(specFromAnswers('d.csv', answers, profiles))).toEqual(answers);
    expect(rememberedCuts(answers.groups, 'x')).toBe('3, 9');
    expect(rememberedCuts(answers.groups, 'sex')).toBeUndefined();
  });

  it('drop what is not a valid answer and ignore what is not a spec', () => {
    expect(answersFromSpec({ label: 'y', groups: [{ column: 'x' }], technique: 'magic', metric: 'error' })).toEqual({ label: 'y', splitColumn: null, metric: 'error' });
    expect(answersFromSpec(null)).toBeUndefined();
    expect(answersFromSpec(['y'])).toBeUndefined();
  });
});
