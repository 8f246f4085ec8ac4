// @vitest-environment happy-dom
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { describe, expect, it } from 'vitest';
import type { MetricId } from '../../../src/core/audit/metrics';
import { formatGain, formatInterval, formatP, formatValue, VERDICT_LABELS } from '../../../src/core/report/render/format';
import { envyShade, escapeHtml, heatClass, heatLevel, largestAbsGain, renderReportHtml } from '../../../src/core/report/render/html';
import { escapeMarkdown, renderMarkdown } from '../../../src/core/report/render/markdown';
import { interventionTables, limitsLines } from '../../../src/core/report/render/science-tables';
import { comparisonTable, describeModel, metricOrder } from '../../../src/core/report/render/tables';
import type { AuditReport, MetricReport } from '../../../src/core/report/report';
import { HOSTILE, heartInterventionsReport, heartReport, hostileReport, hostileShiftedReport, newDataReport, shiftedReport, withViolations } from '../../webview/fixtures';

function parse(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

function cellTexts(row: Element): string[] {
  return [...row.children].map((c) => (c.textContent ?? '').replace(/^[⚠✓·○] /, '').trim());
}

/** The caption of the rationality table of a metric starts with its title; find that table. */
function rationalityTableOf(doc: Document, metric: MetricId): HTMLTableElement {
  const table = doc.querySelector(`#metric-${metric} table:not(.heatmap)`);
  if (!table) throw new Error(`no rationality table for ${metric}`);
  return table as HTMLTableElement;
}

describe('renderReportHtml on the heart example (Sex × Age, 200 resamples)', () => {
  it('is a standalone page: no script, no external resource, inline CSS with a dark variant', async () => {
    const html = renderReportHtml(await heartReport());
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|src=|@import|url\(/i);
    expect(html).toMatch(/<style>[\s\S]*prefers-color-scheme: dark[\s\S]*<\/style>/);
  });

  it('has one row per group in every metric, with the numbers formatted as the Markdown report formats them', async () => {
    const report = await heartReport();
    const doc = parse(renderReportHtml(report));
    const markdown = renderMarkdown(report);
    for (const metric of metricOrder(report)) {
      const section = report.metrics[metric] as MetricReport;
      const rows = [...rationalityTableOf(doc, metric).querySelectorAll('tbody tr')];
      expect(rows).toHaveLength(section.rationality.length + 1); // + Total
      section.rationality.forEach((r, i) => {
        const nTest = report.groups.find((g) => g.id === r.group)!.nTest;
        const expected = [
          r.group, String(nTest), formatValue(metric, r.generic), formatValue(metric, r.personalized), formatGain(metric, r.gain),
          formatInterval(metric, r.ci), formatP(r.pHarm), formatP(r.pGain), VERDICT_LABELS[r.verdict],
        ];
        expect(cellTexts(rows[i])).toEqual(expected);
        expect(rows[i].querySelector('th')!.getAttribute('scope')).toBe('row');
        // the same cells, pipe-joined, are a row of the Markdown report
        // (the Markdown report bolds the group of a violation row)
        const first = r.verdict === 'violation' ? `**${escapeMarkdown(expected[0])}**` : escapeMarkdown(expected[0]);
        expect(markdown).toContain(`| ${[first, ...expected.slice(1).map(escapeMarkdown)].join(' | ')} |`);
      });
      const total = cellTexts(rows[rows.length - 1]);
      expect(total.slice(0, 5)).toEqual([
        'Total', String(report.groups.reduce((s, g) => s + g.nTest, 0)),
        formatValue(metric, section.overall.generic), formatValue(metric, section.overall.personalized), formatGain(metric, section.overall.gain),
      ]);
    }
  });

  it('every column header has scope="col"', async () => {
    const doc = parse(renderReportHtml(await heartReport()));
    const headers = [...doc.querySelectorAll('thead th')];
    expect(headers.length).toBeGreaterThan(0);
    expect(headers.every((th) => th.getAttribute('scope') === 'col')).toBe(true);
  });

  it('draws the envy matrix as a heatmap with one shaded cell per envy row and the gain as text', async () => {
    const report = await heartReport();
    const doc = parse(renderReportHtml(report));
    for (const metric of metricOrder(report)) {
      const section = report.metrics[metric] as MetricReport;
      const heatmap = doc.querySelector(`#metric-${metric} table.heatmap`)!;
      const cells = [...heatmap.querySelectorAll('td.heat:not(.diag)')];
      expect(cells).toHaveLength(section.envy.length);
      expect(heatmap.querySelectorAll('td.diag')).toHaveLength(report.groups.length);
      const scale = largestAbsGain(section.envy);
      const ids = report.groups.map((g) => g.id);
      for (const e of section.envy) {
        const row = [...heatmap.querySelectorAll('tbody tr')][ids.indexOf(e.group)];
        const cell = row.children[1 + ids.indexOf(e.reportedAs)];
        expect(cell.textContent).toContain(formatGain(metric, e.gain));
        expect(cell.classList.contains(envyShade(e, scale))).toBe(true);
      }
    }
  });

  it('lists group sizes, positive rates and why a group was not tested, and the warnings', async () => {
    const report = await heartReport();
    const doc = parse(renderReportHtml(report));
    const rows = [...doc.querySelectorAll('#groups tbody tr')];
    report.groups.forEach((g, i) => {
      const cells = cellTexts(rows[i]);
      expect(cells.slice(0, 4)).toEqual([g.id, String(g.nTrain), String(g.nTest), `${(g.positiveRate! * 100).toFixed(1)}%`]);
      if (g.nTest < report.settings.minGroupSize) expect(cells[4]).toContain(`fewer than the minimum of ${report.settings.minGroupSize}`);
    });
    expect([...doc.querySelectorAll('#warnings li')].map((li) => li.textContent)).toEqual(report.warnings);
  });
});

describe('renderReportHtml marks violations by more than colour', () => {
  it('a violating group row and envy cell carry the word, a glyph and a class; the verdict line counts them', async () => {
    const report = withViolations(await heartReport());
    const metric = report.settings.metric;
    const section = report.metrics[metric] as MetricReport;
    const doc = parse(renderReportHtml(report));
    const violating = section.rationality.find((r) => r.verdict === 'violation')!;
    const row = [...rationalityTableOf(doc, metric).querySelectorAll('tbody tr')].find((tr) => tr.querySelector('th')!.textContent === violating.group)!;
    expect(row.classList.contains('tone-violation')).toBe(true);
    const verdictCell = row.querySelector('td.verdict')!;
    expect(verdictCell.textContent).toBe(`⚠ ${VERDICT_LABELS.violation}`);
    expect(verdictCell.querySelector('strong')).not.toBeNull();
    expect(cellTexts(row)[4]).toBe(formatGain(metric, violating.gain));

    const envyCells = doc.querySelectorAll(`#metric-${metric} table.heatmap td.verdict-violation`);
    expect(envyCells).toHaveLength(section.summary.envyViolations);
    expect(envyCells[0].textContent).toContain('!');
    expect(envyCells[0].textContent).toContain('significant violation');

    const verdict = doc.querySelector('.verdict-line')!;
    expect(verdict.classList.contains('is-violation')).toBe(true);
    expect(verdict.textContent).toContain(`${section.summary.rationalityViolations + section.summary.envyViolations} significant fair-use violation`);
  });

  it('without violations on data that cannot tell (heart.csv: 61 test rows for 4 groups), the verdict line says inconclusive', async () => {
    const report = await heartReport();
    const verdict = parse(renderReportHtml(report)).querySelector('.verdict-line')!;
    expect(verdict.classList.contains('is-inconclusive')).toBe(true);
    expect(verdict.textContent).toMatch(/^\? Inconclusive: .*each group would need about 4025 test rows\.$/);
  });
});

describe('renderReportHtml escapes every string from the CSV', () => {
  it('a group column and value named <img src=x onerror=…> come out as text, not as elements', async () => {
    const report: AuditReport = await hostileReport();
    const html = renderReportHtml(report, { specLabel: `${HOSTILE}.json`, finishedAt: HOSTILE });
    expect(html).not.toContain(HOSTILE);
    const doc = parse(html);
    expect(doc.querySelectorAll('img')).toHaveLength(0);
    expect(doc.querySelectorAll('[onerror]')).toHaveLength(0);
    expect(doc.querySelector('h1')!.textContent).toBe(`Fair use audit — ${report.dataset.path}`);
    expect(doc.title).toBe(`Fair use audit — ${report.dataset.path}`);
    const groupHeaders = [...rationalityTableOf(doc, 'error').querySelectorAll('tbody th')].map((th) => th.textContent);
    expect(groupHeaders).toEqual([...report.metrics.error!.rationality.map((r) => r.group), 'Total']);
    expect(groupHeaders.some((id) => id!.includes(HOSTILE) && id!.includes('B & "C"'))).toBe(true);
    expect(doc.querySelector('#warnings li')!.textContent).toBe(report.warnings[0]);
    expect(doc.body.textContent).toContain(`spec ${HOSTILE}.json`);
  });

  it('the violation headline names hostile groups as text in Markdown and HTML (it names the groups harmed)', async () => {
    const report = withViolations(await hostileReport());
    const markdown = renderMarkdown(report);
    const headline = markdown.split('\n').find((line) => line.startsWith('**') && /significant fair-use violation/.test(line))!;
    expect(headline).toContain('significant fair-use violations in error rate');
    expect(headline).not.toContain(HOSTILE);
    expect(headline).not.toMatch(/(^|[^\\])<img/); // escaped as \<img: shown as text, never an element
    expect(headline).toContain('\\<img');
    const doc = parse(renderReportHtml(report));
    expect(doc.querySelectorAll('img')).toHaveLength(0);
    expect(doc.querySelector('.verdict-line strong')!.textContent).toContain(HOSTILE);
  });

  it('escapeHtml neutralises markup and both quotes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });
});

describe('heatLevel', () => {
  it('scales |gain| to 1…4 steps with the sign of the gain, 0 for none', () => {
    expect(heatLevel(-0.05, 0.1)).toBe(-2);
    expect(heatLevel(0.1, 0.1)).toBe(4);
    expect(heatLevel(0.001, 0.1)).toBe(1);
    expect(heatLevel(0, 0.1)).toBe(0);
    expect(heatLevel(null, 0.1)).toBe(0);
    expect(heatLevel(0.2, 0)).toBe(0);
    expect(heatClass(-3)).toBe('heat-neg-3');
    expect(heatClass(0)).toBe('heat-zero');
  });

  it('scales the envy heatmap by tested pairs only, and leaves untested pairs unshaded', async () => {
    const envy = (await heartReport()).metrics.ece!.envy;
    const tested = envy.filter((e) => e.verdict !== 'untested' && e.gain !== null);
    const untested = envy.filter((e) => e.verdict === 'untested');
    expect(untested.length).toBeGreaterThan(0);
    const scale = largestAbsGain(envy);
    expect(scale).toBe(Math.max(...tested.map((e) => Math.abs(e.gain!))));
    for (const e of untested) expect(envyShade(e, scale)).toBe('heat-zero');
    for (const e of tested) expect(envyShade(e, scale)).toBe(heatClass(heatLevel(e.gain, scale)));
  });
});

describe('renderReportHtml: interventions, data minimization and limits (SPEC §6–§7)', () => {
  it('prints each intervention as paper 1 Table 3, with the cells of the Markdown report', async () => {
    const report = await heartInterventionsReport();
    const doc = parse(renderReportHtml(report));
    const tables = interventionTables(report);
    const sections = [...doc.querySelectorAll('#interventions section.intervention')];
    expect(sections.map((s) => s.id)).toEqual(report.interventions!.items.map((item) => `intervention-${item.kind}`));
    sections.forEach((section, i) => {
      const rows = [...section.querySelectorAll('table.intervention-table tbody tr')];
      expect(rows.map(cellTexts)).toEqual(tables[i].rows.map((r) => [...r]));
      expect(rows.at(-1)!.classList.contains('total')).toBe(true);
      expect(section.querySelector('caption')!.textContent).toBe(report.interventions!.items[i].description);
    });
    expect(doc.querySelector('nav a[href="#interventions"]')).not.toBeNull();
    const m = report.interventions!.minimization;
    expect([...doc.querySelectorAll('#minimization .minimization-groups li')].map((li) => li.textContent)).toEqual(m.groupsWithoutGain);
    const valueRows = [...doc.querySelectorAll('#minimization table.minimization-values tbody tr')].map(cellTexts);
    expect(valueRows).toEqual(Object.entries(m.valuesNotNeeded).map(([attribute, vs]) => [attribute, vs.join(' / ')]));
  });

  it('names the violations an intervention resolves and creates, and the overall risk before and after', async () => {
    const report = await shiftedReport();
    const doc = parse(renderReportHtml(report));
    const generic = report.interventions!.items.find((item) => item.kind === 'generic')!;
    const section = doc.querySelector('#intervention-generic')!;
    const c = [...section.querySelectorAll('tbody tr')].find((tr) => tr.querySelector('th')!.textContent === 'g=C')!;
    expect(cellTexts(c)).toEqual(['g=C', 'h0 (generic)', formatGain('error', generic.groups.find((g) => g.group === 'g=C')!.before.gain), VERDICT_LABELS.violation, formatGain('error', 0), VERDICT_LABELS.none]);
    expect(c.querySelectorAll('td.verdict')[0].textContent).toBe(`⚠ ${VERDICT_LABELS.violation}`);
    expect([...section.querySelectorAll('ul.changes li')].map((li) => li.textContent!.replace(/^✓ /, ''))).toEqual(generic.resolved);
    expect(generic.resolved).toContain('rationality: g=C');
    expect(section.textContent).toContain('Creates (0):');
    expect(section.textContent).toContain(`${formatValue('error', generic.overall.before)} → ${formatValue('error', generic.overall.after)}`);
  });

  it('shows what the data can validate, with a warning when there are too many groups', async () => {
    const report = await heartInterventionsReport();
    const limits = report.limits!;
    expect(limits.tooManyGroups).toBe(true);
    const doc = parse(renderReportHtml(report));
    const values = [...doc.querySelectorAll('#limits table.limits tbody td')].map((td) => td.textContent);
    expect(values).toEqual([
      limits.errorProbabilityBound.toFixed(3),
      limits.maxAttributes.toFixed(2),
      limits.attributes.toFixed(2),
      String(limits.minGroupSize),
    ]);
    expect(doc.querySelector('#limits .limits-warning')!.textContent).toContain('More groups than this data can validate');
    for (const line of limitsLines(report).filter((l) => !l.startsWith('Warning'))) expect(doc.querySelector('#limits')!.textContent).toContain(line);
  });

  it('leaves the sections out of a report without them', async () => {
    const report = await heartReport();
    const { limits: _limits, ...withoutLimits } = report;
    const doc = parse(renderReportHtml(withoutLimits));
    expect(doc.querySelector('#interventions')).toBeNull();
    expect(doc.querySelector('#limits')).toBeNull();
  });

  it('tags the groups the spec assigns to h0', async () => {
    const report = await shiftedReport({ assign: { 'g=C': 'generic' } });
    const doc = parse(renderReportHtml(report));
    const headers = [...rationalityTableOf(doc, 'error').querySelectorAll('tbody th')];
    expect(headers.map((th) => th.querySelector('.tag')?.textContent ?? null)).toEqual([null, null, 'served by h0', null]);
  });
});

describe('renderReportHtml: a model file audited on new data', () => {
  it('states the model and puts the gains on the training data beside those on the new data', async () => {
    const report = await newDataReport();
    const doc = parse(renderReportHtml(report));
    expect([...doc.querySelectorAll('.meta')].map((p) => p.textContent)).toContain(describeModel(report));
    const table = doc.querySelector('#metric-error table.comparison')!;
    const expected = comparisonTable(report, 'error')!;
    expect([...table.querySelectorAll('tbody tr')].map(cellTexts)).toEqual(expected.rows.map((r) => [...r]));
    expect([...table.querySelectorAll('thead th[scope="colgroup"]')].map((th) => th.textContent)).toEqual(['Training data — train.csv', 'New data — deploy.csv']);
    const g1 = [...table.querySelectorAll('tbody tr')].find((tr) => tr.querySelector('th')!.textContent === 'g=1')!;
    expect(g1.classList.contains('tone-violation')).toBe(true);
  });
});

describe('renderReportHtml escapes the new sections too', () => {
  it('hostile group names in interventions, minimization and tags stay text', async () => {
    const report = await hostileShiftedReport();
    const html = renderReportHtml(report);
    expect(html).not.toContain(HOSTILE);
    const doc = parse(html);
    expect(doc.querySelectorAll('img')).toHaveLength(0);
    expect(doc.querySelectorAll('[onerror]')).toHaveLength(0);
    const generic = doc.querySelector('#intervention-generic')!;
    expect(generic.querySelector('tbody th')!.textContent).toBe(report.interventions!.items[0].groups[0].group);
    expect([...generic.querySelectorAll('ul.changes li')].map((li) => li.textContent!.replace(/^✓ /, ''))).toEqual(report.interventions!.items[0].resolved);
    expect(doc.querySelector('#minimization table th[scope="row"]')!.textContent).toBe(HOSTILE);
    expect(doc.querySelector(`#metric-error .tag`)!.textContent).toBe('served by its decoupled model');
  });
});
