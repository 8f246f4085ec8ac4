import { describe, expect, it } from 'vitest';
import { compareEntries, reportName } from '../../src/extension/compare-text';
import { panelTitle } from '../../src/extension/panel-title';
import type { ReportEntry } from '../../src/protocol/webview-protocol';
import { FEMALE_OLD, fixtureReport, MALE_OLD, rationality, section, envy } from '../core/report/report-fixture';

const earlier: ReportEntry = { report: fixtureReport(), specLabel: 'heart.fairuse.json', specPath: '/w/heart.fairuse.json', dataPath: '/w/heart.csv', finishedAt: '2026-12-05T10:00:00.000Z' };
// The later audit (another spec of the same data): Female/Old's rationality violation is resolved, Male/Old's is new.
const later: ReportEntry = {
  ...earlier,
  specLabel: 'heart-dcp.fairuse.json',
  specPath: '/w/heart-dcp.fairuse.json',
  finishedAt: '2026-12-05T11:30:00.000Z',
  report: fixtureReport({
    metrics: {
      ...fixtureReport().metrics,
      error: section([rationality(FEMALE_OLD, 0.2, 0.2, 'none'), rationality(MALE_OLD, 0.2, 0.3, 'violation')], [envy(FEMALE_OLD, MALE_OLD, 0.219, 0.15, 'violation')]),
    },
  }),
};

describe('comparing two reports in the editor', () => {
  it('takes the one that finished first as the old one, whichever order they were chosen in', () => {
    for (const [a, b] of [[earlier, later], [later, earlier]] as const) {
      const c = compareEntries(a, b);
      expect(c.ok).toBe(true);
      if (!c.ok) continue;
      expect(c.sentence).toBe('The later report has 1 new violation of error rate; 1 was resolved and 1 persists.');
      expect(c.markdown).toContain('Earlier: heart.fairuse.json (2026-12-05 10:00)');
      expect(c.markdown).toContain('Later: heart-dcp.fairuse.json (2026-12-05 11:30)');
      expect(c.markdown).toContain('### New violations (1)');
      expect(c.markdown).not.toMatch(/gate/);
    }
  });

  it('says in one sentence why two audits of different data cannot be compared', () => {
    const other: ReportEntry = { ...later, report: fixtureReport({ dataset: { ...fixtureReport().dataset, label: 'Death' } }) };
    const c = compareEntries(earlier, other);
    expect(c).toEqual({ ok: false, message: 'These two reports cannot be compared: The reports audited different labels: Disease in the earlier report, Death in the later one. Compare two audits of the same data, groups and measure.' });
  });

  it('names a report by its spec and time', () => {
    expect(reportName(earlier)).toBe('heart.fairuse.json (2026-12-05 10:00)');
  });
});

describe('the report panel title', () => {
  it('names the data, and the spec only when it is not the data\'s own', () => {
    expect(panelTitle(earlier)).toBe('Fair Use report: heart.csv');
    expect(panelTitle(later)).toBe('Fair Use report: heart.csv (heart-dcp.fairuse.json)');
    expect(panelTitle(undefined)).toBe('Fair Use report');
  });
});
