import { DEFAULT_METRIC, METRICS, type MetricId } from '../../audit/metrics';
import { type AuditReport, type MetricReport, reportTask, type Verdict } from '../report';
import { formatGain, metricNoun, metricTitle, VERDICT_LABELS } from './format';
import type { Table } from './tables';

/** The section's title in every view (SPEC §9, paper 2). */
export const EXPLANATION_SECTION_TITLE = 'Does personalization make explanations clearer?';
/** The title of the explanation gains' table, in the words of the gain tables' columns (without / with groups). */
export const EXPLANATION_GAINS_TITLE = 'Gains of the model with groups over the model without them, per group';

/**
 * The accuracy metric the explanation gains are set beside: the decisive metric when it measures accuracy, else
 * the task's default (error rate, or MSE for regression).
 */
export function accuracyMetricOf(report: AuditReport): MetricId {
  const decisive = report.settings.metric;
  return METRICS[decisive].explanation ? DEFAULT_METRIC[reportTask(report)] : decisive;
}

/**
 * The lines that open the section: the attribution method and r, or the one line saying why there are no
 * explanation metrics (a predictions file, a model the engine cannot explain). Empty without explanations.
 */
export function explanationLines(report: AuditReport): string[] {
  const e = report.explanations;
  if (!e) return [];
  if (e.method === null) return [e.unavailable ?? 'This model cannot be explained.'];
  return [
    `Attributions: ${e.description ?? e.method}; each explanation keeps the top ⌈r·d⌉ of a model's d inputs, r = ${e.fraction}.`,
    'Sufficiency = |f(z) − f(z with only those inputs kept)|, lower is better; comprehensiveness = |f(z) − f(z with them removed)|, higher is better (docs/explanations.md).',
  ];
}

/** Per group, the accuracy gain beside the two explanation gains, each with its verdict. Null without them. */
export function explanationTable(report: AuditReport): Table | null {
  const sufficiency = report.metrics.sufficiency;
  const comprehensiveness = report.metrics.comprehensiveness;
  const accuracyId = accuracyMetricOf(report);
  const accuracy = report.metrics[accuracyId];
  if (!sufficiency || !comprehensiveness || !accuracy) return null;
  const cells = (metric: MetricId, section: MetricReport, group: string) => {
    const row = section.rationality.find((r) => r.group === group);
    return row ? [formatGain(metric, row.gain), VERDICT_LABELS[row.verdict]] : ['', ''];
  };
  const rows = report.groups.map((g) => [
    g.id,
    String(g.nTest),
    ...cells(accuracyId, accuracy, g.id),
    ...cells('sufficiency', sufficiency, g.id),
    ...cells('comprehensiveness', comprehensiveness, g.id),
  ]);
  const verdicts = (group: string) => [accuracy, sufficiency, comprehensiveness].map((s) => s.rationality.find((r) => r.group === group)?.verdict ?? 'untested');
  return {
    title: `${EXPLANATION_SECTION_TITLE} ${EXPLANATION_GAINS_TITLE}`,
    header: ['Group', 'n test', `${metricTitle(accuracyId)} gain`, 'Verdict', 'Sufficiency gain', 'Verdict', 'Comprehensiveness gain', 'Verdict'],
    rows,
    tone: report.groups.map((g) => {
      const v = verdicts(g.id);
      return v.includes('violation') ? 'violation' : v.includes('gain') ? 'gain' : v.every((x) => x === 'untested') ? 'untested' : 'plain';
    }),
    numeric: [false, true, true, false, true, false, true, false],
    note: 'Gains are signed so that positive is better: a positive sufficiency gain means the model with groups needs fewer of its inputs to explain a prediction than the model without them.',
  };
}

/**
 * One plain sentence per group whose accuracy and explanation verdicts point in opposite directions
 * (paper 2, Theorem 3), e.g. "Sex=Female, Age=Old: more accurate, explanations less sufficient." Only significant
 * verdicts (gain / violation) count.
 */
export function explanationDisagreements(report: AuditReport): string[] {
  const sufficiency = report.metrics.sufficiency;
  const comprehensiveness = report.metrics.comprehensiveness;
  const accuracy = report.metrics[accuracyMetricOf(report)];
  if (!sufficiency || !comprehensiveness || !accuracy) return [];
  const direction = (section: MetricReport, group: string): 1 | -1 | 0 => {
    const verdict: Verdict | undefined = section.rationality.find((r) => r.group === group)?.verdict;
    return verdict === 'gain' ? 1 : verdict === 'violation' ? -1 : 0;
  };
  const out: string[] = [];
  for (const { id } of report.groups) {
    const acc = direction(accuracy, id);
    if (acc === 0) {
      continue;
    }
    const against = [
      [direction(sufficiency, id), 'sufficient'],
      [direction(comprehensiveness, id), 'comprehensive'],
    ].filter(([d]) => d === -acc).map(([, word]) => `${acc > 0 ? 'less' : 'more'} ${word}`);
    if (against.length) out.push(`${id}: ${acc > 0 ? 'more' : 'less'} accurate, explanations ${against.join(' and ')}.`);
  }
  return out;
}

/** Every line the section shows under its table: the disagreements, or that there are none. */
export function disagreementLines(report: AuditReport): string[] {
  if (!report.metrics.sufficiency) return [];
  const lines = explanationDisagreements(report);
  return lines.length ? lines : [`Accuracy and explanations agree: where a group's ${metricNoun(accuracyMetricOf(report))} changed significantly, its explanations did not significantly change the other way.`];
}
