import { dirname, resolve } from 'node:path';
import { audit, type AuditRequest } from '../core/engine';
import { parseAuditSpec, specToRun, type SpecRun } from '../core/audit/audit-spec';
import { decodeText } from '../core/data/decode-text';
import { isParquet, parseTableBytes } from '../core/data/table-bytes';
import { parseJsonText } from '../core/data/json-syntax';
import { AuditInputError } from '../core/errors';
import { DEFAULT_OPTIONS } from '../core/audit/options';
import { addLayers, layerOptions } from '../core/audit/option-layers';
import { prepareTable } from '../core/audit/prepare-dataset';
import { renderReportHtml } from '../core/report/render/html';
import { renderMarkdown } from '../core/report/render/markdown';
import type { AuditReport } from '../core/report/report';
import { EXIT_STATUS, headlineOf } from '../core/report/headline';
import { type AuditCommand, type DataChoices, type DiffCommand, parseCommand, type TrainCommand, USAGE } from './args';
import { checkBaselineFits, diffReports, readReport } from '../core/report/diff';
import { diffJson, diffMarkdown, diffText } from '../core/report/render-diff';
import { toSarif } from '../core/report/sarif';
import { sarifAnchor } from './sarif-anchor';
import { loadAuditDataset } from '../core/data/load-dataset';
import { designColumns } from '../core/learn/feature-encoder';
import { DEFAULT_MAX_MODEL_MB } from '../core/model-file/read-model-file';
import { onnxRuntimeWeb } from '../runtime/onnx-runtime';
import { dataRowOfKeptRow, formatPredictionsFile } from '../core/model-file/predictions-file';
import { sha256 } from '../core/data/sha256';
import { formatEngineModel, trainEngineModel } from '../core/model-file/train-model';
import type { EngineModel } from '../core/model-file/engine-model';
import { checkOutputPaths } from './output-paths';
import { readInputFileSync } from '../files/input-file';
import { readLargeCsvSync } from '../files/large-csv-file';
import { writeOutputFile } from '../files/output-file';
import { confinedSpecPath } from '../files/spec-paths';
import { headlineText, renderText } from './render-text';
import { describeFailure } from './describe-failure';
import { stderrProgress } from './progress';
import { countOf } from '../core/count-words';

declare const FAIRUSE_VERSION: string;

/**
 * The `fairuse` command line. Returns the exit status: 0 no violation (and the data could have shown one),
 * 1 violation, 2 could not run, 3 inconclusive (a group untested, or more groups than the test rows can validate).
 */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    const command = parseCommand(argv);
    if (command.kind === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (command.kind === 'version') {
      process.stdout.write(`${typeof FAIRUSE_VERSION === 'string' ? FAIRUSE_VERSION : 'dev'}\n`);
      return 0;
    }
    if (command.kind === 'train') return train(command);
    if (command.kind === 'diff') return diff(command);
    const plan = planAudit(command);
    if (plan.model !== undefined && plan.run.options.interventions) throw interventionsNeedTraining(plan.model.path);
    checkOutputPaths(
      { '--json': command.jsonPath, '--markdown': command.markdownPath, '--html': command.htmlPath, '--sarif': command.sarifPath },
      { 'data file': plan.dataPath, 'audit spec': command.specPath, 'model file': plan.model?.path, 'training data': plan.model?.trainData, 'baseline report': command.baselinePath },
    );
    // A baseline that cannot be read fails before the audit runs, not after.
    const baseline = command.baselinePath === undefined ? undefined : readReportFile(command.baselinePath, 'baseline report');
    const { request, dataHead } = plan.model === undefined ? await readTableRequest(plan) : readModelFileRequest(command, plan, plan.model);
    if (baseline !== undefined) {
      const dataSha256 = request.kind === 'trained' ? request.data.sha256 : sha256(request.data.bytes);
      checkBaselineFits(baseline, { sha256: dataSha256, label: plan.run.load.label, groupAttributes: plan.run.load.groups });
    }
    const resamples = plan.run.options.bootstrap ?? DEFAULT_OPTIONS.bootstrap;
    const progress = stderrProgress({ resamples, modelFile: plan.model !== undefined }, command.progress);
    const onNotice = command.quiet ? undefined : ({ message }: { message: string }) => process.stderr.write(`fairuse: ${message}\n`);
    const report = await audit(request, { onProgress: progress.update, onNotice, onnx: onnxRuntimeWeb() });
    progress.done();
    const status = writeReport(command, report, { baseline, dataPath: plan.dataPath, dataHead });
    return command.exitZero ? 0 : status;
  } catch (error) {
    const { line, detail } = describeFailure(error);
    process.stderr.write(`fairuse: ${line}\n`);
    if (detail !== undefined && (argv.includes('--verbose') || process.env.FAIRUSE_DEBUG)) process.stderr.write(`${detail}\n`);
    return 2;
  }
}

/** What the engine is asked, and the data file's text or at least its first line (where SARIF results point). */
interface ReadRequest {
  readonly request: AuditRequest;
  readonly dataHead: string;
}

/** `fairuse audit data.csv`: the data for the engine's own models, as text or, from Parquet or a large CSV, a table. */
async function readTableRequest({ dataPath, run }: AuditPlan): Promise<ReadRequest> {
  const parquetByName = /\.parquet$/i.test(dataPath);
  // A CSV is read in chunks, numeric columns straight into numbers, never as one string (docs/performance.md).
  const large = parquetByName ? undefined : readLargeCsvSync(dataPath);
  if (large !== undefined) return { request: { kind: 'trained', data: { content: large.table, path: dataPath, sha256: large.sha256 }, run }, dataHead: large.head };
  const bytes = readBytes(dataPath, parquetByName ? 'data file' : 'CSV file', undefined, !parquetByName);
  // A Parquet file has no text: the SARIF anchor then falls back to the file's first line.
  const table = isParquet(bytes, dataPath) ? await parseTableBytes(bytes, dataPath) : undefined;
  // Strict UTF-8, dropping a byte-order mark (Windows editors write one): a Latin-1 file is refused, not garbled.
  const text = table === undefined ? decodeText(bytes, dataPath, 'CSV file') : '';
  return { request: { kind: 'trained', data: { content: table ?? text, path: dataPath, sha256: sha256(bytes) }, run }, dataHead: text };
}

interface ReportContext {
  readonly baseline?: AuditReport;
  readonly dataPath: string;
  /** The data file's text, or at least its first line (where SARIF results point without a spec). */
  readonly dataHead: string;
}

function writeReport(command: AuditCommand, report: AuditReport, context: ReportContext): number {
  // Each view is rendered only when asked for: with hundreds of groups a view costs seconds (docs/performance.md).
  writeOutput(command.jsonPath, () => `${JSON.stringify(report, null, 2)}\n`);
  writeOutput(command.markdownPath, () => renderMarkdown(report));
  // As the editor exports it, less the finishing time: the same inputs give the same file.
  writeOutput(command.htmlPath, () => renderReportHtml(report, { specLabel: command.specPath }));
  writeOutput(command.sarifPath, () => sarifOf(command, report, context));
  const stdoutTaken = [command.jsonPath, command.markdownPath, command.htmlPath, command.sarifPath].includes('-');
  const color = command.color ?? (process.stdout.isTTY === true && !process.env.NO_COLOR);
  if (!stdoutTaken) {
    process.stdout.write(command.quiet ? `${headlineText(report, color)}\n` : renderText(report, color));
  }
  if (context.baseline !== undefined) {
    const changes = diffReports(context.baseline, report);
    const files = { old: command.baselinePath as string, new: 'this audit' };
    // With stdout taken by a report, the comparison goes to stderr so the report stays parseable.
    (stdoutTaken ? process.stderr : process.stdout).write(command.quiet ? `${diffText(changes, files).trimEnd().split('\n').pop()}\n` : `\n${diffText(changes, files, color)}`);
    // Against a baseline only new violations fail; a run the data cannot support is still inconclusive.
    if (changes.hasNewViolation) return 1;
    return headlineOf(report).state === 'inconclusive' ? EXIT_STATUS.inconclusive : 0;
  }
  // A gate must not pass when the data could not have shown a violation (report/headline.ts).
  return EXIT_STATUS[headlineOf(report).state];
}

function sarifOf(command: AuditCommand, report: AuditReport, context: ReportContext): string {
  const anchorFile = command.specPath !== undefined
    ? { path: command.specPath, text: readData(command.specPath, 'audit spec'), isSpec: true }
    : { path: context.dataPath, text: context.dataHead, isSpec: false };
  const log = toSarif(report, { version: toolVersion(), anchor: sarifAnchor(anchorFile, report.dataset.groupAttributes[0]) });
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** `fairuse diff OLD.json NEW.json`: 1 when NEW has a violation of the decisive metric that OLD did not. */
function diff(command: DiffCommand): number {
  checkOutputPaths({ '--json': command.jsonPath, '--markdown': command.markdownPath }, { 'OLD report': command.oldPath, 'NEW report': command.newPath });
  const changes = diffReports(readReportFile(command.oldPath, 'OLD report'), readReportFile(command.newPath, 'NEW report'));
  const files = { old: command.oldPath, new: command.newPath };
  writeOutput(command.jsonPath, diffJson(changes, files));
  writeOutput(command.markdownPath, diffMarkdown(changes, files));
  if (command.jsonPath !== '-' && command.markdownPath !== '-') {
    process.stdout.write(diffText(changes, files, command.color ?? (process.stdout.isTTY === true && !process.env.NO_COLOR)));
  }
  return changes.hasNewViolation ? 1 : 0;
}

/** A JSON report from a file; a truncated or foreign file is one clear line. */
function readReportFile(path: string, what: string): AuditReport {
  // Located by line and column, never by V8's message (which quotes the file).
  const parsed = parseJsonText(readData(path, what), (where) => new AuditInputError('BAD_REPORT', `The ${what} ${path} is not valid JSON (${where}); is it truncated?`, 'Give a complete JSON report written by `fairuse audit --json`.'));
  return readReport(parsed, `The ${what} ${path}`);
}

function toolVersion(): string {
  return typeof FAIRUSE_VERSION === 'string' ? FAIRUSE_VERSION : 'dev';
}

/** `fairuse audit … --model-file`: the engine trains h0 only and reads the personalized model from the file. */
function readModelFileRequest(command: AuditCommand, { dataPath, run }: AuditPlan, model: ModelPlan): ReadRequest {
  const modelPath = model.path;
  const maxModelBytes = (command.maxModelMb ?? DEFAULT_MAX_MODEL_MB) * 1024 * 1024;
  const dataBytes = readBytes(dataPath, 'CSV file');
  const request: AuditRequest = {
    kind: 'model-file',
    data: { bytes: dataBytes, path: dataPath },
    model: { bytes: readBytes(modelPath, 'model file', maxModelBytes, isTextModel(modelPath, command.modelKind)), path: modelPath, kind: command.modelKind },
    trainData: model.trainData === undefined ? undefined : { bytes: readBytes(model.trainData, 'training CSV'), path: model.trainData },
    load: run.load,
    buckets: run.buckets,
    options: run.options,
    sources: run.sources,
    modelColumns: model.columns,
    maxModelBytes,
  };
  // The header line is all the SARIF anchor needs; a lenient decode of the first 64 KiB is enough for it.
  return { request, dataHead: new TextDecoder().decode(dataBytes.subarray(0, 1 << 16)).replace(/^\uFEFF/, '') };
}

/** A model JSON or predictions CSV is decoded as text (so V8's string limit applies); an ONNX model is not. */
function isTextModel(path: string, kind: string | undefined): boolean {
  return kind === undefined ? !/\.(onnx|parquet)$/i.test(path) : kind !== 'onnx' && !/\.parquet$/i.test(path);
}

/**
 * `fairuse train`: fits the personalized model as an audit would and writes the engine's model file. With a spec,
 * the spec's data, columns and options (its "assign" included) are used, the command line's flags on top.
 */
const MODEL_CLASS_WORDS: Readonly<Record<EngineModel['modelClass'], string>> = {
  'logistic-regression': 'logistic model',
  'ridge-regression': 'ridge regression',
  'random-forest-regressor': 'random forest regressor',
  'neural-net-regressor': 'neural net regressor',
};

function train(command: TrainCommand): number {
  const plan = planAudit(command);
  if (plan.model !== undefined) {
    throw new AuditInputError('USAGE', `The spec ${command.specPath} audits the model file ${plan.model.path}; there is nothing to train.`, 'Train from a spec without "model", or give the data, --label and --groups.');
  }
  checkOutputPaths({ '--save-model': command.saveModel, '--save-predictions': command.savePredictions }, { 'data file': plan.dataPath, 'audit spec': command.specPath });
  const bytes = readBytes(plan.dataPath, 'CSV file');
  const table = prepareTable(decodeText(bytes, plan.dataPath), plan.run.buckets, plan.run.load.missingValues);
  const dataset = loadAuditDataset(table, plan.run.load);
  const version = typeof FAIRUSE_VERSION === 'string' ? FAIRUSE_VERSION : 'dev';
  const saved = { buckets: plan.run.buckets, missingValues: plan.run.load.missingValues };
  const trained = trainEngineModel(dataset, plan.run.options, { path: plan.dataPath, sha256: sha256(bytes), ...saved }, `fairuse ${version}`);
  writeOutput(command.saveModel, formatEngineModel(trained.model));
  if (command.savePredictions !== undefined) {
    const keptDataRow = dataRowOfKeptRow(table, dataset);
    const { groups, split, predictions } = trained;
    writeOutput(command.savePredictions, formatPredictionsFile(table.rowCount, keptDataRow, groups, split.test, predictions, dataset.label));
  }
  const { model } = trained;
  const inputs = designColumns(model.features).length;
  // The audit's header counts features; say the same, and the inputs they become when categories are one-hot coded.
  const features = `${countOf(model.features.length, 'feature')}${inputs === model.features.length ? '' : ` (${countOf(inputs, 'model input')} after coding categories)`}`;
  const served = model.assigned?.length ? `; ${model.assigned.map((a) => `${Object.values(a.group).join(', ')} served by ${a.serve === 'generic' ? 'h0' : 'its decoupled model'}`).join('; ')}` : '';
  process.stdout.write(
    `Saved the ${model.technique} ${MODEL_CLASS_WORDS[model.modelClass]} (${features}, groups ${model.groupAttributes.join(' × ')}${served}), trained on ${trained.split.train.length} of ${countOf(dataset.rows, 'row')} of ${plan.dataPath}, to ${command.saveModel}.\n`,
  );
  return 0;
}

/**
 * The interventions (SPEC §6) refit: each group's decoupled model, and the choice among h, h0 and it on a
 * validation split carved out of the training rows. A model file is fixed, so they cannot run on it; refused
 * rather than silently left out of the report.
 */
function interventionsNeedTraining(modelPath: string): AuditInputError {
  return new AuditInputError(
    'USAGE',
    `--intervene (or "interventions" in the spec) cannot run on the model file ${modelPath}: the interventions train decoupled models and choose among models on a validation split.`,
    'Leave out --intervene, serve groups with h0 by the spec\'s "assign", or audit the engine\'s own models (without --model-file) with --intervene.',
  );
}

interface ModelPlan {
  readonly path: string;
  readonly columns?: readonly string[];
  readonly trainData?: string;
}

interface AuditPlan {
  readonly dataPath: string;
  readonly run: SpecRun;
  /** Present when a model file is audited (--model-file, or the spec's "model"). */
  readonly model?: ModelPlan;
}

/**
 * What to audit: the command line alone, or an audit spec with the command line's flags on top.
 * A spec's paths are relative to the spec; paths given on the command line win.
 */
function planAudit(command: DataChoices & Partial<Pick<AuditCommand, 'modelFile' | 'modelColumns' | 'trainData'>>): AuditPlan {
  const flags = command.options;
  const fromFlags: ModelPlan | undefined =
    command.modelFile === undefined ? undefined : { path: command.modelFile, columns: command.modelColumns, trainData: command.trainData };
  if (command.specPath === undefined) {
    // With a model file, a label or groups left out come from the model.
    const { groups, buckets } = groupsWithBuckets(command.groups);
    const load = {
      label: command.label as string,
      groups: groups as string[],
      features: command.features,
      splitColumn: command.splitColumn,
      positive: command.positive,
      task: command.task,
      missingValues: command.missingValues,
    };
    return { dataPath: command.dataPath as string, run: { load, buckets, ...layerOptions([{ source: 'command line', options: flags }]) }, model: fromFlags };
  }
  const specPath = command.specPath;
  const parsed = parseJsonText(readData(specPath, 'audit spec'), (where) => new AuditInputError('BAD_SPEC', `${specPath} is not valid JSON (${where}).`, 'Fix the JSON syntax, or recreate the spec from the editor.'));
  const spec = parseAuditSpec(parsed, command.specPath);
  const fromSpec = specToRun(spec);
  const fromFlagGroups = command.groups === undefined ? undefined : groupsWithBuckets(command.groups);
  const load = {
    label: command.label ?? fromSpec.load.label,
    groups: fromFlagGroups?.groups ?? fromSpec.load.groups,
    features: command.features ?? fromSpec.load.features,
    splitColumn: command.splitColumn ?? fromSpec.load.splitColumn,
    positive: command.positive ?? fromSpec.load.positive,
    task: command.task ?? fromSpec.load.task,
    missingValues: command.missingValues ?? fromSpec.load.missingValues,
  };
  // Buckets belong to the spec's groups; a --groups override keeps those of the columns it still names.
  const buckets = fromFlagGroups?.buckets.length ? fromFlagGroups.buckets : fromSpec.buckets.filter((b) => load.groups.includes(b.column));
  // A spec reads only inside its own folder; a path on the command line is the user's own choice.
  const specFolder = [dirname(resolve(specPath))];
  const fromSpecModel: ModelPlan | undefined = fromFlags !== undefined || spec.model === undefined ? undefined : {
    path: confinedSpecPath(specPath, 'model', spec.model, specFolder, 'give the model with --model-file'),
    columns: command.modelColumns ?? spec.modelColumns,
    trainData: command.trainData ?? (spec.trainData === undefined ? undefined : confinedSpecPath(specPath, 'trainData', spec.trainData, specFolder, 'give it with --train-data')),
  };
  return {
    dataPath: command.dataPath ?? confinedSpecPath(specPath, 'data', spec.data, specFolder, `give it on the command line: fairuse audit <data.csv> --spec ${specPath}`),
    run: { load, buckets, ...addLayers(fromSpec, [{ source: 'command line', options: flags }]) },
    model: fromFlags ?? fromSpecModel,
  };
}

/**
 * `--groups sex,age:40:65`: a group written `column:cut:cut…` is a numeric column bucketed at those cut points
 * (<40, 40-65, 65+), as `{ "column", "buckets" }` in a spec.
 */
function groupsWithBuckets(groups: readonly string[] | undefined): { groups: string[] | undefined; buckets: Array<{ column: string; cuts: number[] }> } {
  if (groups === undefined) return { groups: undefined, buckets: [] };
  const buckets: Array<{ column: string; cuts: number[] }> = [];
  const names = groups.map((group) => {
    const [column, ...cutTexts] = group.split(':');
    if (cutTexts.length === 0) return group;
    const cuts = cutTexts.map((t) => Number(t.trim()));
    if (column.trim() === '' || cuts.some((c, k) => !Number.isFinite(c) || (k > 0 && c <= cuts[k - 1])) || cutTexts.some((t) => t.trim() === '')) {
      throw new AuditInputError('USAGE', `--groups ${group} is not a column with increasing cut points.`, 'Write a bucketed group as column:cut:cut, e.g. --groups sex,age:40:65.');
    }
    buckets.push({ column: column.trim(), cuts });
    return column.trim();
  });
  return { groups: names, buckets };
}

function readData(path: string, what: string): string {
  // Strict UTF-8, dropping a byte-order mark (Windows editors write one): a Latin-1 file is refused, not garbled.
  return decodeText(readInputFileSync(path, what, { asText: true }), path, what);
}

/** A file's bytes; over `maxBytes` (or, for text, V8's string limit) it is refused before it is read. */
function readBytes(path: string, what: string, maxBytes?: number, asText = true): Uint8Array {
  return readInputFileSync(path, what, { asText, maxBytes, maxBytesCode: 'MODEL_TOO_LARGE', maxBytesFix: 'Raise the limit with --max-model-mb if the file is what you mean to audit.' });
}

function writeOutput(path: string | undefined, content: string | (() => string)): void {
  if (path === undefined) return;
  const text = typeof content === 'string' ? content : content();
  if (path === '-') {
    process.stdout.write(text);
    return;
  }
  writeOutputFile(path, text);
}

