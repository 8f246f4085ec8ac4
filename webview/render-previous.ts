/**
 * "Compared with the previous audit": after "Fair Use: Compare with Previous Audit", what changed since the
 * audit the shown one replaced — when it ran and with which settings, then per metric every group's gain and
 * verdict before and now, with the change in words (a colour and a glyph only repeat it), and the envy findings
 * that moved. The host compares (core/report/compare-gains.ts); this only draws. Group names are text nodes.
 */
import type { FindingChange } from '../src/core/report/diff';
import type { GainChange, GainMove, MetricMoves } from '../src/core/report/compare-gains';
import { formatGain, metricTitle, VERDICT_LABELS } from '../src/core/report/render/format';
import type { Verdict } from '../src/core/report/report';
import type { PreviousAudit } from '../src/protocol/webview-protocol';
import { append, el, tableRegion } from './dom';
import { glossaryLink } from './glossary-link';
import { formatTime } from './render-diagnostics';
import { verdictBadge } from './render-table';

export const PREVIOUS_HEADING = 'Compared with the previous audit';

/** The change column's words; what a screen reader and a colour-blind reader get. */
export const CHANGE_WORDS: Readonly<Record<Exclude<GainChange, 'changed'>, string>> = {
  new: 'New violation',
  resolved: 'Violation resolved',
  persisting: 'Still a violation',
  unchanged: 'Same verdict',
};

const CHANGE_GLYPHS: Readonly<Record<GainChange, string>> = { new: '▲', resolved: '▼', persisting: '■', changed: '◆', unchanged: '·' };

export interface PreviousActions {
  /** The same comparison as a Markdown page in the editor. */
  openMarkdown(): void;
  close(): void;
}

/** "Verdict changed: gain → no change" for a move between two verdicts that are not violations. */
export function changeWords(change: GainChange, old: Verdict, now: Verdict): string {
  return change === 'changed' ? `Verdict changed: ${VERDICT_LABELS[old]} → ${VERDICT_LABELS[now]}` : CHANGE_WORDS[change];
}

/** The section, its heading focusable so "Compare with Previous Audit" can bring it into view. */
export function renderPrevious(previous: PreviousAudit, finishedAt: string, actions: PreviousActions): HTMLElement {
  const button = (label: string, action: string, onClick: () => void, title: string) => {
    const b = el('vscode-button', { attrs: { secondary: true, 'data-action': action, title } }, label);
    b.addEventListener('click', onClick);
    return b;
  };
  const section = el('section', { class: 'fu-section fu-section-previous', attrs: { 'aria-labelledby': 'fu-previous-h', 'data-ok': String(previous.ok) } },
    el('div', { class: 'fu-previous-head' },
      el('h2', { attrs: { id: 'fu-previous-h', tabindex: -1 } }, PREVIOUS_HEADING),
      el('div', { class: 'fu-actions', attrs: { role: 'toolbar', 'aria-label': 'Comparison actions' } },
        previous.ok ? button('Open as Markdown', 'previous-markdown', actions.openMarkdown, 'The same comparison as a Markdown page') : null,
        button('Close', 'previous-close', actions.close, 'Hide the comparison'))),
    el('p', { class: 'fu-previous-when' },
      'Previous audit: ', el('strong', {}, previous.name), `, finished ${formatTime(previous.finishedAt)}; this one finished ${formatTime(finishedAt)}.`));
  if (!previous.ok) {
    section.append(el('p', { class: 'fu-previous-problem', attrs: { role: 'note' } }, previous.problem));
    return section;
  }
  const { comparison } = previous;
  append(section,
    el('p', { class: `fu-previous-sentence ${comparison.hasNewViolation ? 'has-new' : ''}`.trim() }, el('strong', {}, previous.sentence)),
    comparison.settingsChanged.length
      ? el('div', { class: 'fu-previous-settings' },
        el('p', {}, 'Settings changed since the previous audit:'),
        el('ul', {}, ...comparison.settingsChanged.map((c) => el('li', {}, `${c.setting}: ${show(c.old)} → ${show(c.new)}`))))
      : el('p', { class: 'fu-previous-settings' }, 'Same settings as the previous audit: the gains moved only because the data, the model or the software did.'),
    el('details', { class: 'fu-previous-settings-all' }, el('summary', {}, 'The previous audit\'s settings'), el('ul', {}, ...previous.settings.map((line) => el('li', {}, line)))),
    comparison.metricsSkipped.length
      ? el('p', { class: 'fu-note' }, `Not compared, in one audit only: ${comparison.metricsSkipped.map(metricTitle).join(', ')}.`)
      : null,
    ...comparison.metrics.map((moves) => metricBlock(moves, moves.metric === comparison.metric)),
  );
  return section;
}

/** One metric: its groups' moves in a table, open for the decisive metric, folded for the others. */
function metricBlock(moves: MetricMoves, decides: boolean): HTMLElement {
  const count = (change: GainChange) => moves.rationality.filter((m) => m.change === change).length + moves.envy.filter((c) => c.status === change).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const phrases: Readonly<Record<Exclude<GainChange, 'unchanged'>, (n: number) => string>> = {
    new: (n) => `${plural(n, 'new violation')}`,
    resolved: (n) => `${plural(n, 'violation')} resolved`,
    persisting: (n) => `${plural(n, 'violation')} persisting`,
    changed: (n) => `${plural(n, 'other verdict')} moved`,
  };
  const counts = (['new', 'resolved', 'persisting', 'changed'] as const).filter((change) => count(change) > 0).map((change) => phrases[change](count(change)));
  const title = `${metricTitle(moves.metric)}${decides ? ' (decides the verdict)' : ''}: ${counts.length ? counts.join(', ') : 'no verdict moved'}`;
  return el('details', { class: 'fu-previous-metric', attrs: { open: decides, 'data-metric': moves.metric } },
    el('summary', {}, title),
    rationalityTable(moves),
    moves.envy.length ? envyTable(moves) : null);
}

function rationalityTable(moves: MetricMoves): HTMLElement {
  const head = el('thead', {}, el('tr', {},
    el('th', { attrs: { scope: 'col' } }, 'Group'),
    el('th', { class: 'num', attrs: { scope: 'col' } }, glossaryLink('Gain', 'gain'), ' before'),
    el('th', { class: 'num', attrs: { scope: 'col' } }, glossaryLink('Gain', 'gain'), ' now'),
    el('th', { attrs: { scope: 'col' } }, 'Verdict before'),
    el('th', { attrs: { scope: 'col' } }, 'Verdict now'),
    el('th', { attrs: { scope: 'col' } }, 'What changed')));
  const body = el('tbody', {}, ...moves.rationality.map((move) => moveRow(move, moves.metric)));
  const caption = `${metricTitle(moves.metric)} — each group's rationality gain in the previous audit and in this one`;
  return tableRegion(el('table', { class: 'fu-table fu-previous-table' }, el('caption', {}, caption), head, body));
}

function moveRow(move: GainMove, metric: MetricMoves['metric']): HTMLElement {
  return el('tr', { class: `change-${move.change} verdict-${move.new.verdict}`, attrs: { 'data-group': move.group, 'data-change': move.change } },
    el('th', { attrs: { scope: 'row' } }, move.group),
    el('td', { class: 'num' }, formatGain(metric, move.old.gain)),
    el('td', { class: `num ${signClass(move.new.gain)}`.trim() }, formatGain(metric, move.new.gain)),
    el('td', { class: 'fu-verdict' }, verdictBadge(move.old.verdict, VERDICT_LABELS[move.old.verdict])),
    el('td', { class: 'fu-verdict' }, verdictBadge(move.new.verdict, VERDICT_LABELS[move.new.verdict])),
    changeCell(move.change, move.old.verdict, move.new.verdict));
}

function envyTable(moves: MetricMoves): HTMLElement {
  const head = el('thead', {}, el('tr', {},
    el('th', { attrs: { scope: 'col' } }, 'Group'),
    el('th', { attrs: { scope: 'col' } }, 'Treated as'),
    el('th', { attrs: { scope: 'col' } }, 'Before'),
    el('th', { attrs: { scope: 'col' } }, 'Now'),
    el('th', { attrs: { scope: 'col' } }, 'What changed')));
  const side = (c: FindingChange, which: 'old' | 'new') => `${VERDICT_LABELS[c[which].verdict]}, gain ${formatGain(c.metric, c[which].gain)}`;
  const body = el('tbody', {}, ...moves.envy.map((c) =>
    el('tr', { class: `change-${c.status} verdict-${c.new.verdict}`, attrs: { 'data-group': c.group, 'data-reported-as': c.reportedAs ?? null, 'data-change': c.status } },
      el('th', { attrs: { scope: 'row' } }, c.group),
      el('td', {}, c.reportedAs ?? ''),
      el('td', {}, side(c, 'old')),
      el('td', {}, side(c, 'new')),
      changeCell(c.status, c.old.verdict, c.new.verdict))));
  const caption = `${metricTitle(moves.metric)} — envy-freeness findings whose verdict moved`;
  return tableRegion(el('table', { class: 'fu-table fu-previous-envy' }, el('caption', {}, caption), head, body));
}

function changeCell(change: GainChange, old: Verdict, now: Verdict): HTMLElement {
  return el('td', { class: `fu-change fu-change-${change}` },
    el('span', { class: 'fu-glyph', attrs: { 'aria-hidden': 'true' } }, CHANGE_GLYPHS[change]), ' ',
    change === 'unchanged' ? changeWords(change, old, now) : el('strong', {}, changeWords(change, old, now)));
}

function signClass(gain: number | null): string {
  if (gain === null || gain === 0) return '';
  return gain > 0 ? 'fu-pos' : 'fu-neg';
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? null);
}
