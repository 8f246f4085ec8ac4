/**
 * The audit worker thread: reads the CSV, runs the engine, and reports progress, so the extension host
 * (and with it the editor) never blocks on an audit. Cancelling terminates the thread; nothing here needs
 * to clean up.
 */
import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { runAudit } from '../core/audit';
import { AuditInputError, isAuditInputError } from '../core/errors';
import { prepareDataset } from '../core/prepare-dataset';
import type { AuditRequest, WorkerMessage } from './protocol';

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
  const text = await readCsv(request.csvPath);
  const dataset = prepareDataset(text, request.run);
  let lastShown = -1;
  const report = await runAudit(dataset, request.run.options, { path: request.displayPath }, {
    onProgress: (p) => {
      if (p.stage === 'bootstrap' && p.done !== undefined && p.total) {
        const step = Math.floor((p.done / p.total) * BOOTSTRAP_UPDATES);
        if (step === lastShown && p.done !== p.total) return;
        lastShown = step;
      }
      post({ type: 'progress', stage: p.stage, done: p.done, total: p.total });
    },
  });
  return { type: 'done', report };
}

async function readCsv(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new AuditInputError('FILE_NOT_FOUND', `Cannot read '${path}' (${code ?? 'unknown error'}).`, 'Check that the file exists and is readable; a spec\'s "data" is relative to the spec.');
  }
}

function failure(error: unknown): WorkerMessage {
  if (isAuditInputError(error)) return { type: 'input-error', code: error.code, message: error.message };
  const e = error instanceof Error ? error : new Error(String(error));
  return { type: 'internal-error', message: e.message, stack: e.stack };
}
