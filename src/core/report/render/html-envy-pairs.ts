import type { MetricId } from '../../audit/metrics';
import type { AuditReport, MetricReport } from '../report';
import { formatGain, formatInterval, formatP, metricTitle, VERDICT_LABELS } from './format';
import type { Table } from './tables';

/**
 * Every envy-freeness pair of a metric as a row: group, the group it reports as, the gain, its interval and
 * both p-values, the verdict. The heatmap shows only the gain per cell; this table is where the keyboard and
 * a screen reader reach the rest (issue 20). The webview's companion table (webview/render-heatmap.ts) has the
 * same caption and columns.
 */
export function envyPairsTable(report: AuditReport, metric: MetricId): Table {
  const section = report.metrics[metric] as MetricReport;
  const level = Math.round((1 - report.settings.alpha) * 100);
  return {
    title: `${metricTitle(metric)} — envy-freeness, each pair with its ${level}% interval and p-values`,
    header: ['Group', 'Reported as', 'Gain', `${level}% CI`, 'p harm', 'p gain', 'Verdict'],
    rows: section.envy.map((e) => [
      e.group,
      e.reportedAs,
      formatGain(metric, e.gain),
      formatInterval(metric, e.ci),
      formatP(e.pHarm),
      formatP(e.pGain),
      VERDICT_LABELS[e.verdict],
    ]),
    tone: section.envy.map((e) => (e.verdict === 'none' ? 'plain' : e.verdict)),
    numeric: [false, false, true, true, true, true, false],
  };
}

/** The summary line of the disclosure that holds envyPairsTable, as the webview words it. */
export function envyPairsSummary(report: AuditReport, metric: MetricId): string {
  return `Intervals and p-values of the ${(report.metrics[metric] as MetricReport).envy.length} pairs`;
}
