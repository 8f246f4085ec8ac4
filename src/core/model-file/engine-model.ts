/**
 * The engine's own model file (`fairuse train … --save-model m.json`), format version 1: a personalized logistic
 * model (or, on a numeric label, a ridge, forest or net regressor: docs/regression.md) with everything needed to
 * score a CSV row as any group — the feature encoding, the group columns, the coefficients — and where it was
 * trained (the training data's SHA-256 and split), so an audit on the same data uses the same split. The README
 * ("Auditing a model you already have") documents every field. The file is data: it is parsed as JSON and checked
 * field by field, never evaluated.
 */
import { showCell } from '../data/show-cell';
import { AuditInputError } from '../errors';
import { TECHNIQUES, type Technique } from '../learn/technique';
import { designColumns, type FeatureEncoding } from '../learn/feature-encoder';
import type { ModelClass } from '../learn/model-class';
import { parseSavedFit, type SavedFit } from './saved-fit';

export const ENGINE_MODEL_FORMAT = 'fairuse-model';
export const ENGINE_MODEL_VERSION = 1;

/** A group column's condition: the column is 1 when the row's group has every listed attribute value. */
export type GroupCondition = Readonly<Record<string, string>>;

export interface LinearCoefficients {
  readonly weights: readonly number[];
  readonly intercept: number;
}

/** A group served by another model than h: h0 ("generic") or the group's decoupled model. */
export interface AssignedGroup extends LinearCoefficients {
  readonly group: GroupCondition;
  readonly serve: 'generic' | 'decoupled';
}

/** How the model's training rows were chosen, so an audit of the same data can hold out the same rows. */
export type TrainingSplit = { readonly seed: number; readonly testSize: number } | { readonly splitColumn: string };

export interface TrainingRecord {
  /** The training CSV as the user named it. */
  readonly data: string;
  /** SHA-256 of the training CSV's bytes, lower-case hex. */
  readonly sha256: string;
  /** Rows kept from the training CSV (train and test). */
  readonly rows: number;
  /** Rows the model was fitted on. */
  readonly trainRows?: number;
  /** The L2 penalty's inverse; "Infinity" for none. */
  readonly C: number | 'Infinity';
  readonly split: TrainingSplit;
  /** The fit's warnings (a constant group model, no convergence), repeated in every audit of the model. */
  readonly warnings?: readonly string[];
  /**
   * Numeric group attributes cut into buckets for training (`--groups age:40:65`): an audit of the file cuts them the
   * same way unless told otherwise, since the model's group columns name those buckets.
   */
  readonly buckets?: ReadonlyArray<{ readonly column: string; readonly cuts: readonly number[] }>;
  /** Cell texts read as missing in training (`--missing-values`), applied again when the file is audited. */
  readonly missingValues?: readonly string[];
}

/**
 * What the file holds: a logistic model on a binary label, or a regressor on a numeric one (ridge least squares,
 * a random forest or a neural net: docs/regression.md). Linear classes store coefficients, the others a SavedFit.
 */
export type EngineModelClass = 'logistic-regression' | 'ridge-regression' | 'random-forest-regressor' | 'neural-net-regressor';
export const ENGINE_MODEL_CLASSES: readonly EngineModelClass[] = ['logistic-regression', 'ridge-regression', 'random-forest-regressor', 'neural-net-regressor'];

/** The engine's model class (--model) of each file class: h0 is fitted by the same class when the file is audited. */
export const MODEL_CLASS_OF: Readonly<Record<EngineModelClass, ModelClass>> = {
  'logistic-regression': 'lr',
  'ridge-regression': 'lr',
  'random-forest-regressor': 'rf',
  'neural-net-regressor': 'nn',
};

export function isRegressionModel(modelClass: EngineModelClass): boolean {
  return modelClass !== 'logistic-regression';
}

/** Coefficients (linear classes) or a saved forest or net. */
export function isLinearModel(modelClass: EngineModelClass): boolean {
  return modelClass === 'logistic-regression' || modelClass === 'ridge-regression';
}

/** The label: a binary one's two values, or (a regressor's) the column alone. */
export type EngineLabel =
  | { readonly column: string; readonly positive: string; readonly negative: string }
  | { readonly column: string; readonly positive?: undefined; readonly negative?: undefined };

/** A decoupled group model: coefficients (weights, intercept) for a linear class, a saved fit for a forest or net. */
export interface GroupModel extends Partial<LinearCoefficients> {
  readonly group: GroupCondition;
  readonly fit?: SavedFit;
}

export interface EngineModel {
  readonly format: typeof ENGINE_MODEL_FORMAT;
  readonly formatVersion: typeof ENGINE_MODEL_VERSION;
  readonly modelClass: EngineModelClass;
  readonly label: EngineLabel;
  readonly groupAttributes: readonly string[];
  readonly technique: Technique;
  readonly features: readonly FeatureEncoding[];
  /** 1hot and all: the group columns that follow the features' design columns. */
  readonly groupColumns?: readonly GroupCondition[];
  /** 1hot and all, linear classes: one weight per design column, then one per group column. */
  readonly weights?: readonly number[];
  readonly intercept?: number;
  /** 1hot and all, forests and nets: the model over the design columns, then the group columns. */
  readonly fit?: SavedFit;
  /** dcp: one model per group over the features' design columns. */
  readonly groupModels?: readonly GroupModel[];
  /**
   * Groups the model serves with h0 or with their own decoupled model instead of h (the audit spec's "assign",
   * SPEC §6), each with the coefficients of the model that serves it, over the features' design columns.
   */
  readonly assigned?: readonly AssignedGroup[];
  readonly training: TrainingRecord;
  readonly createdBy?: string;
}

const TOP_FIELDS = ['$schema', 'format', 'formatVersion', 'modelClass', 'label', 'groupAttributes', 'technique', 'features', 'groupColumns', 'weights', 'intercept', 'fit', 'groupModels', 'assigned', 'training', 'createdBy'];

/**
 * Checks a parsed model file and returns it typed.
 *
 * @param value the parsed JSON
 * @param source the file's path, for messages
 * @throws AuditInputError BAD_MODEL naming the first field that is missing, of the wrong type, or inconsistent
 *   (a weight count that does not match the encoding, a non-finite number, an unknown field or format version)
 */
export function parseEngineModel(value: unknown, source: string): EngineModel {
  const fail = (problem: string, fix = 'Save the model again with `fairuse train … --save-model`, or correct the field (docs/model-files.md).'): never => {
    throw new AuditInputError('BAD_MODEL', `${source}: ${problem}`, fix);
  };
  const object = (v: unknown, where: string): Record<string, unknown> => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(`${where} must be a JSON object.`);
    return v as Record<string, unknown>;
  };
  const text = (v: unknown, where: string): string => {
    if (typeof v !== 'string' || v === '') fail(`${where} must be a non-empty string.`);
    return v as string;
  };
  const finite = (v: unknown, where: string): number => {
    if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${where} must be a finite number.`);
    return v as number;
  };
  const array = (v: unknown, where: string): unknown[] => {
    if (!Array.isArray(v)) fail(`${where} must be an array.`);
    return v as unknown[];
  };
  const numbers = (v: unknown, where: string, length: number): number[] => {
    const list = array(v, where).map((x, k) => finite(x, `${where}[${k}]`));
    if (list.length !== length) fail(`${where} has ${list.length} numbers; the encoding needs ${length}.`);
    return list;
  };

  const root = object(value, 'the model file');
  if (root.format !== ENGINE_MODEL_FORMAT) fail(`"format" is ${JSON.stringify(root.format)}, not "${ENGINE_MODEL_FORMAT}".`, 'Give a model written by `fairuse train --save-model`, an .onnx file, or a predictions CSV.');
  if (root.formatVersion !== ENGINE_MODEL_VERSION) {
    fail(`"formatVersion" is ${JSON.stringify(root.formatVersion)}; this fairuse reads version ${ENGINE_MODEL_VERSION}.`, 'Update fairuse, or save the model again with this version.');
  }
  for (const key of Object.keys(root)) if (!TOP_FIELDS.includes(key)) fail(`unknown field "${key}".`);
  const modelClass = root.modelClass as EngineModelClass;
  if (!ENGINE_MODEL_CLASSES.includes(modelClass)) fail(`"modelClass" is ${JSON.stringify(root.modelClass)}; version 1 holds ${ENGINE_MODEL_CLASSES.map((c) => `"${c}"`).join(', ')}.`);
  const linear = isLinearModel(modelClass);

  const labelObject = object(root.label, '"label"');
  let label: EngineLabel;
  if (isRegressionModel(modelClass)) {
    if (labelObject.positive !== undefined || labelObject.negative !== undefined) fail(`"label" of a regressor (${modelClass}) has no positive or negative value.`);
    label = { column: text(labelObject.column, '"label.column"') };
  } else label = { column: text(labelObject.column, '"label.column"'), positive: text(labelObject.positive, '"label.positive"'), negative: text(labelObject.negative, '"label.negative"') };
  const groupAttributes = array(root.groupAttributes, '"groupAttributes"').map((g, k) => text(g, `"groupAttributes"[${k}]`));
  if (groupAttributes.length === 0) fail('"groupAttributes" is empty.');
  const technique = root.technique as Technique;
  if (!TECHNIQUES.includes(technique)) fail(`"technique" is ${JSON.stringify(root.technique)}.`, `Use one of: ${TECHNIQUES.join(', ')}.`);

  const features = array(root.features, '"features"').map((f, k): FeatureEncoding => {
    const where = `"features"[${k}]`;
    const entry = object(f, where);
    const column = text(entry.column, `${where}.column`);
    if (entry.kind === 'numeric') return { kind: 'numeric', column, fill: finite(entry.fill, `${where}.fill`) };
    if (entry.kind === 'categorical') {
      const levels = array(entry.levels, `${where}.levels`).map((l, j) => {
        if (typeof l !== 'string') fail(`${where}.levels[${j}] must be a string.`);
        return l as string;
      });
      if (typeof entry.missingLevel !== 'boolean') fail(`${where}.missingLevel must be true or false.`);
      return { kind: 'categorical', column, levels, missingLevel: entry.missingLevel as boolean };
    }
    return fail(`${where}.kind is ${JSON.stringify(entry.kind)}; use "numeric" or "categorical".`);
  });
  const width = designColumns(features).length;
  const condition = (v: unknown, where: string, complete: boolean): GroupCondition => {
    const entry = object(v, where);
    const keys = Object.keys(entry);
    if (keys.length === 0) fail(`${where} is empty.`);
    for (const key of keys) {
      if (!groupAttributes.includes(key)) fail(`${where} names ${showCell(key)}, which is not in "groupAttributes".`);
      text(entry[key], `${where}.${key}`);
    }
    if (complete && keys.length !== groupAttributes.length) fail(`${where} must give a value for every group attribute.`);
    return entry as GroupCondition;
  };

  const savedFit = (v: unknown, where: string, inputs: number): SavedFit => parseSavedFit(v, inputs, where, (problem) => fail(problem));
  let personalized: Pick<EngineModel, 'groupColumns' | 'weights' | 'intercept' | 'fit' | 'groupModels'>;
  if (technique === 'dcp') {
    if (root.groupColumns !== undefined || root.weights !== undefined || root.intercept !== undefined || root.fit !== undefined) fail('a dcp model has "groupModels", not "groupColumns", "weights", "intercept" or "fit".');
    const groupModels = array(root.groupModels, '"groupModels"').map((m, k): GroupModel => {
      const where = `"groupModels"[${k}]`;
      const entry = object(m, where);
      const group = condition(entry.group, `${where}.group`, true);
      if (!linear) return { group, fit: savedFit(entry.fit, `${where}.fit`, width) };
      return { group, weights: numbers(entry.weights, `${where}.weights`, width), intercept: finite(entry.intercept, `${where}.intercept`) };
    });
    if (groupModels.length === 0) fail('"groupModels" is empty.');
    personalized = { groupModels };
  } else {
    if (root.groupModels !== undefined) fail(`a ${technique} model has "groupColumns" and ${linear ? '"weights" and "intercept"' : '"fit"'}, not "groupModels".`);
    const groupColumns = array(root.groupColumns, '"groupColumns"').map((c, k) => condition(c, `"groupColumns"[${k}]`, technique === 'all'));
    if (linear) {
      if (root.fit !== undefined) fail(`a ${modelClass} model has "weights" and "intercept", not "fit".`);
      personalized = { groupColumns, weights: numbers(root.weights, '"weights"', width + groupColumns.length), intercept: finite(root.intercept, '"intercept"') };
    } else {
      if (root.weights !== undefined || root.intercept !== undefined) fail(`a ${modelClass} model has "fit", not "weights" or "intercept".`);
      personalized = { groupColumns, fit: savedFit(root.fit, '"fit"', width + groupColumns.length) };
    }
  }

  if (!linear && root.assigned !== undefined) fail(`"assigned" is saved for linear models only, not for a ${modelClass}.`);
  const assigned = root.assigned === undefined ? undefined : array(root.assigned, '"assigned"').map((a, k): AssignedGroup => {
    const where = `"assigned"[${k}]`;
    const entry = object(a, where);
    if (entry.serve !== 'generic' && entry.serve !== 'decoupled') fail(`${where}.serve is ${JSON.stringify(entry.serve)}; use "generic" or "decoupled".`);
    return { group: condition(entry.group, `${where}.group`, true), serve: entry.serve as AssignedGroup['serve'], weights: numbers(entry.weights, `${where}.weights`, width), intercept: finite(entry.intercept, `${where}.intercept`) };
  });
  assigned?.forEach((a, k) => {
    if (assigned.findIndex((b) => meets(b.group, a.group)) !== k) fail(`"assigned" names the group ${showCell(Object.values(a.group).join(', '))} twice.`);
  });

  const trainingObject = object(root.training, '"training"');
  const splitObject = object(trainingObject.split, '"training.split"');
  let split: TrainingSplit;
  if (splitObject.splitColumn !== undefined) split = { splitColumn: text(splitObject.splitColumn, '"training.split.splitColumn"') };
  else {
    const seed = finite(splitObject.seed, '"training.split.seed"');
    const testSize = finite(splitObject.testSize, '"training.split.testSize"');
    if (!Number.isInteger(seed) || seed < 0 || !(testSize > 0 && testSize < 1)) fail('"training.split" must hold an integer seed ≥ 0 and a testSize between 0 and 1.');
    split = { seed, testSize };
  }
  const sha256 = text(trainingObject.sha256, '"training.sha256"');
  if (!/^[0-9a-f]{64}$/.test(sha256)) fail('"training.sha256" must be 64 lower-case hex digits.');
  const C = trainingObject.C === 'Infinity' ? 'Infinity' : finite(trainingObject.C, '"training.C"');
  if (C !== 'Infinity' && !(C > 0)) fail('"training.C" must be positive, or "Infinity".');
  const warnings = trainingObject.warnings === undefined ? undefined : array(trainingObject.warnings, '"training.warnings"').map((w, k) => text(w, `"training.warnings"[${k}]`));
  const buckets = trainingObject.buckets === undefined ? undefined : array(trainingObject.buckets, '"training.buckets"').map((b, k) => {
    const entry = object(b, `"training.buckets"[${k}]`);
    const cuts = array(entry.cuts, `"training.buckets"[${k}].cuts`).map((c, i) => finite(c, `"training.buckets"[${k}].cuts[${i}]`));
    if (cuts.length === 0 || cuts.some((c, i) => i > 0 && !(c > cuts[i - 1]))) fail(`"training.buckets"[${k}].cuts must be increasing numbers.`);
    return { column: text(entry.column, `"training.buckets"[${k}].column`), cuts };
  });
  const missingValues = trainingObject.missingValues === undefined ? undefined : array(trainingObject.missingValues, '"training.missingValues"').map((m, k) => text(m, `"training.missingValues"[${k}]`));
  const training: TrainingRecord = {
    data: text(trainingObject.data, '"training.data"'),
    sha256,
    rows: finite(trainingObject.rows, '"training.rows"'),
    ...(trainingObject.trainRows === undefined ? {} : { trainRows: finite(trainingObject.trainRows, '"training.trainRows"') }),
    C,
    split,
    ...(warnings === undefined ? {} : { warnings }),
    ...(buckets === undefined ? {} : { buckets }),
    ...(missingValues === undefined ? {} : { missingValues }),
  };

  return {
    format: ENGINE_MODEL_FORMAT,
    formatVersion: ENGINE_MODEL_VERSION,
    modelClass,
    label,
    groupAttributes,
    technique,
    features,
    ...personalized,
    ...(assigned === undefined ? {} : { assigned }),
    training,
    ...(root.createdBy === undefined ? {} : { createdBy: text(root.createdBy, '"createdBy"') }),
  };
}

/** Whether a group (its attribute values) meets a condition. */
export function meets(condition: GroupCondition, values: Readonly<Record<string, string>>): boolean {
  return Object.entries(condition).every(([attribute, value]) => values[attribute] === value);
}
