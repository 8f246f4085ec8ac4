// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GainComparison } from '../../src/core/report/compare-gains';
import type { AuditReport } from '../../src/core/report/report';
import { previousAudit } from '../../src/extension/compare-text';
import { GLOSSARY_TERMS } from '../../src/protocol/glossary';
import { isPanelState } from '../../src/protocol/panel-state';
import { isWebviewMessage, type PreviousAudit, type ReportEntry } from '../../src/protocol/webview-protocol';
import { createApp } from '../../webview/app';
import type { PlotApi } from '../../webview/render-chart';
import { renderPrevious } from '../../webview/render-previous';
import { envy, FEMALE_OLD, FEMALE_YOUNG, fixtureReport, MALE_OLD, MALE_YOUNG, rationality, section } from '../core/report/report-fixture';
import { entryOf, heartReport, HOSTILE } from './fixtures';
import { cells, fakeApi, newRoot } from './helpers';

const earlier: ReportEntry = { report: fixtureReport(), specLabel: 'heart.fairuse.json', specPath: '/w/heart.fairuse.json', finishedAt: '2026-12-05T10:00:00.000Z' };
const later: ReportEntry = {
  ...earlier,
  finishedAt: '2026-12-05T11:30:00.000Z',
  report: fixtureReport({
    settings: { ...fixtureReport().settings, technique: 'dcp' },
    metrics: {
      ...fixtureReport().metrics,
      error: section(
        [rationality(FEMALE_OLD, 0.2, 0.2, 'none'), rationality(FEMALE_YOUNG, 0.3, 0.3, 'untested'), rationality(MALE_OLD, 0.2, 0.3, 'violation'), rationality(MALE_YOUNG, 0.3, 0.28, 'none')],
        [envy(FEMALE_OLD, MALE_OLD, 0.219, 0.15, 'violation'), envy(MALE_OLD, FEMALE_OLD, 0.25, 0.3, 'none')],
      ),
    },
  }),
};
/** The change column's glyph (decoration, hidden from screen readers) dropped. */
const withoutChangeGlyph = (text: string) => text.replace(/^[▲▼■◆·] /, '');
const noActions = { openMarkdown: () => undefined, close: () => undefined };

function rowsOf(root: ParentNode, metric: string): string[][] {
  return [...root.querySelectorAll(`details[data-metric="${metric}"] table.fu-previous-table tbody tr`)].map((tr) => cells(tr).map(withoutChangeGlyph));
}

describe('"Compared with the previous audit" in the report panel', () => {
  it('shows when the previous audit ran, what setting changed, and per group the gain and verdict before and now, the change in words', () => {
    const previous = previousAudit(earlier, later);
    expect(previous.ok).toBe(true);
    const section = renderPrevious(previous, later.finishedAt, noActions);
    const text = section.textContent!;
    expect(text).toContain('Previous audit: heart.fairuse.json (2026-12-05 10:00), finished');
    expect(text).toContain('This audit has 1 new violation of error rate; 1 was resolved and 1 persists.');
    expect([...section.querySelectorAll('.fu-previous-settings li')].map((li) => li.textContent)).toEqual(['technique: 1hot → dcp']);
    // The previous audit's own settings, as its report's header says them.
    expect(section.querySelector('.fu-previous-settings-all')!.textContent).toContain('technique 1hot');
    expect(rowsOf(section, 'error')).toEqual([
      [FEMALE_OLD, '-2.6%', '0.0%', 'VIOLATION', 'no change', 'Violation resolved'],
      [FEMALE_YOUNG, '0.0%', '0.0%', 'untested', 'untested', 'Same verdict'],
      [MALE_OLD, '-5.0%', '-10.0%', 'no change', 'VIOLATION', 'New violation'],
      [MALE_YOUNG, '+10.0%', '+2.0%', 'gain', 'no change', 'Verdict changed: gain → no change'],
    ]);
    // The change is in words; the colour class and the glyph (hidden from screen readers) only repeat it.
    for (const tr of section.querySelectorAll('table.fu-previous-table tbody tr')) {
      expect(tr.querySelector('.fu-change')!.textContent!.replace(/^\S+ /, '')).toMatch(/^(New violation|Violation resolved|Still a violation|Same verdict|Verdict changed: .+)$/);
      expect(tr.querySelector('.fu-change .fu-glyph')!.getAttribute('aria-hidden')).toBe('true');
    }
    const decisive = section.querySelector<HTMLDetailsElement>('details[data-metric="error"]')!;
    expect(decisive.open).toBe(true);
    expect(decisive.querySelector('summary')!.textContent).toBe('Error rate (decides the verdict): 1 new violation, 1 violation resolved, 1 violation persisting, 1 other verdict moved');
    expect(section.querySelector<HTMLDetailsElement>('details[data-metric="brier"]')!.open).toBe(false);
    expect(section.querySelector('details[data-metric="brier"] summary')!.textContent).toBe('Brier score: 1 violation persisting');
    expect([...section.querySelectorAll('details[data-metric="error"] table.fu-previous-envy tbody tr')].map((tr) => cells(tr).map(withoutChangeGlyph))).toEqual([
      [FEMALE_OLD, MALE_OLD, 'VIOLATION, gain -6.9%', 'VIOLATION, gain -6.9%', 'Still a violation'],
    ]);
  });

  it('its buttons open the Markdown page and close it', () => {
    const calls: string[] = [];
    const section = renderPrevious(previousAudit(earlier, later), later.finishedAt, { openMarkdown: () => calls.push('markdown'), close: () => calls.push('close') });
    section.querySelector<HTMLElement>('[data-action="previous-markdown"]')!.click();
    section.querySelector<HTMLElement>('[data-action="previous-close"]')!.click();
    expect(calls).toEqual(['markdown', 'close']);
  });

  it('says why two audits cannot be compared, instead of a table', () => {
    const other: ReportEntry = { ...later, report: fixtureReport({ groups: fixtureReport().groups.slice(1) }) };
    const previous = previousAudit(earlier, other);
    expect(previous).toMatchObject({ ok: false, problem: expect.stringMatching(/^This audit cannot be compared with the previous one: The reports audited different groups: Sex=Female, Age=Old only in the earlier report\./) });
    const section = renderPrevious(previous, other.finishedAt, noActions);
    expect(section.querySelector('.fu-previous-problem')!.textContent).toBe((previous as { problem: string }).problem);
    expect(section.querySelector('table')).toBeNull();
    expect(section.querySelector('[data-action="previous-markdown"]')).toBeNull();
  });

  it('keeps group names, settings and file names from the data as text', () => {
    const comparison: GainComparison = {
      metric: 'error', hasNewViolation: true, metricsSkipped: [],
      settingsChanged: [{ setting: 'personalized model', old: HOSTILE, new: 'trained by fairuse' }],
      metrics: [{
        metric: 'error',
        rationality: [{ group: HOSTILE, old: { verdict: 'none', gain: 0 }, new: { verdict: 'violation', gain: -0.1 }, change: 'new' }],
        envy: [{ status: 'new', metric: 'error', kind: 'envy', group: HOSTILE, reportedAs: `${HOSTILE}2`, old: { verdict: 'none', gain: 0 }, new: { verdict: 'violation', gain: -0.1 } }],
      }],
    };
    const previous: PreviousAudit = { ok: true, name: `${HOSTILE}.fairuse.json`, finishedAt: '2026-01-01T00:00:00Z', settings: [HOSTILE], sentence: HOSTILE, comparison };
    const root = newRoot();
    root.append(renderPrevious(previous, '2026-01-02T00:00:00Z', noActions));
    expect(root.querySelector('img')).toBeNull();
    expect(root.textContent).toContain(`${HOSTILE}.fairuse.json`);
    expect(root.querySelector('table.fu-previous-table tbody th')!.textContent).toBe(HOSTILE);
    expect(root.querySelector('table.fu-previous-envy tbody td')!.textContent).toBe(`${HOSTILE}2`);
  });
});

describe('the comparison and the glossary links in the running panel', () => {
  let plot: PlotApi;
  let report: AuditReport;
  beforeAll(async () => {
    plot = await import('@observablehq/plot');
    report = await heartReport();
  });

  /** The heart report, and an earlier audit of it in which its first group had a violation. */
  function pair(): { entry: ReportEntry; previous: PreviousAudit } {
    const metric = report.settings.metric;
    const rows = report.metrics[metric]!.rationality.map((r, i) => (i === 0 ? { ...r, verdict: 'violation' as const } : r));
    const old = entryOf({ ...report, metrics: { ...report.metrics, [metric]: { ...report.metrics[metric]!, rationality: rows } } }, { finishedAt: '2025-01-01T00:00:00.000Z' });
    const entry = entryOf(report);
    return { entry, previous: previousAudit(old, entry) };
  }

  it('draws the comparison the host sends, saves it with the state, reports its rows, and closes it', () => {
    const { entry, previous } = pair();
    const root = newRoot();
    const api = fakeApi();
    const app = createApp(root, api, { plot, chartWidth: () => 640 });
    app.receive({ type: 'show', entry, previous, revealPrevious: true });
    const groups = report.metrics[report.settings.metric]!.rationality.length;
    expect(root.querySelector('#fu-previous-h')!.textContent).toBe('Compared with the previous audit');
    expect(document.activeElement?.id).toBe('fu-previous-h');
    expect(rowsOf(root, report.settings.metric)[0].at(-1)).toBe('Violation resolved');
    expect(isPanelState(api.saved.at(-1))).toBe(true);
    expect(api.saved.at(-1)!.previous).toEqual(JSON.parse(JSON.stringify(previous)));
    const rendered = api.posted.filter((m) => m.type === 'rendered').at(-1)!;
    const shared = Object.keys(report.metrics).length * groups;
    expect(rendered).toMatchObject({ summary: { previousRows: shared } });
    // The host re-sends the same entry without a comparison once it is closed; a reload restores it while it is open.
    const reloaded = newRoot();
    createApp(reloaded, fakeApi(api.saved.at(-1)), { plot, chartWidth: () => 640 });
    expect(reloaded.querySelector('.fu-section-previous')).not.toBeNull();
    root.querySelector<HTMLElement>('[data-action="previous-close"]')!.click();
    expect(api.posted).toContainEqual({ type: 'comparison', action: 'close' });
    expect(root.querySelector('.fu-section-previous')).toBeNull();
    expect(api.saved.at(-1)!.previous).toBeUndefined();
  });

  it('a glossary link posts its term, never a URL, and the host accepts only known terms', () => {
    const root = newRoot();
    const api = fakeApi();
    const app = createApp(root, api, { plot, chartWidth: () => 640 });
    app.receive({ type: 'show', entry: entryOf(report) });
    const links = [...root.querySelectorAll<HTMLAnchorElement>('a[data-glossary]')];
    const headers = [...root.querySelectorAll('table.fu-gains thead a[data-glossary]')].map((a) => [a.textContent, a.getAttribute('data-glossary')]);
    expect(headers).toEqual([['n test', 'test-rows'], ['Without groups', 'generic-model'], ['With groups', 'personalized-model'], ['Gain', 'gain'], ['90% CI', 'confidence-interval'], ['p harm', 'p-value'], ['p gain', 'p-value'], ['Verdict', 'rationality']]);
    links.find((a) => a.textContent === 'Without groups')!.click();
    expect(api.posted.at(-1)).toEqual({ type: 'openGlossary', term: 'generic-model' });
    for (const a of links) expect(GLOSSARY_TERMS).toContain(a.getAttribute('data-glossary'));
    expect(isWebviewMessage({ type: 'openGlossary', term: 'generic-model' })).toBe(true);
    expect(isWebviewMessage({ type: 'openGlossary', term: 'https://example.com/' })).toBe(false);
    expect(isWebviewMessage({ type: 'openGlossary', term: 'gain', url: 'file:///etc/passwd' })).toBe(false);
    expect(isWebviewMessage({ type: 'comparison', action: 'markdown' })).toBe(true);
    expect(isWebviewMessage({ type: 'comparison', action: 'delete' })).toBe(false);
  });

  it('every linked term is an anchor of docs/glossary.md', () => {
    const glossary = readFileSync(join(__dirname, '../../docs/glossary.md'), 'utf8');
    for (const term of GLOSSARY_TERMS) expect(glossary, term).toContain(`<a id="${term}"></a>`);
  });
});
