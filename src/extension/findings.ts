/**
 * What the Problems panel says about a report: one finding per significant violation (error) and, when
 * wanted, per negative but non-significant gain (warning), for the report's decisive metric; one per
 * significant violation of each other explanation metric (SPEC §9: sufficiency, comprehensiveness), a warning
 * as in the SARIF log, since only the decisive metric decides the exit status; and one information finding, the
 * headline, when the audit is inconclusive. Pure, so the wording and the codes are unit-tested;
 * `diagnostics.ts` turns findings into VS Code diagnostics.
 */
import { formatGain, formatP, formatValue } from '../core/report/render/format';
import { METRICS, type MetricId } from '../core/audit/metrics';
import type { AuditReport, EnvyRow, RationalityRow } from '../core/report/report';
import { headlineOf } from '../core/report/headline';

export type FindingSeverity = 'error' | 'warning' | 'information';

export interface RelatedFinding {
  /** The group the related row is about. */
  readonly group: string;
  readonly message: string;
}

export interface Finding {
  readonly severity: FindingSeverity;
  readonly kind: 'rationality' | 'envy' | 'inconclusive';
  readonly metric: MetricId;
  /** True for a significant harm (verdict `violation`), false for a non-significant negative gain or the headline. */
  readonly violation: boolean;
  readonly group: string;
  /** For envy findings: the group whose predictions would serve `group` better. */
  readonly reportedAs?: string;
  readonly message: string;
  /** Rationality findings list the group's envy pairs that also harm it; envy findings, the group's rationality row. */
  readonly related: readonly RelatedFinding[];
}

export interface FindingOptions {
  /** Also report negative gains that are not significant. */
  readonly showWarnings: boolean;
  /** Defaults to the report's decisive metric (settings.metric). */
  readonly metric?: MetricId;
}

export function findingsOf(report: AuditReport, options: FindingOptions): Finding[] {
  const metric = options.metric ?? report.settings.metric;
  if (!report.metrics[metric]) return [];
  const findings = metricFindings(report, metric, (row) => {
    if (row.verdict === 'violation') return 'error';
    if (options.showWarnings && row.verdict === 'none' && row.gain !== null && row.gain < 0) return 'warning';
    return undefined;
  });
  for (const other of EXPLANATION_METRICS) {
    if (other !== metric) findings.push(...metricFindings(report, other, (row) => (row.verdict === 'violation' ? 'warning' : undefined)));
  }
  // An audit that found nothing but could not have found anything says so once (report/headline.ts).
  const headline = headlineOf(report, metric);
  if (headline.state === 'inconclusive') {
    findings.push({ severity: 'information', kind: 'inconclusive', metric, violation: false, group: '', message: headline.sentence, related: [] });
  }
  return findings;
}

/** The explanation metrics (SPEC §9), in the order their findings are listed. */
const EXPLANATION_METRICS = (Object.keys(METRICS) as MetricId[]).filter((id) => METRICS[id].explanation);

/** One metric's rationality and envy findings, each row at the severity `severityOf` gives it (none: no finding). */
function metricFindings(report: AuditReport, metric: MetricId, severityOf: (row: RationalityRow | EnvyRow) => FindingSeverity | undefined): Finding[] {
  const table = report.metrics[metric];
  if (!table) return [];
  const findings: Finding[] = [];
  for (const row of table.rationality) {
    const severity = severityOf(row);
    if (!severity) continue;
    const related = table.envy
      .filter((e) => e.group === row.group && severityOf(e) !== undefined)
      .map((e) => ({ group: e.reportedAs, message: envyMessage(metric, e) }));
    findings.push({ severity, kind: 'rationality', metric, violation: row.verdict === 'violation', group: row.group, message: rationalityMessage(metric, row), related });
  }
  for (const row of table.envy) {
    const severity = severityOf(row);
    if (!severity) continue;
    const own = table.rationality.find((r) => r.group === row.group);
    const related = own ? [{ group: own.group, message: `${isExplanation(metric) ? 'Explanation rationality' : 'Rationality'} gain of ${own.group}: ${formatGain(metric, own.gain)} (${verdictWords(own.verdict)})` }] : [];
    findings.push({ severity, kind: 'envy', metric, violation: row.verdict === 'violation', group: row.group, reportedAs: row.reportedAs, message: envyMessage(metric, row), related });
  }
  return findings;
}

/** "less sufficient", "less comprehensive": the plain words of a harm in an explanation metric. */
const EXPLANATION_ADJECTIVES: Partial<Record<MetricId, string>> = { sufficiency: 'sufficient', comprehensiveness: 'comprehensive' };

function isExplanation(metric: MetricId): boolean {
  return METRICS[metric].explanation === true;
}

/**
 * The Problems row's code: `rationality-violation`, `envy-violation`, `negative-rationality-gain`…, and for the
 * explanation metrics their own, `explanation-rationality-violation`, `negative-explanation-envy-gain`…
 */
export function diagnosticCodeOf(finding: Finding): string {
  if (finding.kind === 'inconclusive') return 'inconclusive';
  const term = isExplanation(finding.metric) ? `explanation-${finding.kind}` : finding.kind;
  return finding.violation ? `${term}-violation` : `negative-${term}-gain`;
}

/** The anchor of the code's entry in docs/glossary.md. */
export function glossaryAnchorOf(finding: Finding): string {
  return finding.kind !== 'inconclusive' && isExplanation(finding.metric) ? 'explanation-violation' : finding.kind;
}

/**
 * e.g. "Rationality violation for Sex=Female, Age=Old (worse off when the model uses group attributes): error rate
 * 21.9% with them vs 19.3% without (gain -2.6%, p=0.030)"; for an explanation metric "Explanation rationality
 * violation for … (explanations less sufficient when the model uses group attributes): sufficiency …". The term of
 * the method comes first, so a reader can look it up (docs/glossary.md), and its plain meaning beside it. A row
 * that is not a violation reads as a negative gain that is not significant.
 */
export function rationalityMessage(metric: MetricId, row: RationalityRow): string {
  const violation = row.verdict === 'violation';
  const explanation = isExplanation(metric);
  const term = explanation ? 'explanation rationality' : 'rationality';
  const head = violation ? `${capitalized(term)} violation for ${row.group}` : `Negative ${term} gain for ${row.group} (not significant)`;
  const plain = !violation ? '' : explanation ? ` (explanations less ${EXPLANATION_ADJECTIVES[metric] ?? 'clear'} when the model uses group attributes)` : ' (worse off when the model uses group attributes)';
  return `${head}${plain}: ${METRICS[metric].name} ${formatValue(metric, row.personalized)} with them vs ${formatValue(metric, row.generic)} without (${evidence(metric, row)})`;
}

/**
 * e.g. "Envy violation for A (better off treated as B): error rate 30.0% treated as its own group vs 20.0% as B
 * (gain -10.0%, p=0.010)"; for an explanation metric "Explanation envy violation for A (clearer explanations
 * treated as B): …".
 */
export function envyMessage(metric: MetricId, row: EnvyRow): string {
  const explanation = isExplanation(metric);
  const head = row.verdict !== 'violation'
    ? `Negative ${explanation ? 'explanation ' : ''}envy-freeness gain for ${row.group} (not significant)`
    : `${explanation ? 'Explanation envy' : 'Envy'} violation for ${row.group} (${explanation ? 'clearer explanations' : 'better off'} treated as ${row.reportedAs})`;
  return `${head}: ${METRICS[metric].name} ${formatValue(metric, row.truthful)} treated as its own group vs ${formatValue(metric, row.misreported)} as ${row.reportedAs} (${evidence(metric, row)})`;
}

function capitalized(text: string): string {
  return text[0].toUpperCase() + text.slice(1);
}

function evidence(metric: MetricId, row: RationalityRow | EnvyRow): string {
  const p = formatP(row.pHarm);
  return `gain ${formatGain(metric, row.gain)}${p ? `, p${p.startsWith('<') ? '' : '='}${p}` : ''}`;
}

function verdictWords(verdict: RationalityRow['verdict']): string {
  return verdict === 'none' ? 'not significant' : verdict;
}
