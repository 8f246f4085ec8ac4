/**
 * Quick fixes on Fair Use diagnostics: "Show in Fair Use report" (the panel on the finding's group), and on a
 * rationality finding in a spec, "Serve <group> with the model without group attributes" / "… with a separate
 * model of its own" (the spec's "generic" / "decoupled"), which record
 * the choice in the spec's "assign" and re-run the audit (SPEC §6: the user acts on what the report shows).
 */
import * as vscode from 'vscode';
import type { FindingDiagnostics } from './diagnostics';
import { assignEdits, readSpecText } from '../core/audit/spec-text';

export class FairUseCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly diagnostics: FindingDiagnostics) {}

  async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const actions: vscode.CodeAction[] = [];
    const seen = new Set<string>();
    for (const diagnostic of context.diagnostics) {
      const found = this.diagnostics.findingOf(document.uri, diagnostic);
      if (!found || seen.has(found.finding.group)) continue;
      seen.add(found.finding.group);
      const { finding } = found;
      const show = new vscode.CodeAction(finding.group ? `Show ${finding.group} in Fair Use report` : 'Show the Fair Use report', vscode.CodeActionKind.QuickFix);
      show.diagnostics = [diagnostic];
      show.command = {
        command: 'fairUse.showReport',
        title: 'Show in Fair Use report',
        arguments: [{ group: finding.group || undefined, metric: finding.metric, specPath: found.entryKey }],
      };
      actions.push(show);
      // The finding may sit on the CSV header: the assignment is recorded in the spec that was audited.
      if (finding.kind === 'rationality' && found.entryKey.endsWith('.fairuse.json')) {
        const spec =
          found.entryKey === document.uri.fsPath
            ? document
            : await vscode.workspace.openTextDocument(vscode.Uri.file(found.entryKey)).then(
                (d) => d,
                () => undefined,
              );
        if (!spec) continue;
        actions.push(this.assign(spec, diagnostic, finding.group, 'generic'));
        // A model file cannot be given a decoupled model (the audit would refuse it); h0 it can, the audit fits h0.
        const parsed = readSpecText(spec.getText(), spec.fileName);
        if (!(parsed.ok && parsed.spec.model !== undefined)) actions.push(this.assign(spec, diagnostic, finding.group, 'decoupled'));
      }
    }
    return actions;
  }

  private assign(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, group: string, model: 'generic' | 'decoupled'): vscode.CodeAction {
    // Plain words first; the spec's word ("generic", "decoupled") in parentheses, as it is written into "assign".
    const title = model === 'generic'
      ? `Serve ${group} with the model without group attributes (assign "generic")`
      : `Serve ${group} with a separate model of its own (assign "decoupled")`;
    const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    action.isPreferred = model === 'generic' && diagnostic.severity === vscode.DiagnosticSeverity.Error;
    const edit = new vscode.WorkspaceEdit();
    for (const e of assignEdits(document.getText(), group, model)) {
      edit.replace(document.uri, new vscode.Range(document.positionAt(e.offset), document.positionAt(e.offset + e.length)), e.content);
    }
    action.edit = edit;
    // The audit reads the open document, so the re-run sees the assignment before it is saved.
    action.command = { command: 'fairUse.runAudit', title: 'Run Audit', arguments: [document.uri] };
    return action;
  }
}
