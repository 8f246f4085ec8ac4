/**
 * An audit spec can name any file as its data or model (issue 14, finding 4): one that leaves the workspace
 * folders (an absolute path, `..`, a link) is read only when the user says so, as it may be a file the spec's
 * author wants to see (its column names and values end up in the report).
 */
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { isInsideFolders } from '../files/spec-paths';

/**
 * @param specPath the spec's path
 * @param paths what the audit would read, by what it is ("data", "model", "trainData") → absolute path
 * @param ownFolders the extension's own folders (the read-only example's), read without asking
 * @returns whether to go on: everything is inside, or the user confirmed
 */
export async function confirmOutsideWorkspace(
  specPath: string,
  paths: Readonly<Record<string, string | undefined>>,
  log: vscode.LogOutputChannel,
  ownFolders: readonly string[] = [],
): Promise<boolean> {
  const folders = [...(vscode.workspace.workspaceFolders?.map((f) => f.uri.fsPath) ?? [dirname(specPath)]), ...ownFolders];
  const outside = Object.entries(paths).filter((entry): entry is [string, string] => entry[1] !== undefined && !isInsideFolders(entry[1], folders));
  if (outside.length === 0) return true;
  const listed = outside.map(([key, path]) => `"${key}": ${path}`).join(', ');
  log.warn(`the audit spec ${specPath} reads outside the workspace folders: ${listed}`);
  const read = 'Read It';
  const answer = await vscode.window.showWarningMessage(
    `The audit spec ${vscode.workspace.asRelativePath(specPath)} reads ${listed}, outside the workspace folders. Read it only if you trust this spec.`,
    { modal: true },
    read,
  );
  return answer === read;
}
