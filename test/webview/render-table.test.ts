// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { METRICS } from '../../src/core/audit/metrics';
import { formatGain, formatInterval, formatP, formatValue, VERDICT_LABELS } from '../../src/core/report/render/format';
import type { MetricReport } from '../../src/core/report/report';
import { renderGainTable } from '../../webview/render-table';
import { availableMetrics } from '../../webview/state';
import { heartReport, withViolations } from './fixtures';
import { cells } from './helpers';

describe('renderGainTable', () => {
  it('has a row per group with the report’s numbers, formatted as every other view formats them', async () => {
    const report = await heartReport();
    for (const metric of availableMetrics(report)) {
      const section = report.metrics[metric] as MetricReport;
      const table = renderGainTable(report, metric, null);
      const rows = [...table.querySelectorAll('tbody tr[data-group]')];
      expect(rows).toHaveLength(section.rationality.length);
      section.rationality.forEach((r, i) => {
        expect(rows[i].getAttribute('data-group')).toBe(r.group);
        expect(cells(rows[i])).toEqual([
          r.group, String(report.groups.find((g) => g.id === r.group)!.nTest),
          formatValue(metric, r.generic), formatValue(metric, r.personalized), formatGain(metric, r.gain),
          formatInterval(metric, r.ci), formatP(r.pHarm), formatP(r.pGain), VERDICT_LABELS[r.verdict],
        ]);
        expect(rows[i].classList.contains(`verdict-${r.verdict}`)).toBe(true);
      });
      const total = cells(table.querySelector('tbody tr.fu-total')!);
      expect(total.slice(0, 5)).toEqual(['Total', String(report.groups.reduce((s, g) => s + g.nTest, 0)),
        formatValue(metric, section.overall.generic), formatValue(metric, section.overall.personalized), formatGain(metric, section.overall.gain)]);
      expect(table.querySelector('caption')!.textContent).toContain(METRICS[metric].name[0].toUpperCase());
    }
  });

  it('gives every header a scope: columns in the head, the group in each row', async () => {
    const table = renderGainTable(await heartReport(), 'error', null);
    expect([...table.querySelectorAll('thead th')].every((th) => th.getAttribute('scope') === 'col')).toBe(true);
    expect([...table.querySelectorAll('tbody th')].every((th) => th.getAttribute('scope') === 'row')).toBe(true);
  });

  it('marks a violation with a glyph and the word, not by colour alone', async () => {
    const report = withViolations(await heartReport());
    const violating = report.metrics.error!.rationality.find((r) => r.verdict === 'violation')!;
    const table = renderGainTable(report, 'error', null);
    const row = [...table.querySelectorAll('tbody tr')].find((tr) => tr.getAttribute('data-group') === violating.group)!;
    expect(row.classList.contains('verdict-violation')).toBe(true);
    expect(row.querySelector('.fu-badge-violation')!.textContent).toBe(`⚠ ${VERDICT_LABELS.violation}`);
    expect(table.querySelectorAll('.fu-badge-violation')).toHaveLength(1);
  });

  it('highlights the focused group', async () => {
    const report = await heartReport();
    const focus = report.groups[2].id;
    const table = renderGainTable(report, 'error', focus);
    const focused = table.querySelectorAll('tr.is-focus');
    expect(focused).toHaveLength(1);
    expect(focused[0].getAttribute('data-group')).toBe(focus);
    expect(focused[0].getAttribute('aria-current')).toBe('true');
  });
});
