import { METRIC_IDS, type MetricId } from '../../audit/metrics';
import type { AuditReport, ComparisonRow, DataComparison, GainOnData } from '../../report/report';

/** The gains on the training data beside those on the new data, per metric and group (new data's groups first). */
export function compareOnData(training: AuditReport, newData: AuditReport, trainingData: DataComparison['trainingData']): DataComparison {
  const newIds = newData.groups.map((g) => g.id);
  const ids = [...newIds, ...training.groups.map((g) => g.id).filter((id) => !newIds.includes(id))];
  const metrics: Partial<Record<MetricId, DataComparison['metrics'][MetricId]>> = {};
  for (const metric of METRIC_IDS) {
    const a = training.metrics[metric];
    const b = newData.metrics[metric];
    if (!a || !b) continue;
    const rationality: ComparisonRow[] = ids.map((group) => ({ group, trainingData: side(training, metric, group), newData: side(newData, metric, group) }));
    metrics[metric] = { overall: { trainingData: a.overall, newData: b.overall }, rationality };
  }
  return { trainingData, metrics };
}

/** One group's gain in one report, or null where the group has no test rows there. */
function side(report: AuditReport, metric: MetricId, group: string): GainOnData | null {
  const row = report.metrics[metric]?.rationality.find((r) => r.group === group);
  const nTest = report.groups.find((g) => g.id === group)?.nTest ?? 0;
  if (!row || nTest === 0) return null;
  return { nTest, generic: row.generic, personalized: row.personalized, gain: row.gain, ci: row.ci, verdict: row.verdict };
}
