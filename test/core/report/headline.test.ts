import { describe, expect, it } from 'vitest';
import { limitsReport } from '../../../src/core/audit/limits/limits-report';
import { EXIT_STATUS, headlineOf } from '../../../src/core/report/headline';
import type { AuditReport, RationalityRow, Verdict } from '../../../src/core/report/report';

const row = (group: string, verdict: Verdict): RationalityRow => ({
  group, generic: 0.2, personalized: 0.2, gain: 0, ci: [-0.05, 0.05], pHarm: 1, pGain: 1, verdict, test: 'mcnemar',
});

/** Two groups of `nTest` test rows each, with the given verdicts and violation counts, and SPEC §7 limits at ε. */
function report(verdicts: [Verdict, Verdict], nTest: number, epsilon: number, violations = { rationality: 0, envy: 0 }): AuditReport {
  const groups = ['g=a', 'g=b'];
  return {
    schemaVersion: 1,
    dataset: { path: 'd.csv', rows: 10 * nTest, droppedRows: 0, label: 'y', positive: '1', groupAttributes: ['g'], features: ['x'] },
    settings: { technique: '1hot', model: 'lr', C: 1, seed: 1, bootstrap: 10, resampling: 'group', alpha: 0.1, correction: 'bonferroni', threshold: 0.5, minGroupSize: 10, metric: 'error' },
    groups: groups.map((id) => ({ id, values: { g: id.slice(2) }, nTrain: 4 * nTest, nTest, positiveRate: 0.5 })),
    metrics: {
      error: {
        overall: { generic: 0.2, personalized: 0.2, gain: 0 },
        rationality: groups.map((g, i) => row(g, verdicts[i])),
        envy: [],
        summary: {
          bestGain: 0,
          worstGain: 0,
          rationalityGains: 0,
          rationalityViolations: violations.rationality,
          envyGains: 0,
          envyViolations: violations.envy,
        },
      },
    },
    warnings: [],
    limits: limitsReport([nTest, nTest], epsilon),
  };
}

// SPEC §7 by hand: 2 equal groups reach P_e = ½ at m = ln(1 + 2) / ln(1 + 4ε²): ε = 0.1 → ln 3 / ln 1.04 = 28.01 → 29
// rows; ε = 0.01 → ln 3 / ln 1.0004 = 2747.1 → 2748 rows. 40 rows per group are enough at ε = 0.1, not at 0.01.
describe('headlineOf: the three states', () => {
  it('no violation, every group tested, and enough test rows: the data could have shown a violation (exit 0)', () => {
    const h = headlineOf(report(['none', 'gain'], 40, 0.1));
    expect(h.state).toBe('no-violation');
    expect(EXIT_STATUS[h.state]).toBe(0);
    expect(h.sentence).toBe('No significant fair-use violation in error rate, and the data could have shown one: every group was tested and 80 test rows are enough to tell a harm of 10.0% in error rate from none.');
  });

  it('a violation wins over every caveat (exit 1)', () => {
    const h = headlineOf(report(['violation', 'untested'], 40, 0.01, { rationality: 1, envy: 2 }));
    expect(h.state).toBe('violation');
    expect(EXIT_STATUS[h.state]).toBe(1);
    expect(h.violations).toBe(3);
    expect(h.sentence).toBe('3 significant fair-use violations in error rate: 1 rationality (g=a), 2 envy-freeness.');
  });

  it('names the groups a violation harms, two per kind, then how many more', () => {
    const r = report(['violation', 'violation'], 40, 0.01, { rationality: 2, envy: 3 });
    const envy = [['g=a', 'g=b'], ['g=b', 'g=a'], ['g=b', 'g=c']].map(([group, reportedAs]) => ({ ...row(group, 'violation'), reportedAs, truthful: 0.2, misreported: 0.1 }));
    const withEnvy = { ...r, metrics: { error: { ...r.metrics.error!, envy } } };
    expect(headlineOf(withEnvy).sentence).toBe('5 significant fair-use violations in error rate: 2 rationality (g=a; g=b), 3 envy-freeness (g=a would do better as g=b; g=b would do better as g=a; and 1 more).');
  });

  it('too many groups for the test rows: inconclusive, with the bound and the group size SPEC §7 needs (exit 3)', () => {
    const r = report(['none', 'none'], 40, 0.01);
    expect(r.limits!.tooManyGroups).toBe(true);
    const h = headlineOf(r);
    expect(h.state).toBe('inconclusive');
    expect(EXIT_STATUS[h.state]).toBe(3);
    expect(h.reasons).toEqual(['too-many-groups']);
    expect(h.neededGroupSize).toBe(2748);
    expect(h.sentence).toMatch(/^Inconclusive: no significant violation was found, but 80 test rows in 2 groups are too few to tell a harm of 1\.0% in error rate from none \(any test would be wrong at least \d+% of the time\); each group would need about 2748 test rows\.$/);
  });

  it('an untested group makes it inconclusive even when the bound is met; the need is the minimum group size', () => {
    const h = headlineOf(report(['none', 'untested'], 40, 0.1));
    expect(h.state).toBe('inconclusive');
    expect(h.reasons).toEqual(['untested-groups']);
    expect(h.neededGroupSize).toBe(10);
    expect(h.sentence).toBe('Inconclusive: no significant violation was found, but 1 of 2 groups could not be tested in error rate (fewer than 10 test rows or undefined error rate); each group would need about 10 test rows.');
  });

  it('no group tested: says nothing was found to test, and gives both reasons with the larger need', () => {
    const h = headlineOf(report(['untested', 'untested'], 40, 0.01));
    expect(h.reasons).toEqual(['untested-groups', 'too-many-groups']);
    expect(h.neededGroupSize).toBe(2748);
    expect(h.sentence).toMatch(/^Inconclusive: no group could be tested in error rate \(every group has fewer than 10 test rows or undefined error rate\), and 80 test rows in 2 groups are too few/);
  });

  it('a report without SPEC §7 limits (older reports) is judged by its untested groups alone', () => {
    const { limits: _dropped, ...old } = report(['none', 'gain'], 40, 0.01);
    expect(headlineOf(old).state).toBe('no-violation');
    expect(headlineOf(old).sentence).toBe('No significant fair-use violation in error rate, and the data could have shown one: every group was tested.');
  });

  it('speaks of the metric asked for, and is inconclusive for a metric the report lacks', () => {
    expect(headlineOf(report(['none', 'gain'], 40, 0.1), 'auc')).toMatchObject({ state: 'inconclusive', sentence: 'Inconclusive: the report holds no AUC results.' });
  });
});
