import { describe, expect, it } from 'vitest';
import { diffReports, readReport } from '../../../src/core/report/diff';
import { diffMarkdown, diffText } from '../../../src/core/report/render-diff';
import type { AuditReport } from '../../../src/core/report/report';
import { envy, FEMALE_OLD, FEMALE_YOUNG, fixtureReport, MALE_OLD, MALE_YOUNG, rationality, section } from './report-fixture';

/**
 * OLD: fixtureReport. NEW: Female/Old's rationality violation is gone (now none), Male/Old violates, Male/Young's
 * gain is lost, Female/Young stays untested; the envy violation persists.
 */
function newer(): AuditReport {
  const old = fixtureReport();
  return fixtureReport({
    settings: { ...old.settings, technique: 'dcp', seed: 5 },
    metrics: {
      ...old.metrics,
      error: section(
        [rationality(FEMALE_OLD, 0.193, 0.2, 'none'), rationality(FEMALE_YOUNG, 0.3, 0.3, 'untested'), rationality(MALE_OLD, 0.2, 0.3, 'violation'), rationality(MALE_YOUNG, 0.3, 0.29, 'none')],
        [envy(FEMALE_OLD, MALE_OLD, 0.2, 0.1, 'violation'), envy(MALE_OLD, FEMALE_OLD, 0.3, 0.3, 'none')],
      ),
    },
  });
}

const summary = (report: ReturnType<typeof diffReports>) => report.changes.map((c) => `${c.status} ${c.metric} ${c.kind} ${c.group}${c.reportedAs ? ` > ${c.reportedAs}` : ''} ${c.old.verdict}->${c.new.verdict}`);

describe('diffReports', () => {
  it('has nothing new, resolved or moved for a report diffed with itself: its violations persist', () => {
    const diff = diffReports(fixtureReport(), fixtureReport());
    expect(summary(diff)).toEqual([
      `persisting error rationality ${FEMALE_OLD} violation->violation`,
      `persisting error envy ${FEMALE_OLD} > ${MALE_OLD} violation->violation`,
      `persisting brier rationality ${MALE_YOUNG} violation->violation`,
    ]);
    expect(diff.settingsChanged).toEqual([]);
    expect(diff.hasNewViolation).toBe(false);
  });

  it('lists new, resolved, persisting and moved findings per metric and group', () => {
    const diff = diffReports(fixtureReport(), newer());
    expect(summary(diff)).toEqual([
      `resolved error rationality ${FEMALE_OLD} violation->none`,
      `new error rationality ${MALE_OLD} none->violation`,
      `changed error rationality ${MALE_YOUNG} gain->none`,
      `persisting error envy ${FEMALE_OLD} > ${MALE_OLD} violation->violation`,
      // Brier is unchanged: its violation of Male/Young persists.
      `persisting brier rationality ${MALE_YOUNG} violation->violation`,
    ]);
    expect(diff.hasNewViolation).toBe(true);
    expect(diff.settingsChanged).toEqual([{ setting: 'technique', old: '1hot', new: 'dcp' }, { setting: 'seed', old: 1, new: 5 }]);
  });

  it('turns "new" into "resolved" when the order is reversed', () => {
    const diff = diffReports(newer(), fixtureReport());
    expect(summary(diff).slice(0, 2)).toEqual([`new error rationality ${FEMALE_OLD} none->violation`, `resolved error rationality ${MALE_OLD} violation->none`]);
    expect(diff.hasNewViolation).toBe(true);
  });

  it('gates on the decisive metric only', () => {
    const old = fixtureReport();
    const brierOnly = fixtureReport({ metrics: { ...old.metrics, brier: section([rationality(FEMALE_OLD, 0.1, 0.2, 'violation')], []) } });
    const diff = diffReports(old, brierOnly);
    expect(summary(diff)).toContain(`new brier rationality ${FEMALE_OLD} none->violation`);
    expect(diff.hasNewViolation).toBe(false);
    // The headings count the gate's metric apart, so "New violations (1)" never sits above "No new violation".
    const text = diffText(diff, { old: 'a.json', new: 'b.json' });
    expect(text).toContain("New violations (0 of error rate, the measure that decides; 1 of other measures)");
    expect(text).toMatch(/No new violation of error rate; 0 resolved, 2 persisting\.\n$/);
    expect(diffMarkdown(diff, { old: 'a.json', new: 'b.json' })).toContain("### New violations (0 of error rate, the measure that decides; 1 of other measures)");
    // A section of the gate's metric only keeps its plain count.
    expect(text).toContain('Persisting violations (2)\n  error rate · rationality');
  });

  it('counts a group that became untested as a moved verdict', () => {
    const old = fixtureReport();
    const next = fixtureReport({ metrics: { ...old.metrics, error: { ...old.metrics.error!, rationality: old.metrics.error!.rationality.map((r) => (r.group === MALE_OLD ? { ...r, verdict: 'untested' as const } : r)) } } });
    expect(summary(diffReports(old, next)).filter((line) => !line.startsWith('persisting'))).toEqual([`changed error rationality ${MALE_OLD} none->untested`]);
  });

  const incomparable: Array<[string, Partial<AuditReport>, RegExp]> = [
    ['another dataset', { dataset: { ...fixtureReport().dataset, sha256: 'b'.repeat(64) } }, /different data \(SHA-256\): aaaaaaaaaaaa in OLD, bbbbbbbbbbbb in NEW/],
    ['other groups', { groups: fixtureReport().groups.slice(1) }, /different groups: Sex=Female, Age=Old only in OLD/],
    ['another metric', { settings: { ...fixtureReport().settings, metric: 'brier' } }, /different settings \(metric\): error in OLD, brier in NEW/],
    ['another α', { settings: { ...fixtureReport().settings, alpha: 0.05 } }, /settings \(alpha\): 0\.1 in OLD, 0\.05 in NEW/],
    ['another label', { dataset: { ...fixtureReport().dataset, label: 'Other' } }, /different labels: Disease in OLD, Other in NEW/],
  ];
  for (const [name, overrides, message] of incomparable) {
    it(`refuses to compare audits of ${name}, naming the difference`, () => {
      expect(() => diffReports(fixtureReport(), fixtureReport(overrides))).toThrow(message);
    });
  }
});

describe('readReport', () => {
  it('refuses another schema version and incomplete reports in one line', () => {
    expect(() => readReport({ ...fixtureReport(), schemaVersion: 2 }, 'old.json')).toThrow(/^old\.json is a report of schema version 2; this fairuse reads version 1\./);
    expect(() => readReport([1, 2], 'old.json')).toThrow(/not an audit report/);
    const { metrics: _dropped, ...noMetrics } = fixtureReport();
    expect(() => readReport(noMetrics, 'old.json')).toThrow(/no "metrics" section/);
    expect(readReport(fixtureReport(), 'x')).toEqual(fixtureReport());
  });
});

describe('rendering a diff', () => {
  it('escapes Markdown and HTML in group names from the data', () => {
    const odd = '<img src=x onerror=alert(1)> *bold* | pipe';
    const old = fixtureReport({ groups: [{ id: odd, values: {}, nTrain: 1, nTest: 20, positiveRate: 0.5 }], metrics: { error: section([rationality(odd, 0.2, 0.2, 'none')], []) } });
    const next = fixtureReport({ groups: old.groups, metrics: { error: section([rationality(odd, 0.2, 0.3, 'violation')], []) } });
    const markdown = diffMarkdown(diffReports(old, next), { old: 'old.json', new: 'new.json' });
    expect(markdown).toContain('rationality of \\<img src=x onerror=alert(1)\\> \\*bold\\* \\| pipe');
    expect(markdown).not.toMatch(/(^|[^\\])<img/);
    expect(markdown).toMatch(/^## Fair use audit: 1 new violation of error rate \(the gate fails\); 0 resolved, 0 persisting\./);
  });

  it('keeps control characters of group names off the terminal', () => {
    const odd = 'G\x1b[31mred';
    const old = fixtureReport({ groups: [{ id: odd, values: {}, nTrain: 1, nTest: 20, positiveRate: 0.5 }], metrics: { error: section([rationality(odd, 0.2, 0.2, 'none')], []) } });
    const next = fixtureReport({ groups: old.groups, metrics: { error: section([rationality(odd, 0.2, 0.3, 'violation')], []) } });
    const text = diffText(diffReports(old, next), { old: 'old.json', new: 'new.json' });
    expect(text).not.toContain('\x1b');
    expect(text).toContain('error rate · rationality of G�[31mred: no change → VIOLATION (gain 0.0% → -10.0%)');
  });
});
