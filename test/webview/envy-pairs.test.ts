// @vitest-environment happy-dom
/**
 * Issue 20, item 1: each envy pair's interval and p-values are text the keyboard and a screen reader reach, in
 * the HTML export as in the panel: the heatmap cells show only the gain, and a disclosure under each heatmap
 * ("Intervals and p-values of the N pairs") holds a table of every pair in a focusable region named by its
 * caption. The export's rows must read exactly as the panel's, so the two views cannot drift apart.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../src/core/report/render/html';
import { metricOrder } from '../../src/core/report/render/tables';
import type { AuditReport, MetricReport } from '../../src/core/report/report';
import { envyPairsTable } from '../../webview/render-heatmap';
import { cells } from './helpers';
import { heartReport, regressionReport, withViolations } from './fixtures';

let heart: AuditReport;
let regression: AuditReport;
beforeAll(async () => {
  heart = withViolations(await heartReport());
  regression = await regressionReport();
});

function exportOf(report: AuditReport): Document {
  return new DOMParser().parseFromString(renderReportHtml(report), 'text/html');
}

/** The export's disclosure of a metric's envy pairs: the <details> right after its heatmap. */
function exportPairs(doc: Document, metric: string): HTMLDetailsElement {
  const details = doc.querySelector<HTMLDetailsElement>(`#metric-${metric} details.envy-pairs`);
  if (!details) throw new Error(`the export has no envy pairs disclosure for ${metric}`);
  return details;
}

describe('the envy pairs of the HTML export', () => {
  it('pins the planted violation by hand: gain, interval and both p-values in one row, with the verdict word', () => {
    // withViolations plants gain −0.25, CI [−0.3, −0.1], p harm 0.002, p gain 1 on the first envy pair of the error rate.
    const planted = (heart.metrics.error as MetricReport).envy.find((e) => e.verdict === 'violation')!;
    const row = [...exportPairs(exportOf(heart), 'error').querySelectorAll('tbody tr')]
      .find((tr) => tr.querySelector('th')!.textContent === planted.group && tr.children[1].textContent === planted.reportedAs)!;
    expect(cells(row)).toEqual([planted.group, planted.reportedAs, '-25.0%', '[-30.0%, -10.0%]', '0.002', '1.000', 'VIOLATION']);
    expect(row.className).toContain('tone-violation');
  });

  for (const [name, report] of [['heart (classification)', () => heart], ['blood pressure (regression)', () => regression]] as const) {
    it(`${name}: every metric has one row per pair, in a named focusable region inside a disclosure, as the panel lists them`, () => {
      const doc = exportOf(report());
      for (const metric of metricOrder(report())) {
        const envy = (report().metrics[metric] as MetricReport).envy;
        const details = exportPairs(doc, metric);
        expect(details.hasAttribute('open')).toBe(false);
        // <summary> first: Tab reaches it, Enter or Space opens it (native <details>, no script in the export).
        expect(details.firstElementChild!.tagName).toBe('SUMMARY');
        expect(details.firstElementChild!.textContent).toBe(`Intervals and p-values of the ${envy.length} pairs`);
        const region = details.querySelector('[role="region"]')!;
        const table = region.querySelector('table')!;
        expect(region.getAttribute('tabindex')).toBe('0');
        expect(region.getAttribute('aria-label')).toBe(table.caption!.textContent);
        expect([...table.querySelectorAll('thead th')].every((th) => th.getAttribute('scope') === 'col')).toBe(true);
        const rows = [...table.querySelectorAll('tbody tr')];
        expect(rows).toHaveLength(envy.length);
        expect(rows.every((tr) => tr.firstElementChild!.tagName === 'TH' && tr.firstElementChild!.getAttribute('scope') === 'row')).toBe(true);

        // The panel's companion table (webview/render-heatmap.ts), drawn from the same report: same caption, same cells.
        const panel = envyPairsTable(report(), metric);
        const panelTable = panel.querySelector('table')!;
        expect(table.caption!.textContent).toBe(panelTable.caption!.textContent);
        expect([...table.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual([...panelTable.querySelectorAll('thead th')].map((th) => th.textContent));
        expect(rows.map(cells)).toEqual([...panelTable.querySelectorAll('tbody tr')].map(cells));
        expect(details.querySelector('summary')!.textContent).toBe(panel.querySelector('summary')!.textContent);
      }
    });
  }

  it('every interval and p-value of the report is in the text of the export (not only in an attribute)', () => {
    const doc = exportOf(heart);
    const text = doc.body.textContent ?? '';
    const attributes = [...doc.querySelectorAll('*')].flatMap((node) => [...node.attributes].map((a) => a.value)).join('\n');
    for (const metric of metricOrder(heart)) {
      for (const tr of exportPairs(doc, metric).querySelectorAll('tbody tr')) {
        for (const cell of cells(tr).slice(2, 6).filter(Boolean)) expect(text).toContain(cell);
      }
    }
    expect(attributes).not.toMatch(/p harm|p gain/); // no tooltip carries numbers the text lacks
  });
});
