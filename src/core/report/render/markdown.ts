import type { AuditReport } from '../report';
import { showControl } from './control-chars';
import { explanationLimitsTable } from './explanation-limits';
import { disagreementLines, EXPLANATION_SECTION_TITLE, explanationLines, explanationTable, EXPLANATION_GAINS_TITLE } from './explanation-tables';
import { interventionTables, limitsLines, minimizationLines } from './science-tables';
import { comparisonTable, describeSettings, envyMatrix, metricOrder, rationalityTable, rSquaredTable, summaryTable, type Table, verdictLine } from './tables';

/** The report as a Markdown document: the same tables as the CLI, for a pull request or a notebook. */
export function renderMarkdown(report: AuditReport): string {
  const out: string[] = [`# Fair use audit — ${escapeMarkdown(report.dataset.path)}`, ''];
  for (const line of describeSettings(report)) out.push(`${escapeMarkdown(line)}  `);
  out.push('', `**${escapeMarkdown(verdictLine(report))}**`, ''); // the headline names groups, which come from the data
  out.push(...table(summaryTable(report)));
  const r2 = rSquaredTable(report);
  if (r2) out.push(...table(r2));
  const explained = explanationTable(report);
  const explanationIntro = explanationLines(report);
  if (explained || explanationIntro.length) {
    out.push(`## ${EXPLANATION_SECTION_TITLE}`, '', ...explanationIntro.map((l) => `${escapeMarkdown(l)}  `), '');
    if (explained) out.push(...table({ ...explained, title: EXPLANATION_GAINS_TITLE }).map((l) => l.replace(/^## /, '### ')), ...disagreementLines(report).map((l) => `- ${escapeMarkdown(l)}`), '');
  }
  const comparison = comparisonTable(report, report.settings.metric);
  if (comparison) out.push(...table(comparison));
  for (const metric of metricOrder(report)) {
    out.push(...table(rationalityTable(report, metric)));
    out.push(...table(envyMatrix(report, metric)));
  }
  for (const t of interventionTables(report)) out.push(...table(t));
  const minimization = minimizationLines(report);
  if (minimization.length) out.push('## Data minimization', '', ...minimization.map((l) => `${escapeMarkdown(l)}  `), '');
  const limits = limitsLines(report);
  if (limits.length) out.push('## What this data can validate', '', ...limits.map((l) => `${escapeMarkdown(l)}  `), '');
  const explanationLimits = explanationLimitsTable(report);
  if (explanationLimits) out.push(...table(explanationLimits).map((l) => l.replace(/^## /, '### ')));
  if (report.warnings.length) {
    out.push('## Warnings', '', ...report.warnings.map((w) => `- ${escapeMarkdown(w)}`), '');
  }
  return out.join('\n');
}

function table(t: Table): string[] {
  const row = (cells: readonly string[], boldFirst = false, tag?: string | null) =>
    `| ${cells.map((c, j) => (boldFirst && j === 0 ? `**${escapeMarkdown(c)}**` : escapeMarkdown(c)) + (j === 0 && tag ? ` _(${escapeMarkdown(tag)})_` : '')).join(' | ')} |`;
  const lines = [`## ${escapeMarkdown(t.title)}`, '', row(t.header), `|${t.numeric.map((n) => (n ? ' ---: ' : ' --- ')).join('|')}|`];
  t.rows.forEach((cells, i) => lines.push(row(cells, t.tone[i] === 'violation', t.rowTags?.[i])));
  lines.push('');
  if (t.note) lines.push(`_${escapeMarkdown(t.note)}_`, '');
  return lines;
}

/** Cell text comes from CSV headers and values: neutralise Markdown and HTML in it. */
export function escapeMarkdown(text: string): string {
  // & first, as an entity: `&lt;` in a cell must stay five characters, not become `<`. Control characters (a
  // carriage return or an ANSI escape in a cell) are shown as \u001b (issue 14, finding 5).
  return showControl(text.replace(/\r?\n/g, ' ').replace(/&/g, '&amp;')).replace(/[\\`*_{}[\]<>|#]/g, (c) => `\\${c}`);
}
