import { describe, expect, it } from 'vitest';
import { toSarif } from '../../../src/core/report/sarif';
import { sarifSchemaErrors } from '../../fixtures/sarif/validate-sarif';
import { envy, FEMALE_OLD, FEMALE_YOUNG, fixtureReport, MALE_OLD, MALE_YOUNG, rationality, section } from './report-fixture';

const anchor = { uri: 'examples/heart.csv', startLine: 1, startColumn: 9, endColumn: 12 };

describe('toSarif', () => {
  const log = toSarif(fixtureReport(), { version: '0.1.0', anchor });
  const [run] = log.runs;

  it('is a valid SARIF 2.1.0 log by the official OASIS schema', () => {
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-schema-2\.1\.0\.json$/);
    expect(run.tool.driver).toMatchObject({ name: 'fairuse', version: '0.1.0', semanticVersion: '0.1.0' });
  });

  it('has one rule per finding kind, each with help in plain words', () => {
    const rules = run.tool.driver.rules as Array<{ id: string; help: { text: string } }>;
    expect(rules.map((r) => r.id)).toEqual([
      'rationality-violation',
      'envy-violation',
      'explanation-rationality-violation',
      'explanation-envy-violation',
      'inconclusive-group',
      'data-warning',
    ]);
    for (const rule of rules) expect(rule.help.text.length).toBeGreaterThan(60);
  });

  it('gives errors for the decisive metric, warnings for the others, and the untested group and data warning once each', () => {
    expect(run.results.map((r) => [r.ruleId, r.level, r.properties.metric ?? '', r.properties.group ?? ''])).toEqual([
      ['rationality-violation', 'error', 'error', FEMALE_OLD],
      ['envy-violation', 'error', 'error', FEMALE_OLD],
      ['rationality-violation', 'warning', 'brier', MALE_YOUNG],
      ['inconclusive-group', 'warning', 'error', FEMALE_YOUNG],
      // The "has 4 test rows … not tested" warning is the inconclusive-group result already.
      ['data-warning', 'note', '', ''],
    ]);
    expect(run.results.map((r) => r.ruleIndex)).toEqual([0, 1, 0, 4, 5]);
  });

  it('names the group in the message and carries the gain and its interval in properties', () => {
    const [first, second] = run.results;
    expect(first.message.text).toBe(`Rationality violation for ${FEMALE_OLD} (error rate): 21.9% personalized vs 19.3% generic, gain -2.6% (90% interval -4.6% to -0.6%), p=0.030.`);
    expect(first.properties).toMatchObject({ gain: 0.193 - 0.219, ci: [0.193 - 0.219 - 0.02, 0.193 - 0.219 + 0.02], pHarm: 0.03 });
    expect(second.message.text).toMatch(/^Envy violation for Sex=Female, Age=Old \(error rate\): 21\.9% with its own group vs 15\.0% if reported as Sex=Male, Age=Old, gain -6\.9%/);
    expect(second.properties).toMatchObject({ reportedAs: MALE_OLD });
    expect(run.results[3].message.text).toBe(`${FEMALE_YOUNG} could not be tested on error rate: 4 held-out rows (the minimum is 10).`);
    for (const result of run.results) expect(result.locations).toEqual([{ physicalLocation: { artifactLocation: { uri: 'examples/heart.csv' }, region: { startLine: 1, startColumn: 9, endColumn: 12 } } }]);
  });

  it('fingerprints a finding by (metric, kind, group) only, so it is tracked across runs whose numbers differ', () => {
    const prints = run.results.map((r) => r.partialFingerprints['fairuseFinding/v1']);
    expect(new Set(prints).size).toBe(prints.length);
    const moved = fixtureReport({ settings: { ...fixtureReport().settings, seed: 7, bootstrap: 999 } });
    const numbers = { ...moved.metrics.error!, rationality: [rationality(FEMALE_OLD, 0.25, 0.4, 'violation', 0.001)] };
    const again = toSarif({ ...moved, metrics: { ...moved.metrics, error: numbers } }, { version: '0.2.0', anchor: { uri: 'elsewhere.csv', startLine: 1 } }).runs[0];
    expect(again.results[0].partialFingerprints).toEqual(run.results[0].partialFingerprints);
    // The same group in another metric is another finding.
    const brier = run.results.find((r) => r.properties.metric === 'brier')!;
    const errorOfMaleYoung = toSarif(fixtureReport({ metrics: { error: section([rationality(MALE_YOUNG, 0.1, 0.2, 'violation')], []) } }), { version: '0', anchor }).runs[0].results[0];
    expect(errorOfMaleYoung.partialFingerprints).not.toEqual(brier.partialFingerprints);
  });

  it('files explanation-metric violations under their own rules, as the Problems panel codes them, at the level of their metric', () => {
    const base = fixtureReport();
    const withExplanations = fixtureReport({
      metrics: {
        ...base.metrics,
        // Sufficiency is a cost: h's 0.30 against h0's 0.20 is a gain of −0.10 for Male/Old.
        sufficiency: section([rationality(MALE_OLD, 0.2, 0.3, 'violation')], [envy(MALE_OLD, FEMALE_OLD, 0.3, 0.1, 'violation')]),
        comprehensiveness: section([rationality(FEMALE_OLD, 0.4, 0.4, 'none')], []),
      },
    });
    const results = toSarif(withExplanations, { version: '0', anchor }).runs[0].results;
    const explanation = results.filter((r) => r.ruleId.startsWith('explanation-'));
    expect(explanation.map((r) => [r.ruleId, r.ruleIndex, r.level, r.properties.metric, r.properties.group])).toEqual([
      ['explanation-rationality-violation', 2, 'warning', 'sufficiency', MALE_OLD],
      ['explanation-envy-violation', 3, 'warning', 'sufficiency', MALE_OLD],
    ]);
    expect(explanation[0].message.text).toMatch(/^Explanation rationality violation for Sex=Male, Age=Old \(sufficiency\): /);
    expect(explanation[1].message.text).toMatch(/^Explanation envy violation for Sex=Male, Age=Old \(sufficiency\): .* if reported as Sex=Female, Age=Old, /);
    // The accuracy findings keep their rules; an explanation metric that decides gives errors.
    expect(results.filter((r) => r.ruleId === 'rationality-violation').map((r) => r.properties.metric)).toEqual(['error', 'brier']);
    const deciding = toSarif({ ...withExplanations, settings: { ...withExplanations.settings, metric: 'sufficiency' } }, { version: '0', anchor }).runs[0].results;
    expect(deciding.slice(0, 2).map((r) => [r.ruleId, r.level])).toEqual([
      ['explanation-rationality-violation', 'error'],
      ['explanation-envy-violation', 'error'],
    ]);
    expect(sarifSchemaErrors(toSarif(withExplanations, { version: '0', anchor }))).toEqual([]);
  });

  it('has no results when nothing is found', () => {
    const clean = fixtureReport({
      metrics: { error: section([rationality(FEMALE_OLD, 0.2, 0.1, 'gain'), rationality(MALE_OLD, 0.2, 0.2, 'none')], [envy(FEMALE_OLD, MALE_OLD, 0.1, 0.2, 'gain')]) },
      warnings: [],
    });
    const cleanLog = toSarif(clean, { version: '0.1.0', anchor });
    expect(cleanLog.runs[0].results).toEqual([]);
    expect(sarifSchemaErrors(cleanLog)).toEqual([]);
  });

  it('keeps a group name from the data from becoming an embedded link', () => {
    const odd = '[click](1)';
    const report = fixtureReport({ metrics: { error: section([rationality(odd, 0.1, 0.2, 'violation')], []) }, warnings: [] });
    expect(toSarif(report, { version: '0', anchor }).runs[0].results[0].message.text).toMatch(/^Rationality violation for \\\[click\\\]\(1\) \(error rate\)/);
  });
});
