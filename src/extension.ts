/**
 * Fair Use Audit in VS Code: wiring only. The engine (src/core) runs in a worker thread (dist/audit-worker.js);
 * findings go to the Problems panel, reports to a webview panel and to workspace storage.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { AuditRunner } from './extension/audit-runner';
import { FairUseCodeActions } from './extension/code-actions';
import { registerCommands } from './extension/commands';
import { exampleFolder } from './extension/example';
import { FindingDiagnostics } from './extension/diagnostics';
import { openGlossary } from './extension/glossary-open';
import { registerReportPanel } from './extension/report-panel';
import { entryKey, ResultsStore } from './extension/results-store';
import { SaveReasons } from './extension/save-reasons';
import { ReportStatusItem } from './extension/status-item';
import { readSettings } from './extension/settings';
import type { RenderedSummary, ReportEntry } from './protocol/webview-protocol';

/** What `vscode.extensions.getExtension('fair-use-audit.fair-use-audit').exports` gives integration tests. */
export interface FairUseApi {
  /** Resolves once the report panel has drawn the entry that finished at `finishedAt` (default: the current one). */
  whenReportRendered(finishedAt?: string): Promise<RenderedSummary>;
  /** The entry the report panel shows. */
  currentReport(): ReportEntry | undefined;
}

export function activate(context: vscode.ExtensionContext): FairUseApi {
  const log = vscode.window.createOutputChannel('Fair Use', { log: true });
  const diagnostics = new FindingDiagnostics(vscode.Uri.joinPath(context.extensionUri, 'docs', 'glossary.md'));
  const store = new ResultsStore(context.workspaceState);
  context.subscriptions.push(log, diagnostics);

  const statusItem = new ReportStatusItem();
  context.subscriptions.push(statusItem);
  const panel = registerReportPanel(context, {
    currentChanged: (entry) => statusItem.show(entry ?? store.latest()),
    rerun: (entry) => {
      if (entry.specPath) void vscode.commands.executeCommand('fairUse.runAudit', vscode.Uri.file(entry.specPath));
    },
    openSpec: (entry) => {
      if (entry.specPath) void vscode.window.showTextDocument(vscode.Uri.file(entry.specPath));
    },
    log: (line) => log.info(line),
    openGlossary: (term) => void openGlossary(context.extensionUri, term, log),
    openComparison: (entry) => void vscode.commands.executeCommand('fairUse.compareWithPrevious', entryKey(entry), 'markdown'),
  });
  const runner = new AuditRunner({
    workerFile: join(context.extensionPath, 'dist', 'audit-worker.js'),
    log,
    diagnostics,
    store,
    ownFolders: [exampleFolder(context)],
    onReport: (entry, reveal) => {
      // The file's own panel is updated if open; other files' panels stay as they are.
      if (reveal || panel.isOpen(entry)) panel.show(entry);
      statusItem.show(entry);
    },
  });
  context.subscriptions.push(runner, panel);
  registerCommands({ context, runner, diagnostics, store, panel, log });

  const saves = new SaveReasons();
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider([{ pattern: '**/*.fairuse.json' }, { pattern: '**/*.csv' }], new FairUseCodeActions(diagnostics), {
      providedCodeActionKinds: FairUseCodeActions.kinds,
    }),
    // An explicit save of a spec re-runs it; auto-save does not (it fires mid-edit), nor does any save in an
    // untrusted workspace, where an audit only runs when asked.
    vscode.workspace.onWillSaveTextDocument((event) => saves.willSave(event.document.uri.toString(), event.reason)),
    vscode.workspace.onDidSaveTextDocument((document) => {
      const manual = saves.didSaveManually(document.uri.toString());
      if (!document.fileName.endsWith('.fairuse.json') || !vscode.workspace.isTrusted || !manual) return;
      if (readSettings(document.uri).runOnSave) void runner.run(document.uri, 'save');
    }),
  );

  // Findings of earlier audits come back with the window, and the status bar item with the latest of them
  // (or the report panel restored in view).
  statusItem.show(panel.current ?? store.latest());
  const showWarnings = readSettings().showWarnings;
  for (const entry of store.all()) {
    if (entry.specPath === undefined || existsSync(entry.specPath)) void diagnostics.publish(entry, showWarnings);
  }
  return {
    whenReportRendered: (finishedAt) => panel.whenRendered(finishedAt),
    currentReport: () => panel.current,
  };
}

export function deactivate(): void {}
