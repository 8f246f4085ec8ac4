/**
 * Findings → the Problems panel. Each diagnostic sits at its own place (finding-place.ts): the group's entry in
 * the spec when the spec names it, else the group column in the CSV header, else the model file.
 */
import { open } from 'node:fs/promises';
import { basename, dirname, isAbsolute, resolve } from 'node:path';
import * as vscode from 'vscode';
import { placeOf, type PlaceSources } from './finding-place';
import { diagnosticCodeOf, type Finding, findingsOf, glossaryAnchorOf } from './findings';
import { entryKey } from './results-store';
import { lineAndCharacter, readSpecText, type TextSpan } from '../core/audit/spec-text';
import type { ReportEntry } from '../protocol/webview-protocol';

export const DIAGNOSTIC_SOURCE = 'Fair Use';

const SEVERITY = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
} as const;

export class FindingDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('fairuse');
  /**
   * Input problems of specs (bad JSON, unknown column), apart from the findings: a spec saved mid-edit gets its
   * error without losing the last good run's findings.
   */
  private readonly specProblems = vscode.languages.createDiagnosticCollection('fairuse-spec');
  /** What each published diagnostic is about, for code actions: key = uri + message. */
  private readonly published = new Map<string, { entryKey: string; finding: Finding }>();
  /** Each entry's diagnostics by URI: a CSV audited by two specs carries the findings of both. */
  private readonly byEntry = new Map<string, Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>>();

  /** @param glossary docs/glossary.md in the extension: each finding's code links to the entry of its term. */
  constructor(private readonly glossary?: vscode.Uri) {}

  /** Publishes an entry's findings, each at its own place (finding-place.ts), replacing its previous run's; returns them. */
  async publish(entry: ReportEntry, showWarnings: boolean): Promise<Finding[]> {
    const key = entryKey(entry);
    this.forget(key);
    const findings = findingsOf(entry.report, { showWarnings });
    const files = await placeFilesOf(entry);
    const mine = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>();
    for (const finding of findings) {
      const place = placeOf(finding, files.sources);
      const file = files[place.file] ?? files.fallback;
      const range = place.span === null || file.text === undefined ? new vscode.Range(0, 0, 0, 1) : rangeOf(file.text, place.span);
      const d = new vscode.Diagnostic(range, finding.message, SEVERITY[finding.severity]);
      d.source = DIAGNOSTIC_SOURCE;
      const code = diagnosticCodeOf(finding);
      // The code is a link to the term's entry in the glossary: plain words for "rationality", "envy", "inconclusive".
      d.code = this.glossary ? { value: code, target: this.glossary.with({ fragment: glossaryAnchorOf(finding) }) } : code;
      d.relatedInformation = finding.related.map((r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(file.uri, range), r.message));
      this.published.set(publishedKey(file.uri, finding.message), { entryKey: key, finding });
      const slot = mine.get(file.uri.toString()) ?? { uri: file.uri, diagnostics: [] };
      slot.diagnostics.push(d);
      mine.set(file.uri.toString(), slot);
    }
    this.byEntry.set(key, mine);
    for (const { uri } of mine.values()) this.refresh(uri);
    return findings;
  }

  /**
   * An input problem of a spec (bad JSON, unknown column…), as one error on the spec. The spec's findings stay:
   * they are the last good run's, until a run of the fixed spec replaces them.
   * @param text the spec as audited (an open editor's unsaved text), for the problem's position
   */
  async publishSpecProblem(specUri: vscode.Uri, message: string, span?: TextSpan, text?: string): Promise<void> {
    const source = text ?? (await readText(specUri.fsPath));
    const range = source === undefined || span === undefined ? new vscode.Range(0, 0, 0, 1) : rangeOf(source, span);
    const d = new vscode.Diagnostic(range, message, vscode.DiagnosticSeverity.Error);
    d.source = DIAGNOSTIC_SOURCE;
    d.code = 'audit-input';
    this.specProblems.set(specUri, [d]);
  }

  /** The spec reads again: its input problem goes. */
  clearSpecProblem(specUri: vscode.Uri): void {
    this.specProblems.delete(specUri);
  }

  /** The finding behind a diagnostic this collection published. */
  findingOf(uri: vscode.Uri, diagnostic: vscode.Diagnostic): { entryKey: string; finding: Finding } | undefined {
    return diagnostic.source === DIAGNOSTIC_SOURCE ? this.published.get(publishedKey(uri, diagnostic.message)) : undefined;
  }

  forget(key: string): void {
    const mine = this.byEntry.get(key);
    if (!mine) return;
    this.byEntry.delete(key);
    for (const [k, v] of this.published) if (v.entryKey === key) this.published.delete(k);
    for (const { uri } of mine.values()) this.refresh(uri);
  }

  clear(): void {
    this.collection.clear();
    this.specProblems.clear();
    this.published.clear();
    this.byEntry.clear();
  }

  dispose(): void {
    this.collection.dispose();
    this.specProblems.dispose();
  }

  /** Sets a URI's diagnostics to those of every entry that publishes there. */
  private refresh(uri: vscode.Uri): void {
    const all = [...this.byEntry.values()].flatMap((m) => m.get(uri.toString())?.diagnostics ?? []);
    if (all.length) this.collection.set(uri, all);
    else this.collection.delete(uri);
  }
}

function publishedKey(uri: vscode.Uri, message: string): string {
  return `${uri.toString()}\n${message}`;
}

interface PlaceFile {
  readonly uri: vscode.Uri;
  /** The file's text as far as places need it (the spec whole, the CSV's first line); undefined if unread. */
  readonly text?: string;
}

/** The files an entry's findings can point at, and what finding-place.ts needs to choose among them. */
async function placeFilesOf(entry: ReportEntry): Promise<{ spec?: PlaceFile; data: PlaceFile; model?: PlaceFile; fallback: PlaceFile; sources: PlaceSources }> {
  const report = entry.report;
  const dataPath = entry.dataPath ?? report.dataset.path;
  const csvHeader = await readFirstLine(dataPath);
  const data: PlaceFile = { uri: vscode.Uri.file(dataPath), text: csvHeader };
  // The report names the model as the user knows it (relative to the workspace); the spec's folder is the best guess.
  const modelPath =
    report.model && (isAbsolute(report.model.path) || !entry.specPath ? report.model.path : resolve(dirname(entry.specPath), basename(report.model.path)));
  const model: PlaceFile | undefined = modelPath ? { uri: vscode.Uri.file(modelPath) } : undefined;
  let spec: PlaceFile | undefined;
  let parsedSpec: PlaceSources['spec'];
  if (entry.specPath) {
    const text = await readText(entry.specPath);
    spec = { uri: vscode.Uri.file(entry.specPath), text };
    const parsed = text === undefined ? undefined : readSpecText(text, entry.specPath);
    if (text !== undefined && parsed?.ok) parsedSpec = { text, parsed };
  }
  const sources: PlaceSources = { spec: parsedSpec, csvHeader, model: model !== undefined, groupAttributes: report.dataset.groupAttributes };
  return { spec, data, model, fallback: spec ?? data, sources };
}

function rangeOf(text: string, span: TextSpan): vscode.Range {
  const start = lineAndCharacter(text, span.offset);
  const end = lineAndCharacter(text, span.offset + span.length);
  return new vscode.Range(start.line, start.character, end.line, end.character);
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.file(path))).toString('utf8');
  } catch {
    return undefined;
  }
}

/** The CSV's first line, reading at most 1 MB: the data can be far larger than the editor should load. */
async function readFirstLine(path: string): Promise<string | undefined> {
  try {
    const file = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(1 << 20);
      const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
      return buffer.subarray(0, bytesRead).toString('utf8').split(/\r\n|\n|\r/)[0];
    } finally {
      await file.close();
    }
  } catch {
    return undefined;
  }
}
