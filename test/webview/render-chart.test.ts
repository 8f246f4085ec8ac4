// @vitest-environment happy-dom
import { beforeAll, describe, expect, it } from 'vitest';
import { formatGain } from '../../src/core/render/format';
import { renderGainChart, type PlotApi } from '../../webview/render-chart';
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
