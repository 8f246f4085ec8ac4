/**
 * The engine's one way in: `audit(request, hooks)` runs every kind of audit the front ends ask for and returns the
 * report, with where each option came from. The CLI and the editor's worker read the files, build a request and call
 * this; none of them chooses among the engine's steps.
 *
 * - `trained`: the engine trains h0 and the personalized models on the data's train rows (audit/audit.ts);
 * - `model-file`: the personalized model is the user's (model-file/model-audit.ts): the engine's JSON model, an ONNX
 *   model, or a predictions file (told by the file's name or first bytes), on one dataset or, with `trainData`, on
 *   new data.
 *
 * It sits above audit/ and model-file/ since a model file's audit is built on the audit's steps.
 */
import { type AuditHooks, runAudit } from './audit/audit';
import type { SpecRun } from './audit/audit-spec';
import { expectedDuration, manyGroupsNotice } from './audit/expected-duration';
import { explanationNotice } from './audit/explanation-cost';
import { addLayers, withOptionSources } from './audit/option-layers';
import { type AuditOptions, DEFAULT_OPTIONS } from './audit/options';
import { prepareAuditDataset } from './audit/prepare-dataset';
import type { CsvTable } from './data/csv';
import { type AuditDataset, taskOf } from './data/dataset';
import { indexGroups } from './data/groups';
import type { ModelAuditRequest } from './model-file/audit/model-audit-request';
import { auditModelFile } from './model-file/model-audit';
import type { OnnxRuntime } from './model-file/onnx-model';
import type { AuditReport } from './report/report';

/** An audit of the engine's own models, trained here. */
export interface TrainedAuditRequest {
  readonly kind: 'trained';
  readonly data: {
    /** The CSV text, or the table read from it (in chunks, or from Parquet) by the front end. */
    readonly content: string | CsvTable;
    /** How the report names the data. */
    readonly path: string;
    /** SHA-256 of the data file's bytes: lets a diff tell another dataset apart. */
    readonly sha256?: string;
  };
  /** The columns, buckets and options (with their sources) of the command line or the audit spec. */
  readonly run: Pick<SpecRun, 'load' | 'buckets' | 'options' | 'sources'>;
  /** The editor's settings, under the run's options; their metric and ε apply only where they fit the label's task. */
  readonly settings?: Partial<AuditOptions>;
}

/** An audit of a model file: the engine's JSON model, an ONNX model or a predictions file; new data with `trainData`. */
export interface ModelFileAuditRequest extends ModelAuditRequest {
  readonly kind: 'model-file';
}

export type AuditRequest = TrainedAuditRequest | ModelFileAuditRequest;

/** What the engine tells and asks of its caller while it runs; no I/O of its own. */
export interface EngineHooks extends AuditHooks {
  /** Before the long work of an audit with many groups: how many, and how long it is expected to take. */
  readonly onNotice?: (notice: { readonly message: string; readonly expected: string }) => void;
  /**
   * Before explanations far longer than the rest of the audit (audit/explanation-cost.ts), with the estimate in words:
   * true runs them, false audits without them. Without it the estimate goes to onNotice.
   */
  readonly confirmExplanations?: (estimate: string) => Promise<boolean>;
  /** Loads ONNX models (src/runtime/onnx-runtime.ts); needed only for an ONNX model file. */
  readonly onnx?: OnnxRuntime;
}

/**
 * Runs the audit the request describes.
 *
 * @returns the report (with `settings.sources`; a model file's with `model`, and new data's with `comparison`)
 * @throws AuditInputError for every problem with the data, the model file or the options (codes in errors.ts)
 * @throws AuditCancelledError when `hooks.isCancelled` says so
 */
export async function audit(request: AuditRequest, hooks: EngineHooks = {}): Promise<AuditReport> {
  if (request.kind === 'model-file') return auditModelFile(request, { onnx: hooks.onnx }, hooks);
  return auditTrained(request, hooks);
}

async function auditTrained(request: TrainedAuditRequest, hooks: EngineHooks): Promise<AuditReport> {
  const { data, run, settings } = request;
  const dataset = prepareAuditDataset(data.content, run);
  if (hooks.onNotice) noticeManyGroups(dataset, run.options, hooks.onNotice);
  const { options, sources } = settings === undefined ? run : addLayers(run, [{ source: 'settings', options: settings }], taskOf(dataset.label));
  const explained = await explanationsAsked(dataset, options, hooks);
  const report = await runAudit(dataset, explained, { path: data.path, sha256: data.sha256 }, hooks);
  return withOptionSources(report, sources);
}

/** The options with explanations off when the caller, asked about explanations that dwarf the rest, skips them. */
async function explanationsAsked(dataset: AuditDataset, options: Partial<AuditOptions>, hooks: EngineHooks): Promise<Partial<AuditOptions>> {
  const notice = explanationNotice(dataset, options, indexGroups(dataset).groups.length);
  if (notice === undefined) return options;
  if (!hooks.confirmExplanations) hooks.onNotice?.({ message: notice.message, expected: notice.expected });
  else if (notice.canSkip && !(await hooks.confirmExplanations(notice.estimate))) return { ...options, explanations: false };
  return options;
}

/** With many groups, before the long work: how many, and how long (issue 14). */
function noticeManyGroups(dataset: AuditDataset, options: Partial<AuditOptions>, onNotice: NonNullable<EngineHooks['onNotice']>): void {
  const size = { rows: dataset.rows, groups: indexGroups(dataset).groups.length, resamples: options.bootstrap ?? DEFAULT_OPTIONS.bootstrap };
  const message = manyGroupsNotice(size);
  if (message !== undefined) onNotice({ message, expected: expectedDuration(size) });
}
