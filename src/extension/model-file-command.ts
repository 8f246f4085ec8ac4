/**
 * "Audit Model File…": a model the user already has (engine JSON, ONNX, predictions CSV) against a dataset.
 * The model file says what it can about itself (label, groups, input columns); the user is asked only for
 * the rest, and the answers are saved as an audit spec beside the model, so the audit can be re-run.
 */
import { stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import * as vscode from 'vscode';
import type { AuditSpec, GroupSpec } from '../core/audit/audit-spec';
import { isAuditInputError } from '../core/errors';
import { readInputFile } from '../files/input-file';
import { inspectModelFile, type ModelFileSummary } from '../core/model-file/inspect-model-file';
import { pickGroups, pickLabel } from './pickers';
import { BACK } from './quick-steps';
import { forTheEditor } from './editor-wording';
import { readSettings } from './settings';
import { DATA_FILE, DATA_FILE_FILTERS, readColumnProfiles } from './data-files';

/** Choices that skip the questions (tests pass them). */
export interface ModelFileChoices {
  /** The dataset, relative to the model's folder or absolute. */
  readonly data: string;
  readonly label?: string;
  readonly groups?: readonly GroupSpec[];
  readonly modelColumns?: readonly string[];
  readonly bootstrap?: number;
}

export function isModelFileChoices(value: unknown): value is ModelFileChoices {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { data?: unknown }).data === 'string';
}

const MODEL_EXTENSIONS = /\.(onnx|json|csv)$/i;

/** model.onnx → model.fairuse.json beside it. */
export function modelSpecUri(model: vscode.Uri): vscode.Uri {
  return vscode.Uri.file(join(dirname(model.fsPath), `${basename(model.fsPath).replace(/\.(onnx|json|csv)$/i, '')}.fairuse.json`));
}

/**
 * Asks what is needed and writes the spec; returns its URI, or undefined when the user stopped or the model
 * cannot be read (the user has been told).
 *
 * @param selection the Explorer's selected files: a model and a CSV selected together skip the dataset pick
 */
export async function prepareModelAudit(
  model: vscode.Uri | undefined,
  selection: readonly vscode.Uri[],
  choices: ModelFileChoices | undefined,
  log: vscode.LogOutputChannel,
): Promise<vscode.Uri | undefined> {
  const modelUri = model ?? (await pickFile('Model file to audit (ONNX, Fair Use model JSON, or predictions CSV)', { 'Model files': ['onnx', 'json', 'csv'] }));
  if (!modelUri) return undefined;
  const settings = readSettings(modelUri);
  let summary: ModelFileSummary;
  try {
    const limit = settings.maxModelMB * 1024 * 1024;
    const bytes = await readInputFile(modelUri.fsPath, 'model file', { maxBytes: limit, maxBytesCode: 'MODEL_TOO_LARGE', maxBytesFix: 'Raise the limit with the fairUse.maxModelMB setting if this is the file you mean to audit.' });
    summary = inspectModelFile({ bytes, path: modelUri.fsPath }, limit);
  } catch (error) {
    const message = isAuditInputError(error) ? forTheEditor(error.message) : `cannot read ${modelUri.fsPath}: ${(error as Error).message}`;
    log.warn(`model file: ${message}`);
    void vscode.window.showErrorMessage(`Fair Use: ${message}`);
    return undefined;
  }
  log.info(`model ${modelUri.fsPath}: ${JSON.stringify(summary)}`);

  const specUri = modelSpecUri(modelUri);
  if (!choices && (await exists(specUri.fsPath))) {
    const choice = await vscode.window.showInformationMessage(
      `${basename(specUri.fsPath)} already says how to audit ${basename(modelUri.fsPath)}.`,
      { modal: true },
      'Run it',
      'Choose again',
    );
    if (choice === 'Run it') return specUri;
    if (choice !== 'Choose again') return undefined;
  }
  const selectedCsv = selection.find((u) => DATA_FILE.test(u.fsPath) && u.fsPath !== modelUri.fsPath);
  const dataUri = choices
    ? vscode.Uri.file(resolve(dirname(specUri.fsPath), choices.data))
    : (selectedCsv ?? (await pickFile(`Dataset to audit ${basename(modelUri.fsPath)} on`, DATA_FILE_FILTERS, modelUri)));
  if (!dataUri) return undefined;

  let label = choices?.label ?? summary.label;
  let groups: readonly GroupSpec[] | undefined = choices?.groups ?? summary.groups;
  if (label === undefined || groups === undefined) {
    let profiles;
    try {
      profiles = await readColumnProfiles(dataUri.fsPath);
    } catch (error) {
      void vscode.window.showErrorMessage(`Fair Use: ${isAuditInputError(error) ? forTheEditor(error.message) : (error as Error).message}`);
      return undefined;
    }
    // Label then groups, as steps when both are asked ("Step 1 of 2"); Back from the groups asks the label again.
    const steps = (label === undefined ? 1 : 0) + (groups === undefined ? 1 : 0);
    const askLabel = label === undefined;
    for (;;) {
      if (askLabel && label === undefined) {
        const picked = await pickLabel(basename(dataUri.fsPath), profiles, { position: { step: 1, steps } });
        if (picked === undefined || picked === BACK) return undefined;
        label = picked.name;
      }
      if (groups !== undefined) break;
      const picked = await pickGroups(basename(dataUri.fsPath), profiles.filter((p) => p.name !== label), { position: { step: steps, steps } });
      if (picked === undefined) return undefined;
      if (picked === BACK) {
        label = undefined;
        continue;
      }
      groups = picked;
    }
  }

  let modelColumns = choices?.modelColumns;
  if (summary.kind === 'onnx' && summary.columns === undefined && modelColumns === undefined) {
    const typed = await vscode.window.showInputBox({
      title: `Input columns of ${basename(modelUri.fsPath)}`,
      prompt: `The model does not name its ${summary.inputWidth ?? ''} inputs (metadata fairuse.columns). Type the CSV columns it reads, in order, comma-separated; one-hot inputs as Column=value.`,
      ignoreFocusOut: true,
      validateInput: (v) => (v.split(',').filter((c) => c.trim()).length === 0 ? 'Name at least one column.' : undefined),
    });
    if (typed === undefined) return undefined;
    modelColumns = typed.split(',').map((c) => c.trim()).filter((c) => c);
  }

  if (label === undefined || groups === undefined) return undefined;
  const specDir = dirname(specUri.fsPath);
  const spec: AuditSpec = {
    data: relative(specDir, dataUri.fsPath) || basename(dataUri.fsPath),
    label,
    groups,
    model: relative(specDir, modelUri.fsPath),
    ...(modelColumns ? { modelColumns } : {}),
    ...(choices?.bootstrap ? { bootstrap: choices.bootstrap } : {}),
  };
  await writeFile(specUri.fsPath, `${JSON.stringify(spec, null, 2)}\n`);
  log.info(`wrote ${specUri.fsPath}`);
  return specUri;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function pickFile(title: string, filters: Record<string, string[]>, near?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const extensions = Object.values(filters).flat();
  const files = (await vscode.workspace.findFiles(`**/*.{${extensions.join(',')}}`, '**/node_modules/**', 500)).filter(
    (u) => !u.fsPath.endsWith('.fairuse.json') && (extensions.includes('csv') || MODEL_EXTENSIONS.test(u.fsPath)),
  );
  if (files.length === 0) {
    const defaultUri = near ? vscode.Uri.file(dirname(near.fsPath)) : undefined;
    const picked = await vscode.window.showOpenDialog({ canSelectMany: false, filters, title, defaultUri });
    return picked?.[0];
  }
  const item = await vscode.window.showQuickPick(
    files.map((uri) => {
      // The folder only when it says more than the name (a file at the workspace root).
      const path = vscode.workspace.asRelativePath(uri);
      return { label: basename(uri.fsPath), description: path === basename(uri.fsPath) ? undefined : path, uri };
    }),
    { title, matchOnDescription: true, ignoreFocusOut: true },
  );
  return item?.uri;
}
