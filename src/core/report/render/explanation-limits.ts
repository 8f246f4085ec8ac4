/**
 * SPEC §7 for the explanation metrics (SPEC §9): per metric, the bound on the probability of error of any test,
 * k_max and the equal group size, in the Gaussian form with the spread σ of the per-person gain in that metric.
 * One table for every view (CLI, Markdown, HTML, the panel), beside the decisive metric's bound.
 */
import { formatQuantity, metricTitle } from './format';
import type { AuditReport } from '../report';
import type { Table } from './tables';

export const EXPLANATION_LIMITS_TITLE = 'What these test rows can validate for the explanation metrics (SPEC §7)';

/** Null when the report has no explanation bounds (no explanation metrics, or no group with two test rows). */
export function explanationLimitsTable(report: AuditReport): Table | null {
  const bounds = report.limits?.explanations;
  if (!bounds) return null;
  const entries = (['sufficiency', 'comprehensiveness'] as const).flatMap((id) => (bounds[id] ? [[id, bounds[id]] as const] : []));
  if (entries.length === 0) return null;
  const rows = entries.map(([id, l]) => [
    metricTitle(id),
    `${formatQuantity(l.epsilon)}${l.epsilonShareOfGenericRisk === undefined ? '' : ` (${l.epsilonShareOfGenericRisk * 100}% of h0's)`}`,
    l.sigma === undefined ? 'n/a' : formatQuantity(l.sigma),
    l.errorProbabilityBound.toFixed(3),
    `${l.maxAttributes.toFixed(2)} vs ${l.attributes.toFixed(2)}`,
    String(l.minGroupSize),
  ]);
  return {
    title: EXPLANATION_LIMITS_TITLE,
    header: ['Metric', 'ε', 'σ of the per-person gain', 'Lower bound on P(error)', 'Binary attributes: k_max vs audited', 'Equal group size needed'],
    rows,
    tone: entries.map(() => 'plain'),
    numeric: [false, true, true, true, true, true],
    note:
      'The Gaussian form of the bound (each group\'s own σ of the per-person gain in the metric: h0\'s value minus the personalized model\'s), ' +
      'as for regression; ε is 1% of h0\'s value of the metric unless --epsilon is given with that metric deciding the audit. ' +
      'Above 0.5 no test of the explanation gains can do better than a coin toss at these group sizes.',
  };
}
