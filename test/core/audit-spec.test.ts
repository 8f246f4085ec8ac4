import { describe, expect, it } from 'vitest';
import { groupColumns, parseAuditSpec, specToRun } from '../../src/core/audit/audit-spec';
import { isAuditInputError } from '../../src/core/errors';
import { resolveOptions } from '../../src/core/audit/options';

const base = { data: 'heart.csv', label: 'Disease', groups: ['Sex', { column: 'age', buckets: [30, 60] }] };

describe('parseAuditSpec', () => {
  it('accepts a minimal spec and a full one', () => {
    expect(parseAuditSpec(base, 's.json')).toMatchObject(base);
    const full = { ...base, $schema: './fairuse.schema.json', positive: 'yes', features: ['x'], splitColumn: 'split', technique: 'dcp', metric: 'auc', alpha: 0.05, bootstrap: 500, seed: 1, correction: 'holm', C: 'Infinity', testSize: 0.3, threshold: 0.4, minGroupSize: 5 };
    expect(parseAuditSpec(full, 's.json')).toMatchObject({ technique: 'dcp', metric: 'auc', C: 'Infinity', correction: 'holm' });
  });

  it('accepts the regression metrics and an ε above ½ (checked against the label\'s task when the audit runs)', () => {
    const spec = parseAuditSpec({ ...base, label: 'systolic_bp', metric: 'mae', epsilon: 4 }, 's.json');
    expect(specToRun(spec).options).toMatchObject({ metric: 'mae', epsilon: 4 });
    expect(resolveOptions(specToRun(spec).options, 'regression')).toMatchObject({ metric: 'mae', epsilon: 4 });
    expect(() => resolveOptions(specToRun(spec).options)).toThrow(/The metric mae is for regression, but the label is binary/);
    expect(resolveOptions({}, 'regression').metric).toBe('mse');
    expect(resolveOptions({}, 'regression').epsilon).toBeUndefined();
    expect(resolveOptions({}).epsilon).toBe(0.01);
  });

  const bad: Array<[string, unknown, RegExp]> = [
    ['not an object', [1, 2], /not a JSON object/],
    ['unknown field', { ...base, alpah: 0.1 }, /"alpah"/],
    ['missing label', { data: 'a.csv', groups: ['g'] }, /"label"/],
    ['empty groups', { ...base, groups: [] }, /"groups"/],
    ['buckets out of order', { ...base, groups: [{ column: 'age', buckets: [60, 30] }] }, /"groups"\[0\]/],
    ['unknown technique', { ...base, technique: 'magic' }, /"technique".*magic/],
    ['text for a number', { ...base, alpha: '0.1' }, /"alpha"/],
    ['negative C', { ...base, C: -1 }, /"C"/],
  ];
  for (const [name, value, message] of bad) {
    it(`rejects ${name} with BAD_SPEC naming the field and the file`, () => {
      try {
        parseAuditSpec(value, 'heart.fairuse.json');
        expect.unreachable();
      } catch (error) {
        expect(isAuditInputError(error)).toBe(true);
        expect((error as { code: string }).code).toBe('BAD_SPEC');
        expect((error as Error).message).toMatch(/^heart\.fairuse\.json: /);
        expect((error as Error).message).toMatch(message);
      }
    });
  }
});

describe('specToRun', () => {
  it('turns groups into load columns and buckets, and fills options the spec leaves out from defaults', () => {
    const spec = parseAuditSpec({ ...base, technique: 'all', C: 'Infinity' }, 's.json');
    expect(groupColumns(spec)).toEqual(['Sex', 'age']);
    const run = specToRun(spec, { metric: 'ece', technique: 'dcp', bootstrap: 10 });
    expect(run.load).toMatchObject({ label: 'Disease', groups: ['Sex', 'age'] });
    expect(run.buckets).toEqual([{ column: 'age', cuts: [30, 60] }]);
    const options = resolveOptions(run.options);
    expect(options).toMatchObject({ technique: 'all', metric: 'ece', bootstrap: 10, C: Infinity, alpha: 0.1 });
  });
});
