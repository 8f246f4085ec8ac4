// @vitest-environment happy-dom
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { beforeAll, describe, expect, it } from 'vitest';
import { formatGain, formatQuantity, formatRSquared, formatValue } from '../../src/core/report/render/format';
import { renderReportHtml } from '../../src/core/report/render/html';
import { renderMarkdown } from '../../src/core/report/render/markdown';
import type { AuditReport } from '../../src/core/report/report';
import { createApp } from '../../webview/app';
import type { PlotApi } from '../../webview/render-chart';
import { entryOf, regressionReport } from './fixtures';
import { cells, fakeApi, newRoot } from './helpers';

const WIDTH = () => 640;

describe('a regression report (examples/blood-pressure.csv) in the panel', () => {
  let plot: PlotApi;
  let report: AuditReport;
  let root: HTMLElement;
  beforeAll(async () => {
    plot = await import('@observablehq/plot');
    report = await regressionReport();
    root = newRoot();
    createApp(root, fakeApi(), { plot, chartWidth: WIDTH }).receive({ type: 'show', entry: entryOf(report) });
  });

  it('has a tab for MSE (decisive), MAE and the explanation metrics', () => {
    // each tab carries its count of violations after the name
    expect([...root.querySelectorAll('[role="tab"]')].map((h) => [...h.childNodes].filter((n) => !(n as Element).classList?.contains('sr-only')).map((n) => n.textContent).join('').split(' ⚠')[0])).toEqual(['MSE *', 'MAE', 'Sufficiency', 'Comprehensiveness']);
  });

  it('shows MSE values in the label\'s unit, not as percents, with the gain and the verdict', () => {
    const rows = [...root.querySelectorAll('table.fu-gains tbody tr[data-group]')];
    expect(rows).toHaveLength(4);
    report.metrics.mse!.rationality.forEach((r, i) => {
      const text = cells(rows[i]);
      expect(text.slice(2, 5)).toEqual([formatValue('mse', r.generic), formatValue('mse', r.personalized), formatGain('mse', r.gain)]);
      expect(text.join(' ')).not.toContain('%');
    });
    expect(cells(rows[1])[8]).toBe('VIOLATION');
  });

  it('adds an R² card and an R² table per group to the MSE tab', () => {
    const r2 = report.metrics.mse!.r2!;
    expect(root.querySelector('[data-card="r2"] .fu-card-detail')!.textContent).toContain(`generic ${formatRSquared(r2.overall.generic)} → personalized ${formatRSquared(r2.overall.personalized)}`);
    const rows = [...root.querySelectorAll('table.fu-r2 tbody tr')];
    expect(rows).toHaveLength(5);
    expect(cells(rows[0]).slice(3, 5)).toEqual([formatRSquared(r2.groups[0].generic), formatRSquared(r2.groups[0].personalized)]);
    expect(cells(rows[0])[2]).toBe(formatQuantity(report.groups[0].labelMean!));
  });

  it('shows each group\'s label mean instead of a positive rate, without a share bar', () => {
    const header = [...root.querySelectorAll('table.fu-groups thead th')].map((th) => th.textContent);
    expect(header[3]).toBe('Label mean (systolic_bp)');
    const rows = [...root.querySelectorAll('table.fu-groups tbody tr[data-group]')];
    report.groups.forEach((g, i) => expect(cells(rows[i])[3]).toBe(formatQuantity(g.labelMean!)));
    expect(root.querySelector('table.fu-groups .fu-bar')).toBeNull();
  });

  it('names the task, the ridge model and the group-only strata in the settings, and σ in the limits', () => {
    const settings = root.querySelector('.fu-settings')!.textContent!;
    expect(settings).toContain('systolic_bp (numeric: regression)');
    expect(settings).toContain('ridge regression, C = 1');
    expect(settings).toContain('stratified by group,');
    expect(settings).not.toContain('positive =');
    expect(root.querySelector('[data-card="sigma"] .fu-card-value')!.textContent).toBe(formatQuantity(report.limits!.sigma!));
    expect(root.querySelector('.fu-limits')!.textContent).toContain('1% of h0\'s MSE');
  });

  it('the MAE tab has no R² (it is the MSE\'s), and the interventions render', () => {
    const mae = createApp(newRoot(), fakeApi(), { plot, chartWidth: WIDTH });
    mae.receive({ type: 'show', entry: entryOf(report), metric: 'mae' });
    expect(document.querySelector('table.fu-r2')).toBeNull();
    expect(document.querySelector('[data-card="r2"]')).toBeNull();
    expect(document.querySelectorAll('table.fu-gains tbody tr[data-group]')).toHaveLength(4);
    expect(document.body.textContent).toContain('Intervention');
  });
});

describe('a regression report exported', () => {
  it('as HTML: MSE section with R², label means, no positive rate', async () => {
    const report = await regressionReport();
    const html = renderReportHtml(report);
    const doc = new DOMParser().parseFromString(html, 'text/html');
    expect(doc.querySelector('#metric-mse table.r-squared')).not.toBeNull();
    expect(doc.querySelector('#metric-mae table.r-squared')).toBeNull();
    const groupsHeader = [...doc.querySelectorAll('#groups thead th')].map((th) => th.textContent);
    expect(groupsHeader).toContain('Label mean');
    expect(html).not.toContain('Positive rate');
    expect(doc.querySelector('#limits')!.textContent).toContain('σ of the per-person gain in MSE');
  });

  it('as Markdown: the summary with an R² line and the R² table', async () => {
    const markdown = renderMarkdown(await regressionReport());
    expect(markdown).toContain('| R² (from the MSE, not tested) |');
    expect(markdown).toContain('## R² per group');
    expect(markdown).toContain('label systolic\\_bp (numeric: regression)');
  });
});
