/**
 * The one-sentence verdict of a report, in one of three states, computed once and shown alike by every view:
 * the webview's banner, the status bar, the Problems panel, the CLI's last line and its exit status.
 *
 * - `violation`: the decisive metric has at least one significant harm (exit 1);
 * - `inconclusive`: no significant harm, but the data cannot tell: a group could not be tested (too few test
 *   rows, or a metric undefined on its rows), or the groups are more than the test rows can validate (SPEC §7,
 *   `limits.tooManyGroups`) (exit 3);
 * - `no-violation`: no significant harm, every group was tested, and the test rows were enough that a harm of
 *   ε could have been told from none (exit 0).
 */
import type { MetricId } from '../audit/metrics/metric';
import { formatQuantity, formatValue, metricNoun } from './render/format';
import type { AuditReport, MetricReport } from './report';

export type HeadlineState = 'violation' | 'no-violation' | 'inconclusive';

/** Why a report without violations is inconclusive. */
export type InconclusiveReason = 'untested-groups' | 'too-many-groups';

export interface Headline {
  readonly state: HeadlineState;
  /** One sentence, plain text (every view escapes it). */
  readonly sentence: string;
  /** The metric the headline is about. */
  readonly metric: MetricId;
  /** Significant violations (rationality + envy-freeness) of that metric. */
  readonly violations: number;
  /** For `inconclusive`: every reason that holds, in this order. */
  readonly reasons: readonly InconclusiveReason[];
  /** For `inconclusive`: the test rows each group would need (the larger of the two reasons' needs). */
  readonly neededGroupSize?: number;
}

/** The CLI's exit status for each state; 2 (the audit could not run) has no headline. */
export const EXIT_STATUS: Readonly<Record<HeadlineState, 0 | 1 | 3>> = { 'no-violation': 0, violation: 1, inconclusive: 3 };

/** A glyph beside the sentence, so no view tells the states apart by colour alone. */
export const HEADLINE_GLYPH: Readonly<Record<HeadlineState, string>> = { violation: '⚠', inconclusive: '?', 'no-violation': '✓' };

/**
 * @param metric defaults to the report's decisive metric (settings.metric)
 * @example headlineOf(heartReport).state // => 'inconclusive' (61 test rows cannot validate 4 groups at ε = 0.01)
 */
export function headlineOf(report: AuditReport, metric: MetricId = report.settings.metric): Headline {
  const section = report.metrics[metric] as MetricReport | undefined;
  const name = metricNoun(metric);
  if (!section) {
    return { state: 'inconclusive', sentence: `Inconclusive: the report holds no ${name} results.`, metric, violations: 0, reasons: [] };
  }
  const { rationalityViolations, envyViolations } = section.summary;
  const violations = rationalityViolations + envyViolations;
  if (violations > 0) {
    return {
      state: 'violation',
      sentence: `${violations} significant fair-use violation${violations === 1 ? '' : 's'} in ${name}: ${violationParts(section).join(', ')}.`,
      metric,
      violations,
      reasons: [],
    };
  }

  const groups = section.rationality.length;
  const untested = section.rationality.filter((r) => r.verdict === 'untested').length;
  const limits = report.limits;
  const reasons: InconclusiveReason[] = [];
  if (untested > 0) reasons.push('untested-groups');
  if (limits?.tooManyGroups) reasons.push('too-many-groups');
  if (reasons.length === 0) {
    const capacity = limits ? ` and ${limits.n} test rows are enough to tell a harm of ${epsilonWords(report, metric)} from none` : '';
    return {
      state: 'no-violation',
      sentence: `No significant fair-use violation in ${name}, and the data could have shown one: every group was tested${capacity}.`,
      metric,
      violations: 0,
      reasons,
    };
  }

  const minTested = report.settings.minGroupSize;
  const neededGroupSize = Math.max(minTested, limits?.tooManyGroups ? limits.minGroupSize : 0);
  const why: string[] = [];
  if (untested === groups) {
    why.push(`no group could be tested in ${name} (every group has fewer than ${minTested} test rows or undefined ${name})`);
  } else if (untested > 0) {
    why.push(`${untested} of ${groups} groups could not be tested in ${name} (fewer than ${minTested} test rows or undefined ${name})`);
  }
  if (limits?.tooManyGroups) {
    why.push(
      `${limits.n} test rows in ${limits.groups} groups are too few to tell a harm of ${epsilonWords(report, metric)} from none ` +
        `(any test would be wrong at least ${Math.round(limits.errorProbabilityBound * 100)}% of the time)`,
    );
  }
  const found = untested === groups ? '' : 'no significant violation was found, but ';
  return {
    state: 'inconclusive',
    sentence: `Inconclusive: ${found}${why.join(', and ')}; each group would need about ${neededGroupSize} test rows.`,
    metric,
    violations: 0,
    reasons,
    neededGroupSize,
  };
}

/** ε in the decisive metric's unit: "1.0%" of error rate, "0.010" of AUC, a quantity of MSE. */
function epsilonWords(report: AuditReport, metric: MetricId): string {
  const epsilon = report.limits!.epsilon;
  const value = report.limits!.sigma === undefined ? formatValue(metric, epsilon) : formatQuantity(epsilon);
  return `${value} in ${metricNoun(metric)}`;
}

/** How many names a headline lists per kind of violation before "and N more". */
const NAMED = 2;

/** "1 rationality (Sex=F)", "3 envy-freeness (A would do better as B; …; and 1 more)": each kind with the groups it harms. */
function violationParts(section: MetricReport): string[] {
  const named = (names: string[]) => (names.length > NAMED ? [...names.slice(0, NAMED), `and ${names.length - NAMED} more`] : names).join('; ');
  const rationality = section.rationality.filter((r) => r.verdict === 'violation').map((r) => r.group);
  const envy = section.envy.filter((e) => e.verdict === 'violation').map((e) => `${e.group} would do better as ${e.reportedAs}`);
  const { rationalityViolations, envyViolations } = section.summary;
  return [
    `${rationalityViolations} rationality${rationality.length ? ` (${named(rationality)})` : ''}`,
    `${envyViolations} envy-freeness${envy.length ? ` (${named(envy)})` : ''}`,
  ];
}
