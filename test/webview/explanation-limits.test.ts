// @vitest-environment happy-dom
/**
 * SPEC §7 for the explanation metrics (the Gaussian form with the explanation gains' spread) where the decisive
 * metric's bound shows: the panel's "What the data can validate" section, the HTML export, the Markdown report
 * and the terminal, one table (render/explanation-limits.ts) cell for cell.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { EXPLANATION_LIMITS_TITLE } from '../../src/core/report/render/explanation-limits';
import { renderReportHtml } from '../../src/core/report/render/html';
import { renderMarkdown } from '../../src/core/report/render/markdown';
import { renderText } from '../../src/cli/render-text';
import type { AuditReport } from '../../src/core/report/report';
import { createApp } from '../../webview/app';
import type { PlotApi } from '../../webview/render-chart';
import { cells, fakeApi, newRoot } from './helpers';
import { entryOf, heartReport, regressionReport } from './fixtures';

let plot: PlotApi;
beforeAll(async () => {
  plot = await import('@observablehq/plot');
});

function panel(report: AuditReport): HTMLElement {
  const root = newRoot();
  createApp(root, fakeApi(), { plot, chartWidth: () => 640 }).receive({ type: 'show', entry: entryOf(report) });
  return root;
}

describe('the explanation metrics\' bound beside the decisive metric\'s', () => {
  for (const [name, make] of [['heart (classification)', heartReport], ['blood pressure (regression)', regressionReport]] as const) {
    it(`${name}: one row per explanation metric with its ε, σ, P_e bound, k_max and group size, in every view`, async () => {
      const report = await make();
      const bounds = report.limits!.explanations!;
      const root = panel(report);
      const table = root.querySelector<HTMLTableElement>('table.fu-explanation-limits')!;
      expect(table.closest('section')!.querySelector('h2')!.textContent).toBe('What the data can validate');
      expect(table.caption!.textContent).toBe(EXPLANATION_LIMITS_TITLE);
      const rows = [...table.querySelectorAll('tbody tr')].map(cells);
      expect(rows.map((r) => r[0])).toEqual(['Sufficiency', 'Comprehensiveness']);
      expect(rows.map((r) => r[3])).toEqual([bounds.sufficiency!.errorProbabilityBound.toFixed(3), bounds.comprehensiveness!.errorProbabilityBound.toFixed(3)]);
      expect(rows.map((r) => r[5])).toEqual([String(bounds.sufficiency!.minGroupSize), String(bounds.comprehensiveness!.minGroupSize)]);
      const exported = [...new DOMParser().parseFromString(renderReportHtml(report), 'text/html').querySelectorAll('#limits table')].find((t) => t.querySelector('caption')!.textContent === EXPLANATION_LIMITS_TITLE)!;
      expect([...exported.querySelectorAll('tbody tr')].map(cells)).toEqual(rows);
      expect(renderMarkdown(report)).toContain(`### ${EXPLANATION_LIMITS_TITLE}`);
      expect(renderMarkdown(report)).toContain(`| ${rows[0].join(' | ')} |`.replace(/_/g, '\\_'));
      expect(renderText(report, false)).toContain(EXPLANATION_LIMITS_TITLE);
    });
  }

  it('is left out without explanation metrics', async () => {
    const report = await heartReport();
    const without = { ...report, limits: { ...report.limits!, explanations: undefined } } as AuditReport;
    expect(panel(without).querySelector('table.fu-explanation-limits')).toBeNull();
    expect(renderMarkdown(without)).not.toContain(EXPLANATION_LIMITS_TITLE);
  });
});
