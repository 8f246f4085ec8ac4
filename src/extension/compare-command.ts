/**
 * "Fair Use: Compare Two Reports…": choose two of the kept reports (or exported JSON reports) and read what
 * changed, as a Markdown preview beside them (compare-text.ts; the same diff as `fairuse diff`).
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { isAuditInputError } from '../core/errors';
import { readReport } from '../core/report/diff';
import { compareEntries, reportName, type Comparison } from './compare-text';
import type { ResultsStore } from './results-store';
import type { ReportEntry } from '../protocol/webview-protocol';

interface ReportItem extends vscode.QuickPickItem {
  readonly entry?: ReportEntry;
}

/**
 * @param given two entries to compare without asking (tests)
 * @returns the comparison shown, or undefined when the user cancelled or there was nothing to compare
 */
export async function compareReportsCommand(
  store: ResultsStore,
  log: vscode.LogOutputChannel,
  given?: readonly [ReportEntry, ReportEntry],
): Promise<Comparison | undefined> {
  const pair = given ?? (await pickTwo(store.all().reverse(), log));
  if (!pair) return undefined;
  const comparison = compareEntries(pair[0], pair[1]);
  if (!comparison.ok) {
    log.warn(comparison.message);
    void vscode.window.showErrorMessage(`Fair Use: ${comparison.message}`);
    return comparison;
  }
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: comparison.markdown });
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Active, preview: true });
  await vscode.commands.executeCommand('markdown.showPreview', document.uri).then(undefined, () => undefined);
  return comparison;
}

async function pickTwo(entries: readonly ReportEntry[], log: vscode.LogOutputChannel): Promise<[ReportEntry, ReportEntry] | undefined> {
  const fromFile: ReportItem = { label: '$(file) A JSON report file…', description: 'exported from a report panel, or written by the command line' };
  const items: ReportItem[] = [
    ...entries.map((entry) => ({ label: reportName(entry), description: basename(entry.dataPath ?? entry.report.dataset.path), entry })),
    fromFile,
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Compare two fair use reports',
    placeHolder: entries.length >= 2 ? 'Choose two reports of the same data (the earlier one is the old one)' : 'Choose the reports to compare; add JSON report files if fewer than two are listed',
    canPickMany: true,
    ignoreFocusOut: true,
  });
  if (!picked) return undefined;
  const chosen = picked.flatMap((i) => (i.entry ? [i.entry] : []));
  while (picked.includes(fromFile) && chosen.length < 2) {
    const file = await readReportFile(log);
    if (!file) return undefined;
    chosen.push(file);
  }
  if (chosen.length !== 2) {
    void vscode.window.showInformationMessage(`Fair Use: choose exactly two reports to compare (you chose ${chosen.length}).`);
    return undefined;
  }
  return [chosen[0], chosen[1]];
}

async function readReportFile(log: vscode.LogOutputChannel): Promise<ReportEntry | undefined> {
  const uri = (await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'JSON report': ['json'] }, title: 'A fair use report (JSON) to compare' }))?.[0];
  if (!uri) return undefined;
  try {
    const report = readReport(JSON.parse(await readFile(uri.fsPath, 'utf8')), basename(uri.fsPath));
    const finishedAt = (await vscode.workspace.fs.stat(uri)).mtime;
    return { report, specLabel: basename(uri.fsPath), finishedAt: new Date(finishedAt).toISOString() };
  } catch (error) {
    const message = isAuditInputError(error) ? error.problem : `${basename(uri.fsPath)} is not a JSON file.`;
    log.warn(`compare: ${uri.fsPath}: ${error instanceof Error ? error.message : String(error)}`);
    void vscode.window.showErrorMessage(`Fair Use: ${message} Choose a report exported as JSON from a report panel.`);
    return undefined;
  }
}
