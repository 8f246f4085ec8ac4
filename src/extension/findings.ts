/**
 * What the Problems panel says about a report: one finding per significant violation (error) and, when
 * wanted, per negative but non-significant gain (warning), for the report's decisive metric; and one
 * information finding, the headline, when the audit is inconclusive. Pure, so the
 * wording is unit-tested; `diagnostics.ts` turns findings into VS Code diagnostics.
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
  const table = report.metrics[metric];
  if (!table) return [];
  const severityOf = (row: RationalityRow | EnvyRow): FindingSeverity | undefined => {
    if (row.verdict === 'violation') return 'error';
    if (options.showWarnings && row.verdict === 'none' && row.gain !== null && row.gain < 0) return 'warning';
    return undefined;
  };

  const findings: Finding[] = [];
  for (const row of table.rationality) {
    const severity = severityOf(row);
    if (!severity) continue;
    const related = table.envy
      .filter((e) => e.group === row.group && severityOf(e) !== undefined)
      .map((e) => ({ group: e.reportedAs, message: envyMessage(metric, e, severityOf(e)!) }));
    findings.push({ severity, kind: 'rationality', metric, group: row.group, message: rationalityMessage(metric, row, severity), related });
  }
  for (const row of table.envy) {
    const severity = severityOf(row);
    if (!severity) continue;
    const own = table.rationality.find((r) => r.group === row.group);
    const related = own ? [{ group: own.group, message: `Rationality gain of ${own.group}: ${formatGain(metric, own.gain)} (${verdictWords(own.verdict)})` }] : [];
    findings.push({ severity, kind: 'envy', metric, group: row.group, reportedAs: row.reportedAs, message: envyMessage(metric, row, severity), related });
  }
  // An audit that found nothing but could not have found anything says so once (report/headline.ts).
  const headline = headlineOf(report, metric);
  if (headline.state === 'inconclusive') {
    findings.push({ severity: 'information', kind: 'inconclusive', metric, group: '', message: headline.sentence, related: [] });
  }
  return findings;
}

/**
 * e.g. "Rationality violation for Sex=Female, Age=Old (worse off when the model uses group attributes): error rate
 * 21.9% with them vs 19.3% without (gain -2.6%, p=0.030)". The term of the method comes first, so a reader can
 * look it up (docs/glossary.md), and its plain meaning beside it.
 */
export function rationalityMessage(metric: MetricId, row: RationalityRow, severity: FindingSeverity): string {
  const head = severity === 'error' ? `Rationality violation for ${row.group}` : `Negative rationality gain for ${row.group} (not significant)`;
  const plain = severity === 'error' ? ' (worse off when the model uses group attributes)' : '';
  return `${head}${plain}: ${METRICS[metric].name} ${formatValue(metric, row.personalized)} with them vs ${formatValue(metric, row.generic)} without (${evidence(metric, row)})`;
}

/**
 * e.g. "Envy violation for A (better off treated as B): error rate 30.0% treated as its own group vs 20.0% as B
 * (gain -10.0%, p=0.010)".
 */
export function envyMessage(metric: MetricId, row: EnvyRow, severity: FindingSeverity): string {
  const head = severity === 'error' ? `Envy violation for ${row.group} (better off treated as ${row.reportedAs})` : `Negative envy-freeness gain for ${row.group} (not significant)`;
  return `${head}: ${METRICS[metric].name} ${formatValue(metric, row.truthful)} treated as its own group vs ${formatValue(metric, row.misreported)} as ${row.reportedAs} (${evidence(metric, row)})`;
}

function evidence(metric: MetricId, row: RationalityRow | EnvyRow): string {
  const p = formatP(row.pHarm);
  return `gain ${formatGain(metric, row.gain)}${p ? `, p${p.startsWith('<') ? '' : '='}${p}` : ''}`;
}

function verdictWords(verdict: RationalityRow['verdict']): string {
  return verdict === 'none' ? 'not significant' : verdict;
}
