/**
 * Runs an audit spec: checks it, starts the worker under a cancellable progress notification, and hands the
 * report to the Problems panel, the results store and the report panel. One audit per spec at a time: a new
 * run of the same spec cancels the old one.
 */
import { basename, dirname, resolve } from 'node:path';
import * as vscode from 'vscode';
import { confirmOutsideWorkspace } from './outside-workspace';
import { showControl } from '../core/report/render/control-chars';
import { specToRun } from '../core/audit/audit-spec';
import { DEFAULT_OPTIONS } from '../core/audit/options';
import type { AuditReport } from '../core/report/report';
import type { AuditRequest } from '../protocol/worker-protocol';
import type { FindingDiagnostics } from './diagnostics';
import type { ResultsStore } from './results-store';
import { readSettings } from './settings';
import { forTheEditor } from './editor-wording';
import { readSpecText } from '../core/audit/spec-text';
import type { ReportEntry } from '../protocol/webview-protocol';
import { AuditCancelled, AuditCrashed, AuditRejected, startWorkerAudit, type WorkerAudit, type WorkerProgress } from './worker-client';

/** Who asked for an audit: a command (told of input problems by a notification) or a save (by the diagnostic only). */
export type AuditTrigger = 'command' | 'save';

export interface RunnerParts {
  readonly workerFile: string;
  readonly log: vscode.LogOutputChannel;
  readonly diagnostics: FindingDiagnostics;
  readonly store: ResultsStore;
  /** The extension's own folders (the read-only example's): specs and data there are read without asking. */
  readonly ownFolders?: readonly string[];
  /** Called with each finished audit (the report panel and the status bar item). */
  readonly onReport: (entry: ReportEntry, reveal: boolean) => void;
}

/** Share of the progress bar per stage: the bootstrap takes most of an audit's time. */
const STAGE_WEIGHT: Readonly<Record<WorkerProgress['stage'], number>> = {
  reading: 5,
  split: 5,
  'fit-generic': 15,
  'fit-personalized': 15,
  bootstrap: 55,
  report: 5,
  interventions: 0,
};

export class AuditRunner implements vscode.Disposable {
  private readonly running = new Map<string, WorkerAudit>();
  private readonly generations = new Map<string, number>();
  /** Specs whose audit was asked for and not yet ended: their worker may not have started. */
  private readonly claimed = new Set<string>();
  constructor(private readonly parts: RunnerParts) {}

  /** True while an audit of this spec runs. */
  isRunning(specPath?: string): boolean {
    return specPath === undefined ? this.running.size > 0 : this.running.has(specPath);
  }

  /**
   * Audits a spec file. Resolves with the report, or undefined when the audit was cancelled or could not run
   * (the user has been told why, and the spec carries a diagnostic).
   */
  async run(specUri: vscode.Uri, trigger: AuditTrigger = 'command'): Promise<AuditReport | undefined> {
    const specPath = specUri.fsPath;
    // Claimed before the first await, so a second run of the spec started meanwhile supersedes this one.
    const generation = (this.generations.get(specPath) ?? 0) + 1;
    this.generations.set(specPath, generation);
    this.claimed.add(specPath);
    try {
      return await this.runClaimed(specUri, generation, trigger);
    } finally {
      if (this.generations.get(specPath) === generation) this.claimed.delete(specPath);
    }
  }

  private async runClaimed(specUri: vscode.Uri, generation: number, trigger: AuditTrigger): Promise<AuditReport | undefined> {
    const { log, diagnostics } = this.parts;
    const specPath = specUri.fsPath;
    const superseded = () => this.generations.get(specPath) !== generation;
    const text = await readSpecFile(specUri);
    if (text === undefined) {
      void vscode.window.showErrorMessage(`Fair Use: cannot read the audit spec ${specPath}.`);
      return undefined;
    }
    const parsed = readSpecText(text, vscode.workspace.asRelativePath(specUri));
    if (!parsed.ok) {
      // The last good report, its findings and the panel stay: the spec may be mid-edit.
      await diagnostics.publishSpecProblem(specUri, forTheEditor(parsed.message), parsed.span, text);
      if (trigger === 'command') void this.tellInputProblem(forTheEditor(parsed.message), specUri);
      return undefined;
    }
    diagnostics.clearSpecProblem(specUri);

    this.running.get(specPath)?.cancel();
    const settings = readSettings(specUri);
    const csvPath = resolve(dirname(specPath), parsed.spec.data);

    const run = specToRun(parsed.spec, settings.defaults);
    const specDir = dirname(specPath);
    const request: AuditRequest = {
      type: 'run',
      csvPath,
      displayPath: vscode.workspace.asRelativePath(csvPath),
      run,
      preferences: settings.preferences,
      model: run.model && {
        path: resolve(specDir, run.model.file),
        displayPath: vscode.workspace.asRelativePath(resolve(specDir, run.model.file)),
        columns: run.model.columns,
        trainDataPath: run.model.trainData === undefined ? undefined : resolve(specDir, run.model.trainData),
        trainDataDisplayPath: run.model.trainData === undefined ? undefined : vscode.workspace.asRelativePath(resolve(specDir, run.model.trainData)),
        maxModelMB: settings.maxModelMB,
      },
    };
    const readPaths = { data: csvPath, model: request.model?.path, trainData: request.model?.trainDataPath };
    if (!(await confirmOutsideWorkspace(specPath, readPaths, log, this.parts.ownFolders))) return undefined;
    log.info(`audit ${request.displayPath} from ${vscode.workspace.asRelativePath(specUri)}: ${JSON.stringify(request.run)}`);

    const started = Date.now();
    try {
      const report = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Fair Use audit: ${basename(csvPath)}`, cancellable: true },
        (progress, token) => {
          if (superseded()) return Promise.reject(new AuditCancelled());
          const onProgress = progressReporter(progress, run.options.bootstrap ?? DEFAULT_OPTIONS.bootstrap, request.model !== undefined);
          const audit = startWorkerAudit(this.parts.workerFile, request, onProgress, { maxHeapMB: settings.workerMemoryMB, confirmExplanations });
          this.running.set(specPath, audit);
          token.onCancellationRequested(() => audit.cancel());
          return audit.result.finally(() => {
            if (this.running.get(specPath) === audit) this.running.delete(specPath);
          });
        },
      );
      log.info(`audit of ${request.displayPath} finished in ${Date.now() - started} ms`);
      const entry: ReportEntry = {
        report,
        specLabel: vscode.workspace.asRelativePath(specUri),
        specPath,
        dataPath: csvPath,
        finishedAt: new Date().toISOString(),
      };
      await this.parts.store.put(entry);
      await diagnostics.publish(entry, settings.showWarnings);
      this.parts.onReport(entry, settings.openReport);
      return report;
    } catch (error) {
      if (error instanceof AuditCancelled) {
        log.info(`audit of ${request.displayPath} cancelled`);
        return undefined;
      }
      if (error instanceof AuditRejected) {
        log.warn(`audit of ${request.displayPath} rejected: ${error.message}`);
        await diagnostics.publishSpecProblem(specUri, forTheEditor(error.message));
        if (trigger === 'command') void this.tellInputProblem(forTheEditor(error.message), specUri);
        return undefined;
      }
      const crash =
        error instanceof AuditCrashed ? error : new AuditCrashed(String(error), error instanceof Error ? (error.stack ?? error.message) : String(error));
      log.error(`audit of ${request.displayPath} crashed: ${crash.details}`);
      void vscode.window.showErrorMessage(`Fair Use: ${crash.message}`, 'Show log').then((choice) => {
        if (choice) log.show();
      });
      return undefined;
    }
  }

  /** Cancels every running audit; returns how many there were. */
  cancelAll(): number {
    // An audit still reading its spec, or waiting for its worker, counts: it is cancelled too.
    const count = new Set([...this.running.keys(), ...this.claimed]).size;
    this.claimed.clear();
    for (const [spec, generation] of this.generations) this.generations.set(spec, generation + 1);
    for (const audit of this.running.values()) audit.cancel();
    this.running.clear();
    return count;
  }

  dispose(): void {
    this.cancelAll();
  }

  /** One line in the notification (control characters escaped); the whole message in the Output channel. */
  private async tellInputProblem(message: string, specUri: vscode.Uri): Promise<void> {
    this.parts.log.warn(`input problem in ${specUri.fsPath}: ${message}`);
    const choice = await vscode.window.showErrorMessage(`Fair Use: ${showControl(message.replace(/\s*\r?\n\s*/g, ' '))}`, 'Open spec');
    if (choice) await vscode.window.showTextDocument(specUri);
  }
}

/**
 * Turns worker stages into the notification's message and bar.
 *
 * @param resamples B: the engine counts resamples over all tested groups, the notification says "bootstrap n/B"
 * @param modelFile the personalized model is a file, scored rather than trained
 */
function progressReporter(
  progress: vscode.Progress<{ message?: string; increment?: number }>,
  resamples: number,
  modelFile: boolean,
): (p: WorkerProgress) => void {
  let stage: WorkerProgress['stage'] | undefined;
  let bootstrapShown = 0;
  // Many groups: the expected duration stays beside the bootstrap's count (audit/expected-duration.ts).
  let expected = '';
  return (p) => {
    if (p.notice !== undefined) {
      expected = ` — expected about ${p.notice.expected}`;
      progress.report({ message: p.notice.message });
      return;
    }
    if (p.stage === 'bootstrap' && p.done !== undefined && p.total) {
      const share = (p.done / p.total) * STAGE_WEIGHT.bootstrap;
      progress.report({ message: `bootstrap ${Math.floor((p.done / p.total) * resamples)}/${resamples}${expected}`, increment: share - bootstrapShown });
      bootstrapShown = share;
      stage = p.stage;
      return;
    }
    if (p.stage === stage) return;
    stage = p.stage;
    const message = modelFile && p.stage === 'fit-personalized' ? 'scoring the model file as every group' : STAGE_TEXT[p.stage];
    progress.report({ message, increment: STAGE_WEIGHT[p.stage] });
  };
}

/** The modal question before explanations that would take far longer than the rest (core/audit/explanation-cost.ts). */
async function confirmExplanations(estimate: string): Promise<boolean | undefined> {
  const run = 'Run with explanations';
  const skip = 'Skip explanations';
  const detail = `The ${estimate}. Skipping them audits accuracy only, without the sufficiency and comprehensiveness sections.`;
  const choice = await vscode.window.showWarningMessage('Fair Use: explaining this model takes much longer than the rest of the audit.', { modal: true, detail }, run, skip);
  return choice === run ? true : choice === skip ? false : undefined;
}

const STAGE_TEXT: Readonly<Record<WorkerProgress['stage'], string>> = {
  reading: 'reading the data',
  split: 'splitting train and test rows',
  'fit-generic': 'training the model without group attributes',
  'fit-personalized': 'training the personalized model',
  bootstrap: 'bootstrap',
  report: 'writing the report',
  interventions: 'testing the interventions',
};

async function readSpecFile(uri: vscode.Uri): Promise<string | undefined> {
  // An open editor may hold unsaved edits; the audit runs what the user sees.
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8').replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}
