/**
 * Writes a report to a file in one of the three export formats, with the core renderers: the same
 * text the CLI writes for `--json` and `--markdown`, and the standalone HTML page.
 */
import * as vscode from 'vscode';
import { renderReportHtml } from '../core/report/render/html';
import { renderMarkdown } from '../core/report/render/markdown';
import type { ExportFormat, ReportEntry } from '../protocol/webview-protocol';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['html', 'markdown', 'json'];

export const EXPORT_EXTENSIONS: Readonly<Record<ExportFormat, string>> = { html: 'html', markdown: 'md', json: 'json' };

export const EXPORT_LABELS: Readonly<Record<ExportFormat, string>> = {
  html: 'HTML — a standalone page to share or print',
  markdown: 'Markdown — for a pull request, notebook or wiki',
  json: 'JSON — the report object (schemaVersion 1), for scripts',
};

/** The file's text for a format; JSON exactly as `fairuse audit --json` writes it. */
export function reportText(entry: ReportEntry, format: ExportFormat): string {
  switch (format) {
    case 'json':
      return JSON.stringify(entry.report, null, 2) + '\n';
    case 'markdown':
      return renderMarkdown(entry.report);
    case 'html':
      return renderReportHtml(entry.report, { specLabel: entry.specLabel, finishedAt: entry.finishedAt });
  }
}

export async function writeReport(entry: ReportEntry, format: ExportFormat, target: vscode.Uri): Promise<void> {
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(reportText(entry, format)));
}

/**
 * Where the save dialog starts: beside the data, `<data>.fairuse-report.<ext>` (heart.csv →
 * heart.fairuse-report.html); in the first workspace folder when the data path is unknown.
 */
export function defaultExportUri(entry: ReportEntry, format: ExportFormat): vscode.Uri | undefined {
  const fileName = (base: string) => `${base}.fairuse-report.${EXPORT_EXTENSIONS[format]}`;
  if (entry.dataPath) {
    const data = vscode.Uri.file(entry.dataPath);
    const base = data.path.split('/').pop()!.replace(/\.[^.]*$/, '') || 'report';
    return vscode.Uri.joinPath(data, '..', fileName(base));
  }
  const folder = vscode.workspace.workspaceFolders?.[0];
  const base = entry.report.dataset.path.split(/[\\/]/).pop()!.replace(/\.[^.]*$/, '') || 'report';
  return folder ? vscode.Uri.joinPath(folder.uri, fileName(base)) : undefined;
}
