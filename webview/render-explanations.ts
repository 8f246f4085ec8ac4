/**
 * "Does personalization make explanations clearer?" (SPEC §9, paper 2): the attribution method and r, per group
 * the accuracy gain beside the sufficiency and comprehensiveness gains with their verdicts, and one sentence per
 * group whose accuracy and explanations point in opposite directions. The same lines and table as the CLI, the
 * Markdown report and the HTML export (src/core/report/render/explanation-tables.ts).
 */
import { disagreementLines, explanationLines, explanationTable, EXPLANATION_GAINS_TITLE } from '../src/core/report/render/explanation-tables';
import type { AuditReport } from '../src/core/report/report';
import { el } from './dom';
import { renderTextTable } from './render-text-table';

/** @param rows the row-level view (render-explanation-rows.ts), drawn after the table */
export function renderExplanations(report: AuditReport, rows: HTMLElement | null = null): HTMLElement | null {
  if (!report.explanations) return null;
  const table = explanationTable(report);
  const lines = disagreementLines(report);
  return el('div', { class: 'fu-explanations' },
    ...explanationLines(report).map((line) => el('p', { class: 'fu-note' }, line)),
    // The section's heading already asks the question; the caption names the table, as the export's does.
    table ? renderTextTable({ ...table, title: EXPLANATION_GAINS_TITLE }, { class: 'fu-explanation-table', verdictColumns: [3, 5, 7], gainColumns: [2, 4, 6], rowGroups: report.groups.map((g) => g.id) }) : null,
    lines.length ? el('ul', { class: 'fu-explanation-disagreements' }, ...lines.map((line) => el('li', {}, line))) : null,
    rows);
}
