/**
 * A table of tables.ts / science-tables.ts (text cells, a tone per row) as a native <table>: column
 * headers with scope, the first cell of each row as its row header, verdict words with their glyph.
 * For the tables the panel shows as the Markdown report prints them (interventions, training vs new data).
 */
import { VERDICT_LABELS } from '../src/core/report/render/format';
import type { Table } from '../src/core/report/render/tables';
import type { Verdict } from '../src/core/report/report';
import { el, tableRegion } from './dom';
import { verdictBadge } from './render-table';

export interface TextTableOptions {
  readonly class?: string;
  /** Columns whose cells are verdict words ("VIOLATION", "gain", …): drawn as badges. */
  readonly verdictColumns?: readonly number[];
  /** A header row above the column headers: [label, columns spanned]; an empty label leaves the cells blank. */
  readonly headerGroups?: ReadonlyArray<readonly [string, number]>;
  /** Per body row, a `data-group` attribute (null for none, e.g. a total row). */
  readonly rowGroups?: ReadonlyArray<string | null>;
  /** The last row is a total (set apart, not striped). */
  readonly totalRow?: boolean;
  /** Columns whose cells are gains: coloured by their sign (the text carries the sign too). */
  readonly gainColumns?: readonly number[];
  /** Leave the table's note out (when the caller says it otherwise). */
  readonly withoutNote?: boolean;
}

const VERDICT_OF_LABEL: ReadonlyMap<string, Verdict> = new Map(Object.entries(VERDICT_LABELS).map(([verdict, label]) => [label, verdict as Verdict]));

export function renderTextTable(table: Table, options: TextTableOptions = {}): HTMLElement {
  const verdictColumns = new Set(options.verdictColumns ?? []);
  const gainColumns = new Set(options.gainColumns ?? []);
  const head = el('thead', {},
    options.headerGroups
      ? el('tr', {}, ...options.headerGroups.map(([label, span]) =>
        label ? el('th', { class: 'fu-colgroup', attrs: { scope: 'colgroup', colspan: span } }, label) : el('td', { attrs: { colspan: span } })))
      : null,
    el('tr', {}, ...table.header.map((h, j) => el('th', { class: table.numeric[j] ? 'num' : '', attrs: { scope: 'col' } }, h))));
  const last = table.rows.length - 1;
  const body = el('tbody', {}, ...table.rows.map((cells, i) => {
    const isTotal = options.totalRow === true && i === last;
    const group = options.rowGroups?.[i] ?? null;
    return el('tr', { class: isTotal ? 'fu-total' : `verdict-${toneVerdict(table.tone[i])}`, attrs: { 'data-group': group } },
      ...cells.map((text, j) => {
        if (j === 0) return el('th', { attrs: { scope: 'row' } }, text);
        const verdict = verdictColumns.has(j) ? VERDICT_OF_LABEL.get(text) : undefined;
        if (verdict) return el('td', { class: 'fu-verdict' }, verdictBadge(verdict, text));
        const classes = [table.numeric[j] ? 'num' : '', gainColumns.has(j) ? signClass(text) : ''].filter(Boolean).join(' ');
        return el('td', { class: classes }, text);
      }));
  }));
  return tableRegion(el('table', { class: ['fu-table', options.class].filter(Boolean).join(' ') }, el('caption', {}, table.title), head, body),
    table.note && !options.withoutNote ? el('p', { class: 'fu-note' }, table.note) : null);
}

function toneVerdict(tone: Table['tone'][number]): Verdict {
  return tone === 'plain' ? 'none' : tone;
}

/** The sign of a formatted gain ("+1.2%", "-0.3%", "0.0%", "n/a"). */
function signClass(text: string): string {
  if (text.startsWith('+')) return 'fu-pos';
  if (text.startsWith('-') && /[1-9]/.test(text)) return 'fu-neg';
  return '';
}
