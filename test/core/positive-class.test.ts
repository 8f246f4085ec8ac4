import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/core/audit/audit';
import { prepareDataset } from '../../src/core/audit/prepare-dataset';

// Which label value is "positive" when the user did not say (SPEC §1): when only sort order decides, the report
// says so and how to choose, since an outcome like Disease/Healthy would otherwise silently count "Healthy".
function csv(values: readonly [string, string]): string {
  const rows = Array.from({ length: 120 }, (_, i) => `${values[(i * 7) % 3 === 0 ? 0 : 1]},${i % 2 ? 'F' : 'M'},${(i * 13) % 17}`);
  return ['outcome,sex,x', ...rows].join('\n');
}

async function warningsFor(values: readonly [string, string], positive?: string) {
  const dataset = prepareDataset(csv(values), { load: { label: 'outcome', groups: ['sex'], positive }, buckets: [] });
  const report = await runAudit(dataset, { bootstrap: 20 }, { path: 'x.csv' });
  return { positive: report.dataset.positive, warnings: report.warnings.filter((w) => w.startsWith('The positive class')) };
}

describe('the positive class chosen by sort order', () => {
  it('is named in a warning, with the option that chooses the other', async () => {
    const { positive, warnings } = await warningsFor(['Disease', 'Healthy']);
    expect(positive).toBe('Healthy');
    expect(warnings).toEqual([
      'The positive class of outcome is "Healthy" (of "Disease" and "Healthy", the later in sort order): positive rates and a model\'s probabilities refer to it. If the outcome of interest is "Disease", give --positive "Disease" ("positive" in the spec).',
    ]);
  });

  it.each([
    [['0', '1'], undefined],
    [['no', 'yes'], undefined],
    [['FALSE', 'TRUE'], undefined],
    [['-1', '+1'], undefined],
    [['Disease', 'Healthy'], 'Disease'],
  ] as const)('is not warned about for %j (positive given: %s)', async (values, positive) => {
    expect((await warningsFor(values, positive)).warnings).toEqual([]);
  });
});
