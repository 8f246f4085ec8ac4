/**
 * The audit spec: a `*.fairuse.json` file beside the data that records what to audit and how, so an
 * audit can be re-run from the editor or gated in CI (`fairuse audit --spec heart.fairuse.json`).
 * Its JSON schema for the editor is `schemas/fairuse.schema.json`; this file checks the same rules.
 */
import { closestName } from '../data/closest-name';
import { AuditInputError } from '../errors';
import type { LoadOptions } from '../data/load-dataset';
import { METRIC_IDS, type MetricId } from './metrics/metric';
import type { AuditOptions } from './options';
import { layerOptions, type LayeredOptions } from './option-layers';
import { CORRECTIONS, type Correction } from './stats/correction';
import { TECHNIQUES, type Technique } from '../learn/technique';
import { MODEL_CLASSES, type ModelClass } from '../learn/model-class';
import { TASKS, type Task } from '../data/task';

/** A group attribute: a column name, or a numeric column with cut points that make its groups. */
export type GroupSpec = string | { readonly column: string; readonly buckets: readonly number[] };

export interface AuditSpec {
  /** The CSV, relative to the spec file. */
  readonly data: string;
  readonly label: string;
  readonly positive?: string;
  /** What the label is, when its values could be either (a numeric label with few values). */
  readonly task?: Task;
  readonly groups: readonly GroupSpec[];
  readonly features?: readonly string[];
  readonly splitColumn?: string;
  readonly technique?: Technique;
  /** Model class of h0 and h when the engine trains them: "lr" (default), "rf", "nn". */
  readonly modelClass?: ModelClass;
  readonly metric?: MetricId;
  readonly alpha?: number;
  readonly bootstrap?: number;
  readonly seed?: number;
  readonly correction?: Correction;
  /** A number, or the string "Infinity" for no penalty (JSON has no infinity). */
  readonly C?: number | 'Infinity';
  readonly testSize?: number;
  readonly threshold?: number;
  readonly minGroupSize?: number;
  /** A model file to audit (engine JSON, ONNX or predictions CSV), relative to the spec; without it the engine trains h. */
  readonly model?: string;
  /** The ONNX model's input columns in order, when its metadata does not name them. */
  readonly modelColumns?: readonly string[];
  /** Cell texts that also mean "missing" in the data, besides empty, NA, N/A, NaN, null, None and ?. */
  readonly missingValues?: readonly string[];
  /** The model's training CSV, relative to the spec: makes `data` new data, audited beside the training data. */
  readonly trainData?: string;
  /** Also audit the SPEC §6 interventions. */
  readonly interventions?: boolean;
  readonly epsilon?: number;
  /** Group id → the model that serves it instead of h: an intervention the user chose. */
  readonly assign?: Readonly<Record<string, 'generic' | 'decoupled'>>;
}

/** What running a spec needs: how to load the data, which columns to bucket, and the audit options. */
export interface SpecRun {
  readonly load: LoadOptions;
  readonly buckets: ReadonlyArray<{ readonly column: string; readonly cuts: readonly number[] }>;
  readonly options: Partial<AuditOptions>;
  /** Where each of `options` came from (option-layers.ts); absent where no one recorded it. */
  readonly sources?: LayeredOptions['sources'];
  /** The model file to audit; paths as the spec writes them (relative to the spec). */
  readonly model?: { readonly file: string; readonly columns?: readonly string[]; readonly trainData?: string };
}

/** Every field a spec may hold; schemas/fairuse.schema.json lists the same. */
export const SPEC_FIELDS: readonly string[] = ['$schema', 'data', 'label', 'positive', 'task', 'groups', 'features', 'splitColumn', 'missingValues', 'technique', 'modelClass', 'metric', 'alpha', 'bootstrap', 'seed', 'correction', 'C', 'testSize', 'threshold', 'minGroupSize', 'model', 'modelColumns', 'trainData', 'interventions', 'epsilon', 'assign'];
const KEYS = new Set(SPEC_FIELDS);

/**
 * Checks a parsed spec object and returns it typed; throws AuditInputError (BAD_SPEC) naming the
 * field and what it must hold.
 *
 * @param source the spec's path, for messages
 */
export function parseAuditSpec(value: unknown, source: string): AuditSpec {
  const fail = (problem: string, fix: string): never => {
    throw new AuditInputError('BAD_SPEC', `${source}: ${problem}`, fix);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('the spec is not a JSON object.', 'Write an object such as { "data": "heart.csv", "label": "Disease", "groups": ["Sex", "Age"] }.');
  const spec = value as Record<string, unknown>;
  for (const key of Object.keys(spec)) {
    if (!KEYS.has(key)) {
      const likely = closestName(key, SPEC_FIELDS);
      fail(`unknown field "${key}".`, `${likely === undefined ? '' : `Did you mean "${likely}"? `}Use only: ${[...KEYS].filter((k) => k !== '$schema').join(', ')}.`);
    }
  }
  const text = (key: string, required: boolean): string | undefined => {
    const v = spec[key];
    if (v === undefined && !required) return undefined;
    if (typeof v !== 'string' || v.trim() === '') fail(`"${key}" must be a non-empty string.`, `Set "${key}" to a column or file name.`);
    return v as string;
  };
  const numberField = (key: string): number | undefined => {
    const v = spec[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v)) fail(`"${key}" must be a number.`, `Set "${key}" to a number or remove it for the default.`);
    return v as number;
  };
  const oneOf = <T extends string>(key: string, allowed: readonly T[]): T | undefined => {
    const v = spec[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || !allowed.includes(v as T)) fail(`"${key}" is ${JSON.stringify(v)}.`, `Use one of: ${allowed.join(', ')}.`);
    return v as T;
  };

  const groupsValue = spec.groups;
  if (!Array.isArray(groupsValue) || groupsValue.length === 0) fail('"groups" must be a non-empty array.', 'List the group attribute columns, e.g. "groups": ["Sex", "Age"].');
  const groups = (groupsValue as unknown[]).map((g, k): GroupSpec => {
    if (typeof g === 'string' && g.trim() !== '') return g;
    if (typeof g === 'object' && g !== null && !Array.isArray(g)) {
      const { column, buckets } = g as Record<string, unknown>;
      const cutsOk = Array.isArray(buckets) && buckets.length > 0 && buckets.every((c, i) => typeof c === 'number' && Number.isFinite(c) && (i === 0 || c > (buckets[i - 1] as number)));
      if (typeof column === 'string' && column.trim() !== '' && cutsOk && Object.keys(g).length === 2) return { column, buckets: buckets as number[] };
    }
    return fail(`"groups"[${k}] is ${JSON.stringify(g)}.`, 'Each group is a column name, or { "column": "age", "buckets": [30, 60] } with increasing cut points.');
  });

  const featuresValue = spec.features;
  if (featuresValue !== undefined && (!Array.isArray(featuresValue) || featuresValue.some((f) => typeof f !== 'string'))) {
    fail('"features" must be an array of column names.', 'List feature columns, or remove "features" to use every other column.');
  }
  const missingValues = spec.missingValues;
  if (missingValues !== undefined && (!Array.isArray(missingValues) || missingValues.some((f) => typeof f !== 'string' || f.trim() === ''))) {
    fail('"missingValues" must be an array of the cell texts that mean "missing", e.g. ["n.d.", "-"].', 'List them as strings, or remove "missingValues".');
  }
  const modelColumns = spec.modelColumns;
  if (modelColumns !== undefined && (!Array.isArray(modelColumns) || modelColumns.some((f) => typeof f !== 'string'))) {
    fail('"modelColumns" must be an array of column names.', 'List the model\'s input columns in order, or remove "modelColumns" when the model names them.');
  }
  const model = text('model', false);
  if (model === undefined && (modelColumns !== undefined || spec.trainData !== undefined)) {
    fail('"modelColumns" and "trainData" need a "model".', 'Add "model": "<file>", or remove them.');
  }
  const interventions = spec.interventions;
  if (interventions !== undefined && typeof interventions !== 'boolean') fail(`"interventions" is ${JSON.stringify(interventions)}.`, 'Use true or false.');
  const assign = spec.assign;
  if (assign !== undefined && (typeof assign !== 'object' || assign === null || Array.isArray(assign) || Object.values(assign).some((v) => v !== 'generic' && v !== 'decoupled'))) {
    fail('"assign" must map group ids to "generic" or "decoupled".', 'Write e.g. "assign": { "Sex=Female, Age=Old": "generic" }.');
  }
  const C = spec.C;
  if (C !== undefined && C !== 'Infinity' && (typeof C !== 'number' || !(C > 0))) fail(`"C" is ${JSON.stringify(C)}.`, 'Use a positive number, or "Infinity" for no penalty.');

  return {
    data: text('data', true) as string,
    label: text('label', true) as string,
    positive: text('positive', false),
    task: oneOf('task', TASKS),
    groups,
    features: featuresValue as string[] | undefined,
    splitColumn: text('splitColumn', false),
    missingValues: missingValues as string[] | undefined,
    technique: oneOf('technique', TECHNIQUES),
    modelClass: oneOf('modelClass', MODEL_CLASSES),
    metric: oneOf('metric', METRIC_IDS),
    alpha: numberField('alpha'),
    bootstrap: numberField('bootstrap'),
    seed: numberField('seed'),
    correction: oneOf('correction', CORRECTIONS),
    C: C as number | 'Infinity' | undefined,
    testSize: numberField('testSize'),
    threshold: numberField('threshold'),
    minGroupSize: numberField('minGroupSize'),
    model,
    modelColumns: modelColumns as string[] | undefined,
    trainData: text('trainData', false),
    interventions: interventions as boolean | undefined,
    epsilon: numberField('epsilon'),
    assign: assign as Record<string, 'generic' | 'decoupled'> | undefined,
  };
}

/** The group column names of a spec, in order. */
export function groupColumns(spec: Pick<AuditSpec, 'groups'>): string[] {
  return spec.groups.map((g) => (typeof g === 'string' ? g : g.column));
}

/**
 * Turns a spec into load options, buckets and audit options; `settings` (the editor's) fill what the spec leaves
 * out, and each option remembers which of the two it came from.
 */
export function specToRun(spec: AuditSpec, settings: Partial<AuditOptions> = {}): SpecRun {
  const fromSpec: Partial<AuditOptions> = {
    technique: spec.technique,
    modelClass: spec.modelClass,
    metric: spec.metric,
    alpha: spec.alpha,
    bootstrap: spec.bootstrap,
    seed: spec.seed,
    correction: spec.correction,
    C: spec.C === 'Infinity' ? Infinity : spec.C,
    testSize: spec.testSize,
    threshold: spec.threshold,
    minGroupSize: spec.minGroupSize,
    epsilon: spec.epsilon,
    interventions: spec.interventions,
    assign: spec.assign,
  };
  const { options, sources } = layerOptions([{ source: 'settings', options: settings }, { source: 'spec', options: fromSpec }]);
  return {
    load: {
      label: spec.label,
      groups: groupColumns(spec),
      features: spec.features,
      splitColumn: spec.splitColumn,
      positive: spec.positive,
      task: spec.task,
      missingValues: spec.missingValues,
    },
    buckets: spec.groups.flatMap((g) => (typeof g === 'string' ? [] : [{ column: g.column, cuts: g.buckets }])),
    options,
    sources,
    model: spec.model === undefined ? undefined : { file: spec.model, columns: spec.modelColumns, trainData: spec.trainData },
  };
}
