/**
 * The answers of the "Audit Dataset…" picks: what the spec written from them holds, and what the picks
 * preselect next time (the last answers for the same file, else what its spec already says). Pure: no `vscode`.
 */
import type { AuditSpec, GroupSpec } from '../core/audit/audit-spec';
import type { ColumnProfile } from '../core/data/column-profile';
import type { MetricId } from '../core/audit/metrics/metric';
import { TECHNIQUES, type Technique } from '../core/learn/technique';
import { METRIC_IDS } from '../core/audit/metrics/metric';
import { isSplitLike } from './column-roles';

export interface PickAnswers {
  readonly label: string;
  readonly groups: readonly GroupSpec[];
  /** The train/test column used as the split; null for the engine's random split. */
  readonly splitColumn: string | null;
  readonly technique: Technique;
  readonly metric: MetricId;
}

/** The answers as an audit spec for `dataFileName` (relative to the spec, which sits beside it). */
export function specFromAnswers(dataFileName: string, answers: PickAnswers, profiles: readonly ColumnProfile[]): AuditSpec {
  const groupNames = new Set(answers.groups.map((g) => (typeof g === 'string' ? g : g.column)));
  // The engine's default features are "every other column", which would include a split-like column the user
  // did not choose as the split: name the features then, so it never is one.
  const splitLike = profiles.filter((p) => isSplitLike(p) && p.name !== answers.splitColumn);
  const features = splitLike.length
    ? profiles
        .map((p) => p.name)
        .filter((name) => name !== answers.label && name !== answers.splitColumn && !groupNames.has(name) && !splitLike.some((s) => s.name === name))
    : undefined;
  return {
    data: dataFileName,
    label: answers.label,
    groups: answers.groups,
    ...(answers.splitColumn === null ? {} : { splitColumn: answers.splitColumn }),
    ...(features ? { features } : {}),
    technique: answers.technique,
    metric: answers.metric,
  };
}

/**
 * What a spec says, as answers to preselect; undefined for anything that is not a spec of the picks' shape.
 */
export function answersFromSpec(value: unknown): Partial<PickAnswers> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  const answers: { -readonly [K in keyof PickAnswers]?: PickAnswers[K] } = {};
  if (typeof v.label === 'string') answers.label = v.label;
  if (Array.isArray(v.groups) && v.groups.every(isGroupSpec)) answers.groups = v.groups;
  if (typeof v.splitColumn === 'string') answers.splitColumn = v.splitColumn;
  else if (v.splitColumn === null || (typeof v.label === 'string' && v.splitColumn === undefined)) answers.splitColumn = null;
  if (typeof v.technique === 'string' && (TECHNIQUES as readonly string[]).includes(v.technique)) answers.technique = v.technique as Technique;
  if (typeof v.metric === 'string' && (METRIC_IDS as readonly string[]).includes(v.metric)) answers.metric = v.metric as MetricId;
  return answers;
}

function isGroupSpec(value: unknown): value is GroupSpec {
  if (typeof value === 'string') return true;
  if (typeof value !== 'object' || value === null) return false;
  const g = value as Record<string, unknown>;
  return typeof g.column === 'string' && Array.isArray(g.buckets) && g.buckets.every((b) => typeof b === 'number' && Number.isFinite(b));
}

/** The column a group answer names. */
export function groupColumn(group: GroupSpec): string {
  return typeof group === 'string' ? group : group.column;
}

/** The remembered cut points of a bucketed column, as the cut-point box shows them ("30, 60"). */
export function rememberedCuts(groups: readonly GroupSpec[] | undefined, column: string): string | undefined {
  const found = groups?.find((g) => typeof g !== 'string' && g.column === column);
  return found && typeof found !== 'string' ? found.buckets.join(', ') : undefined;
}
