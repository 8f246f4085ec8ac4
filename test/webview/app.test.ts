// @vitest-environment happy-dom
import { beforeAll, describe, expect, it } from 'vitest';
import { formatGain } from '../../src/core/report/render/format';
import type { MetricReport } from '../../src/core/report/report';
import { createApp } from '../../webview/app';
import type { PlotApi } from '../../webview/render-chart';
import { EMPTY_MESSAGE } from '../../webview/render-panel';
import { availableMetrics, EMPTY_STATE } from '../../webview/state';
import { entryOf, heartReport } from './fixtures';
import { fakeApi, newRoot } from './helpers';

const WIDTH = () => 640;

describe('the report webview', () => {
  let plot: PlotApi;
  beforeAll(async () => {
    plot = await import('@observablehq/plot');
  });

  it('starts empty, says how to run an audit, and tells the host it is ready', () => {
    const root = newRoot();
    const api = fakeApi();
    createApp(root, api, { plot, chartWidth: WIDTH });
    expect(root.textContent).toContain(EMPTY_MESSAGE);
    expect(api.posted[0]).toEqual({ type: 'rendered', summary: { finishedAt: null, metric: null, focusGroup: null, asIf: 'original', groupRows: 0, envyCells: 0 } });
    expect(api.posted.at(-1)).toEqual({ type: 'ready' });
  });

  it('renders a shown entry, saves it, and reports what it drew', async () => {
    const report = await heartReport();
    const entry = entryOf(report, { specLabel: 'heart.fairuse.json', specPath: '/work/heart.fairuse.json' });
    const root = newRoot();
    const api = fakeApi();
    const app = createApp(root, api, { plot, chartWidth: WIDTH });
    app.receive({ type: 'show', entry });
    const metric = report.settings.metric;
    const section = report.metrics[metric] as MetricReport;
    expect(api.saved.at(-1)).toEqual({ entry: JSON.parse(JSON.stringify(entry)), metric: null, focusGroup: null });
    expect(root.querySelectorAll('table.fu-gains tbody tr[data-group]')).toHaveLength(section.rationality.length);
    expect(root.querySelectorAll('[role="tab"]')).toHaveLength(availableMetrics(report).length);
    expect(root.querySelector('[data-card="overall"] .fu-card-value')!.textContent).toBe(formatGain(metric, section.overall.gain));
    expect(root.querySelector('[data-card="rationality"] .fu-card-value')!.textContent).toContain(`${section.summary.rationalityGains} / ${section.summary.rationalityViolations}`);
    expect(root.querySelector('[data-card="envy"] .fu-card-value')!.textContent).toContain(`${section.summary.envyGains} / ${section.summary.envyViolations}`);
    expect(root.querySelector('.fu-chart svg')).not.toBeNull();
    expect([...root.querySelectorAll('.fu-warnings li')].map((li) => li.textContent)).toEqual(report.warnings);
    expect(api.posted.at(-1)).toEqual({
      type: 'rendered',
      summary: { finishedAt: entry.finishedAt, metric, focusGroup: null, asIf: 'original', groupRows: section.rationality.length, envyCells: section.envy.length },
    });
  });

  it('switching the metric re-renders the tab, saves the choice and tells the host', async () => {
    const report = await heartReport();
    const root = newRoot();
    const api = fakeApi();
    const app = createApp(root, api, { plot, chartWidth: WIDTH });
    app.receive({ type: 'show', entry: entryOf(report) });
    const metrics = availableMetrics(report);
    const target = metrics.indexOf('logloss');
    root.querySelectorAll<HTMLElement>('[role="tab"]')[target].click();

    expect(app.state.metric).toBe('logloss');
    expect(api.saved.at(-1)!.metric).toBe('logloss');
    expect(api.posted).toContainEqual({ type: 'metricChanged', metric: 'logloss' });
    expect([...root.querySelectorAll('[role="tab"]')].map((t) => t.getAttribute('aria-selected'))).toEqual(metrics.map((_, i) => String(i === target)));
    const panels = [...root.querySelectorAll<HTMLElement>('[role="tabpanel"]')];
    expect(panels.filter((p) => p.childElementCount > 0).map((p) => p.dataset.key)).toEqual(['logloss']);
    expect(panels.filter((p) => !p.hidden).map((p) => p.dataset.key)).toEqual(['logloss']);
    const section = report.metrics.logloss!;
    const gains = [...root.querySelectorAll('table.fu-gains tbody tr[data-group] td:nth-of-type(4)')].map((td) => td.textContent);
    expect(gains).toEqual(section.rationality.map((r) => formatGain('logloss', r.gain)));
    expect(root.querySelector('[data-card="overall"] .fu-card-value')!.textContent).toBe(formatGain('logloss', section.overall.gain));

    // choosing the metric on screen again changes nothing
    const count = api.posted.length;
    app.selectMetric('logloss');
    expect(api.posted).toHaveLength(count);
  });

  it('restores from the saved state alone after a reload, before the host says anything', async () => {
    const report = await heartReport();
    const first = fakeApi();
    const app = createApp(newRoot(), first, { plot, chartWidth: WIDTH });
    app.receive({ type: 'show', entry: entryOf(report) });
    app.selectMetric('brier');

    const root = newRoot();
    const reloaded = fakeApi(first.saved.at(-1));
    createApp(root, reloaded, { plot, chartWidth: WIDTH });
    expect(root.querySelector('[role="tabpanel"][data-key="brier"] table.fu-gains')).not.toBeNull();
    expect(reloaded.posted.at(-1)).toEqual({ type: 'ready' });
    expect(reloaded.posted).toContainEqual(expect.objectContaining({ type: 'rendered', summary: expect.objectContaining({ metric: 'brier' }) }));
  });

  it('ignores a saved state or host message of the wrong shape', async () => {
    const root = newRoot();
    const api = fakeApi({ entry: { report: 'nope' }, metric: null, focusGroup: null });
    const app = createApp(root, api, { plot, chartWidth: WIDTH });
    expect(app.state).toEqual(EMPTY_STATE);
    for (const bad of [null, 'show', { type: 'show' }, { type: 'show', entry: { report: {} } }, { type: 'focus' }, { type: 'eval', code: '1' }]) app.receive(bad);
    expect(app.state).toEqual(EMPTY_STATE);
    expect(api.saved).toHaveLength(0);
  });

  it('focuses a group from the host: highlights its rows and keeps the metric', async () => {
    const report = await heartReport();
    const root = newRoot();
    const api = fakeApi();
    const app = createApp(root, api, { plot, chartWidth: WIDTH });
    app.receive({ type: 'show', entry: entryOf(report), metric: 'auc' });
    const group = report.groups[3].id;
    app.receive({ type: 'focus', group });
    expect(app.state).toMatchObject({ metric: 'auc', focusGroup: group });
    expect([...root.querySelectorAll('tr.is-focus')].map((tr) => tr.getAttribute('data-group'))).toEqual([group, group, group]);
    expect(document.activeElement?.getAttribute('data-group')).toBe(group);
  });

  it('buttons post export, re-run and open-spec; open spec only when there is a spec', async () => {
    const report = await heartReport();
    const root = newRoot();
    const api = fakeApi();
    const app = createApp(root, api, { plot, chartWidth: WIDTH });
    app.receive({ type: 'show', entry: entryOf(report) });
    expect(root.querySelector('[data-action="openSpec"]')).toBeNull();
    app.receive({ type: 'show', entry: entryOf(report, { finishedAt: '2025-02-01T00:00:00.000Z', specPath: '/w/heart.fairuse.json' }) });
    for (const action of ['export-html', 'export-markdown', 'export-json', 'rerun', 'openSpec']) {
      (root.querySelector(`[data-action="${action}"]`) as HTMLElement).click();
    }
    expect(api.posted.filter((m) => m.type !== 'rendered' && m.type !== 'ready')).toEqual([
      { type: 'export', format: 'html' }, { type: 'export', format: 'markdown' }, { type: 'export', format: 'json' }, { type: 'rerun' }, { type: 'openSpec' },
    ]);
  });

  it('clears back to the empty state', async () => {
    const root = newRoot();
    const api = fakeApi();
    const app = createApp(root, api, { plot, chartWidth: WIDTH });
    app.receive({ type: 'show', entry: entryOf(await heartReport()) });
    app.receive({ type: 'clear' });
    expect(root.querySelector('table')).toBeNull();
    expect(root.textContent).toContain(EMPTY_MESSAGE);
    expect(api.saved.at(-1)).toEqual(EMPTY_STATE);
  });
});
