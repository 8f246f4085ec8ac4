/**
 * The report panel's glossary links: docs/glossary.md of the extension beside the panel, at the term's entry
 * (`<a id="term">`). The Markdown preview does not scroll to a fragment it is opened with (seen in code-server
 * 4.139), but it opens at the line its text editor shows: so the text is opened with the entry's line at the top,
 * then previewed in its place. Without the preview, the text at that line stays.
 */
import * as vscode from 'vscode';
import type { GlossaryTerm } from '../protocol/glossary';

export async function openGlossary(extensionUri: vscode.Uri, term: GlossaryTerm, log: vscode.LogOutputChannel): Promise<void> {
  const page = vscode.Uri.joinPath(extensionUri, 'docs', 'glossary.md');
  const document = await vscode.workspace.openTextDocument(page);
  const line = Math.max(0, document.getText().split('\n').findIndex((text) => text.includes(`id="${term}"`)));
  const at = new vscode.Range(line, 0, line, 0);
  const editor = await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true, selection: at });
  editor.revealRange(at, vscode.TextEditorRevealType.AtTop);
  try {
    await vscode.commands.executeCommand('markdown.showPreview', page);
  } catch (error) {
    log.info(`glossary: no Markdown preview (${error instanceof Error ? error.message : String(error)}); the page is open as text`);
  }
}
