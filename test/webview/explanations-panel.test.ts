// @vitest-environment happy-dom
/**
 * The panel's "Does personalization make explanations clearer?" section (SPEC §9): the method line, the per-group
 * table and the disagreement sentences, cell for cell as the HTML export prints them (one layout,
 * explanation-tables.ts), as a labelled section with a captioned table in a focusable region; absent without
 * explanations.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { EXPLANATION_SECTION_TITLE } from '../../src/core/report/render/explanation-tables';
import { renderReportHtml } from '../../src/core/report/render/html';
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

describe('the explanation-quality section of the panel', () => {
  for (const [name, make] of [['heart (classification)', heartReport], ['blood pressure (regression)', regressionReport]] as const) {
    it(`${name}: the export's lines, table and sentences, in a labelled section`, async () => {
      const report = await make();
      expect(report.explanations?.method).toBeTruthy(); // the fixture is explained, so the section has a table
      const root = panel(report);
      const exported = new DOMParser().parseFromString(renderReportHtml(report), 'text/html').querySelector('#explanations')!;
      const section = root.querySelector<HTMLElement>('section.fu-section-explanations')!;
      expect(section.querySelector('h2')!.textContent).toBe(EXPLANATION_SECTION_TITLE);
      expect(section.getAttribute('aria-labelledby')).toBe(section.querySelector('h2')!.id);
      const exportedTable = exported.querySelector('table')!;
      // The lines above the table (method and r, what the two metrics mean); the table's own note follows it in both.
      const exportedIntro = [...exported.querySelectorAll(':scope > p.note')].filter((p) => p.compareDocumentPosition(exportedTable) & Node.DOCUMENT_POSITION_FOLLOWING);
      expect(exportedIntro.length).toBeGreaterThan(0);
      expect([...section.querySelectorAll('.fu-explanations > p')].map((p) => p.textContent)).toEqual(exportedIntro.map((p) => p.textContent));
      const table = section.querySelector('table')!;
      const region = table.closest('[role="region"]')!;
      expect(region.getAttribute('tabindex')).toBe('0');
      expect(region.getAttribute('aria-label')).toBe(table.caption!.textContent);
      expect(table.caption!.textContent).toBe(exportedTable.caption!.textContent);
      expect([...table.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual([...exportedTable.querySelectorAll('thead th')].map((th) => th.textContent));
      const rows = [...table.querySelectorAll('tbody tr')];
      expect(rows.map(cells)).toEqual([...exportedTable.querySelectorAll('tbody tr')].map(cells));
      expect(rows).toHaveLength(report.groups.length);
      expect([...section.querySelectorAll('.fu-explanation-disagreements li')].map((li) => li.textContent)).toEqual([...exported.querySelectorAll('.explanation-disagreements li')].map((li) => li.textContent));
      expect(section.querySelectorAll('.fu-explanation-disagreements li').length).toBeGreaterThan(0);
    });
  }

  it('is left out of a report without explanations', async () => {
    const report = { ...(await heartReport()), explanations: undefined } as AuditReport;
    expect(panel(report).querySelector('.fu-section-explanations')).toBeNull();
  });
});
