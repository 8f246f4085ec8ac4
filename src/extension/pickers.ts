/**
 * The quick picks of "Audit Dataset…": label (binary columns first), group attributes (low-cardinality text
 * columns first; numeric ones get cut points), technique and metric. Returns the spec to write, or undefined
 * when the user dismisses a step.
 */
import * as vscode from 'vscode';
import type { AuditSpec, GroupSpec } from '../core/audit/audit-spec';
import type { ColumnProfile } from '../core/data/column-profile';
import { DEFAULT_METRIC, METRICS, metricIdsFor, type MetricId } from '../core/audit/metrics';
import type { Task } from '../core/data/task';
import { TECHNIQUES, type Technique } from '../core/learn/technique';

/** Text columns with at most this many values are offered first as group attributes. */
const GROUP_MAX_LEVELS = 20;
/** A numeric column with more values than this is bucketed to become a group attribute. */
const BUCKET_ABOVE_LEVELS = 10;

const TECHNIQUE_HELP: Readonly<Record<Technique, string>> = {
  '1hot': 'one-hot encoding of each group attribute (the paper\'s default)',
  all: 'one-hot encoding of the intersectional group',
  dcp: 'one decoupled model per intersectional group',
};

interface ColumnItem extends vscode.QuickPickItem {
  readonly column: ColumnProfile;
}

export interface PickDefaults {
  readonly technique: Technique;
  readonly metric: MetricId;
}

export async function pickAuditSpec(dataFileName: string, profiles: readonly ColumnProfile[], defaults: PickDefaults): Promise<AuditSpec | undefined> {
  const label = await pickLabel(dataFileName, profiles);
  if (!label) return undefined;
  const groups = await pickGroups(dataFileName, profiles.filter((p) => p.name !== label.name));
  if (!groups) return undefined;
  const technique = await pickOne('Technique: how the personalized model uses the groups', TECHNIQUES, defaults.technique, (t) => TECHNIQUE_HELP[t]);
  if (!technique) return undefined;
  // A numeric label with more than two values is audited as a regression (SPEC §1), with its own metrics.
  const task: Task = label.isBinary ? 'classification' : 'regression';
  const metrics = metricIdsFor(task);
  const metric = await pickOne('Metric that decides violations (all are reported)', metrics, metrics.includes(defaults.metric) ? defaults.metric : DEFAULT_METRIC[task], (m) => METRICS[m].name);
  if (!metric) return undefined;
  return { data: dataFileName, label: label.name, groups, technique, metric };
}

export async function pickLabel(dataFileName: string, profiles: readonly ColumnProfile[]): Promise<ColumnProfile | undefined> {
  const binary = profiles.filter((p) => p.isBinary);
  const numeric = profiles.filter((p) => !p.isBinary && p.kind === 'numeric' && p.distinct > 2);
  const other = profiles.filter((p) => !binary.includes(p) && !numeric.includes(p));
  const items: Array<ColumnItem | vscode.QuickPickItem> = [
    { label: 'Binary columns (classification)', kind: vscode.QuickPickItemKind.Separator },
    ...binary.map((column) => columnItem(column)),
    ...(numeric.length ? [{ label: 'Numeric columns (regression: MSE and MAE)', kind: vscode.QuickPickItemKind.Separator }] : []),
    ...numeric.map((column) => columnItem(column)),
    ...(other.length ? [{ label: 'Other columns (a label needs two values, or numbers)', kind: vscode.QuickPickItemKind.Separator }] : []),
    ...other.map((column) => columnItem(column)),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: `Audit ${dataFileName}: the label`,
    placeHolder: 'Which column is the outcome the model predicts?',
    matchOnDescription: true,
    ignoreFocusOut: true,
  });
  return picked && 'column' in picked ? picked.column : undefined;
}

export async function pickGroups(dataFileName: string, profiles: readonly ColumnProfile[]): Promise<GroupSpec[] | undefined> {
  const isLikelyGroup = (p: ColumnProfile) => p.distinct >= 2 && p.distinct <= GROUP_MAX_LEVELS && (p.kind === 'categorical' || p.distinct <= BUCKET_ABOVE_LEVELS);
  const likely = profiles.filter(isLikelyGroup);
  const numeric = profiles.filter((p) => !isLikelyGroup(p) && p.kind === 'numeric' && p.distinct > BUCKET_ABOVE_LEVELS);
  const items: Array<ColumnItem | vscode.QuickPickItem> = [
    { label: 'Few values', kind: vscode.QuickPickItemKind.Separator },
    ...likely.map((column) => columnItem(column)),
    ...(numeric.length ? [{ label: 'Numeric: you will choose cut points (age → <30 / 30-60 / 60+)', kind: vscode.QuickPickItemKind.Separator }] : []),
    ...numeric.map((column) => columnItem(column)),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: `Audit ${dataFileName}: the group attributes`,
    placeHolder: 'Which columns are personal characteristics (sex, age group…)? Their combinations are the groups.',
    canPickMany: true,
    matchOnDescription: true,
    ignoreFocusOut: true,
  });
  if (!picked || picked.length === 0) return undefined;
  const groups: GroupSpec[] = [];
  for (const item of picked) {
    if (!('column' in item)) continue;
    const column = item.column;
    if (column.kind === 'numeric' && column.distinct > BUCKET_ABOVE_LEVELS) {
      const cuts = await askCutPoints(column);
      if (!cuts) return undefined;
      groups.push({ column: column.name, buckets: cuts });
    } else {
      groups.push(column.name);
    }
  }
  return groups;
}

/** Cut points typed as "30, 60"; the suggestion is 30, 60 for an age-like column, else the sample's middle value. */
async function askCutPoints(column: ColumnProfile): Promise<number[] | undefined> {
  const suggestion = /age/i.test(column.name) ? '30, 60' : suggestCut(column);
  const text = await vscode.window.showInputBox({
    title: `Buckets for the numeric column ${column.name}`,
    prompt: 'Ascending cut points, comma-separated: 30, 60 makes <30, 30-60 and 60+ (a cut point belongs to the bucket above it).',
    value: suggestion,
    ignoreFocusOut: true,
    validateInput: (value) => (parseCuts(value) ? undefined : 'Type one or more numbers in increasing order, e.g. 30, 60.'),
  });
  return text === undefined ? undefined : parseCuts(text);
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

async function pickOne<T extends string>(title: string, options: readonly T[], preferred: T, describe: (value: T) => string): Promise<T | undefined> {
  const ordered = [preferred, ...options.filter((o) => o !== preferred)];
  const picked = await vscode.window.showQuickPick(
    ordered.map((value) => ({ label: value, description: describe(value), value })),
    { title, ignoreFocusOut: true },
  );
  return picked?.value;
}

function columnItem(column: ColumnProfile): ColumnItem {
  const values = column.sampleValues.join(', ') + (column.distinct > column.sampleValues.length ? ', …' : '');
  return {
    label: column.name,
    description: `${column.kind}, ${column.distinct} value${column.distinct === 1 ? '' : 's'}: ${values}`,
    detail: column.missing ? `${column.missing} missing` : undefined,
    column,
  };
}
