/**
 * The audit worker thread: reads the CSV, runs the engine, and reports progress, so the extension host
 * (and with it the editor) never blocks on an audit. Cancelling terminates the thread; nothing here needs
 * to clean up.
 */
import { parentPort } from 'node:worker_threads';
import { audit as auditEngine, type AuditRequest as EngineRequest } from '../core/engine';
import { isAuditInputError } from '../core/errors';
import { readInputFile } from '../files/input-file';
import { readDataTable } from '../files/data-table-file';
import { onnxRuntimeWeb } from '../runtime/onnx-runtime';
import { askHostAboutExplanations } from './explanation-question';
import type { AuditProgress } from '../core/audit/audit';
import type { AuditRequest, WorkerMessage } from '../protocol/worker-protocol';

const port = parentPort;
if (!port) throw new Error('audit-worker.js must run as a worker thread');

/** At most this many bootstrap progress messages per audit: enough for a smooth bar, few enough to be free. */
const BOOTSTRAP_UPDATES = 100;

port.once('message', (request: AuditRequest) => {
  void audit(request).then(post, (error: unknown) => post(failure(error)));
});

function post(message: WorkerMessage): void {
  port!.postMessage(message);
}

async function audit(request: AuditRequest): Promise<WorkerMessage> {
  post({ type: 'progress', stage: 'reading' });
  let lastShown = -1;
  const onProgress = (p: AuditProgress): void => {
    if (p.stage === 'bootstrap' && p.done !== undefined && p.total) {
      const step = Math.floor((p.done / p.total) * BOOTSTRAP_UPDATES);
      if (step === lastShown && p.done !== p.total) return;
      lastShown = step;
    }
    post({ type: 'progress', stage: p.stage, done: p.done, total: p.total });
  };
  const onNotice = (notice: { message: string; expected: string }): void => post({ type: 'notice', message: notice.message, expected: notice.expected });
  const confirmExplanations = askHostAboutExplanations(port!);
  const report = await auditEngine(await engineRequest(request), { onProgress, onNotice, confirmExplanations, onnx: onnxRuntimeWeb() });
  return { type: 'done', report };
}

/** The engine's request for the host's, with the files read here (their contents never cross the thread boundary). */
async function engineRequest(request: AuditRequest): Promise<EngineRequest> {
  // The label's task is known only once the data is read: the engine applies these settings where they fit.
  const settings = { ...request.preferences };
  const { model } = request;
  if (model) {
    const maxModelBytes = model.maxModelMB * 1024 * 1024;
    return {
      kind: 'model-file',
      data: { bytes: await readBytes(request.csvPath, 'CSV file'), path: request.displayPath },
      model: { bytes: await readBytes(model.path, 'model file', maxModelBytes), path: model.displayPath },
      trainData: model.trainDataPath === undefined ? undefined : { bytes: await readBytes(model.trainDataPath, 'training CSV'), path: model.trainDataDisplayPath ?? model.trainDataPath },
      load: request.run.load,
      buckets: request.run.buckets,
      options: request.run.options,
      sources: request.run.sources,
      settings,
      modelColumns: model.columns,
      maxModelBytes,
    };
  }
  // In chunks, never the whole file at once: numeric columns go straight into numbers (src/files/large-csv-file.ts).
  const data = await readDataTable(request.csvPath, request.displayPath);
  return { kind: 'trained', data: { content: data.table, path: request.displayPath, sha256: data.sha256 }, run: request.run, settings };
}

/**
 * A file's bytes, by the same checks as the CLI (a regular file, within the size walls); a model file's limit too.
 * A model file is read whole, not streamed: ONNX Runtime takes a model as one byte array and an engine JSON model
 * is one JSON text; one over fairUse.maxModelMB is refused by its size before it is read (MODEL_TOO_LARGE), one
 * over the memory wall likewise (TOO_LARGE). The data and predictions files of a model-file audit are read whole
 * too, since auditModelFile takes bytes; their CSV parsing makes no strings for numeric columns (csv-bytes.ts).
 */
function readBytes(path: string, what: string, maxBytes?: number): Promise<Uint8Array> {
  return readInputFile(path, what, { asText: maxBytes === undefined || !/\.onnx$/i.test(path), maxBytes, maxBytesCode: 'MODEL_TOO_LARGE', maxBytesFix: 'Raise the limit with the fairUse.maxModelMB setting if this is the file you mean to audit.' });
}

function failure(error: unknown): WorkerMessage {
  if (isAuditInputError(error)) return { type: 'input-error', code: error.code, message: error.message };
  const e = error instanceof Error ? error : new Error(String(error));
  return { type: 'internal-error', message: e.message, stack: e.stack };
}
