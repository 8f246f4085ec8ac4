/**
 * The per-group gain table (paper 1 Figure 1 as numbers): the cells of tables.ts's rationalityTable,
 * so the panel, the CLI, Markdown and the HTML export print the same text. A native <table>, not
 * vscode-table: screen readers get <th scope>, columns size to their content, and copy–paste into a
 * spreadsheet keeps the grid.
 */
import type { MetricId } from '../src/core/audit/metrics/metric';
import { SERVED_BY, VERDICT_GLYPHS } from '../src/core/report/render/html';
import { rationalityTable } from '../src/core/report/render/tables';
import type { Assignment, AuditReport, MetricReport, Verdict } from '../src/core/report/report';
import { el, tableRegion } from './dom';
import { glossaryLink, headerWithGlossary } from './glossary-link';

const VERDICT_COLUMN = 8;

/**
 * @param servedBy groups that h does not serve, and what serves them instead: a tag beside the group
 *   (the spec's "assign", or the intervention a hypothetical view shows)
 */
export function renderGainTable(
  report: AuditReport,
  metric: MetricId,
  focusGroup: string | null,
  servedBy: ReadonlyMap<string, Exclude<Assignment, 'personalized'>> = new Map(),
): HTMLElement {
  const table = rationalityTable(report, metric);
  const section = report.metrics[metric] as MetricReport;
  const head = el('thead', {}, el('tr', {}, ...table.header.map((h, j) => el('th', { class: table.numeric[j] ? 'num' : '', attrs: { scope: 'col' } }, headerWithGlossary(h)))));
  const body = el('tbody');
  table.rows.forEach((cells, i) => {
    const row = section.rationality[i]; // undefined for the Total row
    const verdict: Verdict | null = row ? row.verdict : null;
    const tr = el('tr', {
      class: [row ? `verdict-${verdict}` : 'fu-total', row && row.group === focusGroup ? 'is-focus' : ''].filter(Boolean).join(' '),
      attrs: row ? { 'data-group': row.group, 'aria-current': row.group === focusGroup ? 'true' : null, tabindex: row.group === focusGroup ? -1 : null } : {},
    });
    cells.forEach((text, j) => {
      if (j === 0) {
        const served = row ? servedBy.get(row.group) : undefined;
        tr.append(el('th', { attrs: { scope: 'row' } }, text, served ? ' ' : null, served ? servedTag(served) : null));
      } else if (j === VERDICT_COLUMN && verdict) {
        tr.append(el('td', { class: 'fu-verdict' }, verdictBadge(verdict, text)));
      } else {
        tr.append(el('td', { class: [table.numeric[j] ? 'num' : '', j === 4 ? gainClass(row?.gain ?? null) : ''].filter(Boolean).join(' ') }, text));
      }
    });
    body.append(tr);
  });
  return tableRegion(el('table', { class: 'fu-table fu-gains' }, el('caption', {}, table.title), head, body),
    table.note ? el('p', { class: 'fu-note' }, table.note, ' ', glossaryLink('How p-values and the correction work', 'correction')) : null);
}

/** "served by h0" beside a group's name. */
export function servedTag(assigned: Exclude<Assignment, 'personalized'>): HTMLElement {
  return el('span', { class: `fu-tag fu-tag-${assigned}` }, SERVED_BY[assigned]);
}

/** The verdict as glyph + word; the glyph is decoration, the word is what is read. */
export function verdictBadge(verdict: Verdict, text: string): HTMLElement {
  return el('span', { class: `fu-badge fu-badge-${verdict}` }, el('span', { class: 'fu-glyph', attrs: { 'aria-hidden': 'true' } }, VERDICT_GLYPHS[verdict]), ' ', text);
}

function gainClass(gain: number | null): string {
  if (gain === null || gain === 0) return '';
  return gain > 0 ? 'fu-pos' : 'fu-neg';
}
