import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/core/audit/audit';
import { parseCsv } from '../../src/core/data/csv';
import { assemble, chooseByValidation, compareViolations, minimization } from '../../src/core/audit/interventions';
import { loadDataset } from '../../src/core/data/load-dataset';
import { SeededRandom } from '../../src/core/numeric/random';
import type { AuditReport, MetricReport, RationalityRow } from '../../src/core/report/report';

describe('assemble', () => {
  it('serves each group by its assigned model, for its own rows and as a reported group', () => {
    const generic = Float64Array.from([0.1, 0.2]);
    const asGroup = [Float64Array.from([0.3, 0.4]), Float64Array.from([0.5, 0.6]), Float64Array.from([0.7, 0.8])];
    const decoupled = [Float64Array.from([0.11, 0.12]), Float64Array.from([0.21, 0.22]), Float64Array.from([0.31, 0.32])];
    const out = assemble({ generic, asGroup }, ['personalized', 'generic', 'decoupled'], decoupled);
    expect(out.generic).toBe(generic);
    expect(out.asGroup[0]).toBe(asGroup[0]);
    expect(out.asGroup[1]).toBe(generic);
    expect(out.asGroup[2]).toBe(decoupled[2]);
    expect(() => assemble({ generic, asGroup }, ['decoupled', 'personalized', 'personalized'], null)).toThrow();
  });
});

const row = (group: string, verdict: RationalityRow['verdict']): RationalityRow => ({ group, generic: 0.2, personalized: 0.2, gain: 0, ci: null, pHarm: null, pGain: null, verdict, test: null });
const section = (verdicts: Record<string, RationalityRow['verdict']>, envy: Array<[string, string, RationalityRow['verdict']]> = []): MetricReport => ({
  overall: { generic: 0.2, personalized: 0.2, gain: 0 },
  rationality: Object.entries(verdicts).map(([g, v]) => row(g, v)),
  envy: envy.map(([group, reportedAs, verdict]) => ({
    group,
    reportedAs,
    truthful: 0.2,
    misreported: 0.2,
    gain: 0,
    ci: null,
    pHarm: null,
    pGain: null,
    verdict,
    test: null,
  })),
  summary: { bestGain: 0, worstGain: 0, rationalityGains: 0, rationalityViolations: 0, envyGains: 0, envyViolations: 0 },
});

describe('compareViolations', () => {
  it('lists the violations an intervention removes and those it introduces', () => {
    const before = section({ A: 'violation', B: 'none' }, [['B', 'A', 'violation']]);
    const after = section({ A: 'none', B: 'violation' }, [['B', 'A', 'violation'], ['A', 'B', 'violation']]);
    expect(compareViolations(before, after)).toEqual({ resolved: ['rationality: A'], created: ['rationality: B', 'envy: A → B'] });
  });
});

describe('chooseByValidation', () => {
  it('takes the lowest validation risk, keeps h on ties and on undefined risks', () => {
    expect(chooseByValidation([
      { personalized: 0.3, generic: 0.2, decoupled: 0.25 },
      { personalized: 0.2, generic: 0.2, decoupled: 0.2 },
      { personalized: 0.3, generic: 0.3, decoupled: 0.1 },
      { personalized: 0.3, generic: NaN, decoupled: 0.1 },
    ])).toEqual(['generic', 'personalized', 'decoupled', 'personalized']);
  });
});

describe('minimization', () => {
  it('names the values whose every tested group gains nothing', () => {
    const report = {
      dataset: { groupAttributes: ['Sex', 'Age'] },
      groups: [
        { id: 'F,O', values: { Sex: 'F', Age: 'O' } },
        { id: 'F,Y', values: { Sex: 'F', Age: 'Y' } },
        { id: 'M,O', values: { Sex: 'M', Age: 'O' } },
        { id: 'M,Y', values: { Sex: 'M', Age: 'Y' } },
      ],
      metrics: { error: section({ 'F,O': 'none', 'F,Y': 'gain', 'M,O': 'violation', 'M,Y': 'untested' }) },
    } as unknown as AuditReport;
    // Old: both tested groups gain nothing → Age=O need not be collected; M: its only tested group gains nothing.
    expect(minimization(report, 'error')).toEqual({ groupsWithoutGain: ['F,O', 'M,O'], valuesNotNeeded: { Sex: ['M'], Age: ['O'] } });
  });
});

/**
 * Group C's training rows are all positive while its test rows follow x, as after a shift: a model with a
 * group intercept learns "C is positive" and errs on C's test rows, where h0 does not. A known violation.
 */
function shiftedCsv(): string {
  const random = new SeededRandom(5);
  const lines = ['y,g,x,part'];
  const add = (g: string, n: number, trainAllPositive: boolean) => {
    for (let i = 0; i < n; i++) {
      const x = random.nextFloat() * 4 - 2;
      const test = i % 4 === 0;
      const y = !test && trainAllPositive ? 1 : random.nextFloat() < 1 / (1 + Math.exp(-4 * x)) ? 1 : 0;
      lines.push(`${y},${g},${x.toFixed(4)},${test ? 'test' : 'train'}`);
    }
  };
  add('A', 400, false);
  add('B', 400, false);
  add('C', 240, true);
  return lines.join('\n');
}

async function shiftedAudit(extra: Record<string, unknown>): Promise<AuditReport> {
  const dataset = loadDataset(parseCsv(shiftedCsv()), { label: 'y', groups: ['g'], splitColumn: 'part' });
  return runAudit(dataset, { bootstrap: 300, technique: 'all', ...extra }, { path: 'shifted.csv' });
}

describe('interventions on a known violation', () => {
  it('h0 for the violating group resolves it (its gain is then exactly 0); its decoupled model and validation choice do not', async () => {
    const report = await shiftedAudit({ interventions: true });
    const c = report.metrics.error!.rationality.find((r) => r.group === 'g=C')!;
    expect(c.verdict).toBe('violation');
    const [generic, decoupled, selected] = report.interventions!.items;
    expect(report.interventions!.metric).toBe('error');
    expect(generic.kind).toBe('generic');
    const cAfter = generic.groups.find((g) => g.group === 'g=C')!;
    expect(cAfter).toMatchObject({ assigned: 'generic', before: { verdict: 'violation' }, after: { gain: 0, verdict: 'none' } });
    expect(generic.resolved).toContain('rationality: g=C');
    expect(generic.metrics.error!.rationality.find((r) => r.group === 'g=C')!.personalized).toBe(c.generic);
    // groups that kept h keep their numbers
    const a = report.metrics.error!.rationality.find((r) => r.group === 'g=A')!;
    expect(generic.metrics.error!.rationality.find((r) => r.group === 'g=A')!.gain).toBe(a.gain);

    // C's decoupled model learned "always positive" from its training rows: still a violation
    expect(decoupled.groups.find((g) => g.group === 'g=C')).toMatchObject({ assigned: 'decoupled', after: { verdict: 'violation' } });
    // the validation rows come from the (shifted) training rows, so they cannot see the harm
    expect(selected.kind).toBe('selected');
    expect(selected.groups.find((g) => g.group === 'g=C')!.assigned).not.toBe('generic');
    expect(report.interventions!.minimization.groupsWithoutGain).toContain('g=C');
  });

  it('honours "assign": the audited model serves C with h0, and the report says so', async () => {
    const report = await shiftedAudit({ assign: { 'g=C': 'generic' } });
    const c = report.metrics.error!.rationality.find((r) => r.group === 'g=C')!;
    expect(c.gain).toBe(0);
    expect(c.personalized).toBe(c.generic);
    expect(report.settings.assign).toEqual({ 'g=C': 'generic' });
    await expect(shiftedAudit({ assign: { 'g=D': 'generic' } })).rejects.toThrow(/g=D/);
  });

  it('is deterministic and leaves the audit without --intervene unchanged', async () => {
    const [a, b, plain] = await Promise.all([shiftedAudit({ interventions: true }), shiftedAudit({ interventions: true }), shiftedAudit({})]);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const { interventions, ...rest } = a;
    expect(interventions).toBeDefined();
    expect(JSON.stringify(rest)).toBe(JSON.stringify({ ...plain, settings: plain.settings }));
  });

  it('reports what the data can validate (SPEC §7) from the groups\' test sizes', async () => {
    const report = await shiftedAudit({});
    const sizes = report.groups.map((g) => g.nTest);
    expect(report.limits).toMatchObject({ epsilon: 0.01, groups: 3, n: sizes.reduce((s, m) => s + m, 0) });
    expect(report.limits!.attributes).toBeCloseTo(Math.log2(3), 12);
    expect(report.limits!.tooManyGroups).toBe(true); // 260 test rows cannot resolve a 1% gain
  });
});
