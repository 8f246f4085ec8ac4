import type { MetricId } from '../../audit/metrics';
import { type AuditReport, type EnvyRow, type GroupReport, type MetricReport, reportTask, type Verdict } from '../report';
import { formatQuantity, formatValue, metricNoun, metricTitle, VERDICT_LABELS } from './format';
import { explanationLimitsTable } from './explanation-limits';
import { disagreementLines, EXPLANATION_SECTION_TITLE, explanationLines, explanationTable, EXPLANATION_GAINS_TITLE } from './explanation-tables';
import { epsilonText, interventionTables, limitsLines, MINIMIZATION_CAVEAT, minimizationLines, testedGroupsShow, VALUES_NOT_SHOWN_NEEDED } from './science-tables';
import { CORRECTION_NAMES } from './correction-words';
import { comparisonTable, describeSettings, envyMatrix, metricOrder, rationalityTable, rSquaredTable, summaryTable, type Table } from './tables';
import { HEADLINE_GLYPH, headlineOf } from '../headline';
import { envyPairsSummary, envyPairsTable } from './html-envy-pairs';
import { countOf } from '../../count-words';

export interface HtmlReportOptions {
  /** The audit spec the report came from, as the user knows it (shown under the title). */
  readonly specLabel?: string;
  /** When the audit finished, ISO 8601 (shown as given: the export must not depend on the time zone). */
  readonly finishedAt?: string;
}

/**
 * The report as one self-contained HTML page (SPEC §8): the tables of the Markdown report, the
 * envy-freeness matrix as a heatmap, the interventions (SPEC §6), what the data can validate (SPEC §7),
 * group sizes and warnings, with inline CSS that follows the reader's light or dark preference. No script and no external resource, so it can be mailed or
 * attached to a review as it is. Every string that came from the CSV is escaped.
 */
export function renderReportHtml(report: AuditReport, options: HtmlReportOptions = {}): string {
  const title = `Fair use audit — ${report.dataset.path}`;
  const metrics = metricOrder(report);
  const headline = headlineOf(report);
  const meta = describeSettings(report);
  if (options.specLabel) meta.push(`spec ${options.specLabel}`);
  if (options.finishedAt) meta.push(`finished ${options.finishedAt}`);

  const body = [
    `<header><h1>${escapeHtml(title)}</h1>`,
    ...meta.map((line) => `<p class="meta">${escapeHtml(line)}</p>`),
    `<p class="verdict-line is-${headline.state}" role="status"><span aria-hidden="true">${HEADLINE_GLYPH[headline.state]} </span><strong>${escapeHtml(headline.sentence)}</strong></p>`,
    '</header>',
    `<nav aria-label="Sections"><ul>${metrics.map((m) => `<li><a href="#metric-${m}">${escapeHtml(metricTitle(m))}</a></li>`).join('')}` +
      `${report.interventions ? '<li><a href="#interventions">Interventions</a></li>' : ''}${report.limits ? '<li><a href="#limits">What the data can validate</a></li>' : ''}` +
      `<li><a href="#groups">Groups</a></li>${report.warnings.length ? '<li><a href="#warnings">Warnings</a></li>' : ''}</ul></nav>`,
    '<main>',
    section('summary', 'Summary', tableHtml(summaryTable(report), { verdictColumns: [] })),
    ...metrics.map((metric) => metricSection(report, metric)),
    report.explanations ? section('explanations', EXPLANATION_SECTION_TITLE, explanationsHtml(report)) : '',
    report.interventions ? section('interventions', `Interventions (${metricNoun(report.interventions.metric)})`, interventionsHtml(report)) : '',
    report.limits ? section('limits', 'What the data can validate', limitsHtml(report)) : '',
    section('groups', 'Group sizes and label balance', groupsTableHtml(report)),
    report.warnings.length
      ? section('warnings', 'Warnings', `<ul class="warnings">${report.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>`)
      : '',
    '</main>',
    `<footer><p>Fair Use Audit report, schema version ${report.schemaVersion}. Gains are generic risk minus personalized risk: positive means the group is better off. ` +
      `A violation is a significant negative gain at α = ${report.settings.alpha} after the ${CORRECTION_NAMES[report.settings.correction]} correction for the number of groups tested.</p></footer>`,
  ];
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${EXPORT_CSS}</style>`,
    '</head>',
    '<body>',
    ...body.filter((part) => part !== ''),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** Text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
}

const HTML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Shades on each side of zero in the envy heatmap; both the webview and the export use them. */
export const HEAT_STEPS = 4;

/**
 * The heatmap shade of an envy gain: 0 for none, 1…HEAT_STEPS for gains and −1…−HEAT_STEPS for
 * losses, proportional to |gain| / largestAbsGain (any non-zero gain gets at least one step).
 *
 * @example heatLevel(-0.05, 0.1) // => -2
 */
export function heatLevel(gain: number | null, largestAbsGain: number): number {
  if (gain === null || gain === 0 || !(largestAbsGain > 0)) return 0;
  const steps = Math.min(HEAT_STEPS, Math.max(1, Math.ceil((Math.abs(gain) / largestAbsGain) * HEAT_STEPS)));
  return Math.sign(gain) * steps;
}

/**
 * The scale of an envy heatmap: the largest |gain| among the tested envy rows. Untested pairs (too few
 * rows) can have huge, meaningless gains; they are shown unshaded and do not set the scale.
 */
export function largestAbsGain(rows: readonly EnvyRow[]): number {
  return rows.reduce((max, e) => (e.gain === null || e.verdict === 'untested' ? max : Math.max(max, Math.abs(e.gain))), 0);
}

/** The heatmap shade class of an envy cell: untested pairs get none. */
export function envyShade(row: EnvyRow, scale: number): string {
  return heatClass(row.verdict === 'untested' ? 0 : heatLevel(row.gain, scale));
}

/** CSS class of a heatmap shade, e.g. `heat-pos-2` or `heat-neg-4`. */
export function heatClass(level: number): string {
  return level === 0 ? 'heat-zero' : `heat-${level > 0 ? 'pos' : 'neg'}-${Math.abs(level)}`;
}

/**
 * Why a group has no verdict for a metric, in words for the reader; null when it was tested.
 * Two causes (SPEC §5): too few test rows, or the metric is undefined on its rows (AUC with one class).
 */
export function untestedReason(report: AuditReport, metric: MetricId, group: GroupReport): string | null {
  const row = report.metrics[metric]?.rationality.find((r) => r.group === group.id);
  if (!row || row.verdict !== 'untested') return null;
  if (group.nTest < report.settings.minGroupSize) {
    return `${countOf(group.nTest, 'test row')}, fewer than the minimum of ${report.settings.minGroupSize}: reported but not tested`;
  }
  return `${metricTitle(metric)} is undefined on its test rows (they hold one class)`;
}

/** Positive rate as a percent with one decimal, as fractions read in the tables. */
export function formatRate(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}

/**
 * A group's label balance as the groups table shows it: its positive rate (classification) or its mean label
 * (regression), with the column header that says which.
 */
export function labelBalance(report: AuditReport): { header: string; caption: string; format(group: GroupReport): string } {
  const { label, positive } = report.dataset;
  if (reportTask(report) === 'regression') {
    return {
      header: `Label mean (${label})`,
      caption: `Rows per group in the training and test split, and the mean of ${label} (train and test)`,
      format: (g) => (g.labelMean === undefined ? '' : formatQuantity(g.labelMean)),
    };
  }
  return {
    header: `Positive rate (${label} = ${positive})`,
    caption: `Rows per group in the training and test split, and the share with label ${label} = ${positive}`,
    format: (g) => (g.positiveRate === null ? '' : formatRate(g.positiveRate)),
  };
}

export { SERVED_BY } from './format';

/** Glyphs that mark a verdict next to its word, so no view depends on colour alone. */
export const VERDICT_GLYPHS: Readonly<Record<Verdict, string>> = {
  violation: '⚠',
  gain: '✓',
  none: '·',
  untested: '○',
};

function metricSection(report: AuditReport, metric: MetricId): string {
  const decisive = metric === report.settings.metric;
  const heading = `${metricTitle(metric)}${decisive ? ' (decides the verdict)' : ''}`;
  const gains = tableHtml(rationalityTable(report, metric), { verdictColumns: [8], totalRow: true });
  const r2 = metric === 'mse' ? rSquaredTable(report) : null;
  const r2Html = r2 ? tableHtml(r2, { verdictColumns: [], totalRow: true, className: 'r-squared' }) : '';
  return section(`metric-${metric}`, heading, gains + r2Html + comparisonHtml(report, metric) + envyHeatmapHtml(report, metric));
}

/** Paper 1 Figures 6–7: gains on the training data beside gains on the new data, when the report has them. */
function comparisonHtml(report: AuditReport, metric: MetricId): string {
  const table = comparisonTable(report, metric);
  if (!table || !report.comparison) return '';
  const groups: ReadonlyArray<readonly [string, number]> = [['', 1], [`Training data — ${report.comparison.trainingData.path}`, 5], [`New data — ${report.dataset.path}`, 5]];
  return `<h3>Training data vs new data</h3>\n${tableHtml(table, { verdictColumns: [5, 10], headerGroups: groups, totalRow: true, className: 'comparison' })}`;
}

/** SPEC §6: one Table 3 per intervention, then data minimization. */
function interventionsHtml(report: AuditReport): string {
  const interventions = report.interventions!;
  const metric = interventions.metric;
  const tables = interventionTables(report);
  const items = interventions.items.map((item, i) => {
    const changes = (label: string, list: readonly string[], verdict: Verdict) =>
      `<p class="changes"><strong>${label} (${list.length}):</strong> ${list.length
        ? `</p><ul class="changes">${list.map((v) => `<li><span class="verdict-${verdict}"><span aria-hidden="true">${VERDICT_GLYPHS[verdict]} </span></span>${escapeHtml(v)}</li>`).join('')}</ul>`
        : 'no violation</p>'}`;
    return `<section id="intervention-${item.kind}" class="intervention" aria-labelledby="intervention-${item.kind}-h">` +
      `<h3 id="intervention-${item.kind}-h">Intervention “${escapeHtml(item.kind)}”</h3>\n` +
      `<p>Overall ${escapeHtml(metricNoun(metric))} of the served model: <strong>${escapeHtml(`${formatValue(metric, item.overall.before)} → ${formatValue(metric, item.overall.after)}`)}</strong></p>\n` +
      // The caption is the description: the heading already names the intervention.
      tableHtml({ ...tables[i], title: item.description, note: undefined }, { verdictColumns: [3, 5], totalRow: true, className: 'intervention-table' }) +
      changes('Resolves', item.resolved, 'gain') + changes('Creates', item.created, 'violation') +
      '</section>\n';
  });
  const { groupsWithoutGain, valuesNotNeeded } = interventions.minimization;
  const values = Object.entries(valuesNotNeeded).filter(([, vs]) => vs.length > 0);
  const [groupsLine, valuesLine] = minimizationLines(report);
  const minimization = '<section id="minimization" aria-labelledby="minimization-h"><h3 id="minimization-h">Data minimization</h3>\n' +
    (groupsWithoutGain.length
      ? `<p>${testedGroupsShow(groupsWithoutGain.length)} no significant gain in ${escapeHtml(metricNoun(metric))} from reporting their attributes:</p>` +
        `<ul class="minimization-groups">${groupsWithoutGain.map((g) => `<li>${escapeHtml(g)}</li>`).join('')}</ul>\n`
      : `<p>${escapeHtml(groupsLine)}</p>\n`) +
    (values.length
      ? `${tableWrap(VALUES_NOT_SHOWN_NEEDED)}<table class="minimization-values"><caption>${VALUES_NOT_SHOWN_NEEDED}</caption>` +
        '<thead><tr><th scope="col">Attribute</th><th scope="col">Values</th></tr></thead><tbody>' +
        values.map(([attribute, vs]) => `<tr><th scope="row">${escapeHtml(attribute)}</th><td>${escapeHtml(vs.join(' / '))}</td></tr>`).join('') +
        `</tbody></table></div>\n<p class="note">No tested group with these values gains significantly from reporting them. ${escapeHtml(MINIMIZATION_CAVEAT)}</p>\n`
      : `<p>${escapeHtml(valuesLine)}</p>\n`) +
    '</section>\n';
  return `<p class="note">Each intervention serves some groups with another model and is audited again on the same test rows (paper 1, Table 3).</p>\n${items.join('')}${minimization}`;
}

/** SPEC §7: the numbers, then the sentences of the Markdown report. */
function limitsHtml(report: AuditReport): string {
  const l = report.limits!;
  const rows: Array<[string, string]> = [
    [`Lower bound on the probability of error of any test, at ε = ${epsilonText(report)}`, l.errorProbabilityBound.toFixed(3)],
    [`Binary attributes the ${l.n} test rows can validate (k_max)`, l.maxAttributes.toFixed(2)],
    [`Binary attributes of the ${l.groups} groups (log₂ d)`, l.attributes.toFixed(2)],
    [`Equal group size needed (test rows per group, P_e = ½)`, String(l.minGroupSize)],
    ...(l.sigma === undefined ? [] : [[`σ of the per-person gain in ${metricNoun(report.settings.metric)}, pooled within groups`, formatQuantity(l.sigma)] as [string, string]]),
  ];
  const warning = l.tooManyGroups
    ? `<p class="limits-warning" role="note"><span aria-hidden="true">⚠ </span><strong>More groups than this data can validate.</strong> ` +
      `${escapeHtml(`With ${l.n} test rows in ${l.groups} groups, no test can reliably tell a gain of ${epsilonText(report)} from none: a “no change” verdict here says little.`)}</p>\n`
    : '';
  const table = `${tableWrap('What these test rows can validate (paper 2)')}<table class="limits"><caption>What these test rows can validate (paper 2)</caption>` +
    '<thead><tr><th scope="col">Quantity</th><th scope="col" class="num">Value</th></tr></thead><tbody>' +
    rows.map(([label, value]) => `<tr><th scope="row">${escapeHtml(label)}</th><td class="num">${escapeHtml(value)}</td></tr>`).join('') +
    '</tbody></table></div>\n';
  const lines = limitsLines(report).filter((line) => !line.startsWith('Warning:'));
  const explanationLimits = explanationLimitsTable(report);
  return warning + table + lines.map((line) => `<p class="note">${escapeHtml(line)}</p>`).join('\n') + '\n' + (explanationLimits ? tableHtml(explanationLimits, { verdictColumns: [] }) : '');
}

/** SPEC §9: the method and r (or why there is nothing to show), the per-group gains, and the disagreements. */
function explanationsHtml(report: AuditReport): string {
  const intro = explanationLines(report).map((line) => `<p class="note">${escapeHtml(line)}</p>`).join('\n');
  const table = explanationTable(report);
  if (!table) return intro + '\n';
  const lines = disagreementLines(report);
  return `${intro}\n${tableHtml({ ...table, title: EXPLANATION_GAINS_TITLE }, { verdictColumns: [3, 5, 7] })}<ul class="explanation-disagreements">${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>\n`;
}

function section(id: string, heading: string, content: string): string {
  return `<section id="${id}" aria-labelledby="${id}-h"><h2 id="${id}-h">${escapeHtml(heading)}</h2>\n${content}</section>`;
}

interface TableHtmlOptions {
  /** Columns that hold verdict words ("VIOLATION", "gain", …), marked with a glyph. */
  readonly verdictColumns: readonly number[];
  /** A header row above the column headers: [label, columns spanned]; an empty label leaves the cells blank. */
  readonly headerGroups?: ReadonlyArray<readonly [string, number]>;
  /** The last row is a total. */
  readonly totalRow?: boolean;
  readonly className?: string;
}

const VERDICT_OF_LABEL: ReadonlyMap<string, Verdict> = new Map(Object.entries(VERDICT_LABELS).map(([verdict, label]) => [label, verdict as Verdict]));

/** A Table as an HTML table: header cells with scope, the first column as row headers, tones as classes. */
function tableHtml(t: Table, options: TableHtmlOptions): string {
  const groups = options.headerGroups
    ? `<tr>${options.headerGroups.map(([label, span]) => (label ? `<th scope="colgroup" colspan="${span}">${escapeHtml(label)}</th>` : `<td colspan="${span}"></td>`)).join('')}</tr>`
    : '';
  const head = `<thead>${groups}<tr>${t.header.map((h, j) => `<th scope="col"${t.numeric[j] ? ' class="num"' : ''}>${escapeHtml(h)}</th>`).join('')}</tr></thead>`;
  const rows = t.rows.map((cells, i) => {
    const tone = t.tone[i];
    const tag = t.rowTags?.[i];
    const tds = cells.map((c, j) => {
      if (j === 0) return `<th scope="row">${escapeHtml(c)}${tag ? ` <span class="tag">${escapeHtml(tag)}</span>` : ''}</th>`;
      const verdict = options.verdictColumns.includes(j) ? VERDICT_OF_LABEL.get(c) : undefined;
      const classes = [t.numeric[j] ? 'num' : '', options.verdictColumns.includes(j) ? 'verdict' : ''].filter(Boolean).join(' ');
      const content = verdict ? verdictHtml(verdict, c) : escapeHtml(c);
      return `<td${classes ? ` class="${classes}"` : ''}>${content}</td>`;
    });
    const total = options.totalRow === true && i === t.rows.length - 1;
    return `<tr class="tone-${tone}${total ? ' total' : ''}">${tds.join('')}</tr>`;
  });
  const note = t.note ? `<p class="note">${escapeHtml(t.note)}</p>` : '';
  const table = options.className ? `<table class="${options.className}">` : '<table>';
  return `${tableWrap(t.title)}${table}<caption>${escapeHtml(t.title)}</caption>${head}<tbody>${rows.join('')}</tbody></table></div>${note}\n`;
}

/**
 * Opens a table's horizontal scroller as a focusable region named like its caption: a table wider than
 * a narrow window can then be scrolled with the arrow keys (WCAG 2.1.1).
 */
function tableWrap(caption: string): string {
  return `<div class="table-wrap" role="region" tabindex="0" aria-label="${escapeHtml(caption)}">`;
}

function verdictHtml(verdict: Verdict, text: string): string {
  const word = escapeHtml(text);
  return `<span class="verdict-${verdict}"><span aria-hidden="true">${VERDICT_GLYPHS[verdict]} </span>${verdict === 'violation' ? `<strong>${word}</strong>` : word}</span>`;
}

/** The envy matrix of tables.ts (same cell text as Markdown), shaded by the size and sign of each gain. */
function envyHeatmapHtml(report: AuditReport, metric: MetricId): string {
  const t = envyMatrix(report, metric);
  const section = report.metrics[metric] as MetricReport;
  const scale = largestAbsGain(section.envy);
  const byPair = new Map(section.envy.map((e) => [`${e.group}\u0000${e.reportedAs}`, e]));
  const ids = report.groups.map((g) => g.id);
  const head = `<thead><tr>${t.header.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>`;
  const rows = t.rows.map((cells, i) => {
    const group = ids[i];
    const tds = cells.slice(1).map((c, j) => {
      const reportedAs = ids[j];
      if (group === reportedAs) return `<td class="heat diag" aria-label="same group">${escapeHtml(c)}</td>`;
      const e = byPair.get(`${group}\u0000${reportedAs}`);
      if (!e) return '<td class="heat"></td>';
      const classes = ['heat', 'num', envyShade(e, scale), `verdict-${e.verdict}`];
      const verdictWord = e.verdict === 'violation' ? ' (significant violation)' : e.verdict === 'gain' ? ' (significant gain)' : e.verdict === 'untested' ? ' (untested)' : '';
      return `<td class="${classes.join(' ')}">${escapeHtml(c)}<span class="sr-only">${verdictWord}</span></td>`;
    });
    return `<tr class="tone-${t.tone[i]}"><th scope="row">${escapeHtml(cells[0])}</th>${tds.join('')}</tr>`;
  });
  const note = t.note ? `<p class="note">${escapeHtml(t.note)} Shading: green = the group is better off with its own predictions, red = worse; darker = larger. Untested pairs (italic) are not shaded.</p>` : '';
  // The cells show the gain only; each pair's interval and p-values are in the disclosure below (issue 20).
  const pairs = `<details class="envy-pairs"><summary>${escapeHtml(envyPairsSummary(report, metric))}</summary>\n` +
    `${tableHtml(envyPairsTable(report, metric), { verdictColumns: [6], className: 'envy-pairs-table' })}</details>\n`;
  return `${tableWrap(t.title)}<table class="heatmap"><caption>${escapeHtml(t.title)}</caption>${head}<tbody>${rows.join('')}</tbody></table></div>${note}\n${pairs}`;
}

function groupsTableHtml(report: AuditReport): string {
  const metric = report.settings.metric;
  const balance = labelBalance(report);
  const header = ['Group', 'n train', 'n test', reportTask(report) === 'regression' ? 'Label mean' : 'Positive rate', `Tested (${metricTitle(metric)})`];
  const rows = report.groups.map((g) => {
    const reason = report.metrics[metric] ? untestedReason(report, metric, g) : null;
    const status = reason ? `<span class="verdict-untested"><span aria-hidden="true">${VERDICT_GLYPHS.untested} </span>untested: ${escapeHtml(reason)}</span>` : 'yes';
    return `<tr class="tone-${reason ? 'untested' : 'plain'}"><th scope="row">${escapeHtml(g.id)}</th><td class="num">${g.nTrain}</td><td class="num">${g.nTest}</td>` +
      `<td class="num">${escapeHtml(balance.format(g))}</td><td>${status}</td></tr>`;
  });
  const totals = `<tr class="total"><th scope="row">Total</th><td class="num">${sum(report.groups, (g) => g.nTrain)}</td><td class="num">${sum(report.groups, (g) => g.nTest)}</td><td></td><td></td></tr>`;
  const head = `<thead><tr>${header.map((h, j) => `<th scope="col"${j > 0 && j < 4 ? ' class="num"' : ''}>${escapeHtml(h)}</th>`).join('')}</tr></thead>`;
  const caption = balance.caption;
  return `${tableWrap(caption)}<table><caption>${escapeHtml(caption)}</caption>${head}<tbody>${rows.join('')}${totals}</tbody></table></div>\n` +
    `<p class="note">${escapeHtml(`${report.dataset.rows} rows, ${report.dataset.droppedRows} dropped (missing label or group value). Features: ${report.dataset.features.join(', ')}.`)}</p>\n`;
}

function sum<T>(items: readonly T[], value: (item: T) => number): number {
  return items.reduce((total, item) => total + value(item), 0);
}

/** Both palettes are the export's own: the file is read outside the editor, where no theme variables exist. */
const EXPORT_CSS = `
:root { --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --stripe: #f6f8fa; --link: #0969da;
  --red: #cf222e; --green: #1a7f37; --yellow: #9a6700; --heat-pos: 26, 127, 55; --heat-neg: 207, 34, 46; color-scheme: light dark; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --border: #3d444d; --stripe: #151b23; --link: #4493f8;
    --red: #ff7b72; --green: #3fb950; --yellow: #d29922; --heat-pos: 63, 185, 80; --heat-neg: 248, 81, 73; }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1200px; padding: 24px; background: var(--bg); color: var(--fg);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
h1 { font-size: 1.5em; margin: 0 0 8px; overflow-wrap: anywhere; }
h2 { font-size: 1.2em; margin: 32px 0 8px; border-bottom: 1px solid var(--border); padding-bottom: 4px; }
a { color: var(--link); }
.meta { margin: 2px 0; color: var(--muted); overflow-wrap: anywhere; }
.verdict-line { margin: 12px 0; padding: 8px 12px; border-left: 4px solid var(--green); background: var(--stripe); }
.verdict-line.is-violation { border-left-color: var(--red); }
.verdict-line.is-inconclusive { border-left-color: var(--yellow); }
nav ul { list-style: none; padding: 0; margin: 12px 0; display: flex; flex-wrap: wrap; gap: 4px 16px; }
.table-wrap { overflow-x: auto; position: relative; } /* relative: keeps .sr-only spans inside the scroller */
:focus-visible { outline: 2px solid var(--link); outline-offset: 2px; }
table { border-collapse: collapse; margin: 8px 0; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding: 4px 0 8px; }
/* A wide table scrolls in its region; its caption and row headers stay in view (sticky). */
.table-wrap > table > caption { position: sticky; left: 0; max-width: min(calc(100vw - 48px), 1152px); box-sizing: border-box; }
.table-wrap tbody th, .table-wrap thead th:first-child { position: sticky; left: 0; z-index: 1; background: var(--bg); }
.table-wrap thead th:first-child { background: var(--stripe); }
th, td { border: 1px solid var(--border); padding: 4px 8px; text-align: left; vertical-align: top; }
thead th { background: var(--stripe); }
tbody th { font-weight: 600; overflow-wrap: anywhere; max-width: 28em; }
.num { text-align: right; white-space: nowrap; }
tr.tone-violation > th { border-left: 4px solid var(--red); }
tr.total { font-weight: 600; }
.verdict-violation { color: var(--red); }
.verdict-gain { color: var(--green); }
.verdict-untested { color: var(--muted); }
.note { color: var(--muted); font-size: 0.92em; margin: 4px 0 16px; }
.heatmap td.heat { text-align: center; min-width: 6em; }
.heatmap td.diag { color: var(--muted); }
.heatmap td.verdict-violation { outline: 3px solid var(--red); outline-offset: -3px; font-weight: 700; color: var(--fg); }
.heatmap td.verdict-gain { font-weight: 700; color: var(--fg); }
.heatmap td.verdict-untested { color: var(--muted); font-style: italic; }
.heat-pos-1 { background: rgba(var(--heat-pos), 0.12); } .heat-pos-2 { background: rgba(var(--heat-pos), 0.24); }
.heat-pos-3 { background: rgba(var(--heat-pos), 0.36); } .heat-pos-4 { background: rgba(var(--heat-pos), 0.5); }
.heat-neg-1 { background: rgba(var(--heat-neg), 0.12); } .heat-neg-2 { background: rgba(var(--heat-neg), 0.24); }
.heat-neg-3 { background: rgba(var(--heat-neg), 0.36); } .heat-neg-4 { background: rgba(var(--heat-neg), 0.5); }
.envy-pairs { margin: 0 0 16px; }
.envy-pairs summary { cursor: pointer; width: fit-content; }
.warnings li { margin: 4px 0; overflow-wrap: anywhere; }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.tag { display: inline-block; margin-left: 4px; padding: 0 6px; border: 1px solid var(--border); border-radius: 8px; font-size: 0.85em; font-weight: 400; color: var(--muted); white-space: nowrap; }
h3 { font-size: 1.05em; margin: 20px 0 6px; }
th[scope="colgroup"] { text-align: center; background: var(--stripe); }
p.changes { margin: 4px 0; }
ul.changes { margin: 0 0 8px; }
.limits-warning { margin: 8px 0; padding: 8px 12px; border-left: 4px solid var(--red); background: var(--stripe); }
.limits-warning > span { color: var(--red); }
footer { margin-top: 32px; color: var(--muted); font-size: 0.9em; }
@media print { body { max-width: none; padding: 0; } nav { display: none; } section { break-inside: avoid-page; } }
`;
