/**
 * Runs one audit in a worker thread and turns its messages into a promise. No `vscode` import, so it is
 * unit-tested with the real worker. Cancelling terminates the thread: the engine needs no cooperation, and
 * a terminated thread frees its memory at once.
 */
import { Worker } from 'node:worker_threads';
import type { AuditErrorCode } from '../core/errors';
import type { AuditReport } from '../core/report/report';
import type { AuditRequest, ExplanationsAnswer, WorkerMessage, WorkerStage } from '../protocol/worker-protocol';

export interface WorkerProgress {
  readonly stage: WorkerStage;
  readonly done?: number;
  readonly total?: number;
  /** A notice before long work (many groups: how long it is expected to take), shown beside the progress. */
  readonly notice?: { readonly message: string; readonly expected: string };
}

/** The user cancelled, or a newer audit of the same spec replaced this one. */
export class AuditCancelled extends Error {
  override readonly name = 'AuditCancelled';
  constructor() {
    super('The audit was cancelled.');
  }
}

/** The input cannot be audited; the message names the problem and the fix. */
export class AuditRejected extends Error {
  override readonly name = 'AuditRejected';
  constructor(
    readonly code: AuditErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The worker failed in a way the input does not explain: a bug, or the thread died (out of memory). */
export class AuditCrashed extends Error {
  override readonly name = 'AuditCrashed';
  constructor(
    message: string,
    readonly details: string,
  ) {
    super(message);
  }
}

export interface WorkerAudit {
  readonly result: Promise<AuditReport>;
  /** Stops the audit; `result` rejects with AuditCancelled. Harmless after it settled. */
  cancel(): void;
}

export interface WorkerOptions {
  /** Heap limit of the worker in MB; an audit that needs more fails as a crash, not the editor. */
  readonly maxHeapMB?: number;
  /**
   * Asked when the explanations would take far longer than the rest of the audit (the estimate in words): true runs
   * them, false audits without them, undefined cancels the audit. Without it the explanations run.
   */
  readonly confirmExplanations?: (estimate: string) => Promise<boolean | undefined>;
}

export function startWorkerAudit(
  workerFile: string,
  request: AuditRequest,
  onProgress: (progress: WorkerProgress) => void,
  options: WorkerOptions = {},
): WorkerAudit {
  const worker = new Worker(workerFile, { resourceLimits: options.maxHeapMB ? { maxOldGenerationSizeMb: options.maxHeapMB } : undefined });
  let settled = false;
  let cancelled = false;
  let rejectResult: (error: Error) => void = () => {};

  const result = new Promise<AuditReport>((resolve, reject) => {
    rejectResult = reject;
    const finish = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      outcome();
      void worker.terminate();
    };
    worker.on('message', (message: WorkerMessage) => {
      switch (message.type) {
        case 'progress':
          if (!settled) onProgress({ stage: message.stage, done: message.done, total: message.total });
          break;
        case 'notice':
          if (!settled) onProgress({ stage: 'split', notice: { message: message.message, expected: message.expected } });
          break;
        case 'explanation-cost':
          void answerExplanations(message.estimate);
          break;
        case 'done':
          finish(() => resolve(message.report));
          break;
        case 'input-error':
          finish(() => reject(new AuditRejected(message.code, message.message)));
          break;
        case 'internal-error':
          finish(() => reject(new AuditCrashed(`The audit failed: ${message.message}`, message.stack ?? message.message)));
          break;
      }
    });
    worker.on('error', (error) => {
      finish(() => reject(new AuditCrashed(`The audit worker crashed: ${error.message}`, error.stack ?? error.message)));
    });
    worker.on('exit', (code) => {
      finish(() => reject(cancelled ? new AuditCancelled() : new AuditCrashed(`The audit worker stopped unexpectedly (exit code ${code}).`, `worker exit code ${code}`)));
    });
  });
  worker.postMessage(request);

  const cancel = (): void => {
    if (settled) return;
    cancelled = true;
    settled = true;
    rejectResult(new AuditCancelled());
    void worker.terminate();
  };
  async function answerExplanations(estimate: string): Promise<void> {
    const run = options.confirmExplanations ? await options.confirmExplanations(estimate) : true;
    if (settled) return;
    if (run === undefined) return cancel();
    const answer: ExplanationsAnswer = { type: 'explanations', run };
    worker.postMessage(answer);
  }
  return { result, cancel };
}
