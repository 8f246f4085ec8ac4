// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { formatGain } from '../../src/core/report/render/format';
import { envyShade, largestAbsGain } from '../../src/core/report/render/html';
import type { MetricReport } from '../../src/core/report/report';
import { renderHeatmap } from '../../webview/render-heatmap';
import { availableMetrics } from '../../webview/state';
import { heartReport, withViolations } from './fixtures';

describe('renderHeatmap', () => {
  it('has one cell per envy row (groups × groups minus the diagonal), each showing its gain as text', async () => {
    const report = await heartReport();
    const m = report.groups.length;
    for (const metric of availableMetrics(report)) {
      const section = report.metrics[metric] as MetricReport;
      const node = renderHeatmap(report, metric, null).querySelector('table.fu-heatmap')!;
      const cells = [...node.querySelectorAll('td[data-reported-as]')];
      expect(section.envy).toHaveLength(m * (m - 1));
      expect(cells).toHaveLength(section.envy.length);
      expect(node.querySelectorAll('td.fu-diag')).toHaveLength(m);
      const scale = largestAbsGain(section.envy);
      for (const e of section.envy) {
        const row = [...node.querySelectorAll('tbody tr')].find((tr) => tr.getAttribute('data-group') === e.group)!;
        const cell = [...row.querySelectorAll('td[data-reported-as]')].find((td) => td.getAttribute('data-reported-as') === e.reportedAs)!;
        expect(cell.querySelector('.fu-heat-value')!.textContent).toBe(formatGain(metric, e.gain));
        expect(cell.classList.contains(envyShade(e, scale))).toBe(true);
        expect(cell.classList.contains(`verdict-${e.verdict}`)).toBe(true);
        expect(cell.getAttribute('title')).toContain(`${e.group} reporting as ${e.reportedAs}`);
      }
    }
  });

  it('rows are the groups and columns the groups reported as, with scoped headers', async () => {
    const report = await heartReport();
    const node = renderHeatmap(report, 'error', null).querySelector('table.fu-heatmap')!;
    const ids = report.groups.map((g) => g.id);
    expect([...node.querySelectorAll('thead th')].slice(1).map((th) => th.textContent)).toEqual(ids);
    expect([...node.querySelectorAll('tbody th[scope="row"]')].map((th) => th.textContent)).toEqual(ids);
    expect([...node.querySelectorAll('thead th')].every((th) => th.getAttribute('scope') === 'col')).toBe(true);
  });

  it('outlines and marks a significant violation, and says it in words', async () => {
    const report = withViolations(await heartReport());
    const section = report.metrics.error!;
    const node = renderHeatmap(report, 'error', null).querySelector('table.fu-heatmap')!;
    const violations = node.querySelectorAll('td.verdict-violation');
    expect(violations).toHaveLength(section.summary.envyViolations);
    expect(violations[0].querySelector('.fu-heat-mark')!.textContent).toBe(' !');
    expect(violations[0].querySelector('.sr-only')!.textContent).toContain('significant violation');
    expect(node.querySelectorAll('tr.verdict-violation')).toHaveLength(1);
  });
});
