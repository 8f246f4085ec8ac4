import { describe, expect, it } from 'vitest';
import { diagnosticCodeOf, findingsOf, glossaryAnchorOf } from '../../src/extension/findings';
import { placeOf } from '../../src/extension/finding-place';
import { readSpecText } from '../../src/core/audit/spec-text';
import type { AuditReport, EnvyRow, RationalityRow } from '../../src/core/report/report';

const rationality = (group: string, generic: number, personalized: number, verdict: RationalityRow['verdict'], pHarm: number): RationalityRow => ({
  group, generic, personalized, gain: generic - personalized, ci: [-0.1, 0.1], pHarm, pGain: 1, verdict, test: 'mcnemar',
});
const envy = (group: string, reportedAs: string, truthful: number, misreported: number, verdict: EnvyRow['verdict'], pHarm: number): EnvyRow => ({
  group, reportedAs, truthful, misreported, gain: misreported - truthful, ci: [-0.1, 0.1], pHarm, pGain: 1, verdict, test: 'mcnemar',
});

function report(): AuditReport {
  const rows = [
    rationality('Sex=Female, Age=Old', 0.193, 0.219, 'violation', 0.03),
    rationality('Sex=Male, Age=Old', 0.2, 0.25, 'none', 0.4),
    rationality('Sex=Male, Age=Young', 0.3, 0.2, 'gain', 1),
    rationality('Sex=Female, Age=Young', 0.3, 0.3, 'untested', 1),
  ];
  const envyRows = [
    envy('Sex=Female, Age=Old', 'Sex=Male, Age=Old', 0.219, 0.15, 'violation', 0.0004),
    envy('Sex=Female, Age=Old', 'Sex=Male, Age=Young', 0.219, 0.2, 'none', 0.5),
    envy('Sex=Male, Age=Old', 'Sex=Female, Age=Old', 0.25, 0.3, 'none', 1),
  ];
  const summary = { bestGain: 0.1, worstGain: -0.05, rationalityGains: 1, rationalityViolations: 1, envyGains: 0, envyViolations: 1 };
  return {
    schemaVersion: 1,
    dataset: { path: 'heart.csv', rows: 303, droppedRows: 0, label: 'Disease', positive: '1', groupAttributes: ['Sex', 'Age'], features: [] },
    settings: { technique: '1hot', model: 'lr', C: 1, seed: 1, bootstrap: 10, resampling: 'group', alpha: 0.1, correction: 'bonferroni', threshold: 0.5, minGroupSize: 10, metric: 'error' },
    groups: [],
    metrics: { error: { overall: { generic: 0.2, personalized: 0.2, gain: 0 }, rationality: rows, envy: envyRows, summary } },
    warnings: [],
  };
}

describe('findingsOf', () => {
  it('gives an error per significant violation, in the issue\'s wording', () => {
    const findings = findingsOf(report(), { showWarnings: false });
    expect(findings.map((f) => [f.severity, f.kind, f.group, f.reportedAs])).toEqual([
      ['error', 'rationality', 'Sex=Female, Age=Old', undefined],
      ['error', 'envy', 'Sex=Female, Age=Old', 'Sex=Male, Age=Old'],
    ]);
    expect(findings[0].message).toBe('Rationality violation for Sex=Female, Age=Old (worse off when the model uses group attributes): error rate 21.9% with them vs 19.3% without (gain -2.6%, p=0.030)');
    expect(findings[1].message).toBe('Envy violation for Sex=Female, Age=Old (better off treated as Sex=Male, Age=Old): error rate 21.9% treated as its own group vs 15.0% as Sex=Male, Age=Old (gain -6.9%, p<0.001)');
  });

  it('adds warnings for negative non-significant gains only when asked, never for gains or untested groups', () => {
    const findings = findingsOf(report(), { showWarnings: true });
    expect(findings.filter((f) => f.severity === 'warning').map((f) => `${f.kind}:${f.group}>${f.reportedAs ?? ''}`)).toEqual([
      'rationality:Sex=Male, Age=Old>',
      'envy:Sex=Female, Age=Old>Sex=Male, Age=Young',
    ]);
    expect(findings.find((f) => f.severity === 'warning')!.message).toMatch(/^Negative rationality gain for Sex=Male, Age=Old \(not significant\): error rate 25\.0% with them vs 20\.0% without \(gain -5\.0%, p=0\.400\)$/);
  });

  it('relates a rationality finding to the group\'s harmful envy pairs', () => {
    const [first] = findingsOf(report(), { showWarnings: true });
    expect(first.related.map((r) => r.group)).toEqual(['Sex=Male, Age=Old', 'Sex=Male, Age=Young']);
    expect(first.related[0].message).toMatch(/^Envy violation for Sex=Female, Age=Old/);
  });

  it('uses the metric asked for and returns nothing for a metric the report lacks', () => {
    expect(findingsOf(report(), { showWarnings: true, metric: 'auc' })).toEqual([]);
  });
});

describe('findingsOf and an inconclusive audit', () => {
  it('adds one Information finding, the headline, when the groups are more than the data can validate; none when they are not', () => {
    const limits = {
      epsilon: 0.01,
      groups: 4,
      attributes: 2,
      n: 61,
      errorProbabilityBound: 0.98,
      maxAttributes: 0.03,
      minGroupSize: 4025,
      tooManyGroups: true,
    };
    const clean = noViolations(report());
    const info = findingsOf({ ...clean, limits }, { showWarnings: false }).filter((f) => f.severity === 'information');
    expect(info).toHaveLength(1);
    expect(info[0].kind).toBe('inconclusive');
    expect(info[0].message).toBe('Inconclusive: no significant violation was found, but 61 test rows in 4 groups are too few to tell a harm of 1.0% in error rate from none (any test would be wrong at least 98% of the time); each group would need about 4025 test rows.');
    expect(findingsOf({ ...clean, limits: { ...limits, tooManyGroups: false } }, { showWarnings: false }).some((f) => f.severity === 'information')).toBe(false);
  });

  it('an untested group is inconclusive too; a violation is never', () => {
    const withUntested = noViolations(report(), false);
    expect(findingsOf(withUntested, { showWarnings: false }).map((f) => f.message)).toEqual([
      'Inconclusive: no significant violation was found, but 1 of 4 groups could not be tested in error rate (fewer than 10 test rows or undefined error rate); each group would need about 10 test rows.',
    ]);
    expect(findingsOf(report(), { showWarnings: false }).some((f) => f.severity === 'information')).toBe(false);
  });
});

/** The report with its violations read as "no change" (and, unless kept, its untested group too). */
function noViolations(r: AuditReport, dropUntested = true): AuditReport {
  const section = r.metrics.error!;
  const verdict = (v: RationalityRow['verdict']) => (v === 'violation' || (dropUntested && v === 'untested') ? 'none' : v);
  return {
    ...r,
    metrics: {
      error: {
        ...section,
        rationality: section.rationality.map((x) => ({ ...x, verdict: verdict(x.verdict) })),
        envy: section.envy.map((x) => ({ ...x, verdict: verdict(x.verdict) })),
        summary: { ...section.summary, rationalityViolations: 0, envyViolations: 0 },
      },
    },
  };
}

describe('findingsOf and the explanation metrics (SPEC §9)', () => {
  /** The accuracy report with sufficiency and comprehensiveness sections; one violation each. */
  function withExplanations(decisive: AuditReport['settings']['metric'] = 'error'): AuditReport {
    const r = report();
    const summary = { bestGain: 0, worstGain: 0, rationalityGains: 0, rationalityViolations: 1, envyGains: 0, envyViolations: 0 };
    const overall = { generic: 0.1, personalized: 0.1, gain: 0 };
    // sufficiency is a cost: gain = generic − personalized; comprehensiveness is higher-is-better: personalized − generic.
    const sufficiency = { overall, summary, envy: [], rationality: [
      rationality('Sex=Male, Age=Young', 0.05, 0.0812, 'violation', 0.02),
      rationality('Sex=Male, Age=Old', 0.05, 0.06, 'none', 0.3),
    ] };
    const comprehensivenessEnvy = { ...envy('Sex=Male, Age=Old', 'Sex=Female, Age=Old', 0.2, 0.25, 'violation', 0.004), gain: 0.2 - 0.25 };
    const comprehensiveness = { overall, summary: { ...summary, rationalityViolations: 0, envyViolations: 1 }, rationality: [], envy: [comprehensivenessEnvy] };
    return { ...r, settings: { ...r.settings, metric: decisive }, metrics: { ...r.metrics, sufficiency, comprehensiveness } };
  }

  it('lists their violations after the decisive metric\'s, as warnings with their own wording and codes', () => {
    const findings = findingsOf(withExplanations(), { showWarnings: false });
    expect(findings.map((f) => [f.severity, f.metric, f.kind, f.group, diagnosticCodeOf(f), glossaryAnchorOf(f)])).toEqual([
      ['error', 'error', 'rationality', 'Sex=Female, Age=Old', 'rationality-violation', 'rationality'],
      ['error', 'error', 'envy', 'Sex=Female, Age=Old', 'envy-violation', 'envy'],
      ['warning', 'sufficiency', 'rationality', 'Sex=Male, Age=Young', 'explanation-rationality-violation', 'explanation-violation'],
      ['warning', 'comprehensiveness', 'envy', 'Sex=Male, Age=Old', 'explanation-envy-violation', 'explanation-violation'],
    ]);
    expect(findings[2].message).toBe('Explanation rationality violation for Sex=Male, Age=Young (explanations less sufficient when the model uses group attributes): sufficiency 0.0812 with them vs 0.0500 without (gain -0.0312, p=0.020)');
    expect(findings[3].message).toBe('Explanation envy violation for Sex=Male, Age=Old (clearer explanations treated as Sex=Female, Age=Old): comprehensiveness 0.2000 treated as its own group vs 0.2500 as Sex=Female, Age=Old (gain -0.0500, p=0.004)');
  });

  it('never lists a non-significant explanation gain unless its metric is the decisive one', () => {
    expect(findingsOf(withExplanations(), { showWarnings: true }).filter((f) => f.metric === 'sufficiency').map((f) => f.group)).toEqual(['Sex=Male, Age=Young']);
    const decisive = findingsOf(withExplanations('sufficiency'), { showWarnings: true });
    expect(decisive.filter((f) => f.metric === 'sufficiency').map((f) => [f.severity, f.group, diagnosticCodeOf(f)])).toEqual([
      ['error', 'Sex=Male, Age=Young', 'explanation-rationality-violation'],
      ['warning', 'Sex=Male, Age=Old', 'negative-explanation-rationality-gain'],
    ]);
    expect(decisive.find((f) => f.severity === 'warning')!.message).toMatch(/^Negative explanation rationality gain for Sex=Male, Age=Old \(not significant\): sufficiency/);
    // The error rate is then one of the other metrics: its findings are not listed (SARIF lists them; the panel keeps
    // to the decisive metric and the explanations).
    expect(decisive.some((f) => f.metric === 'error')).toBe(false);
  });

  it('an explanation finding points where an accuracy finding of its group would: its "assign" entry in the spec', () => {
    const spec = '{ "data": "heart.csv", "label": "Disease", "groups": ["Sex", "Age"], "assign": { "Sex=Male, Age=Young": "generic" } }';
    const parsed = readSpecText(spec, 'heart.fairuse.json');
    if (!parsed.ok) throw new Error(parsed.message);
    const sources = { spec: { text: spec, parsed }, csvHeader: 'Age,Sex,Disease', model: false, groupAttributes: ['Sex', 'Age'] };
    const explanation = findingsOf(withExplanations(), { showWarnings: false }).find((f) => f.metric === 'sufficiency')!;
    const place = placeOf(explanation, sources);
    expect(place).toEqual(placeOf({ ...explanation, metric: 'error' }, sources));
    expect(spec.slice(place.span!.offset, place.span!.offset + place.span!.length)).toBe('"Sex=Male, Age=Young": "generic"');
  });
});
