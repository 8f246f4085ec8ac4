/** A small hand-made report (four groups of heart.csv) for the SARIF and diff unit tests. */
import type { AuditReport, EnvyRow, MetricReport, RationalityRow, Verdict } from '../../../src/core/report/report';

export const FEMALE_OLD = 'Sex=Female, Age=Old';
export const FEMALE_YOUNG = 'Sex=Female, Age=Young';
export const MALE_OLD = 'Sex=Male, Age=Old';
export const MALE_YOUNG = 'Sex=Male, Age=Young';

export const rationality = (group: string, generic: number, personalized: number, verdict: Verdict, pHarm = verdict === 'violation' ? 0.03 : 0.5): RationalityRow => ({
  group, generic, personalized, gain: generic - personalized, ci: [generic - personalized - 0.02, generic - personalized + 0.02], pHarm, pGain: 1, verdict, test: 'mcnemar',
});

export const envy = (group: string, reportedAs: string, truthful: number, misreported: number, verdict: Verdict, pHarm = verdict === 'violation' ? 0.0004 : 0.5): EnvyRow => ({
  group, reportedAs, truthful, misreported, gain: misreported - truthful, ci: [misreported - truthful - 0.02, misreported - truthful + 0.02], pHarm, pGain: 1, verdict, test: 'mcnemar',
});

export function section(rows: RationalityRow[], envyRows: EnvyRow[]): MetricReport {
  const count = (verdict: Verdict, of: Array<{ verdict: Verdict }>) => of.filter((r) => r.verdict === verdict).length;
  return {
    overall: { generic: 0.2, personalized: 0.2, gain: 0 },
    rationality: rows,
    envy: envyRows,
    summary: { bestGain: 0.1, worstGain: -0.05, rationalityGains: count('gain', rows), rationalityViolations: count('violation', rows), envyGains: count('gain', envyRows), envyViolations: count('violation', envyRows) },
  };
}

/** Error: Female/Old violates rationality and envies Male/Old; Female/Young is untested. Brier: Male/Young violates. */
export function fixtureReport(overrides: Partial<AuditReport> = {}): AuditReport {
  return {
    schemaVersion: 1,
    dataset: { path: 'heart.csv', sha256: 'a'.repeat(64), rows: 303, droppedRows: 0, label: 'Disease', task: 'classification', positive: '1', groupAttributes: ['Sex', 'Age'], features: [] },
    settings: { technique: '1hot', model: 'lr', C: 1, seed: 1, bootstrap: 10, resampling: 'group', alpha: 0.1, correction: 'bonferroni', testSize: 0.2, threshold: 0.5, minGroupSize: 10, metric: 'error' },
    groups: [FEMALE_OLD, FEMALE_YOUNG, MALE_OLD, MALE_YOUNG].map((id) => ({
      id,
      values: {},
      nTrain: 50,
      nTest: id === FEMALE_YOUNG ? 4 : 15,
      positiveRate: 0.5,
    })),
    metrics: {
      error: section(
        [rationality(FEMALE_OLD, 0.193, 0.219, 'violation'), rationality(FEMALE_YOUNG, 0.3, 0.3, 'untested'), rationality(MALE_OLD, 0.2, 0.25, 'none'), rationality(MALE_YOUNG, 0.3, 0.2, 'gain')],
        [envy(FEMALE_OLD, MALE_OLD, 0.219, 0.15, 'violation'), envy(MALE_OLD, FEMALE_OLD, 0.25, 0.3, 'none')],
      ),
      brier: section(
        [rationality(FEMALE_OLD, 0.15, 0.15, 'none'), rationality(FEMALE_YOUNG, 0.2, 0.2, 'untested'), rationality(MALE_OLD, 0.2, 0.2, 'none'), rationality(MALE_YOUNG, 0.1, 0.2, 'violation')],
        [envy(FEMALE_OLD, MALE_OLD, 0.15, 0.15, 'none'), envy(MALE_OLD, FEMALE_OLD, 0.2, 0.2, 'none')],
      ),
    },
    warnings: [`Group ${FEMALE_YOUNG} has 4 test rows, fewer than 10: reported but not tested.`, 'Dropped 3 rows with a missing label.'],
    ...overrides,
  };
}
