/** "Show in Fair Use report" on each Fair Use diagnostic: opens the panel on the finding's group and metric. */
import * as vscode from 'vscode';
import type { FindingDiagnostics } from './diagnostics';

export class ShowInReportActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly diagnostics: FindingDiagnostics) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    const seen = new Set<string>();
    for (const diagnostic of context.diagnostics) {
      const found = this.diagnostics.findingOf(document.uri, diagnostic);
      if (!found || seen.has(found.finding.group)) continue;
      seen.add(found.finding.group);
      const action = new vscode.CodeAction(`Show ${found.finding.group} in Fair Use report`, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.command = {
        command: 'fairUse.showReport',
        title: 'Show in Fair Use report',
        arguments: [{ group: found.finding.group, metric: found.finding.metric, specPath: found.entryKey }],
      };
      actions.push(action);
    }
    return actions;
  }
}
