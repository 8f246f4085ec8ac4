/**
 * The quick picks of "Audit Dataset…", one multi-step flow with "Step k of n" and a Back button: the label
 * (the likely outcome preselected), the group attributes (numeric ones get cut points), the train/test split
 * when the data has a split column, how the personalized model uses the groups, and the measure that decides.
 * Split-like columns are never offered as label or group, and never become features. The last answers for
 * the file are preselected. Returns the answers, or undefined when the user dismisses a step.
 */
import * as vscode from 'vscode';
import type { GroupSpec } from '../core/audit/audit-spec';
import type { ColumnProfile } from '../core/data/column-profile';
import { DEFAULT_METRIC, METRICS, metricIdsFor, type MetricId } from '../core/audit/metrics';
import type { Task } from '../core/data/task';
import { TECHNIQUES, type Technique } from '../core/learn/technique';
import { isSplitColumn, isSplitLike, likelyLabel } from './column-roles';
import { groupColumn, rememberedCuts, type PickAnswers } from './pick-answers';
import { BACK, inputStep, pickStep, type StepPosition, type StepResult } from './quick-steps';

/** Text columns with at most this many values are offered first as group attributes. */
const GROUP_MAX_LEVELS = 20;
/** A numeric column with more values than this is bucketed to become a group attribute. */
const BUCKET_ABOVE_LEVELS = 10;

/** Plain words first; the short name the spec and the report use is the item's label. */
export const TECHNIQUE_HELP: Readonly<Record<Technique, string>> = {
  '1hot': 'one model; each group value is one more input, a switch (the paper\'s default)',
  all: 'one model; each combination of group values is a switch of its own',
  dcp: 'a separate model for each group (decoupled)',
};

interface ColumnItem extends vscode.QuickPickItem {
  readonly column: ColumnProfile;
}

export interface PickDefaults {
  readonly technique: Technique;
  readonly metric: MetricId;
}

/**
 * Runs the picks for a dataset.
 *
 * @param remembered the last answers for this file (or what its spec says), preselected where they still fit
 */
export async function pickAuditAnswers(
  dataFileName: string,
  profiles: readonly ColumnProfile[],
  defaults: PickDefaults,
  remembered: Partial<PickAnswers> = {},
): Promise<PickAnswers | undefined> {
  const splitColumns = profiles.filter(isSplitColumn);
  const roleColumns = profiles.filter((p) => !isSplitLike(p));
  const steps = splitColumns.length ? 5 : 4;
  const at = (step: number): StepPosition => ({ step, steps });
  let label: ColumnProfile | undefined;
  let groups: GroupSpec[] | undefined;
  let splitColumn: string | null = null;
  let technique: Technique | undefined;
  let step = 1;
  for (;;) {
    if (step === 1) {
      const picked = await pickLabel(dataFileName, roleColumns, { position: at(1), remembered: label?.name ?? remembered.label });
      if (picked === undefined) return undefined;
      if (picked === BACK) continue;
      label = picked;
      step = 2;
    } else if (step === 2) {
      const candidates = roleColumns.filter((p) => p.name !== label!.name);
      const picked = await pickGroups(dataFileName, candidates, { position: at(2), remembered: groups ?? remembered.groups });
      if (picked === undefined) return undefined;
      if (picked === BACK) {
        step = 1;
        continue;
      }
      groups = picked;
      step = 3;
    } else if (step === 3 && splitColumns.length) {
      const previous = remembered.splitColumn === undefined ? splitColumns[0].name : remembered.splitColumn;
      const picked = await pickSplit(dataFileName, splitColumns, at(3), previous);
      if (picked === undefined) return undefined;
      if (picked === BACK) {
        step = 2;
        continue;
      }
      splitColumn = picked.column;
      remembered = { ...remembered, splitColumn };
      step = 4;
    } else if (step === steps - 1) {
      const picked = await pickOne(`Audit ${dataFileName}: how the personalized model uses the groups (technique)`, at(step), TECHNIQUES, technique ?? remembered.technique ?? defaults.technique, (t) => TECHNIQUE_HELP[t]);
      if (picked === undefined) return undefined;
      if (picked === BACK) {
        step--;
        continue;
      }
      technique = picked;
      step++;
    } else {
      // A numeric label with more than two values is audited as a regression (SPEC §1), with its own metrics.
      const task: Task = label!.isBinary ? 'classification' : 'regression';
      const metrics = metricIdsFor(task);
      const wanted = remembered.metric ?? defaults.metric;
      const picked = await pickOne(`Audit ${dataFileName}: the metric that decides violations (all are reported)`, at(step), metrics, metrics.includes(wanted) ? wanted : DEFAULT_METRIC[task], (m) => METRICS[m].name);
      if (picked === undefined) return undefined;
      if (picked === BACK) {
        step--;
        continue;
      }
      return { label: label!.name, groups: groups!, splitColumn, technique: technique!, metric: picked };
    }
  }
}

interface StepOptions {
  readonly position?: StepPosition;
  readonly remembered?: unknown;
}

/**
 * The label pick: binary columns first, then numeric ones (a regression), then the rest; split-like columns
 * are left out. Preselects the remembered label, else the likely outcome (column-roles.ts).
 */
export async function pickLabel(
  dataFileName: string,
  profiles: readonly ColumnProfile[],
  options: StepOptions & { remembered?: string } = {},
): Promise<StepResult<ColumnProfile>> {
  const candidates = profiles.filter((p) => !isSplitLike(p));
  const binary = candidates.filter((p) => p.isBinary);
  const numeric = candidates.filter((p) => !p.isBinary && p.kind === 'numeric' && p.distinct > 2);
  const other = candidates.filter((p) => !binary.includes(p) && !numeric.includes(p));
  const items: Array<ColumnItem | vscode.QuickPickItem> = [
    { label: 'Two values (yes/no outcome)', kind: vscode.QuickPickItemKind.Separator },
    ...binary.map((column) => columnItem(column)),
    ...(numeric.length ? [{ label: 'Numbers (audited as a regression: squared and absolute error)', kind: vscode.QuickPickItemKind.Separator }] : []),
    ...numeric.map((column) => columnItem(column)),
    ...(other.length ? [{ label: 'Other columns (a label needs two values, or numbers)', kind: vscode.QuickPickItemKind.Separator }] : []),
    ...other.map((column) => columnItem(column)),
  ];
  const preferred = candidates.find((p) => p.name === options.remembered) ?? likelyLabel(candidates);
  const picked = await pickStep({
    title: `Audit ${dataFileName}: the label`,
    position: options.position,
    placeholder: 'Which column is the outcome the model predicts?',
    items,
    preselect: items.filter((i) => 'column' in i && i.column === preferred),
  });
  if (picked === undefined || picked === BACK) return picked;
  const item = picked[0];
  return item && 'column' in item ? (item as ColumnItem).column : undefined;
}

/** The group attribute pick (several); a numeric column asks for its cut points. Preselects the remembered groups. */
export async function pickGroups(
  dataFileName: string,
  profiles: readonly ColumnProfile[],
  options: StepOptions & { remembered?: readonly GroupSpec[] } = {},
): Promise<StepResult<GroupSpec[]>> {
  const candidates = profiles.filter((p) => !isSplitLike(p));
  const isLikelyGroup = (p: ColumnProfile) => p.distinct >= 2 && p.distinct <= GROUP_MAX_LEVELS && (p.kind === 'categorical' || p.distinct <= BUCKET_ABOVE_LEVELS);
  const likely = candidates.filter(isLikelyGroup);
  const numeric = candidates.filter((p) => !isLikelyGroup(p) && p.kind === 'numeric' && p.distinct > BUCKET_ABOVE_LEVELS);
  const items: Array<ColumnItem | vscode.QuickPickItem> = [
    { label: 'Few values', kind: vscode.QuickPickItemKind.Separator },
    ...likely.map((column) => columnItem(column)),
    ...(numeric.length ? [{ label: 'Numeric: you will choose cut points (age → <30 / 30-60 / 60+)', kind: vscode.QuickPickItemKind.Separator }] : []),
    ...numeric.map((column) => columnItem(column)),
  ];
  const rememberedColumns = new Set((options.remembered ?? []).map(groupColumn));
  for (;;) {
    const picked = await pickStep({
      title: `Audit ${dataFileName}: the group attributes`,
      position: options.position,
      placeholder: 'Which columns are personal characteristics (sex, age group…)? Their combinations are the groups.',
      items,
      canPickMany: true,
      preselect: items.filter((i) => 'column' in i && rememberedColumns.has((i as ColumnItem).column.name)),
    });
    if (picked === undefined || picked === BACK) return picked;
    const columns = picked.filter((i): i is ColumnItem => 'column' in i);
    if (columns.length === 0) return undefined;
    const groups = await askBuckets(columns.map((i) => i.column), options);
    if (groups === BACK) continue;
    return groups;
  }
}

async function askBuckets(columns: readonly ColumnProfile[], options: StepOptions & { remembered?: readonly GroupSpec[] }): Promise<StepResult<GroupSpec[]>> {
  const groups: GroupSpec[] = [];
  for (const column of columns) {
    if (column.kind === 'numeric' && column.distinct > BUCKET_ABOVE_LEVELS) {
      const cuts = await askCutPoints(column, options.position, rememberedCuts(options.remembered, column.name));
      if (cuts === undefined || cuts === BACK) return cuts;
      groups.push({ column: column.name, buckets: cuts });
    } else {
      groups.push(column.name);
    }
  }
  return groups;
}

/** Cut points typed as "30, 60"; the suggestion is the remembered cuts, 30, 60 for an age-like column, else the sample's middle value. */
async function askCutPoints(column: ColumnProfile, position: StepPosition | undefined, remembered: string | undefined): Promise<StepResult<number[]>> {
  const suggestion = remembered ?? (/age/i.test(column.name) ? '30, 60' : suggestCut(column));
  const text = await inputStep({
    title: `Buckets for the numeric column ${column.name}`,
    position,
    prompt: 'Ascending cut points, comma-separated: 30, 60 makes <30, 30-60 and 60+ (a cut point belongs to the bucket above it).',
    value: suggestion,
    validate: (value) => (parseCuts(value) ? undefined : 'Type one or more numbers in increasing order, e.g. 30, 60.'),
  });
  return text === undefined || text === BACK ? text : parseCuts(text);
}

interface SplitItem extends vscode.QuickPickItem {
  readonly column: string | null;
}

/** Which rows train the models and which measure them: a train/test column of the data, or a random split. */
async function pickSplit(
  dataFileName: string,
  splitColumns: readonly ColumnProfile[],
  position: StepPosition,
  remembered: string | null,
): Promise<StepResult<SplitItem>> {
  const items: SplitItem[] = [
    ...splitColumns.map((p) => ({
      label: p.name,
      description: 'rows marked train fit the models, rows marked test measure them',
      detail: 'Never used as an input of the models.',
      column: p.name,
    })),
    { label: 'Random split', description: 'hold out a random 20% of each group for testing', detail: `${splitColumns.map((p) => p.name).join(', ')} is still never an input of the models.`, column: null },
  ];
  const picked = await pickStep({
    title: `Audit ${dataFileName}: the train/test split`,
    position,
    placeholder: 'Which rows train the models, and which test them?',
    items,
    preselect: items.filter((i) => i.column === remembered),
  });
  return picked === undefined || picked === BACK ? picked : picked[0];
}

function suggestCut(column: ColumnProfile): string {
  const values = column.sampleValues.map(Number).filter(Number.isFinite).sort((a, b) => a - b);
  return values.length ? String(values[Math.floor(values.length / 2)]) : '';
}

/** "30, 60" → [30, 60]; undefined unless one or more finite numbers in strictly increasing order. */
export function parseCuts(text: string): number[] | undefined {
  const parts = text.split(',').map((s) => s.trim());
  if (parts.some((p) => p === '')) return undefined;
  const cuts = parts.map(Number);
  if (cuts.some((c) => !Number.isFinite(c)) || cuts.some((c, k) => k > 0 && c <= cuts[k - 1])) return undefined;
  return cuts;
}

async function pickOne<T extends string>(
  title: string,
  position: StepPosition,
  options: readonly T[],
  preferred: T,
  describe: (value: T) => string,
): Promise<StepResult<T>> {
  const items = options.map((value) => ({ label: value, description: describe(value), value }));
  const picked = await pickStep({ title, position, items, preselect: items.filter((i) => i.value === preferred) });
  return picked === undefined || picked === BACK ? picked : picked[0].value;
}

function columnItem(column: ColumnProfile): ColumnItem {
  const values = column.sampleValues.join(', ') + (column.distinct > column.sampleValues.length ? ', …' : '');
  return {
    label: column.name,
    description: `${column.kind === 'numeric' ? 'numbers' : 'text'}, ${column.distinct} value${column.distinct === 1 ? '' : 's'}: ${values}`,
    detail: column.missing ? `${column.missing} missing` : undefined,
    column,
  };
}
