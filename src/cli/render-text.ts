import type { AuditReport } from '../core/report/report';
import { showControl } from '../core/report/render/control-chars';
import { disagreementLines, EXPLANATION_SECTION_TITLE, explanationLines, explanationTable } from '../core/report/render/explanation-tables';
import { headlineOf, type HeadlineState } from '../core/report/headline';
import { interventionTables, limitsLines, minimizationLines } from '../core/report/render/science-tables';
import { comparisonTable, describeSettings, envyMatrix, metricOrder, rationalityTable, rSquaredTable, summaryTable, type Table } from '../core/report/render/tables';
import { explanationLimitsTable } from '../core/report/render/explanation-limits';

const ANSI = { red: '\x1b[31;1m', green: '\x1b[32m', yellow: '\x1b[33m', dim: '\x1b[2m', bold: '\x1b[1m', reset: '\x1b[0m' };

const HEADLINE_COLOR: Readonly<Record<HeadlineState, string>> = { violation: ANSI.red, inconclusive: ANSI.yellow, 'no-violation': ANSI.green };

/**
 * The report as terminal text; violations in red and gains in green when `color` is on. Text from the data is shown
 * with its control characters escaped (showControl): the only escape codes on the terminal are the colours here.
 */
export function renderText(report: AuditReport, color: boolean): string {
  const paint = (code: string, text: string) => (color ? `${code}${showControl(text)}${ANSI.reset}` : showControl(text));
  const out: string[] = [paint(ANSI.bold, `Fair use audit — ${report.dataset.path}`), ...describeSettings(report).map(showControl), ''];
  for (const metric of metricOrder(report)) {
    out.push(...table(rationalityTable(report, metric), paint));
    out.push(...table(envyMatrix(report, metric), paint));
  }
  out.push(...table(summaryTable(report), paint));
  const r2 = rSquaredTable(report);
  if (r2) out.push(...table(r2, paint));
  const explained = explanationTable(report);
  const explanationIntro = explanationLines(report);
  if (explained) out.push(...explanationIntro.map(showControl), '', ...table(explained, paint), ...disagreementLines(report).map(showControl), '');
  else if (explanationIntro.length) out.push(paint(ANSI.bold, EXPLANATION_SECTION_TITLE), ...explanationIntro.map(showControl), '');
  const comparison = comparisonTable(report, report.settings.metric);
  if (comparison) out.push(...table(comparison, paint));
  for (const t of interventionTables(report)) out.push(...table(t, paint));
  const minimization = minimizationLines(report);
  if (minimization.length) out.push(paint(ANSI.bold, 'Data minimization'), ...minimization.map(showControl), '');
  const limits = limitsLines(report);
  if (limits.length) out.push(paint(ANSI.bold, 'What this data can validate'), ...limits.map((l) => (l.startsWith('Warning') ? paint(ANSI.red, l) : showControl(l))), '');
  const explanationLimits = explanationLimitsTable(report);
  if (explanationLimits) out.push(...table(explanationLimits, paint));
  if (report.warnings.length) {
    out.push(paint(ANSI.bold, 'Warnings'), ...report.warnings.map((w) => `  - ${showControl(w)}`), '');
  }
  out.push(headlineText(report, color));
  return out.join('\n') + '\n';
}

/** The report's last line, the verdict, alone (`--quiet`): the same line renderText ends with. */
export function headlineText(report: AuditReport, color: boolean): string {
  const headline = headlineOf(report);
  const text = showControl(headline.sentence);
  return color ? `${HEADLINE_COLOR[headline.state]}${text}${ANSI.reset}` : text;
}

function table(t: Table, paint: (code: string, text: string) => string): string[] {
  const rows = t.rows.map((cells, i) => (t.rowTags?.[i] ? [`${cells[0]} (${t.rowTags[i]})`, ...cells.slice(1)] : cells).map(showControl));
  const header = t.header.map(showControl);
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => (r[j] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, j) => (t.numeric[j] ? c.padStart(widths[j]) : c.padEnd(widths[j]))).join('  ').trimEnd();
  const out = [paint(ANSI.bold, t.title), paint(ANSI.dim, line(header))];
  rows.forEach((cells, i) => {
    const text = line(cells);
    const tone = t.tone[i];
    out.push(tone === 'violation' ? paint(ANSI.red, text) : tone === 'gain' ? paint(ANSI.green, text) : tone === 'untested' ? paint(ANSI.dim, text) : text);
  });
  if (t.note) out.push(paint(ANSI.dim, t.note));
  out.push('');
  return out;
}
