// @vitest-environment happy-dom
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { beforeAll, describe, expect, it } from 'vitest';
import { formatGain, formatValue, VERDICT_LABELS } from '../../src/core/report/render/format';
import { interventionTables } from '../../src/core/report/render/science-tables';
import { comparisonTable, describeModel } from '../../src/core/report/render/tables';
import type { AuditReport, MetricReport } from '../../src/core/report/report';
import type { AsIf } from '../../src/protocol/webview-protocol';
import { createApp, type App } from '../../webview/app';
import type { PlotApi } from '../../webview/render-chart';
import { renderSettings } from '../../webview/render-diagnostics';
import { entryOf, heartInterventionsReport, heartReport, newDataReport, shiftedReport } from './fixtures';
import { cells, fakeApi, newRoot, type FakeApi } from './helpers';

const WIDTH = () => 640;

function choose(root: HTMLElement, asIf: AsIf): void {
  const radio = root.querySelector<HTMLInputElement>(`fieldset.fu-asif-toggle input[value="${asIf}"]`)!;
  radio.checked = true;
  radio.dispatchEvent(new Event('change', { bubbles: true }));
}

function gainRow(root: ParentNode, group: string): Element {
  return [...root.querySelectorAll('table.fu-gains tbody tr[data-group]')].find((tr) => tr.getAttribute('data-group') === group)!;
}

const cardValue = (root: ParentNode, key: string) => root.querySelector(`[role="tabpanel"] [data-card="${key}"] .fu-card-value`)!.textContent!;

describe('interventions in the panel (SPEC §6, paper 1 Table 3)', () => {
  let plot: PlotApi;
  beforeAll(async () => {
    plot = await import('@observablehq/plot');
  });

  const open = (report: AuditReport, api: FakeApi = fakeApi()): { root: HTMLElement; app: App; api: FakeApi } => {
    const root = newRoot();
    const app = createApp(root, api, { plot, chartWidth: WIDTH });
    app.receive({ type: 'show', entry: entryOf(report) });
    return { root, app, api };
  };

  it('prints one Table 3 per intervention with the report’s rows, the overall risk and the violations resolved and created', async () => {
    const report = await heartInterventionsReport();
    const { root } = open(report);
    const tables = interventionTables(report);
    const metric = report.interventions!.metric;
    const sections = [...root.querySelectorAll<HTMLElement>('section.fu-intervention')];
    expect(sections.map((s) => s.dataset.intervention)).toEqual(['generic', 'decoupled', 'selected']);
    report.interventions!.items.forEach((item, i) => {
      const section = sections[i];
      const rows = [...section.querySelectorAll('tbody tr')];
      expect(rows.map(cells)).toEqual(tables[i].rows.map((r) => [...r]));
      expect(rows.slice(0, -1).map((tr) => tr.getAttribute('data-group'))).toEqual(item.groups.map((g) => g.group));
      expect(rows.at(-1)!.classList.contains('fu-total')).toBe(true);
      item.groups.forEach((g, k) => {
        expect(cells(rows[k])).toEqual([
          g.group,
          tables[i].rows[k][1],
          formatGain(metric, g.before.gain),
          VERDICT_LABELS[g.before.verdict],
          formatGain(metric, g.after.gain),
          VERDICT_LABELS[g.after.verdict],
        ]);
        expect(rows[k].classList.contains(`verdict-${g.after.verdict}`)).toBe(true);
      });
      expect(section.querySelector('caption')!.textContent).toBe(item.description);
      expect(section.querySelector('[data-overall]')!.textContent).toContain(`${formatValue(metric, item.overall.before)} → ${formatValue(metric, item.overall.after)}`);
      expect(section.querySelector('[data-changes="resolved"]')!.textContent).toBe(`Resolves (${item.resolved.length}): no violation`);
      expect(section.querySelector('[data-changes="created"]')!.textContent).toBe(`Creates (${item.created.length}): no violation`);
      expect([...section.querySelectorAll('thead th')].every((th) => th.getAttribute('scope') === 'col')).toBe(true);
      expect([...section.querySelectorAll('tbody th')].every((th) => th.getAttribute('scope') === 'row')).toBe(true);
    });
  });

  it('the validation choice on the shifted data serves a group with h0, and its Table 3 row says so', async () => {
    const report = await shiftedReport();
    const { root } = open(report);
    const selected = report.interventions!.items.find((item) => item.kind === 'selected')!;
    const generic = selected.groups.filter((g) => g.assigned === 'generic');
    expect(generic.length).toBeGreaterThan(0);
    const section = root.querySelector<HTMLElement>('section.fu-intervention[data-intervention="selected"]')!;
    for (const g of generic) {
      const row = [...section.querySelectorAll('tbody tr')].find((tr) => tr.getAttribute('data-group') === g.group)!;
      expect(cells(row)[1]).toMatch(/h0|generic/i);
    }
  });

  it('lists the groups without a significant gain and the attribute values no tested group was shown to need', async () => {
    const report = await heartInterventionsReport();
    const { root } = open(report);
    const m = report.interventions!.minimization;
    expect([...root.querySelectorAll('.fu-minimization-groups li')].map((li) => li.textContent)).toEqual(m.groupsWithoutGain);
    const rows = [...root.querySelectorAll('table.fu-minimization-values tbody tr')];
    expect(rows.map(cells)).toEqual(Object.entries(m.valuesNotNeeded).map(([attribute, values]) => [attribute, values.join(' / ')]));
    expect(rows.every((tr) => tr.querySelector('th')!.getAttribute('scope') === 'row')).toBe(true);
    // An inconclusive test is not advice to stop collecting: the note says so beside the values.
    expect(rows.length).toBeGreaterThan(0);
    expect(root.querySelector('.fu-minimization .fu-note')!.textContent).toMatch(/No significant gain is not proof of no gain/);
  });

  it('names the violations the generic intervention resolves on the shifted data', async () => {
    const report = await shiftedReport();
    const { root } = open(report);
    const generic = report.interventions!.items.find((item) => item.kind === 'generic')!;
    expect(generic.resolved).toContain('rationality: g=C');
    const section = root.querySelector('section.fu-intervention[data-intervention="generic"]')!;
    const c = [...section.querySelectorAll('tbody tr')].find((tr) => tr.getAttribute('data-group') === 'g=C')!;
    expect(cells(c)).toEqual(['g=C', 'h0 (generic)', formatGain('error', generic.groups[2].before.gain), VERDICT_LABELS.violation, formatGain('error', 0), VERDICT_LABELS.none]);
    expect([...section.querySelectorAll('[data-changes="resolved"] li')].map((li) => li.textContent!.replace(/^✓ /, ''))).toEqual(generic.resolved);
  });

  it('shows the report as if violating groups got h0: C gains 0 and nothing is violated in the table, cards, heatmap and chart', async () => {
    const report = await shiftedReport();
    const { root, app, api } = open(report);
    expect(gainRow(root, 'g=C').classList.contains('verdict-violation')).toBe(true);
    expect(root.querySelector('.fu-asif-banner')).toBeNull();

    choose(root, 'generic');
    const item = report.interventions!.items.find((i) => i.kind === 'generic')!;
    const section = item.metrics.error as MetricReport;
    expect(app.state.asIf).toBe('generic');
    expect(api.saved.at(-1)!.asIf).toBe('generic');
    expect(api.posted.at(-1)).toEqual({ type: 'rendered', summary: expect.objectContaining({ asIf: 'generic', groupRows: 3, envyCells: 6 }) });

    const banner = root.querySelector('.fu-asif-banner')!;
    expect(banner.textContent).toContain('As if harmed groups got the model without group attributes (h0) — not the audited model');
    expect(banner.textContent).toContain('g=C (the model without group attributes)');
    const c = cells(gainRow(root, 'g=C'));
    expect(c[0]).toBe('g=C served by h0');
    expect(c[4]).toBe(formatGain('error', 0));
    expect(c[8]).toBe(VERDICT_LABELS.none);
    expect(root.querySelectorAll('table.fu-gains .fu-badge-violation')).toHaveLength(0);
    expect(cardValue(root, 'rationality').startsWith(`${section.summary.rationalityGains} / 0`)).toBe(true);
    expect(cardValue(root, 'envy').startsWith(`${section.summary.envyGains} / 0`)).toBe(true);
    expect(cardValue(root, 'overall')).toBe(formatGain('error', section.overall.gain));
    expect(root.querySelectorAll('table.fu-heatmap td.verdict-violation')).toHaveLength(0);
    expect(root.querySelectorAll('.fu-chart g.fu-chart-dot.fu-v-violation > *')).toHaveLength(0);
    expect([...root.querySelectorAll('[role="tabpanel"] h2')].map((h) => h.textContent)).toContain('Per-group gains (rationality) — as if generic');
    // the audited verdict stays on top
    expect(root.querySelector('.fu-verdict-banner')!.classList.contains('is-violation')).toBe(true);

    // other metrics are the intervention's too
    app.selectMetric('auc');
    const auc = item.metrics.auc as MetricReport;
    expect([...root.querySelectorAll('table.fu-gains tbody tr[data-group] td:nth-of-type(4)')].map((td) => td.textContent)).toEqual(auc.rationality.map((r) => formatGain('auc', r.gain)));
    expect(root.querySelector('.fu-asif-banner')).not.toBeNull();

    choose(root, 'original');
    expect(app.state).not.toHaveProperty('asIf');
    expect(root.querySelector('.fu-asif-banner')).toBeNull();
  });

  it('keeps the choice through a reload from saved state and a re-sent entry, and drops it for a new audit', async () => {
    const report = await shiftedReport();
    const first = open(report);
    choose(first.root, 'generic');

    const root = newRoot();
    const reloaded = fakeApi(first.api.saved.at(-1));
    const app = createApp(root, reloaded, { plot, chartWidth: WIDTH });
    expect(app.state.asIf).toBe('generic');
    expect(root.querySelector<HTMLInputElement>('fieldset.fu-asif-toggle input:checked')!.value).toBe('generic');
    expect(cells(gainRow(root, 'g=C'))[4]).toBe(formatGain('error', 0));
    expect(root.querySelector('.fu-asif-banner')).not.toBeNull();

    app.receive({ type: 'show', entry: entryOf(report) });
    expect(app.state.asIf).toBe('generic');
    expect(cells(gainRow(root, 'g=C'))[8]).toBe(VERDICT_LABELS.none);

    app.receive({ type: 'show', entry: entryOf(report, { finishedAt: '2025-03-01T00:00:00.000Z' }) });
    expect(app.state).not.toHaveProperty('asIf');
    expect(root.querySelector<HTMLInputElement>('fieldset.fu-asif-toggle input:checked')!.value).toBe('original');
    expect(cells(gainRow(root, 'g=C'))[8]).toBe(VERDICT_LABELS.violation);
  });

  it('a "show as if" button under a table switches the view and checks its radio', async () => {
    const report = await shiftedReport();
    const { root, app } = open(report);
    (root.querySelector('[data-action="as-if-decoupled"]') as HTMLElement).click();
    expect(app.state.asIf).toBe('decoupled');
    expect(root.querySelector<HTMLInputElement>('fieldset.fu-asif-toggle input:checked')!.value).toBe('decoupled');
    expect(cells(gainRow(root, 'g=C'))[0]).toBe('g=C served by its decoupled model');
    expect(cells(gainRow(root, 'g=C'))[8]).toBe(VERDICT_LABELS.violation);
  });

  it('offers no choice and ignores one without interventions', async () => {
    const report = await heartReport();
    const { root, app } = open(report);
    expect(root.querySelector('fieldset.fu-asif-toggle')).toBeNull();
    expect(root.querySelector('section.fu-section-interventions')).toBeNull();
    app.selectAsIf('generic');
    expect(app.state).not.toHaveProperty('asIf');
    expect(root.querySelector('.fu-asif-banner')).toBeNull();
  });
});

describe('what the data can validate (SPEC §7)', () => {
  it('shows the error bound, k_max against log₂ d and the group size needed, with a warning when the groups are too many', async () => {
    const report = await heartInterventionsReport();
    const limits = report.limits!;
    const root = newRoot();
    const app = createApp(root, fakeApi(), { plot: await import('@observablehq/plot'), chartWidth: WIDTH });
    app.receive({ type: 'show', entry: entryOf(report) });
    const section = root.querySelector('section.fu-section-limits')!;
    const value = (key: string) => section.querySelector(`[data-card="${key}"] .fu-card-value`)!.textContent!.replace(/^⚠ /, '');
    expect(value('bound')).toBe(limits.errorProbabilityBound.toFixed(3));
    expect(value('attributes')).toBe(`${limits.maxAttributes.toFixed(2)} vs ${limits.attributes.toFixed(2)}`);
    expect(value('group-size')).toBe(`${limits.minGroupSize} test rows`);
    expect(section.querySelector('[data-card="bound"] .fu-card-detail')!.textContent).toContain(`ε = ${limits.epsilon}`);
    expect(limits.tooManyGroups).toBe(true);
    expect(section.querySelector('[data-warning="too-many-groups"]')!.textContent).toContain('More groups than this data can validate');

    const enough = { ...report, limits: { ...limits, tooManyGroups: false, errorProbabilityBound: 0.2 } };
    app.receive({ type: 'show', entry: entryOf(enough, { finishedAt: '2025-03-01T00:00:00.000Z' }) });
    expect(root.querySelector('[data-warning="too-many-groups"]')).toBeNull();
    expect(root.querySelector('section.fu-section-limits [data-card="bound"]')!.classList.contains('fu-card-plain')).toBe(true);
  });
});

describe('assigned groups, model files and new data', () => {
  let plot: PlotApi;
  beforeAll(async () => {
    plot = await import('@observablehq/plot');
  });

  it('tags a group the spec serves with h0 in the gain table and lists the assignment in the settings', async () => {
    const report = await shiftedReport({ assign: { 'g=C': 'generic' } });
    const root = newRoot();
    createApp(root, fakeApi(), { plot, chartWidth: WIDTH }).receive({ type: 'show', entry: entryOf(report) });
    expect([...root.querySelectorAll('table.fu-gains tbody tr[data-group] th')].map((th) => th.querySelector('.fu-tag')?.textContent ?? null)).toEqual([null, null, 'served by h0']);
    expect(root.querySelector('.fu-settings')!.textContent).toContain('Assigned by the specg=C: served by h0');
  });

  it('states the model file and puts the gains on the training data beside those on the new data', async () => {
    const report = await newDataReport();
    const settings = renderSettings(entryOf(report)).textContent!;
    expect(settings).toContain(`Model${describeModel(report).replace(/^model: /, '')}`);
    expect(settings).toContain(`Model SHA-256${report.model!.sha256}`);
    expect(settings).toContain('every row is a test row (new data)');

    const root = newRoot();
    createApp(root, fakeApi(), { plot, chartWidth: WIDTH }).receive({ type: 'show', entry: entryOf(report) });
    const section = root.querySelector('section.fu-section-comparison')!;
    expect(section.querySelector('h2')!.textContent).toBe('Training data vs new data');
    const expected = comparisonTable(report, 'error')!;
    const rows = [...section.querySelectorAll('tbody tr')];
    expect(rows.map(cells)).toEqual(expected.rows.map((r) => [...r]));
    expect([...section.querySelectorAll('thead th[scope="colgroup"]')].map((th) => th.textContent)).toEqual(['Training data — train.csv', 'New data — deploy.csv']);
    const g1 = rows.find((tr) => tr.getAttribute('data-group') === 'g=1')!;
    expect(g1.querySelectorAll('.fu-badge-violation')).toHaveLength(1);
    expect(g1.classList.contains('verdict-violation')).toBe(true);
  });

  it('names the model file in the header instead of a technique the audit did not choose', async () => {
    const report = await newDataReport();
    const root = newRoot();
    createApp(root, fakeApi(), { plot, chartWidth: WIDTH }).receive({ type: 'show', entry: entryOf(report) });
    const subtitle = root.querySelector('.fu-subtitle')!.textContent!;
    const file = report.model!.path.split(/[\\/]/).pop()!;
    expect(subtitle).toContain(`model ${file}`);
    expect(subtitle).not.toContain(`technique ${report.settings.technique}`);
    const trained = newRoot();
    createApp(trained, fakeApi(), { plot, chartWidth: WIDTH }).receive({ type: 'show', entry: entryOf(await heartReport()) });
    expect(trained.querySelector('.fu-subtitle')!.textContent).toContain('technique 1hot');
  });
});
