/**
 * The status bar item of the report in view: the latest finished audit, or the report panel the user is looking
 * at, in the headline's three states (status-text.ts). It comes back after a window reload from the results
 * store, and a click opens that report.
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { headlineOf } from '../core/report/headline';
import { statusBarText } from './status-text';
import type { ReportEntry } from '../protocol/webview-protocol';

export class ReportStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('fairUse.report', vscode.StatusBarAlignment.Left, 50);

  constructor() {
    this.item.name = 'Fair Use report';
  }

  /** Shows the entry's headline; hides the item for undefined. */
  show(entry: ReportEntry | undefined): void {
    if (!entry) {
      this.item.hide();
      return;
    }
    const headline = headlineOf(entry.report);
    const file = basename(entry.dataPath ?? entry.report.dataset.path);
    this.item.text = statusBarText(headline, file);
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendText(headline.sentence);
    tooltip.appendMarkdown('\n\n');
    tooltip.appendText('Click to open the report.');
    this.item.tooltip = tooltip;
    this.item.command = { title: 'Show Report', command: 'fairUse.showReport', arguments: [{ specPath: entry.specPath ?? entry.dataPath }] };
    this.item.backgroundColor = headline.state === 'violation' ? new vscode.ThemeColor('statusBarItem.errorBackground') : headline.state === 'inconclusive' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
