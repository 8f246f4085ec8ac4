/**
 * The bundled heart.csv example: asks before copying it into the workspace; otherwise it is opened read-only
 * from a copy in the extension's own storage (where its audit spec is written too), so nothing lands in the
 * user's folder unasked.
 */
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { COPY_ANSWER, exampleQuestion, READ_ONLY_ANSWER, type ExampleTargetState } from './example-place';

const EXAMPLE = 'heart.csv';

export interface ExamplePlace {
  readonly uri: vscode.Uri;
  readonly readOnly: boolean;
}

/**
 * Asks where the example goes and puts it there.
 *
 * @param answer a button's text, answering the question without showing it (tests and the walkthrough)
 * @returns where the example is, or undefined when the user dismissed the question
 */
export async function placeExample(context: vscode.ExtensionContext, answer?: string): Promise<ExamplePlace | undefined> {
  const bundled = join(context.extensionPath, 'examples', EXAMPLE);
  const folder = vscode.workspace.workspaceFolders?.[0];
  const inWorkspace = folder ? join(folder.uri.fsPath, EXAMPLE) : undefined;
  const state = await targetState(bundled, inWorkspace);
  const question = exampleQuestion(state, folder?.name ?? '');
  let choice: string | undefined = question.without === 'workspace' ? COPY_ANSWER : question.without === 'read-only' ? READ_ONLY_ANSWER : undefined;
  if (choice === undefined) {
    choice = answer !== undefined && question.answers.includes(answer)
      ? answer
      : await vscode.window.showInformationMessage(question.message!, { modal: true, detail: question.detail }, ...question.answers);
  }
  if (choice === COPY_ANSWER && inWorkspace) {
    if (state === 'absent') await copyFile(bundled, inWorkspace);
    return { uri: vscode.Uri.file(inWorkspace), readOnly: false };
  }
  if (choice !== READ_ONLY_ANSWER) return undefined;
  const privateFolder = exampleFolder(context);
  await mkdir(privateFolder, { recursive: true });
  const privateCopy = join(privateFolder, EXAMPLE);
  if ((await targetState(bundled, privateCopy)) !== 'same') await copyFile(bundled, privateCopy);
  return { uri: vscode.Uri.file(privateCopy), readOnly: true };
}

/** The extension's own folder of the read-only example and its audit spec. */
export function exampleFolder(context: vscode.ExtensionContext): string {
  return join(context.globalStorageUri.fsPath, 'example');
}

/** Opens the example; a read-only one cannot be edited in this session. */
export async function showExample(place: ExamplePlace): Promise<void> {
  await vscode.window.showTextDocument(place.uri, { preview: true });
  if (place.readOnly) await vscode.commands.executeCommand('workbench.action.files.setActiveEditorReadonlyInSession');
}

async function targetState(bundled: string, target: string | undefined): Promise<ExampleTargetState> {
  if (target === undefined) return 'no-workspace';
  if (!existsSync(target)) return 'absent';
  const [a, b] = await Promise.all([readFile(bundled), readFile(target)]);
  return a.equals(b) ? 'same' : 'different';
}
