/**
 * The report panel's glossary links: docs/glossary.md of the extension, as a Markdown preview beside the panel at
 * the term's anchor (`<a id="term">`); as text at the anchor's line when the preview is not available.
 */
import * as vscode from 'vscode';
import type { GlossaryTerm } from '../protocol/glossary';

export async function openGlossary(extensionUri: vscode.Uri, term: GlossaryTerm, log: vscode.LogOutputChannel): Promise<void> {
  const page = vscode.Uri.joinPath(extensionUri, 'docs', 'glossary.md');
  try {
    await vscode.commands.executeCommand('markdown.showPreviewToSide', page.with({ fragment: term }));
  } catch (error) {
    log.info(`glossary: no Markdown preview (${error instanceof Error ? error.message : String(error)}); opening the page as text`);
    const document = await vscode.workspace.openTextDocument(page);
    const line = Math.max(0, document.getText().split('\n').findIndex((text) => text.includes(`id="${term}"`)));
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true, selection: new vscode.Range(line, 0, line, 0) });
  }
}
