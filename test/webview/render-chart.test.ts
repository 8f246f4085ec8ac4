// @vitest-environment happy-dom
import { beforeAll, describe, expect, it } from 'vitest';
import { formatGain } from '../../src/core/report/render/format';
import { renderGainChart, type PlotApi } from '../../webview/render-chart';
import type { AuditReport, MetricReport } from '../../src/core/report/report';
import { heartReport, hostileReport, withViolations, HOSTILE } from './fixtures';

describe('renderGainChart (Observable Plot)', () => {
  let plot: PlotApi;
  beforeAll(async () => {
    plot = await import('@observablehq/plot');
  });

  it('draws one point per group with a gain and one whisker per confidence interval, without a <style> element', async () => {
    const report = await heartReport();
    const section = report.metrics.ece!;
    const figure = renderGainChart(report, 'ece', { plot, width: 600 });
    const svg = figure.querySelector('svg')!;
    expect(svg).not.toBeNull();
    expect(svg.querySelector('style')).toBeNull();
    expect(svg.getAttribute('class')).toContain('fu-plot');
    const dots = svg.querySelectorAll('g.fu-chart-dot > *');
    expect(dots).toHaveLength(section.rationality.filter((r) => r.gain !== null).length);
    expect(svg.querySelectorAll('g.fu-chart-ci line').length).toBe(3 * section.rationality.filter((r) => r.ci !== null).length);
    const labels = [...svg.querySelectorAll('g.fu-chart-label text')].map((t) => t.textContent);
    expect(labels).toEqual(section.rationality.filter((r) => r.gain !== null).map((r) => formatGain('ece', r.gain)));
    const titles = [...svg.querySelectorAll('g.fu-chart-dot title')].map((t) => t.textContent);
    for (const r of section.rationality) expect(titles.some((t) => t!.startsWith(`${r.group}: gain ${formatGain('ece', r.gain)}`))).toBe(true);
    expect(svg.getAttribute('aria-label')).toContain('90% confidence interval');
  });

  it('draws a violation with its own class and symbol and names it in the legend', async () => {
    const report = withViolations(await heartReport());
    const figure = renderGainChart(report, 'error', { plot, width: 600 });
    expect(figure.querySelectorAll('g.fu-chart-dot.fu-v-violation > *')).toHaveLength(1);
    expect(figure.querySelector('figcaption .fu-v-violation')!.textContent).toContain('VIOLATION');
  });

  it('draws group ids as text', async () => {
    const report = await hostileReport();
    const figure = renderGainChart(report, 'error', { plot, width: 600 });
    expect(figure.querySelectorAll('img')).toHaveLength(0);
    expect([...figure.querySelectorAll('title')].some((t) => t.textContent!.includes(HOSTILE))).toBe(true);
  });
});

describe('the gain chart says what it plots (issue 15 item 6)', () => {
  let plot: PlotApi;
  beforeAll(async () => {
    plot = await import('@observablehq/plot');
  });

  it('labels the x axis with the sign of the plotted gain: personalized − generic for AUC, generic − personalized for a risk', async () => {
    const report = await heartReport();
    // What the chart plots is each row's gain; check the sign convention on the numbers themselves.
    const auc = report.metrics.auc!.rationality.find((r) => r.gain !== null && r.gain !== 0)!;
    expect(auc.gain!).toBeCloseTo(auc.personalized! - auc.generic!, 12);
    const error = report.metrics.error!.rationality.find((r) => r.gain !== null && r.gain !== 0)!;
    expect(error.gain!).toBeCloseTo(error.generic! - error.personalized!, 12);
    const axisText = (metric: 'auc' | 'error') => renderGainChart(report, metric, { plot, width: 600 }).querySelector('svg')!.textContent!;
    expect(axisText('auc')).toContain('Gain in AUC (personalized − generic; right of 0 = better off) →');
    expect(axisText('error')).toContain('Gain in error rate (generic − personalized; right of 0 = better off) →');
  });

  it('a group label cut to fit the margin carries the whole label as a tooltip; a short one is not cut', async () => {
    const report = structuredClone(await heartReport()) as { -readonly [K in keyof AuditReport]: AuditReport[K] };
    const long = 'Sex=Female, Age=Old, Region=North-East Coastal Highlands, Insurance=Private supplementary';
    const section = report.metrics.error as { -readonly [K in keyof MetricReport]: MetricReport[K] };
    section.rationality = section.rationality.map((r, i) => (i === 0 ? { ...r, group: long } : r));
    const svg = renderGainChart(report, 'error', { plot, width: 600 }).querySelector('svg')!;
    const ticks = [...svg.querySelectorAll('g.fu-chart-axis text')];
    const cut = ticks.find((t) => t.querySelector('title')?.textContent === long);
    expect(cut).toBeDefined();
    expect(cut!.firstChild!.textContent!.endsWith('…')).toBe(true);
    expect(cut!.firstChild!.textContent!.length).toBeLessThan(long.length);
    const short = ticks.find((t) => t.textContent === section.rationality[1].group);
    expect(short).toBeDefined();
    expect(short!.querySelector('title')).toBeNull();
  });
});
