/**
 * Two audits of the same data side by side, group by group: every group's rationality gain and verdict before and
 * after, per metric, with the change in one word, and the envy findings whose verdict moved. The report panel's
 * "Compared with the previous audit" draws this; the finding-level diff (diff.ts, `fairuse diff`) decides which
 * moves count as new, resolved or persisting, so both say the same. Pure: the editor reads the reports.
 */
import type { MetricId } from '../audit/metrics/metric';
import { diffReports, type ChangeStatus, type FindingChange, type ReportDiff } from './diff';
import { metricOrder } from './render/tables';
import type { AuditReport, Verdict } from './report';

/** diff.ts's statuses, and 'unchanged' for a group whose verdict stayed what it was (its gain may have moved). */
export type GainChange = ChangeStatus | 'unchanged';

export interface GainSide {
  readonly verdict: Verdict;
  readonly gain: number | null;
}

/** One group's rationality gain in the earlier and the later audit. */
export interface GainMove {
  readonly group: string;
  readonly old: GainSide;
  readonly new: GainSide;
  readonly change: GainChange;
}

export interface MetricMoves {
  readonly metric: MetricId;
  /** Every group both audits report, in the later report's order. */
  readonly rationality: readonly GainMove[];
  /** Envy findings whose verdict is a violation on either side, or that moved (diff.ts). */
  readonly envy: readonly FindingChange[];
}

export interface GainComparison {
  /** The metric that decides the verdict in both audits. */
  readonly metric: MetricId;
  readonly settingsChanged: ReportDiff['settingsChanged'];
  readonly metricsSkipped: ReportDiff['metricsSkipped'];
  /** The later audit has a violation of the decisive metric the earlier one did not. */
  readonly hasNewViolation: boolean;
  /** The metrics both audits hold, the decisive one first (the report's order). */
  readonly metrics: readonly MetricMoves[];
}

/**
 * Compares the earlier audit `old` with the later `next`. Throws diff.ts's INCOMPARABLE_REPORTS when they audited
 * different data, groups, metric, α or correction.
 *
 * @example compareGains(old, next).metrics[0].rationality[0]
 * // => { group: 'Sex=Female, Age=Old', old: { verdict: 'violation', gain: -0.026 }, new: { verdict: 'none', gain: 0 }, change: 'resolved' }
 */
export function compareGains(old: AuditReport, next: AuditReport): GainComparison {
  const diff = diffReports(old, next);
  const rationalityChange = new Map(diff.changes.filter((c) => c.kind === 'rationality').map((c) => [`${c.metric}\u0000${c.group}`, c.status]));
  const metrics = metricOrder(next)
    .filter((metric) => old.metrics[metric] !== undefined)
    .map((metric): MetricMoves => {
      const before = new Map(old.metrics[metric]!.rationality.map((r) => [r.group, r]));
      const rationality = next.metrics[metric]!.rationality.flatMap((row): GainMove[] => {
        const was = before.get(row.group);
        if (!was) return [];
        return [{
          group: row.group,
          old: { verdict: was.verdict, gain: was.gain },
          new: { verdict: row.verdict, gain: row.gain },
          change: rationalityChange.get(`${metric}\u0000${row.group}`) ?? 'unchanged',
        }];
      });
      return { metric, rationality, envy: diff.changes.filter((c) => c.kind === 'envy' && c.metric === metric) };
    });
  return { metric: diff.metric, settingsChanged: diff.settingsChanged, metricsSkipped: diff.metricsSkipped, hasNewViolation: diff.hasNewViolation, metrics };
}
