/**
 * The audit of a model the user brings (paper 1: fair use "can be checked by training one additional model"):
 * the engine trains only the generic model h0 — on the same features minus the group attributes — and scores the
 * user's personalized model h with every group substituted. Three kinds of model file:
 *
 * - `json`: the engine's model file (engine-model.ts); on the data it was trained on, the audit holds out the
 *   same rows as in training, so it reproduces the in-process audit;
 * - `onnx`: any ONNX binary classifier with one float input (onnx-model.ts), run by an injected runtime;
 * - `predictions`: a CSV of h0's and h(·, g′)'s predictions (predictions-file.ts): no model runs at all.
 *
 * On one dataset, the engine splits it as for its own audits (seeded, stratified, or --split-column), fits h0 on
 * the train rows and measures both models on the test rows. With training data (`trainData`), every row of the
 * audited data is a test row (an audit on new data), h0 is fitted on the training data, and the report sets the
 * gains on the training data beside those on the new data (paper 1, Figures 6 and 7).
 */
import { MODEL_FILE_UNEXPLAINED, PREDICTIONS_FILE_UNEXPLAINED } from '../audit/audit-explanations';
import { type AuditHooks, type AuditProgress, AuditCancelledError, auditGivenPredictions } from '../audit/audit';
import { bucketColumn } from '../data/buckets';
import { withMissingValues } from '../data/missing-values';
import { decodeText } from '../data/decode-text';
import { parseJsonText } from '../data/json-syntax';
import type { CsvTable } from '../data/csv';
import { isParquet, parseTableBytes } from '../data/table-bytes';
import { showCell } from '../data/show-cell';
import { type AuditDataset, taskOf } from '../data/dataset';
import { AuditInputError } from '../errors';
import { fitFeatureEncoder } from '../learn/feature-encoder';
import { type GroupIndex, indexGroups } from '../data/groups';
import { loadAuditDataset, type LoadOptions } from '../data/load-dataset';
import { METRIC_IDS, type MetricId } from '../audit/metrics';
import { type ClassFits, fitClass } from '../learn/learners';
import type { ModelClass } from '../learn/model-class';
import type { Task } from '../data/task';
import type { ExplanationMatrices, Unexplained } from '../learn/explain/explanations';
import type { DenseMatrix } from '../numeric/matrix';
import type { PredictionMatrix } from '../audit/prediction-matrix';
import { explainModelFile } from './model-explanations';
import { explainEngineModelFile, type RowsOf } from './engine-explanations';
import { type AuditOptions, resolveOptions } from '../audit/options';
import { addLayers, type LayeredOptions, type OptionLayer, withOptionSources } from '../audit/option-layers';
import type { AuditReport, ComparisonRow, DataComparison, GainOnData, ModelReport } from '../report/report';
import type { Technique } from '../learn/technique';
import { type EngineModel, isRegressionModel, MODEL_CLASS_OF, parseEngineModel } from './engine-model';
import { describeEncoding, encoderFor } from '../learn/feature-encoder';
import { engineModelScorer, type GroupScorer } from './group-scorer';
import { featureColumnsOf, featureLevelsWithoutInput, type InputColumn, resolveInputColumns } from './input-columns';
import { type OnnxPlan, type OnnxRuntime, type OnnxSession, onnxScorer, planOnnx, positiveColumn } from './onnx-model';
import { modelAssignment } from './model-assignment';
import { dataRowOfKeptRow, readPredictionsFile } from './predictions-file';
import { savedReading } from './saved-reading';
import { sha256 } from '../data/sha256';
import { auditSplit } from './train-model';

export type ModelKind = 'json' | 'onnx' | 'predictions';
export const MODEL_KINDS: readonly ModelKind[] = ['json', 'onnx', 'predictions'];

/** The default limit on a model file's size, in MB (--max-model-mb). */
export const DEFAULT_MAX_MODEL_MB = 100;

export interface FileInput {
  /** The file's bytes: the front end reads it; the engine never touches the file system. */
  readonly bytes: Uint8Array;
  /** How the report names it. */
  readonly path: string;
}

/** Column roles; with a model file, label, groups and positive default to what the model states. */
export interface ModelLoadOptions {
  readonly label?: string;
  readonly groups?: readonly string[];
  /** Not allowed with a model file: the model's inputs decide h0's features. */
  readonly features?: readonly string[];
  readonly splitColumn?: string;
  readonly positive?: string;
  /** Cell texts that also mean "missing" (data/missing-values.ts). */
  readonly missingValues?: readonly string[];
}

export interface ModelAuditRequest {
  /** The audited CSV. */
  readonly data: FileInput;
  /** The model file; `kind` when its name does not tell (.json, .onnx, .csv). */
  readonly model: FileInput & { readonly kind?: ModelKind };
  /** The model's training CSV: makes this an audit on new data, with h0 fitted on it. Not with predictions. */
  readonly trainData?: FileInput;
  readonly load: ModelLoadOptions;
  /** Numeric group columns to bucket, as in audit specs. */
  readonly buckets?: ReadonlyArray<{ readonly column: string; readonly cuts: readonly number[] }>;
  readonly options: Partial<AuditOptions>;
  /** Where each of `options` came from (audit/option-layers.ts); an option without one counts as the spec's. */
  readonly sources?: LayeredOptions['sources'];
  /** The editor's settings, under everything else; their metric and ε apply only where they fit the label's task. */
  readonly settings?: Partial<AuditOptions>;
  /** ONNX input column names in order, when the model's metadata has no fairuse.columns. */
  readonly modelColumns?: readonly string[];
  /** Default DEFAULT_MAX_MODEL_MB MB. */
  readonly maxModelBytes?: number;
}

export interface ModelAuditRuntime {
  /** Needed for ONNX models only (onnxRuntimeWeb() from src/runtime/onnx-runtime.ts, which the CLI and the worker pass in). */
  readonly onnx?: OnnxRuntime;
}

type LoadedModel =
  | { readonly kind: 'json'; readonly model: EngineModel }
  | { readonly kind: 'onnx'; readonly plan: OnnxPlan }
  | { readonly kind: 'predictions' };


/** A file size for a message: MB with one decimal, or KB below 0.1 MB. */
export function describeSize(bytes: number): string {
  return bytes >= 0.1 * 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

/** The format of a model file, by its extension, else by its first bytes. */
export function detectModelKind(path: string, bytes: Uint8Array): ModelKind {
  const lower = path.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.onnx')) return 'onnx';
  if (lower.endsWith('.csv') || lower.endsWith('.parquet') || isParquet(bytes, path)) return 'predictions';
  let first = 0;
  while (first < bytes.length && (bytes[first] === 0x20 || bytes[first] === 0x0a || bytes[first] === 0x0d || bytes[first] === 0x09 || bytes[first] === 0xef || bytes[first] === 0xbb || bytes[first] === 0xbf)) first++;
  if (bytes[first] === 0x7b /* { */) return 'json';
  // An ONNX ModelProto starts with its ir_version, field 1 as a varint: the byte 0x08.
  if (bytes[0] === 0x08) return 'onnx';
  throw new AuditInputError(
    'UNKNOWN_MODEL_FORMAT',
    `Cannot tell the format of the model file ${showCell(path, 80)}.`,
    'Give a model JSON written by `fairuse train --save-model` (.json), an ONNX model (.onnx) or a predictions CSV (.csv), or name the format with --model-kind json|onnx|predictions.',
  );
}

function readModel(request: ModelAuditRequest): LoadedModel {
  const { bytes, path } = request.model;
  const limit = request.maxModelBytes ?? DEFAULT_MAX_MODEL_MB * 1024 * 1024;
  if (bytes.length > limit) {
    throw new AuditInputError('MODEL_TOO_LARGE', `The model file ${showCell(path, 80)} has ${describeSize(bytes.length)}, over the limit of ${describeSize(limit)}.`, 'Raise the limit (--max-model-mb, or the fairUse.maxModelMB setting) if the file is what you mean to audit.');
  }
  const kind = request.model.kind ?? detectModelKind(path, bytes);
  if (kind === 'onnx') return { kind, plan: planOnnx(bytes, path) };
  // A predictions file is read as a table (CSV or Parquet) once the data file is loaded.
  if (kind === 'predictions') return { kind };
  const text = decodeText(bytes, path, 'model file');
  const parsed = parseJsonText(text, (where) => new AuditInputError('BAD_MODEL', `The model file ${showCell(path, 80)} is not valid JSON (${where}).`, 'Give the file `fairuse train --save-model` wrote, unedited, or an .onnx model.'));
  return { kind, model: parseEngineModel(parsed, path) };
}

/** Every feature the model reads must be a column of the CSV. */
function requireColumns(columns: readonly string[], table: CsvTable, modelPath: string, dataPath: string): void {
  const missing = columns.filter((column) => !table.header.includes(column));
  if (missing.length === 0) return;
  throw new AuditInputError(
    'MODEL_MISSING_FEATURE',
    `The model ${showCell(modelPath, 80)} needs the feature${missing.length > 1 ? 's' : ''} ${missing.slice(0, 5).map((c) => showCell(c)).join(', ')}${missing.length > 5 ? ', …' : ''}, not in the columns of ${showCell(dataPath, 80)}.`,
    'Audit a CSV that has every column the model was trained on, with the same names.',
  );
}

/** What a model file states about itself, so a front end knows what it still has to ask the user. */
export interface ModelFileSummary {
  readonly kind: ModelKind;
  readonly label?: string;
  readonly positive?: string;
  readonly groups?: readonly string[];
  /** ONNX: the input columns, when the metadata names them; json: the features' CSV columns. */
  readonly columns?: readonly string[];
  /** ONNX: the input width, when the model fixes it (so many names are needed). */
  readonly inputWidth?: number;
  readonly technique?: Technique;
}

/**
 * Reads a model file's own statement of its label, groups and input columns, without running anything: the
 * editor asks (quick picks) only for what is missing, and saves the answers in the audit spec.
 *
 * @throws AuditInputError as auditModelFile does for an unreadable, unknown or too large file
 */
export function inspectModelFile(model: FileInput & { readonly kind?: ModelKind }, maxModelBytes?: number): ModelFileSummary {
  const loaded = readModel({ model, maxModelBytes } as ModelAuditRequest);
  if (loaded.kind === 'predictions') return { kind: 'predictions' };
  if (loaded.kind === 'json') {
    const m = loaded.model;
    return { kind: 'json', label: m.label.column, positive: m.label.positive, groups: m.groupAttributes, columns: m.features.map((f) => f.column), technique: m.technique };
  }
  const { plan } = loaded;
  return {
    kind: 'onnx',
    ...(plan.label === undefined ? {} : { label: plan.label }),
    ...(plan.positive === undefined ? {} : { positive: plan.positive }),
    ...(plan.groups === undefined ? {} : { groups: plan.groups }),
    ...(plan.columns === undefined ? {} : { columns: plan.columns }),
    ...(plan.inputWidth === null ? {} : { inputWidth: plan.inputWidth }),
  };
}

async function readTable(file: FileInput, buckets: ModelAuditRequest['buckets'], missingValues: readonly string[] | undefined, what = 'CSV file'): Promise<CsvTable> {
  let table = withMissingValues(await parseTableBytes(file.bytes, file.path, what), missingValues);
  for (const { column, cuts } of buckets ?? []) table = bucketColumn(table, column, cuts);
  return table;
}

/**
 * loadAuditDataset (a binary label, or a numeric one: regression) with exactly `features` (none at all when
 * empty, where loadAuditDataset would take every column).
 */
function load(table: CsvTable, options: LoadOptions): AuditDataset {
  if ((options.features ?? []).length > 0) return loadAuditDataset(table, options);
  const roles = [options.label, ...options.groups, ...(options.splitColumn ? [options.splitColumn] : [])];
  // A name not in the header fails in loadAuditDataset, with the whole header in the message.
  if (roles.some((name) => !table.header.includes(name))) return loadAuditDataset(table, options);
  const reduced: CsvTable = { ...table, header: roles, columns: roles.map((name) => table.columns[table.header.indexOf(name)]) };
  return loadAuditDataset(reduced, { ...options, features: [] });
}

const TASK_WORDS: Readonly<Record<Task, string>> = { classification: 'binary (a classification)', regression: 'numeric (a regression)' };
const MODEL_TASK_WORDS: Readonly<Record<Task, string>> = { classification: 'a binary classifier (probabilities)', regression: 'a regression model (predicted values)' };

/** The model's task must be the data's: a classifier's probabilities are no predictions of a number, and back. */
function requireTask(dataset: AuditDataset, modelTask: Task, modelPath: string, what: string): void {
  const task = taskOf(dataset.label);
  if (task === modelTask) return;
  throw new AuditInputError(
    'BAD_MODEL',
    `The label ${showCell(dataset.label.name)} is ${TASK_WORDS[task]}, but the model ${showCell(modelPath, 80)} is ${MODEL_TASK_WORDS[modelTask]}${what ? ` (${what})` : ''}.`,
    task === 'regression' ? 'Audit a regressor on a numeric label, or give the binary label the model was trained on.' : 'Audit a classifier on a binary label, or give the numeric label the model was trained on.',
  );
}

interface Roles {
  readonly label: string;
  readonly groups: readonly string[];
  readonly positive?: string;
}

function resolveRoles(loaded: LoadedModel, request: ModelAuditRequest): Roles {
  const stated =
    loaded.kind === 'json'
      ? { label: loaded.model.label.column, groups: loaded.model.groupAttributes, positive: loaded.model.label.positive }
      : loaded.kind === 'onnx'
        ? { label: loaded.plan.label, groups: loaded.plan.groups, positive: loaded.plan.positive }
        : {};
  const label = request.load.label ?? stated.label;
  if (label === undefined) throw new AuditInputError('USAGE', `The model file ${showCell(request.model.path, 80)} does not name the label column.`, 'Name it with --label.');
  const given = request.load.groups?.filter((g) => g.trim() !== '');
  const groups = given?.length ? given : stated.groups;
  if (!groups?.length) throw new AuditInputError('USAGE', `The model file ${showCell(request.model.path, 80)} does not name its group attributes.`, 'Name them with --groups (the model inputs that hold group membership).');
  if (given?.length && stated.groups && (given.length !== stated.groups.length || given.some((g) => !stated.groups!.includes(g)))) {
    throw new AuditInputError('BAD_OPTION', `The groups ${given.join(', ')} are not those of the model file (${stated.groups.join(', ')}).`, 'Audit the group attributes the model was built with: leave out --groups to use them.');
  }
  if (request.load.features?.length) {
    throw new AuditInputError('BAD_OPTION', 'Feature columns (--features) cannot be chosen for a model file.', "Leave out --features: the model's inputs decide them, and h0 takes the same features without the group attributes.");
  }
  return { label, groups, positive: request.load.positive ?? stated.positive };
}

/** The columns of an ONNX model's input, from its metadata or the request. */
function onnxInputs(plan: OnnxPlan, request: ModelAuditRequest, header: readonly string[]): InputColumn[] {
  const names = plan.columns ?? request.modelColumns;
  if (!names?.length) {
    throw new AuditInputError(
      'BAD_MODEL',
      `The ONNX model ${showCell(request.model.path, 80)} does not say which CSV column each of its ${plan.inputWidth ?? ''} inputs is (no fairuse.columns metadata).`.replace('  ', ' '),
      'Name them in order with --model-columns (e.g. age,bmi,Sex=Female,Sex=Male), or add the metadata fairuse.columns when exporting.',
    );
  }
  return resolveInputColumns(names, header, request.model.path);
}

function reporter(hooks: AuditHooks): (p: AuditProgress) => void {
  return (p) => {
    if (hooks.isCancelled?.()) throw new AuditCancelledError();
    hooks.onProgress?.(p);
  };
}

/**
 * Audits a model file (see the file comment).
 *
 * @param request the files' bytes and the audit's settings
 * @param runtime the ONNX runtime, for ONNX models
 * @param hooks progress and cancellation, as for runAudit
 * @returns the report, with `model` (and `comparison` when trainData is given)
 * @throws AuditInputError for every problem with the files or settings (codes in errors.ts)
 */
export async function auditModelFile(request: ModelAuditRequest, runtime: ModelAuditRuntime = {}, hooks: AuditHooks = {}): Promise<AuditReport> {
  const loaded = readModel(request);
  if (modelFileOptions(request, loaded.kind === 'json' ? loaded.model : undefined).options.interventions === true) {
    // SPEC §6 refits: each group's decoupled model, and a choice among models on a validation split.
    throw new AuditInputError(
      'BAD_OPTION',
      `The interventions cannot run on the model file ${request.model.path}: they train decoupled models and choose among models on a validation split.`,
      'Turn them off ("interventions": false in the spec, or leave out --intervene), or serve groups with h0 by the spec\'s "assign".',
    );
  }
  const report = await auditLoadedModel(request, loaded, runtime, hooks);
  return withOptionSources(report, modelFileOptions(request, loaded.kind === 'json' ? loaded.model : undefined, report.dataset.task).sources);
}

async function auditLoadedModel(request: ModelAuditRequest, loaded: LoadedModel, runtime: ModelAuditRuntime, hooks: AuditHooks): Promise<AuditReport> {
  const progress = reporter(hooks);
  // h0 is of the engine model file's class (so the audit of the file is the in-process audit), else linear.
  const h0Class: ModelClass = loaded.kind === 'json' ? MODEL_CLASS_OF[loaded.model.modelClass] : 'lr';
  if (request.options.modelClass !== undefined && request.options.modelClass !== h0Class) {
    throw new AuditInputError('BAD_OPTION', `This model file is audited against a${h0Class === 'lr' ? ' linear' : h0Class === 'rf' ? ' random-forest' : ' neural-net'} h0 (--model ${h0Class}); --model ${request.options.modelClass} applies only to models the engine trains.`, 'Leave out --model (or "modelClass") when auditing a model file.');
  }
  const roles = resolveRoles(loaded, request);
  const modelPath = request.model.path;
  const dataSha = sha256(request.data.bytes);
  const reading = savedReading({ buckets: request.buckets, missingValues: request.load.missingValues }, loaded.kind === 'json' ? loaded.model : undefined);
  const table = await readTable(request.data, reading.buckets, reading.missingValues);
  const warnings: string[] = [];

  if (loaded.kind === 'predictions') {
    if (request.trainData) throw new AuditInputError('BAD_OPTION', 'Training data (--train-data) cannot be given with a predictions file.', "Leave it out: the predictions file holds h0's predictions too.");
    if (request.load.splitColumn) throw new AuditInputError('BAD_OPTION', 'A split column cannot be given with a predictions file.', 'Leave it out: the rows with predictions are the test rows.');
    const dataset = load(table, { label: roles.label, groups: roles.groups, positive: roles.positive });
    const groups = indexGroups(dataset);
    progress({ stage: 'split' });
    const { split, predictions, warnings: rowWarnings } = readPredictionsFile(await parseTableBytes(request.model.bytes, modelPath, 'predictions file'), modelPath, table.rowCount, dataRowOfKeptRow(table, dataset), groups, dataset.label);
    warnings.push(...rowWarnings);
    const assigned = modelAssignment(request.options.assign, undefined, groups, modelPath);
    const report = await auditGivenPredictions(dataset, { ...modelFileOptions(request, undefined, taskOf(dataset.label)).options, assign: assigned.assign }, { path: request.data.path, sha256: dataSha }, { groups, split, predictions: assigned.apply(predictions), warnings, unexplained: PREDICTIONS_FILE_UNEXPLAINED }, hooks);
    return withModel(report, { source: 'predictions', path: modelPath, sha256: sha256(request.model.bytes), newData: false });
  }

  const json = loaded.kind === 'json' ? loaded.model : undefined;
  const inputs = loaded.kind === 'onnx' ? onnxInputs(loaded.plan, request, table.header) : undefined;
  const features = json ? json.features.map((f) => f.column) : featureColumnsOf(inputs as InputColumn[], roles.groups);
  if (inputs) {
    for (const attribute of roles.groups) {
      if (!inputs.some((i) => i.column === attribute)) warnings.push(`The model ${modelPath} has no input for the group attribute ${attribute}: substituting it changes nothing, so its envy-freeness gains are 0.`);
    }
  }
  if (json) checkTechnique(request.options, json);
  /** The audit's options for a label of this task (unknown: the settings' metric and ε wait until it is known). */
  const optionsFor = (task?: Task): Partial<AuditOptions> => ({ ...modelFileOptions(request, json, task).options, modelClass: h0Class });
  const options = optionsFor();
  // A graph that does not say (plain MatMul, Add) is read as the data's task.
  const modelTaskOf = (dataset: AuditDataset): Task => (json ? (isRegressionModel(json.modelClass) ? 'regression' : 'classification') : (loaded as { plan: OnnxPlan }).plan.task ?? taskOf(dataset.label));
  const checkTask = (dataset: AuditDataset) => requireTask(dataset, modelTaskOf(dataset), modelPath, json ? json.modelClass : '');
  /** load, where the positive class the model states does not hide that the data's label is numeric (checkTask says so). */
  const loadForModel = (from: CsvTable, loadOptions: LoadOptions): AuditDataset => {
    if (request.load.positive !== undefined || loadOptions.positive === undefined) return load(from, loadOptions);
    try {
      return load(from, loadOptions);
    } catch (error) {
      if (!(error instanceof AuditInputError && error.code === 'BAD_OPTION')) throw error;
      const numeric = load(from, { ...loadOptions, positive: undefined });
      if (numeric.label.task === 'regression') return numeric;
      throw error;
    }
  };
  const trainedOnThis = (sha: string) => json !== undefined && json.training.sha256 === sha;
  const recordedSplitColumn = json && 'splitColumn' in json.training.split ? json.training.split.splitColumn : undefined;

  let session: OnnxSession | undefined;
  const scorerFor = async (dataset: AuditDataset, positiveIndex: number): Promise<GroupScorer> => {
    if (json) return engineModelScorer(json, dataset, modelPath);
    const plan = (loaded as { plan: OnnxPlan }).plan;
    if (!session) {
      if (!runtime.onnx) throw new Error('auditModelFile: an ONNX model needs runtime.onnx');
      session = await runtime.onnx.load(plan.bytes, plan.inputName, plan.outputName, modelPath);
    }
    return onnxScorer(plan, inputs as InputColumn[], dataset, session, positiveIndex, modelPath);
  };
  const positiveIndexOf = (dataset: AuditDataset) =>
    loaded.kind === 'onnx' && dataset.label.task !== 'regression' ? positiveColumn(loaded.plan.classLabels, dataset.label.positive, warnings, modelPath) : 0;
  const scoreAll = async (scorer: GroupScorer, rows: Int32Array, groups: GroupIndex) => {
    const out: Float64Array[] = [];
    for (const group of groups.groups) out.push(await scorer.score(rows, group));
    return out;
  };
  const modelReport = (newData: boolean): ModelReport => ({
    source: loaded.kind,
    path: modelPath,
    sha256: sha256(request.model.bytes),
    ...(json ? { technique: json.technique, trainedOn: { path: json.training.data, sha256: json.training.sha256 } } : {}),
    ...(loaded.kind === 'onnx' ? { inputs: (inputs as InputColumn[]).map((i) => i.name), output: loaded.plan.outputName } : {}),
    newData,
  });
  const trainingWarnings = json?.training.warnings ?? [];
  /**
   * SPEC §9 for the model file: the engine's JSON file as the engine explains its own models (engine-explanations.ts);
   * an ONNX file by occlusion of h0 and h (model-explanations.ts) through the inputs its scorer exposes. Laid out and
   * assigned as the predictions are.
   */
  const explainedBy = async (
    generic: ClassFits,
    h0: () => { readonly xTrain: DenseMatrix; readonly xTest: DenseMatrix; readonly names: readonly string[] },
    test: RowsOf & { scorer: GroupScorer },
    train: RowsOf & { scorer?: GroupScorer },
    assigned: { readonly assign: Readonly<Record<string, string>>; apply(m: PredictionMatrix): PredictionMatrix },
  ): Promise<{ explained?: ExplanationMatrices | Unexplained; unexplained?: string }> => {
    const resolved = resolveOptions(options, taskOf(train.dataset.label));
    if (!resolved.explanations) return {};
    let explained: ExplanationMatrices | Unexplained;
    if (json) {
      explained = explainEngineModelFile(json, { model: generic.genericModel, linear: generic.genericLinear, ...h0() }, test, train, resolved.explainFraction, modelPath);
    } else {
      const trainInputs = (train.scorer ?? test.scorer).inputs;
      if (!test.scorer.inputs || !trainInputs) return { unexplained: MODEL_FILE_UNEXPLAINED };
      explained = await explainModelFile({ model: generic.genericModel, ...h0() }, { inputs: test.scorer.inputs, rows: test.rows, groups: test.groups }, { inputs: trainInputs, rows: train.rows, groups: train.groups }, resolved.explainFraction);
    }
    if ('unavailable' in explained) return { explained };
    // The examples show h as the file serves each group; with groups served by h0 instead they are left out, as in process.
    const { examples, ...matrices } = explained;
    return {
      explained: {
        ...matrices,
        sufficiency: assigned.apply(explained.sufficiency),
        comprehensiveness: assigned.apply(explained.comprehensiveness),
        ...(examples && Object.keys(assigned.assign).length === 0 ? { examples } : {}),
      },
    };
  };

  if (!request.trainData) {
    // One dataset: split it as the engine's own audit would (the model's recorded split when it was trained on it).
    if (json && trainedOnThis(dataSha)) requireRecordedSplit(json, request);
    const splitColumn = request.load.splitColumn ?? (trainedOnThis(dataSha) ? recordedSplitColumn : undefined);
    requireColumns(features, table, modelPath, request.data.path);
    const dataset = loadForModel(table, { label: roles.label, groups: roles.groups, features, splitColumn, positive: roles.positive });
    checkTask(dataset);
    progress({ stage: 'split' });
    const groups = indexGroups(dataset);
    const split = auditSplit(dataset, groups, resolvedSplitOptions(options));
    const encoder = fitFeatureEncoder(dataset.features, split.train);
    progress({ stage: 'fit-generic' });
    const resolved = resolveOptions(options, taskOf(dataset.label));
    const generic = fitClass(h0Class, encoder, dataset.label, groups, split.train, split.test, resolved.C, resolved.seed);
    progress({ stage: 'fit-personalized' });
    const scorer = await scorerFor(dataset, positiveIndexOf(dataset));
    const asGroup = await scoreAll(scorer, split.test, groups);
    if (json && !trainedOnThis(dataSha)) {
      warnings.push(`The model was trained on ${json.training.data} (another file, by its SHA-256): rows it was trained on may be among the test rows here. To audit it on new data, give its training data with --train-data.`);
    }
    // An ONNX file does not record its training rows; a split column is the user's word for which rows it never saw.
    if (loaded.kind === 'onnx' && splitColumn === undefined) {
      warnings.push(`The ONNX model ${modelPath} does not record the rows it was trained on: if they are rows of ${request.data.path}, some may be among the test rows here, which flatters the model. To audit it on data it was not trained on, give its training data with --train-data (every row of the audited file is then a test row), or mark its held-out rows with --split-column.`);
    }
    if (inputs) warnings.push(...levelWarnings(inputs, dataset, split.test, modelPath));
    const assigned = modelAssignment(options.assign, json, groups, modelPath);
    const predictions = assigned.apply({ generic: generic.generic, asGroup });
    const h0 = () => ({ xTrain: encoder.encode(split.train), xTest: encoder.encode(split.test), names: encoder.columnNames });
    const explained = await explainedBy(generic, h0, { dataset, rows: split.test, groups, scorer }, { dataset, rows: split.train, groups }, assigned);
    const given = { groups, split, predictions, warnings: [...generic.warnings, ...trainingWarnings, ...warnings], unseenLevels: encoder.unseenLevels(), ...explained };
    const report = await auditGivenPredictions(dataset, { ...optionsFor(taskOf(dataset.label)), assign: assigned.assign }, { path: request.data.path, sha256: dataSha }, given, hooks);
    return withModel(report, modelReport(false));
  }

  // New data: h0 is fitted on the training data; every row of the audited data is a test row.
  const trainFile = request.trainData;
  const trainSha = sha256(trainFile.bytes);
  const trainTable = await readTable(trainFile, reading.buckets, reading.missingValues, 'training CSV');
  requireColumns(features, trainTable, modelPath, trainFile.path);
  requireColumns(features, table, modelPath, request.data.path);
  const trainSplitColumn = request.load.splitColumn ?? (trainedOnThis(trainSha) ? recordedSplitColumn : undefined);
  const trainSet = loadForModel(trainTable, { label: roles.label, groups: roles.groups, features, splitColumn: trainSplitColumn, positive: roles.positive });
  checkTask(trainSet);
  const dataset = load(table, { label: roles.label, groups: roles.groups, features, positive: trainSet.label.task === 'regression' ? undefined : trainSet.label.positive });
  checkTask(dataset);
  progress({ stage: 'split' });
  const trainGroups = indexGroups(trainSet);
  const groups = indexGroups(dataset);
  const trainRows = trainedOnThis(trainSha) || trainSet.splitIsTest ? auditSplit(trainSet, trainGroups, resolvedSplitOptions(options)).train : allRows(trainSet.rows);
  if (trainedOnThis(dataSha)) warnings.push(`The data audited as new is the file the model was trained on (${json!.training.data}).`);

  progress({ stage: 'fit-generic' });
  const encoder = fitFeatureEncoder(trainSet.features, trainRows);
  const resolved = resolveOptions(options, taskOf(trainSet.label));
  const generic = fitClass(h0Class, encoder, trainSet.label, trainGroups, trainRows, trainRows, resolved.C, resolved.seed);
  const newRows = allRows(dataset.rows);
  const newEncoder = encoderFor(describeEncoding(trainSet.features, trainRows), dataset.features, trainFile.path);
  const genericOnNew = generic.genericModel.predict(newEncoder.encode(newRows));

  progress({ stage: 'fit-personalized' });
  const scorerNew = await scorerFor(dataset, positiveIndexOf(dataset));
  const scorerTrain = await scorerFor(trainSet, positiveIndexOf(trainSet));
  const asGroupNew = await scoreAll(scorerNew, newRows, groups);
  const asGroupTrain = await scoreAll(scorerTrain, trainRows, trainGroups);

  if (inputs) warnings.push(...levelWarnings(inputs, dataset, newRows, modelPath));
  const noRows = new Int32Array(0);
  const assignedNew = modelAssignment(options.assign, json, groups, modelPath);
  // The spec names the audited data's groups; the training data may lack some of them.
  const trainIds = new Set(trainGroups.groups.map((g) => g.id));
  const assignedTrain = modelAssignment(Object.fromEntries(Object.entries(options.assign ?? {}).filter(([id]) => trainIds.has(id))), json, trainGroups, modelPath);
  const newReport = await auditGivenPredictions(
    dataset,
    { ...optionsFor(taskOf(dataset.label)), assign: assignedNew.assign },
    { path: request.data.path, sha256: dataSha },
    {
      groups,
      split: { train: noRows, test: newRows },
      predictions: assignedNew.apply({ generic: genericOnNew, asGroup: asGroupNew }),
      warnings: [...generic.warnings, ...trainingWarnings, ...warnings],
      unseenLevels: newEncoder.unseenLevels(),
      ...(await explainedBy(
        generic,
        () => ({ xTrain: encoder.encode(trainRows), xTest: newEncoder.encode(newRows), names: newEncoder.columnNames }),
        { dataset, rows: newRows, groups, scorer: scorerNew },
        { dataset: trainSet, rows: trainRows, groups: trainGroups, scorer: scorerTrain },
        assignedNew,
      )),
    },
    hooks,
  );
  const trainReport = await auditGivenPredictions(
    trainSet,
    { ...optionsFor(taskOf(trainSet.label)), assign: assignedTrain.assign },
    { path: trainFile.path },
    { groups: trainGroups, split: { train: noRows, test: trainRows }, predictions: assignedTrain.apply({ generic: generic.generic, asGroup: asGroupTrain }), warnings: [] },
    hooks,
  );
  const nTrainOf = new Map(trainReport.groups.map((g) => [g.id, g.nTest]));
  const report: AuditReport = { ...newReport, groups: newReport.groups.map((g) => ({ ...g, nTrain: nTrainOf.get(g.id) ?? 0 })) };
  return { ...withModel(report, modelReport(true)), comparison: compare(trainReport, newReport, { path: trainFile.path, sha256: trainSha, rows: trainRows.length }) };
}

/** An ONNX model's categorical inputs whose levels in the data it has no indicator for (input-columns.ts). */
function levelWarnings(inputs: readonly InputColumn[], dataset: AuditDataset, testRows: Int32Array, modelPath: string): string[] {
  return featureLevelsWithoutInput(inputs, dataset, testRows).map(
    ({ column, levels, inputs: own, cells }) =>
      `The model ${modelPath} has no input for the levels ${levels.map((v) => showCell(`${column}=${v}`, 60)).join(', ')} of ${showCell(column)} (its inputs for it: ${own.map((n) => showCell(n, 60)).join(', ')}): ` +
      `${cells} test cell${cells === 1 ? '' : 's'} hold${cells === 1 ? 's' : ''} them and ${cells === 1 ? 'is' : 'are'} fed as all zeros, a pattern the model may never have seen. Recode the column to the model's levels, or check that the model expects these.`,
  );
}

function allRows(count: number): Int32Array {
  return Int32Array.from({ length: count }, (_, i) => i);
}

/**
 * On the file a model was trained on, only the recorded split holds out rows the model never saw: another seed,
 * test size or split column would test it on its own training rows, an optimistic audit. Refused, with the fix.
 */
function requireRecordedSplit(model: EngineModel, request: ModelAuditRequest): void {
  const split = model.training.split;
  const { seed, testSize } = request.options;
  const asked = request.load.splitColumn;
  const conflict =
    'seed' in split
      ? asked !== undefined || (seed !== undefined && seed !== split.seed) || (testSize !== undefined && testSize !== split.testSize)
      : asked !== undefined && asked !== split.splitColumn;
  if (!conflict) return;
  const recorded = 'seed' in split ? `seed ${split.seed} and test size ${split.testSize}` : `the split column '${split.splitColumn}'`;
  throw new AuditInputError(
    'BAD_OPTION',
    `The model ${request.model.path} was trained on this file with ${recorded}; another split would put rows it was trained on among the test rows.`,
    'Leave out --seed, --test-size and --split-column (the recorded split is used), or audit on other data.',
  );
}

/** A model file has its own technique: another one asked for is refused. */
function checkTechnique(options: Partial<AuditOptions>, model: EngineModel): void {
  if (options.technique !== undefined && options.technique !== model.technique) {
    throw new AuditInputError('BAD_OPTION', `The technique ${options.technique} is not the model file's (${model.technique}).`, 'Leave out --technique: a model file has its own.');
  }
}

/**
 * The request's options over a JSON model's training settings (its technique, penalty and split, so the same data
 * gets the same split) over the editor's settings, each with its source (audit/option-layers.ts).
 */
function modelFileOptions(request: Pick<ModelAuditRequest, 'options' | 'sources' | 'settings'>, model: EngineModel | undefined, task?: Task): LayeredOptions {
  const layers: OptionLayer[] = [];
  if (model) {
    const split = model.training.split;
    layers.push({
      source: 'model file',
      options: { technique: model.technique, C: model.training.C === 'Infinity' ? Infinity : model.training.C, ...('seed' in split ? { seed: split.seed, testSize: split.testSize } : {}) },
    });
  }
  if (request.settings) {
    const { metric, epsilon, ...taskFree } = request.settings;
    layers.push({ source: 'settings', options: task === undefined ? taskFree : { ...taskFree, metric, epsilon } });
  }
  const layered = addLayers(request, layers, task);
  if (layered.sources.interventions !== 'settings') return layered;
  // The editor's interventions setting is for the models it trains: a model file cannot have them.
  const { interventions: _option, ...options } = layered.options;
  const { interventions: _source, ...sources } = layered.sources;
  return { options, sources };
}

function resolvedSplitOptions(options: Partial<AuditOptions>): { seed: number; testSize: number } {
  const { seed, testSize } = resolveOptions(options);
  return { seed, testSize };
}

function withModel(report: AuditReport, model: ModelReport): AuditReport {
  return { ...report, model };
}

function side(report: AuditReport, metric: MetricId, group: string): GainOnData | null {
  const row = report.metrics[metric]?.rationality.find((r) => r.group === group);
  const nTest = report.groups.find((g) => g.id === group)?.nTest ?? 0;
  if (!row || nTest === 0) return null;
  return { nTest, generic: row.generic, personalized: row.personalized, gain: row.gain, ci: row.ci, verdict: row.verdict };
}

/** The gains on the training data beside those on the new data, per metric and group (new data's groups first). */
function compare(training: AuditReport, newData: AuditReport, trainingData: DataComparison['trainingData']): DataComparison {
  const ids = [...newData.groups.map((g) => g.id), ...training.groups.map((g) => g.id).filter((id) => !newData.groups.some((g) => g.id === id))];
  const metrics: Partial<Record<MetricId, DataComparison['metrics'][MetricId]>> = {};
  for (const metric of METRIC_IDS) {
    const a = training.metrics[metric];
    const b = newData.metrics[metric];
    if (!a || !b) continue;
    const rationality: ComparisonRow[] = ids.map((group) => ({ group, trainingData: side(training, metric, group), newData: side(newData, metric, group) }));
    metrics[metric] = { overall: { trainingData: a.overall, newData: b.overall }, rationality };
  }
  return { trainingData, metrics };
}
