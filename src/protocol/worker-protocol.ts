/**
 * Messages between the extension host and the audit worker thread. Plain data only (structured clone):
 * errors cross as their code and text, since class identity does not survive the thread boundary.
 */
import type { MetricId } from '../core/audit/metrics/metric';
import type { SpecRun } from '../core/audit/audit-spec';
import type { AuditErrorCode } from '../core/errors';
import type { AuditReport } from '../core/report/report';

export interface AuditRequest {
  readonly type: 'run';
  /** Absolute path of the CSV; the worker reads it, so the text never crosses the thread boundary. */
  readonly csvPath: string;
  /** How the report names the data (a workspace-relative path). */
  readonly displayPath: string;
  readonly run: SpecRun;
  /**
   * The user's settings for what depends on the label's task (fairUse.metric, fairUse.epsilon): used when the
   * spec leaves them out and they fit the task the data turns out to be (a metric of its kind; ε for
   * classification only, since a regression's ε is in the metric's unit).
   */
  readonly preferences?: { readonly metric?: MetricId; readonly epsilon?: number };
  /** A model file to audit instead of training h; absolute paths. */
  readonly model?: {
    readonly path: string;
    readonly displayPath: string;
    readonly columns?: readonly string[];
    readonly trainDataPath?: string;
    readonly trainDataDisplayPath?: string;
    readonly maxModelMB: number;
  };
}

/** What the progress notification says: reading, training h0, training personalized, bootstrap n/B. */
export type WorkerStage = 'reading' | 'split' | 'fit-generic' | 'fit-personalized' | 'bootstrap' | 'report' | 'interventions';

export type WorkerMessage =
  | { readonly type: 'progress'; readonly stage: WorkerStage; readonly done?: number; readonly total?: number }
  /** Before the long work of an audit with many groups: how many, and how long it is expected to take. */
  | { readonly type: 'notice'; readonly message: string; readonly expected: string }
  /**
   * Before the long work of an audit whose explanations would take far longer than the rest: the estimate in words.
   * The worker waits for an ExplanationsAnswer.
   */
  | { readonly type: 'explanation-cost'; readonly estimate: string }
  | { readonly type: 'done'; readonly report: AuditReport }
  /** A problem with the input: shown to the user as is. */
  | { readonly type: 'input-error'; readonly code: AuditErrorCode; readonly message: string }
  /** A bug: shown with "Show log", the stack goes to the log. */
  | { readonly type: 'internal-error'; readonly message: string; readonly stack?: string };

/** The host's answer to 'explanation-cost': run the explanations, or audit without them. */
export interface ExplanationsAnswer {
  readonly type: 'explanations';
  readonly run: boolean;
}
