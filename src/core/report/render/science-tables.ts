/**
 * The tables of SPEC §6–§7 as text cells, for the CLI and Markdown: the interventions as paper 1's Table 3,
 * data minimization, and what the data can validate.
 */
import { METRICS } from '../../audit/metrics';
import type { AuditReport } from '../report';
import { formatGain, formatQuantity, formatValue, metricNoun, VERDICT_LABELS } from './format';
import type { Table } from './tables';

const ASSIGNED: Readonly<Record<string, string>> = { personalized: 'h (personalized)', generic: 'h0 (generic)', decoupled: 'decoupled' };

/** One table per intervention: per group the model it gets and its rationality gain before and after. */
export function interventionTables(report: AuditReport): Table[] {
  const interventions = report.interventions;
  if (!interventions) return [];
  const { metric } = interventions;
  return interventions.items.map((item) => {
    const rows = item.groups.map((g) => [
      g.group,
      ASSIGNED[g.assigned],
      formatGain(metric, g.before.gain),
      VERDICT_LABELS[g.before.verdict],
      formatGain(metric, g.after.gain),
      VERDICT_LABELS[g.after.verdict],
    ]);
    // The overall row holds the risk (not a gain) of the model the groups are served by, h before and the assembled
    // model after (paper 1's h′), in the gain columns.
    rows.push([`Overall ${metricNoun(metric)} of the assembled model (not a gain)`, '', formatValue(metric, item.overall.before), '', formatValue(metric, item.overall.after), '']);
    const tone = item.groups.map((g) => (g.after.verdict === 'violation' ? 'violation' : g.after.verdict === 'gain' ? 'gain' : g.after.verdict === 'untested' ? 'untested' : 'plain') as Table['tone'][number]);
    tone.push('plain');
    const changes = [
      item.resolved.length ? `resolves ${item.resolved.join('; ')}` : 'resolves no violation',
      item.created.length ? `creates ${item.created.join('; ')}` : 'creates none',
    ];
    return {
      title: `Intervention "${item.kind}": ${item.description}`,
      header: ['Group', 'Model', 'Gain before', 'Verdict before', 'Gain after', 'Verdict after'],
      rows,
      tone,
      numeric: [false, false, true, false, true, false],
      note: `${changes.join(' · ')}.`,
    };
  });
}

/** Data minimization: the groups without a significant gain, and the attribute values nobody needs to give. */
export function minimizationLines(report: AuditReport): string[] {
  const m = report.interventions?.minimization;
  if (!m) return [];
  const values = Object.entries(m.valuesNotNeeded).map(([attribute, vs]) => `${attribute} = ${vs.join(' / ')}`);
  return [
    m.groupsWithoutGain.length
      ? `Data minimization: ${testedGroupsShow(m.groupsWithoutGain.length)} no significant gain from reporting their attributes: ${m.groupsWithoutGain.join('; ')}.`
      : 'Data minimization: every tested group gains significantly from its attributes.',
    values.length ? `Values no tested group was shown to need: ${values.join('; ')}. ${MINIMIZATION_CAVEAT}` : 'Every attribute value is needed by some group that gains from it.',
  ];
}

/** "1 tested group shows", "2 tested groups show": the subject of the data-minimization sentence. */
export function testedGroupsShow(count: number): string {
  return count === 1 ? '1 tested group shows' : `${count} tested groups show`;
}

/** The caption of the values no tested group was shown to need (paper 1 §4.2's candidates for not collecting). */
export const VALUES_NOT_SHOWN_NEEDED = 'Attribute values no tested group was shown to need';

/**
 * No significant gain is absence of evidence, not evidence of absence: the values are candidates to review, and
 * the report must not tell a clinic to stop collecting an attribute on an inconclusive test.
 */
export const MINIMIZATION_CAVEAT =
  'No significant gain is not proof of no gain: a gain smaller than these test sizes can detect (see "What this data can validate") may be missed, so review these values before you stop collecting them.';

/**
 * SPEC §7 in two lines: the bound at these group sizes, and how many attributes these rows can validate; for
 * regression a third, the spread σ of the per-person gain the Gaussian form uses.
 */
export function limitsLines(report: AuditReport): string[] {
  const l = report.limits;
  if (!l) return [];
  const bound = boundSentence(epsilonText(report), l.errorProbabilityBound);
  const capacity =
    `${l.n} test rows can validate about ${l.maxAttributes.toFixed(1)} binary attributes (${l.groups} groups ≈ ${l.attributes.toFixed(1)}); ` +
    `each of ${l.groups} equal groups would need ${l.minGroupSize} test rows.`;
  const spread = l.sigma === undefined ? [] : [
    `${METRICS[report.settings.metric].explanation ? 'Explanation metric' : 'Regression'} (Gaussian form): the per-person gain in ${metricNoun(report.settings.metric)} (loss under h0 minus loss under the personalized model) ` +
      `has a pooled standard deviation σ = ${formatQuantity(l.sigma)} within groups; each group's own σ enters the bound.`,
  ];
  return [bound, capacity, ...spread, ...(l.tooManyGroups ? ['Warning: more groups than this data can validate; a "no change" verdict here says little.'] : [])];
}

/**
 * Paper 2's lower bound on any test's error, for a gain of exactly ε, in words that do not read as a contradiction
 * of the significant results beside it: the bound is about gains as small as ε; larger gains are easier to detect.
 */
export function boundSentence(epsilon: string, errorBound: number): string {
  const bound = errorBound.toFixed(3);
  return errorBound < 0.05
    ? `At these test sizes a gain of ${epsilon} can be told from none: paper 2's lower bound on any test's error is ${errorBound < 0.001 ? 'under 0.001' : bound}.`
    : `A gain as small as ${epsilon} is hard to tell from none at these test sizes: any test errs with probability at least ${bound} (paper 2's lower bound). ` +
      'Larger gains are easier to detect, so a significant result still stands.';
}

/** ε as the reader needs it: for regression with the metric's name, and how it was chosen when not given. */
export function epsilonText(report: AuditReport): string {
  const l = report.limits;
  if (!l) return '';
  if (l.sigma === undefined) return String(l.epsilon);
  const metric = metricNoun(report.settings.metric);
  const share = l.epsilonShareOfGenericRisk;
  return share === undefined ? `${formatQuantity(l.epsilon)} in ${metric}` : `${formatQuantity(l.epsilon)} in ${metric} (${share * 100}% of h0's ${metric}; set it with --epsilon)`;
}
