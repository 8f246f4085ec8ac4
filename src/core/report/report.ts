/**
 * The audit report (SPEC §8, schemaVersion 1): the single object every view renders — CLI text, JSON,
 * Markdown, the Problems panel and the webview. Names here are a public interface.
 */
import type { Correction } from '../audit/stats/correction';
import type { MetricId } from '../audit/metrics/metric';
import type { Task } from '../data/task';
import type { Technique } from '../learn/technique';
import type { ExplainedRow } from '../learn/explain/examples';

export type Verdict = 'gain' | 'violation' | 'none' | 'untested';

/** Which test produced a row's p-values. */
export type TestKind = 'mcnemar' | 'bootstrap';

export interface GroupReport {
  readonly id: string;
  readonly values: Readonly<Record<string, string>>;
  readonly nTrain: number;
  readonly nTest: number;
  /** Fraction of the group's rows (train and test) with the positive label; null for regression. */
  readonly positiveRate: number | null;
  /** Regression: the mean label over the group's rows (train and test), in the label's unit. */
  readonly labelMean?: number;
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
  /**
   * Bootstrap resamples on which the metric was undefined (AUC on a resample that drew one class), left out of
   * the interval and the p-value (SPEC §5). Absent when there were none.
   */
  readonly undefinedResamples?: number;
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
  /** In the MSE section of a regression: the same comparison as R², which reads without the label's unit. */
  readonly r2?: RSquaredReport;
}

/** R² = 1 − MSE / Var(y), Var(y) over the same test rows (scikit-learn's r2_score); null where Var(y) = 0. */
export interface RSquaredValues {
  readonly generic: number | null;
  readonly personalized: number | null;
  /** R²(h(·, g)) − R²(h0): the MSE gain divided by the rows' label variance (positive = better off). */
  readonly gain: number | null;
}

/** R² overall and per group (in the order of the report's groups), descriptive: the MSE rows carry the tests. */
export interface RSquaredReport {
  readonly overall: RSquaredValues;
  readonly groups: ReadonlyArray<RSquaredValues & { readonly group: string }>;
}

export interface DatasetReport {
  readonly path: string;
  /** SHA-256 of the data file's bytes (absent in reports made before it was recorded). */
  readonly sha256?: string;
  readonly rows: number;
  readonly droppedRows: number;
  readonly label: string;
  /** `classification` for a binary label, `regression` for a numeric one; absent in reports made before regression. */
  readonly task?: Task;
  /** The label value that means positive; null for regression. */
  readonly positive: string | null;
  readonly groupAttributes: readonly string[];
  readonly features: readonly string[];
}

/** Where a setting's value came from, from the weakest to the strongest (audit/option-layers.ts stacks them). */
export type OptionSource = 'settings' | 'model file' | 'spec' | 'command line';

export interface SettingsReport {
  readonly technique: Technique;
  /** The model class of h0 and h (for a model file: of h0). */
  readonly model: 'lr' | 'rf' | 'nn';
  /** The inverse penalty; the string "Infinity" for no penalty, since JSON has no infinity. */
  readonly C: number | 'Infinity';
  readonly seed: number;
  /** B, the bootstrap resamples per group. */
  readonly bootstrap: number;
  /**
   * How each group's test rows are resampled: "group" = with replacement from the group as a whole (SPEC §5 as
   * corrected). Reports without it were written by the label-stratified resampler, whose verdicts can differ.
   */
  readonly resampling: 'group';
  readonly alpha: number;
  readonly correction: Correction;
  readonly testSize?: number;
  readonly splitColumn?: string;
  readonly threshold: number;
  readonly minGroupSize: number;
  /** The metric whose violations decide the exit status and the diagnostics. */
  readonly metric: MetricId;
  /** Groups served by h0 or their decoupled model instead of h (the audit spec's "assign"). */
  readonly assign?: Readonly<Record<string, 'generic' | 'decoupled'>>;
  /**
   * Where the settings not left at their defaults came from: "settings" (the editor's), "model file", "spec" or
   * "command line", by setting name (the model class is "model"). Absent when every setting is a default or the
   * audit did not record it.
   */
  readonly sources?: Readonly<Record<string, OptionSource>>;
}

/** Where the personalized model's predictions came from, when the engine did not train it in this audit. */
export type ModelSource = 'json' | 'onnx' | 'predictions';

/** The model file an audit read (absent when the engine trained the personalized model itself). */
export interface ModelReport {
  /** `json`: the engine's model file; `onnx`: an ONNX model; `predictions`: a predictions CSV (h0 from the file too). */
  readonly source: ModelSource;
  readonly path: string;
  /** SHA-256 of the model file's bytes. */
  readonly sha256: string;
  /** The personalized model's technique (json only; settings.technique repeats it). */
  readonly technique?: Technique;
  /** The model's input columns, in order (onnx). */
  readonly inputs?: readonly string[];
  /** The output read as the probability (onnx). */
  readonly output?: string;
  /** The data the model says it was trained on (json). */
  readonly trainedOn?: { readonly path: string; readonly sha256: string };
  /** True when every row of the audited data is a test row: an audit on new data, with h0 trained on other data. */
  readonly newData: boolean;
}

/** One side of the comparison: a group's risks and gain on one dataset (the rationality row without p-values). */
export interface GainOnData {
  readonly nTest: number;
  readonly generic: number | null;
  readonly personalized: number | null;
  readonly gain: number | null;
  readonly ci: readonly [number, number] | null;
  readonly verdict: Verdict;
}

export interface ComparisonRow {
  readonly group: string;
  /** Null when the group has no rows on that side. */
  readonly trainingData: GainOnData | null;
  readonly newData: GainOnData | null;
}

/**
 * Gains on the training data beside gains on the new data (paper 1, Figures 6 and 7): a gain that holds in
 * training and not in deployment is a generalisation or dataset-shift failure.
 */
export interface DataComparison {
  /** The training data: h0 was trained on its training rows, and both models are scored on them. */
  readonly trainingData: { readonly path: string; readonly sha256: string; readonly rows: number };
  readonly metrics: Readonly<Partial<Record<MetricId, {
    readonly overall: { readonly trainingData: MetricReport['overall']; readonly newData: MetricReport['overall'] };
    readonly rationality: readonly ComparisonRow[];
  }>>>;
}

export interface AuditReport {
  readonly schemaVersion: 1;
  readonly dataset: DatasetReport;
  readonly settings: SettingsReport;
  readonly groups: readonly GroupReport[];
  readonly metrics: Readonly<Partial<Record<MetricId, MetricReport>>>;
  readonly warnings: readonly string[];
  /** Present when the audit read a model file instead of training the personalized model. */
  readonly model?: ModelReport;
  /** Present for an audit on new data given its training data (--train-data). */
  readonly comparison?: DataComparison;
  /** How much the audited data can validate (SPEC §7). */
  readonly limits?: LimitsReport;
  /** The assembled models of SPEC §6, when asked for (--intervene). */
  readonly interventions?: InterventionsReport;
  /** How the explanation metrics (SPEC §9) were computed, or why there are none; absent with --no-explanations. */
  readonly explanations?: ExplanationsReport;
}

/** SPEC §9: the attribution method and r of metrics.sufficiency and metrics.comprehensiveness. */
export interface ExplanationsReport {
  /** `linear-exact` for the engine's linear models; null when the model could not be explained. */
  readonly method: string | null;
  /** The method in words, for the views. */
  readonly description?: string;
  /** r: the share of each model's inputs an explanation keeps (⌈r·d⌉ of d). */
  readonly fraction: number;
  /** Why there are no explanation metrics (a predictions file, a model class without attributions). */
  readonly unavailable?: string;
  /**
   * For a row-level view: the first test row of every group, its top inputs by |a_j| under h0 and under h as its
   * own group. Engine models only, and only when every group is served by h (no --assign).
   */
  readonly examples?: readonly ExplainedRow[];
}

/** SPEC §7 for the audited test rows: can a gain of ε be told from noise with these group sizes? */
export interface LimitsReport {
  /** The smallest gain worth detecting (default 0.01). */
  readonly epsilon: number;
  /** Intersectional groups d and the binary attributes they amount to (log₂ d). */
  readonly groups: number;
  readonly attributes: number;
  /** Test rows over all groups. */
  readonly n: number;
  /** Lower bound on the probability of error of any test of "every group gains ≥ ε", at the groups' test sizes. */
  readonly errorProbabilityBound: number;
  /** The most binary attributes n test rows in equal groups can validate at P_e = ½. */
  readonly maxAttributes: number;
  /** The smallest equal group size at which the bound falls to ½ for this many groups. */
  readonly minGroupSize: number;
  /** True when the groups are more than n can validate (attributes > maxAttributes, or bound > ½). */
  readonly tooManyGroups: boolean;
  /**
   * Regression: ε was not given and is this share of h0's overall risk of the decisive metric (0.01), so it is in
   * the metric's unit; absent when the user gave ε, and for classification.
   */
  readonly epsilonShareOfGenericRisk?: number;
  /** Regression: the pooled within-group standard deviation of the per-person gain, in k_max and minGroupSize. */
  readonly sigma?: number;
  /** Regression: σ_j per group (report.groups order), null for fewer than 2 test rows (the pooled σ stands in). */
  readonly groupSigmas?: ReadonlyArray<number | null>;
  /**
   * The same bound for each explanation metric (SPEC §9) the audit computed, in the Gaussian form (σ of the
   * per-person gain in sufficiency or comprehensiveness), ε 1% of h0's value of the metric unless given for it.
   */
  readonly explanations?: Readonly<Partial<Record<'sufficiency' | 'comprehensiveness', LimitsReport>>>;
}

/** Which model serves a group in an assembled model. */
export type Assignment = 'personalized' | 'generic' | 'decoupled';

export interface InterventionGroupRow {
  readonly group: string;
  readonly assigned: Assignment;
  readonly before: { readonly gain: number | null; readonly verdict: Verdict };
  readonly after: { readonly gain: number | null; readonly verdict: Verdict };
}

export interface Intervention {
  /**
   * `generic`: violating groups get h0; `decoupled`: they get their decoupled model; `selected`: each group gets the
   * best of the three on a validation split.
   */
  readonly kind: 'generic' | 'decoupled' | 'selected';
  readonly description: string;
  readonly groups: readonly InterventionGroupRow[];
  /** Violations (of the decisive metric) the intervention removes, and those it introduces: "rationality: G" or "envy: G → G′". */
  readonly resolved: readonly string[];
  readonly created: readonly string[];
  readonly overall: { readonly before: number | null; readonly after: number | null };
  /** The report's metric sections as if the assembled model were the personalized one. */
  readonly metrics: Readonly<Partial<Record<MetricId, MetricReport>>>;
}

export interface InterventionsReport {
  /** The decisive metric the violations and choices are about. */
  readonly metric: MetricId;
  readonly items: readonly Intervention[];
  /** Data minimization (paper 1 §4.2): tested groups with no significant rationality gain, and the attribute values nobody needs to report. */
  readonly minimization: {
    readonly groupsWithoutGain: readonly string[];
    /** Attribute → values whose every group gains nothing significant: candidates not to collect, to review (no significant gain is not proof of no gain). */
    readonly valuesNotNeeded: Readonly<Record<string, readonly string[]>>;
  };
}

/** The task of a report: its dataset's, or classification for a report made before regression existed. */
export function reportTask(report: Pick<AuditReport, 'dataset'>): Task {
  return report.dataset.task ?? 'classification';
}

/** True when the report's decisive metric shows at least one significant violation (exit status 1). */
export function hasViolation(report: AuditReport): boolean {
  const metric = report.metrics[report.settings.metric];
  if (!metric) return false;
  return metric.summary.rationalityViolations + metric.summary.envyViolations > 0;
}
