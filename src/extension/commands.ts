/**
 * The palette and Explorer commands. Each returns something a test can check (the report, the file
 * written) and shows the user what happened.
 */
import { writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import * as vscode from 'vscode';
import type { AuditSpec, GroupSpec } from '../core/audit/audit-spec';
import { isAuditInputError } from '../core/errors';
import { DATA_FILE, DATA_FILE_FILTERS, readColumnProfiles } from './data-files';
import type { MetricId } from '../core/audit/metrics';
import type { AuditReport } from '../core/report/report';
import type { Technique } from '../core/learn/technique';
import type { AuditRunner } from './audit-runner';
import type { FindingDiagnostics } from './diagnostics';
import { compareReportsCommand } from './compare-command';
import { previousAudit } from './compare-text';
import { placeExample, showExample } from './example';
import { isModelFileChoices, prepareModelAudit } from './model-file-command';
import { answersFromSpec, specFromAnswers, type PickAnswers } from './pick-answers';
import { PickMemory } from './pick-memory';
import { pickAuditAnswers } from './pickers';
import { readSpecText } from '../core/audit/spec-text';
import type { ReportPanelController } from './report-panel';
import { entryKey, type ResultsStore } from './results-store';
import { readSettings } from './settings';
import { forTheEditor } from './editor-wording';
import type { ExportFormat, ReportEntry } from '../protocol/webview-protocol';

/** Choices that skip the quick picks (the walkthrough and tests pass them). */
export interface DatasetChoices {
  readonly label: string;
  readonly groups: readonly GroupSpec[];
  readonly technique?: Technique;
  readonly metric?: MetricId;
  readonly bootstrap?: number;
  readonly seed?: number;
}

export interface CommandParts {
  readonly context: vscode.ExtensionContext;
  readonly runner: AuditRunner;
  readonly diagnostics: FindingDiagnostics;
  readonly store: ResultsStore;
  readonly panel: ReportPanelController;
  readonly log: vscode.LogOutputChannel;
}

/** Spec files beside the data are named after it: heart.csv (or heart.parquet) → heart.fairuse.json. */
export function specUriFor(csv: vscode.Uri): vscode.Uri {
  return vscode.Uri.file(join(dirname(csv.fsPath), `${basename(csv.fsPath).replace(DATA_FILE, '')}.fairuse.json`));
}

export function registerCommands(parts: CommandParts): void {
  const { context, runner, diagnostics, store, panel, log } = parts;
  const memory = new PickMemory(context.workspaceState);
  const register = (id: string, handler: (...args: never[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, handler));

  // From the Explorer the second argument is the list of selected files; only an object of choices skips the picks.
  register('fairUse.auditDataset', async (uri?: vscode.Uri, second?: unknown): Promise<AuditReport | undefined> => {
    const choices = isDatasetChoices(second) ? second : undefined;
    const csv = uri instanceof vscode.Uri ? uri : await pickCsv();
    if (!csv) return undefined;
    const specUri = specUriFor(csv);
    let spec: AuditSpec | undefined;
    if (choices) {
      spec = { data: basename(csv.fsPath), ...choices };
    } else {
      if (existsSync(specUri.fsPath)) {
        const choice = await vscode.window.showInformationMessage(
          `${basename(specUri.fsPath)} already says how to audit ${basename(csv.fsPath)}.`,
          { modal: true },
          'Run it',
          'Choose again',
        );
        if (choice === 'Run it') return runner.run(specUri);
        if (choice !== 'Choose again') return undefined;
      }
      spec = await askSpec(csv, log, memory, existsSync(specUri.fsPath) ? specUri : undefined);
    }
    if (!spec) return undefined;
    await writeFile(specUri.fsPath, `${JSON.stringify(spec, null, 2)}\n`);
    log.info(`wrote ${specUri.fsPath}`);
    return runner.run(specUri);
  });

  // From the Explorer: (clicked file, selected files); a model and a CSV selected together need no dataset pick.
  register('fairUse.auditModelFile', async (uri?: vscode.Uri, second?: unknown): Promise<AuditReport | undefined> => {
    const selection = Array.isArray(second) ? second.filter((u): u is vscode.Uri => u instanceof vscode.Uri) : [];
    const clicked = uri instanceof vscode.Uri ? uri : undefined;
    const model = clicked && DATA_FILE.test(clicked.fsPath) ? selection.find((u) => !DATA_FILE.test(u.fsPath)) ?? clicked : clicked;
    const spec = await prepareModelAudit(model, selection, isModelFileChoices(second) ? second : undefined, log);
    return spec ? runner.run(spec) : undefined;
  });

  register('fairUse.runAudit', async (uri?: vscode.Uri): Promise<AuditReport | undefined> => {
    const spec = uri instanceof vscode.Uri ? uri : await pickSpec();
    return spec ? runner.run(spec) : undefined;
  });

  register('fairUse.showReport', async (focus?: { group?: string; metric?: MetricId; specPath?: string }) => {
    const entry = (focus?.specPath ? store.get(focus.specPath) : undefined) ?? panel.current ?? store.latest();
    if (!entry) {
      void vscode.window.showInformationMessage('Fair Use: no audit yet. Right-click a CSV in the Explorer and choose "Fair Use: Audit Dataset…".');
      return false;
    }
    panel.show(entry, { group: focus?.group, metric: focus?.metric });
    return true;
  });

  register('fairUse.exportReport', async (format?: ExportFormat, target?: vscode.Uri) => {
    if (!panel.current && store.latest()) panel.show(store.latest()!);
    if (!panel.current) {
      void vscode.window.showInformationMessage('Fair Use: no report to export yet.');
      return undefined;
    }
    return panel.exportCurrent(format, target);
  });

  // In the report panel ("Compared with the previous audit"); as a Markdown page when asked from the panel.
  register('fairUse.compareWithPrevious', async (specPath?: string, as?: 'markdown') => {
    const entry = (typeof specPath === 'string' ? store.get(specPath) : undefined) ?? panel.current ?? store.latest();
    const previous = entry ? store.previous(entryKey(entry)) : undefined;
    if (!entry || !previous) {
      const name = entry ? basename(entry.specPath ?? entry.dataPath ?? entry.report.dataset.path) : undefined;
      void vscode.window.showInformationMessage(name
        ? `Fair Use: no earlier audit of ${name} is kept yet. Run it again after a change, then compare; or use "Compare Two Reports…" with an exported JSON report.`
        : 'Fair Use: no audit yet to compare.');
      return undefined;
    }
    if (as === 'markdown') return compareReportsCommand(store, log, [previous, entry]);
    const shown = previousAudit(previous, entry);
    if (!shown.ok) log.warn(`compare with previous: ${shown.problem}`);
    panel.showPrevious(entry, shown);
    return shown;
  });

  register('fairUse.compareReports', (pair?: readonly [ReportEntry, ReportEntry]) => compareReportsCommand(store, log, Array.isArray(pair) && pair.length === 2 ? pair : undefined));

  register('fairUse.clearResults', async () => {
    runner.cancelAll();
    diagnostics.clear();
    await store.clear();
    panel.clear();
  });

  register('fairUse.cancelAudit', () => {
    const count = runner.cancelAll();
    if (count === 0) void vscode.window.showInformationMessage('Fair Use: no audit is running.');
    return count;
  });

  // The walkthrough: the bundled heart example, copied into the workspace only if the user says so (example.ts).
  register('fairUse.openExample', async (answer?: string) => {
    const place = await placeExample(context, answer);
    if (place) await showExample(place);
    return place?.uri;
  });
  register('fairUse.auditExample', async (answer?: string) => {
    const place = await placeExample(context, answer);
    if (!place) return undefined;
    await showExample(place);
    return vscode.commands.executeCommand('fairUse.auditDataset', place.uri, { label: 'Disease', groups: ['Sex', 'Age'] } satisfies DatasetChoices);
  });
}

function isDatasetChoices(value: unknown): value is DatasetChoices {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return typeof v.label === 'string' && Array.isArray(v.groups);
}

/**
 * Asks for the spec of `csv` with the picks, preselecting what its spec `previousSpec` says, else the last
 * answers for the file, and remembers the answers.
 */
async function askSpec(
  csv: vscode.Uri,
  log: vscode.LogOutputChannel,
  memory: PickMemory,
  previousSpec: vscode.Uri | undefined,
): Promise<AuditSpec | undefined> {
  let profiles;
  try {
    profiles = await readColumnProfiles(csv.fsPath);
  } catch (error) {
    if (!isAuditInputError(error)) throw error;
    log.warn(`cannot read ${csv.fsPath}: ${error.message}`);
    void vscode.window.showErrorMessage(`Fair Use: ${forTheEditor(error.message)}`);
    return undefined;
  }
  const settings = readSettings(csv);
  // The spec as it stands now (the user may have edited it) over the answers given last time.
  const remembered = { ...memory.get(csv.fsPath), ...(previousSpec ? await readAnswersOf(previousSpec) : undefined) };
  const answers = await pickAuditAnswers(basename(csv.fsPath), profiles, {
    technique: settings.defaults.technique ?? '1hot',
    metric: settings.preferences.metric ?? 'error',
  }, remembered);
  if (!answers) return undefined;
  await memory.remember(csv.fsPath, answers);
  return specFromAnswers(basename(csv.fsPath), answers, profiles);
}

async function readAnswersOf(spec: vscode.Uri): Promise<Partial<PickAnswers> | undefined> {
  try {
    const parsed = readSpecText(Buffer.from(await vscode.workspace.fs.readFile(spec)).toString('utf8'), spec.fsPath);
    return parsed.ok ? answersFromSpec(parsed.spec) : undefined;
  } catch {
    return undefined;
  }
}

async function pickCsv(): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && DATA_FILE.test(active.fsPath)) return active;
  const files = await vscode.workspace.findFiles('**/*.{csv,parquet}', '**/node_modules/**', 200);
  if (files.length === 0) {
    const picked = await vscode.window.showOpenDialog({ canSelectMany: false, filters: DATA_FILE_FILTERS, title: 'Dataset to audit' });
    return picked?.[0];
  }
  const item = await vscode.window.showQuickPick(
    files.map((uri) => ({ label: basename(uri.fsPath), description: vscode.workspace.asRelativePath(uri), uri })),
    { title: 'Dataset to audit', matchOnDescription: true },
  );
  return item?.uri;
}

async function pickSpec(): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && active.fsPath.endsWith('.fairuse.json')) return active;
  const specs = await vscode.workspace.findFiles('**/*.fairuse.json', '**/node_modules/**', 200);
  if (specs.length === 0) {
    void vscode.window.showInformationMessage('Fair Use: no audit spec (*.fairuse.json) in this workspace. Right-click a CSV and choose "Fair Use: Audit Dataset…" to make one.');
    return undefined;
  }
  if (specs.length === 1) return specs[0];
  const item = await vscode.window.showQuickPick(
    specs.map((uri) => ({ label: basename(uri.fsPath), description: vscode.workspace.asRelativePath(uri), uri })),
    { title: 'Audit spec to run' },
  );
  return item?.uri;
}
