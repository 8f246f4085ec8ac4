// @vitest-environment happy-dom
/**
 * Issue 20: the panel works without a mouse and reads right to a screen reader. The keyboard walk of
 * the metric tabs (WAI-ARIA tabs pattern, manual activation), their spoken names, the envy pairs'
 * intervals and p-values outside the tooltip, tables as focusable named regions, and the chart's
 * markup. axe-core runs on the same panel in the real editor (test/e2e/a11y-ui.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { formatGain, formatInterval, formatP, metricTitle } from '../../src/core/report/render/format';
import type { AuditReport, MetricReport } from '../../src/core/report/report';
import { createApp } from '../../webview/app';
import type { PlotApi } from '../../webview/render-chart';
import { availableMetrics } from '../../webview/state';
import { entryOf, heartReport, withViolations } from './fixtures';
import { fakeApi, newRoot } from './helpers';

let plot: PlotApi;
beforeAll(async () => {
  plot = await import('@observablehq/plot');
});

function show(report: AuditReport) {
  const root = newRoot();
  const api = fakeApi();
  const app = createApp(root, api, { plot, chartWidth: () => 640 });
  app.receive({ type: 'show', entry: entryOf(report) });
  return { root, api, app };
}

const tabs = (root: HTMLElement) => [...root.querySelectorAll<HTMLElement>('[role="tablist"] [role="tab"]')];
const press = (target: Element, key: string) => target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
const focused = () => document.activeElement as HTMLElement | null;
/** The text of `el` without the parts marked `selector`, whitespace collapsed. */
const textWithout = (el: Element, selector: string) => {
  const copy = el.cloneNode(true) as Element;
  for (const part of copy.querySelectorAll(selector)) part.remove();
  return copy.textContent!.replace(/\s+/g, ' ').trim();
};
/** What a screen reader reads for a tab named by its content (aria-hidden parts left out). */
const spoken = (el: Element) => textWithout(el, '[aria-hidden="true"]');
/** What the eye sees on it (screen-reader-only text left out). */
const seen = (el: Element) => textWithout(el, '.sr-only');

describe('metric tabs: the WAI-ARIA tabs pattern', () => {
  it('has one tab stop, the selected tab, and each tab controls a panel labelled by it', async () => {
    const report = await heartReport();
    const { root } = show(report);
    const list = tabs(root);
    expect(list.map((t) => t.dataset.key)).toEqual(availableMetrics(report));
    expect(list.filter((t) => t.tabIndex === 0).map((t) => t.dataset.key)).toEqual([report.settings.metric]);
    expect(list.filter((t) => t.getAttribute('aria-selected') === 'true').map((t) => t.dataset.key)).toEqual([report.settings.metric]);
    for (const tab of list) {
      const panel = root.querySelector(`#${tab.getAttribute('aria-controls')}`)!;
      expect(panel.getAttribute('role')).toBe('tabpanel');
      expect(panel.getAttribute('aria-labelledby')).toBe(tab.id);
      expect((panel as HTMLElement).hidden).toBe(tab.dataset.key !== report.settings.metric);
    }
    expect(root.querySelector('[role="tablist"]')!.getAttribute('aria-label')).toBe('Metric');
  });

  it('arrows move focus with wrap-around, Home and End go to the ends, none of them selects', async () => {
    const report = await heartReport();
    const { root, app } = show(report);
    const list = tabs(root);
    const last = list.length - 1;
    list[0].focus();
    press(list[0], 'ArrowLeft');
    expect(focused()).toBe(list[last]);
    press(list[last], 'ArrowRight');
    expect(focused()).toBe(list[0]);
    press(list[0], 'ArrowRight');
    expect(focused()).toBe(list[1]);
    expect(list.filter((t) => t.tabIndex === 0)).toEqual([list[1]]); // the roving tab stop follows focus
    press(list[1], 'End');
    expect(focused()).toBe(list[last]);
    press(list[last], 'Home');
    expect(focused()).toBe(list[0]);
    expect(app.state.metric).toBeNull(); // still the audited metric, nothing chosen
  });

  it('Space and Enter select the focused tab: state, host message, aria-selected and the shown panel follow', async () => {
    const report = await heartReport();
    const { root, api, app } = show(report);
    const list = tabs(root);
    for (const [key, metric] of [[' ', 'auc'], ['Enter', 'brier']] as const) {
      const tab = list.find((t) => t.dataset.key === metric)!;
      tab.focus();
      const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
      tab.dispatchEvent(event);
      expect(event.defaultPrevented).toBe(true); // no page scroll on Space, no second click on Enter
      expect(app.state.metric).toBe(metric);
      expect(api.posted).toContainEqual({ type: 'metricChanged', metric });
      expect(list.filter((t) => t.getAttribute('aria-selected') === 'true')).toEqual([tab]);
      const shown = [...root.querySelectorAll<HTMLElement>('[role="tabpanel"]')].filter((p) => !p.hidden);
      expect(shown.map((p) => p.dataset.key)).toEqual([metric]);
      expect(shown[0].querySelector('table.fu-gains caption')!.textContent).toContain(metricTitle(metric));
      expect(focused()).toBe(tab); // focus stays on the tab after the panel is redrawn
    }
  });

  it('speaks each tab as "<metric>, decides the verdict, N violations"', async () => {
    const report = withViolations(await heartReport());
    const { root } = show(report);
    for (const tab of tabs(root)) {
      const metric = tab.dataset.key as keyof AuditReport['metrics'];
      const section = report.metrics[metric] as MetricReport;
      // counted from the rows, not from the summary the tab reads
      const violations = [...section.rationality, ...section.envy].filter((r) => r.verdict === 'violation').length;
      const expected = [metricTitle(metric), metric === report.settings.metric ? 'decides the verdict' : null, violations ? `${violations} violation${violations === 1 ? '' : 's'}` : null]
        .filter(Boolean).join(', ');
      expect(spoken(tab)).toBe(expected);
      // Label in name (WCAG 2.5.3): no aria-label rewording the tab, and every visible word and number is in the name in order.
      expect(tab.hasAttribute('aria-label')).toBe(false);
      const words = seen(tab).match(/[\p{L}\p{N}]+/gu)!;
      expect(spoken(tab)).toMatch(new RegExp(words.join('.*')));
    }
    expect(spoken(tabs(root)[0])).toMatch(/^Error rate, decides the verdict, [1-9]\d* violations?$/);
    expect(seen(tabs(root)[0])).toMatch(/^Error rate \* ⚠ [1-9]\d*$/);
  });
});

describe('every number without a mouse', () => {
  it('lists each envy pair with its gain, interval and p-values in a table the keyboard reaches', async () => {
    const report = await heartReport();
    const { root } = show(report);
    const metric = report.settings.metric;
    const details = root.querySelector('details.fu-envy-details')!;
    expect(details.querySelector('summary')).not.toBeNull(); // a native disclosure: Tab, then Enter or Space
    const rows = [...details.querySelectorAll('table.fu-envy-pairs tbody tr')];
    const envy = (report.metrics[metric] as MetricReport).envy;
    expect(rows).toHaveLength(envy.length);
    for (const e of envy) {
      const row = rows.find((tr) => tr.getAttribute('data-group') === e.group && tr.getAttribute('data-reported-as') === e.reportedAs)!;
      const cells = [...row.children].map((c) => c.textContent);
      expect(cells.slice(0, 6)).toEqual([e.group, e.reportedAs, formatGain(metric, e.gain), formatInterval(metric, e.ci), formatP(e.pHarm), formatP(e.pGain)]);
    }
  });

  it('keeps nothing in a tooltip alone: every number of every title is also in the panel text', async () => {
    const report = withViolations(await heartReport());
    const { root } = show(report);
    const withTitle = [...root.querySelectorAll('[title]')];
    expect(withTitle.length).toBeGreaterThan(10); // the heatmap cells at least
    // the panel's text outside any tooltip: details content counts (one Enter away), the chart's SVG <title>s do not
    const visible = root.cloneNode(true) as HTMLElement;
    for (const svg of visible.querySelectorAll('svg')) svg.remove();
    const text = visible.textContent ?? '';
    for (const element of withTitle) {
      for (const number of element.getAttribute('title')!.match(/[+-]?\d+(?:\.\d+)?%?/g) ?? []) {
        expect(text, `"${number}" of title "${element.getAttribute('title')}"`).toContain(number);
      }
    }
  });

  it('puts every table in a focusable region named by its caption, so a wide table scrolls by keyboard', async () => {
    const report = await heartReport();
    const { root } = show(report);
    const tables = [...root.querySelectorAll('table')];
    expect(tables.length).toBeGreaterThanOrEqual(4);
    for (const table of tables) {
      const region = table.parentElement!;
      expect(region.getAttribute('role')).toBe('region');
      expect(region.getAttribute('tabindex')).toBe('0');
      expect(region.getAttribute('aria-label')).toBe(table.querySelector('caption')!.textContent!.trim());
    }
  });
});

describe('chart markup', () => {
  it('is one image named by its title: no aria-label on Plot\'s <g> elements', async () => {
    const report = await heartReport();
    const { root } = show(report);
    const svg = root.querySelector('.fu-chart svg')!;
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toMatch(/gain per group with \d+% confidence interval/);
    expect(svg.querySelectorAll('g').length).toBeGreaterThan(3);
    expect([...svg.querySelectorAll('[aria-label]')].map((e) => e.tagName)).toEqual([]);
  });
});
