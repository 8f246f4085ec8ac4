/**
 * The audit report (SPEC §8, schemaVersion 1): the single object every view renders — CLI text, JSON,
 * Markdown, the Problems panel and the webview. Names here are a public interface.
 */
import type { Correction } from './stats/correction';
import type { MetricId } from './metrics/metric';
import type { Technique } from './technique';

export type Verdict = 'gain' | 'violation' | 'none' | 'untested';

/** Which test produced a row's p-values. */
export type TestKind = 'mcnemar' | 'bootstrap';

export interface GroupReport {
  readonly id: string;
  readonly values: Readonly<Record<string, string>>;
  readonly nTrain: number;
  readonly nTest: number;
  /** Fraction of the group's rows (train and test) with the positive label. */
  readonly positiveRate: number;
}

export interface GainTest {
  /** Point gain on the test rows; positive = the group is better off. Null when undefined. */
  readonly gain: number | null;
  /** Percentile bootstrap interval at level 1 − α. */
  readonly ci: readonly [number, number] | null;
  /** Corrected one-sided p-values (SPEC §5). */
  readonly pHarm: number | null;
  readonly pGain: number | null;
  readonly verdict: Verdict;
  readonly test: TestKind | null;
}

export interface RationalityRow extends GainTest {
  readonly group: string;
  /** The metric of h0 on the group's test rows. */
  readonly generic: number | null;
  /** The metric of h(·, g) on the group's test rows. */
  readonly personalized: number | null;
}

export interface EnvyRow extends GainTest {
  readonly group: string;
  readonly reportedAs: string;
  /** The metric of h(·, g) on g's rows. */
  readonly truthful: number | null;
  /** The metric of h(·, g′) on g's rows. */
  readonly misreported: number | null;
}

export interface MetricSummary {
  readonly bestGain: number | null;
  readonly worstGain: number | null;
  readonly rationalityGains: number;
  readonly rationalityViolations: number;
  readonly envyGains: number;
  readonly envyViolations: number;
}

export interface MetricReport {
  readonly overall: { readonly generic: number | null; readonly personalized: number | null; readonly gain: number | null };
  readonly rationality: readonly RationalityRow[];
  readonly envy: readonly EnvyRow[];
  readonly summary: MetricSummary;
}

export interface DatasetReport {
  readonly path: string;
  readonly rows: number;
  readonly droppedRows: number;
  readonly label: string;
  readonly positive: string;
  readonly groupAttributes: readonly string[];
  readonly features: readonly string[];
}

export interface SettingsReport {
  readonly technique: Technique;
  readonly model: 'lr';
  /** The inverse penalty; the string "Infinity" for no penalty, since JSON has no infinity. */
  readonly C: number | 'Infinity';
  readonly seed: number;
  readonly bootstrap: number;
  readonly alpha: number;
  readonly correction: Correction;
  readonly testSize?: number;
  readonly splitColumn?: string;
  readonly threshold: number;
  readonly minGroupSize: number;
  /** The metric whose violations decide the exit status and the diagnostics. */
  readonly metric: MetricId;
}

export interface AuditReport {
  readonly schemaVersion: 1;
  readonly dataset: DatasetReport;
  readonly settings: SettingsReport;
  readonly groups: readonly GroupReport[];
  readonly metrics: Readonly<Partial<Record<MetricId, MetricReport>>>;
  readonly warnings: readonly string[];
}

/** True when the report's decisive metric shows at least one significant violation (exit status 1). */
export function hasViolation(report: AuditReport): boolean {
  const metric = report.metrics[report.settings.metric];
  if (!metric) return false;
  return metric.summary.rationalityViolations + metric.summary.envyViolations > 0;
}
