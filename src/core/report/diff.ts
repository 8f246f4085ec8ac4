/**
 * Two audits of the same data compared finding by finding: which violations are new, which were resolved, which
 * persist, and which other verdicts moved (a gain lost, a group no longer testable). A CI gate fails on what got
 * worse, not on every known issue. Pure: the front ends read the files and render the result.
 */
import { AuditInputError } from '../errors';
import { METRIC_IDS, type MetricId } from '../audit/metrics/metric';
import type { AuditReport, Verdict } from './report';

export type ChangeStatus = 'new' | 'resolved' | 'persisting' | 'changed';

/** One finding (a rationality row, or an envy pair) whose verdict is a violation on either side, or that moved. */
export interface FindingChange {
  readonly status: ChangeStatus;
  readonly metric: MetricId;
  readonly kind: 'rationality' | 'envy';
  readonly group: string;
  /** Envy findings: the group whose predictions `group` is compared with. */
  readonly reportedAs?: string;
  readonly old: { readonly verdict: Verdict; readonly gain: number | null };
  readonly new: { readonly verdict: Verdict; readonly gain: number | null };
}

export interface SettingChange {
  readonly setting: string;
  readonly old: unknown;
  readonly new: unknown;
}

export interface ReportDiff {
  /** The metric that decides the gate: the reports' settings.metric (equal in both). */
  readonly metric: MetricId;
  /** Settings that differ without making the audits incomparable (technique, model, C, seed, …). */
  readonly settingsChanged: readonly SettingChange[];
  /** Metrics in only one of the reports (left out of the comparison). */
  readonly metricsSkipped: readonly MetricId[];
  /** In metric order, then rationality before envy, then the report's row order. */
  readonly changes: readonly FindingChange[];
  /** True when NEW has a violation of the decisive metric that OLD did not: the gate fails. */
  readonly hasNewViolation: boolean;
}

/**
 * Checks that a parsed JSON value is an audit report this version can compare (schemaVersion 1, with the
 * sections a diff reads), and names the file in the message when it is not.
 *
 * @param name how the user named the file, for messages
 */
export function readReport(value: unknown, name: string): AuditReport {
  const fix = 'Give a JSON report written by `fairuse audit --json` (or the editor\'s Export Report).';
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new AuditInputError('BAD_REPORT', `${name} is not an audit report (not a JSON object).`, fix);
  const report = value as Partial<Record<keyof AuditReport, unknown>>;
  if (report.schemaVersion !== 1) {
    throw new AuditInputError('BAD_REPORT', `${name} is a report of schema version ${JSON.stringify(report.schemaVersion ?? null)}; this fairuse reads version 1.`, 'Re-run the audit of that version with this fairuse, then compare.');
  }
  const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  const missing = (['dataset', 'settings', 'metrics'] as const).find((key) => !isObject(report[key])) ?? (Array.isArray(report.groups) ? undefined : 'groups');
  if (missing) throw new AuditInputError('BAD_REPORT', `${name} has no "${missing}" section: it is not a complete audit report.`, fix);
  const metrics = report.metrics as Record<string, unknown>;
  for (const [id, section] of Object.entries(metrics)) {
    const s = section as { rationality?: unknown; envy?: unknown } | null;
    if (!isObject(s) || !Array.isArray(s!.rationality) || !Array.isArray(s!.envy)) {
      throw new AuditInputError('BAD_REPORT', `${name}: metrics.${id} has no rationality and envy rows: it is not a complete audit report.`, fix);
    }
  }
  return value as AuditReport;
}

/**
 * Compares OLD and NEW. Throws INCOMPARABLE_REPORTS, naming the difference, when they audited different data
 * (SHA-256, label, positive class, group attributes or groups) or decide violations differently (metric, α,
 * correction): a "new" violation would then say nothing about the model.
 */
export function diffReports(old: AuditReport, next: AuditReport): ReportDiff {
  checkComparable(old, next);
  const metric = next.settings.metric;
  const changes: FindingChange[] = [];
  const shared = METRIC_IDS.filter((id) => old.metrics[id] && next.metrics[id]);
  const metricsSkipped = METRIC_IDS.filter((id) => !shared.includes(id) && (old.metrics[id] || next.metrics[id]));
  for (const id of shared) {
    const before = old.metrics[id]!;
    const after = next.metrics[id]!;
    const oldRationality = new Map(before.rationality.map((r) => [r.group, r]));
    for (const row of after.rationality) {
      const was = oldRationality.get(row.group);
      if (was) push(changes, { metric: id, kind: 'rationality', group: row.group }, was, row);
    }
    const oldEnvy = new Map(before.envy.map((r) => [pairKey(r.group, r.reportedAs), r]));
    for (const row of after.envy) {
      const was = oldEnvy.get(pairKey(row.group, row.reportedAs));
      if (was) push(changes, { metric: id, kind: 'envy', group: row.group, reportedAs: row.reportedAs }, was, row);
    }
  }
  return {
    metric,
    settingsChanged: settingChanges(old, next),
    metricsSkipped,
    changes,
    hasNewViolation: changes.some((c) => c.status === 'new' && c.metric === metric),
  };
}

type Row = { readonly verdict: Verdict; readonly gain: number | null };

function push(changes: FindingChange[], where: Pick<FindingChange, 'metric' | 'kind' | 'group' | 'reportedAs'>, was: Row, now: Row): void {
  const status = statusOf(was.verdict, now.verdict);
  if (status === undefined) return;
  changes.push({ status, ...where, old: { verdict: was.verdict, gain: was.gain }, new: { verdict: now.verdict, gain: now.gain } });
}

function statusOf(was: Verdict, now: Verdict): ChangeStatus | undefined {
  if (was === 'violation' && now === 'violation') return 'persisting';
  if (now === 'violation') return 'new';
  if (was === 'violation') return 'resolved';
  return was === now ? undefined : 'changed';
}

function pairKey(group: string, reportedAs: string): string {
  return JSON.stringify([group, reportedAs]);
}

/**
 * Before an audit against a baseline (`--baseline`): the data, label and groups it will audit must be the baseline's,
 * or the comparison is refused only after minutes of work. What is not known yet (the label of a model file, say) is
 * checked after the audit, by diffReports.
 *
 * @throws AuditInputError INCOMPARABLE_REPORTS naming what differs
 */
export function checkBaselineFits(
  baseline: AuditReport,
  audit: { readonly sha256?: string; readonly label?: string; readonly groupAttributes?: readonly string[] },
): void {
  const refuse = (what: string, old: string, now: string): never => {
    throw new AuditInputError(
      'INCOMPARABLE_REPORTS',
      `The baseline report audited other ${what} (${old}) than this audit (${now}), so the two cannot be compared; nothing was audited.`,
      'Give a baseline report of the same data, label and groups (written by fairuse audit --json), or leave out --baseline.',
    );
  };
  const { sha256, label, groupAttributes } = baseline.dataset;
  if (sha256 !== undefined && audit.sha256 !== undefined && sha256 !== audit.sha256) {
    refuse('data', `SHA-256 ${sha256.slice(0, 12)}…`, `SHA-256 ${audit.sha256.slice(0, 12)}…`);
  }
  if (audit.label !== undefined && audit.label !== label) refuse('label', show(label), show(audit.label));
  if (audit.groupAttributes !== undefined && !sameList(audit.groupAttributes, groupAttributes)) {
    refuse('group attributes', groupAttributes.join(', '), audit.groupAttributes.join(', '));
  }
}

function checkComparable(old: AuditReport, next: AuditReport): void {
  const fix = 'Compare audits of the same data, groups, metric, α and correction.';
  const differ = (what: string, a: unknown, b: unknown): never => {
    throw new AuditInputError('INCOMPARABLE_REPORTS', `The reports audited different ${what}: ${show(a)} in OLD, ${show(b)} in NEW.`, fix);
  };
  const a = old.dataset;
  const b = next.dataset;
  if (a.sha256 !== undefined && b.sha256 !== undefined && a.sha256 !== b.sha256) differ('data (SHA-256)', a.sha256.slice(0, 12), b.sha256.slice(0, 12));
  if (a.rows !== b.rows) differ('data (rows)', a.rows, b.rows);
  if (a.label !== b.label) differ('labels', a.label, b.label);
  if ((a.task ?? 'classification') !== (b.task ?? 'classification')) differ('tasks', a.task, b.task);
  if (a.positive !== b.positive) differ('positive classes', a.positive, b.positive);
  if (!sameList(a.groupAttributes, b.groupAttributes)) differ('group attributes', a.groupAttributes.join(', '), b.groupAttributes.join(', '));
  const oldGroups = old.groups.map((g) => g.id);
  const newGroups = next.groups.map((g) => g.id);
  if (!sameList([...oldGroups].sort(), [...newGroups].sort())) {
    const onlyOld = oldGroups.filter((g) => !newGroups.includes(g));
    const onlyNew = newGroups.filter((g) => !oldGroups.includes(g));
    throw new AuditInputError(
      'INCOMPARABLE_REPORTS',
      `The reports audited different groups: ${[...onlyOld.map((g) => `${g} only in OLD`), ...onlyNew.map((g) => `${g} only in NEW`)].join('; ')}.`,
      fix,
    );
  }
  for (const setting of ['metric', 'alpha', 'correction'] as const) {
    if (old.settings[setting] !== next.settings[setting]) differ(`settings (${setting})`, old.settings[setting], next.settings[setting]);
  }
}

/** Settings that change the model or the noise, not what a violation means: reported beside the diff. */
const MODEL_SETTINGS = ['technique', 'model', 'C', 'threshold', 'seed', 'bootstrap', 'testSize', 'splitColumn', 'minGroupSize'] as const;

function settingChanges(old: AuditReport, next: AuditReport): SettingChange[] {
  const changed: SettingChange[] = MODEL_SETTINGS.filter((s) => old.settings[s] !== next.settings[s]).map((s) => ({
    setting: s,
    old: old.settings[s] ?? null,
    new: next.settings[s] ?? null,
  }));
  const assign = (r: AuditReport) => JSON.stringify(r.settings.assign ?? {});
  if (assign(old) !== assign(next)) changed.push({ setting: 'assign', old: old.settings.assign ?? {}, new: next.settings.assign ?? {} });
  const source = (r: AuditReport) => (r.model ? `${r.model.source} ${r.model.path} (SHA-256 ${r.model.sha256.slice(0, 12)})` : 'trained by fairuse');
  if (source(old) !== source(next)) changed.push({ setting: 'personalized model', old: source(old), new: source(next) });
  return changed;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? null);
}
