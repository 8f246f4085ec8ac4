/**
 * Gains on the training data beside gains on the new data (paper 1, Figures 6–7), for an audit of a model
 * file on new data: the cells of tables.ts's comparisonTable, under a header that names each side's file.
 */
import type { MetricId } from '../src/core/audit/metrics/metric';
import { metricNoun } from '../src/core/report/render/format';
import { comparisonTable } from '../src/core/report/render/tables';
import type { AuditReport } from '../src/core/report/report';
import { el } from './dom';
import { renderTextTable } from './render-text-table';

/** Null when the report has no comparison; a note when it has none for this metric. */
export function renderComparison(report: AuditReport, metric: MetricId): HTMLElement | null {
  const comparison = report.comparison;
  if (!comparison) return null;
  const table = comparisonTable(report, metric);
  if (!table) return el('p', { class: 'fu-note' }, `The comparison with the training data has no ${metricNoun(metric)} figures.`);
  const section = comparison.metrics[metric]!;
  return renderTextTable(table, {
    class: 'fu-comparison',
    headerGroups: [['', 1], [`Training data — ${comparison.trainingData.path}`, 5], [`New data — ${report.dataset.path}`, 5]],
    verdictColumns: [5, 10],
    gainColumns: [4, 9],
    rowGroups: [...section.rationality.map((r) => r.group), null],
    totalRow: true,
  });
}
