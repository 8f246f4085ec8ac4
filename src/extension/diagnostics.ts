/**
 * Findings → the Problems panel. Each diagnostic sits on the spec's "groups" entry (or, for an audit without a
 * spec, on the group column in the CSV header), so a click lands where the groups were chosen.
 */
import { open } from 'node:fs/promises';
import * as vscode from 'vscode';
import { headerCells } from './csv-header';
import { type Finding, findingsOf } from './findings';
import { entryKey } from './results-store';
import { lineAndCharacter, readSpecText, type TextSpan } from './spec-text';
import type { ReportEntry } from './webview-protocol';

export const DIAGNOSTIC_SOURCE = 'Fair Use';

const SEVERITY = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
} as const;

interface Anchor {
  readonly uri: vscode.Uri;
  readonly range: vscode.Range;
}

export class FindingDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('fairuse');
  /**
   * Input problems of specs (bad JSON, unknown column), apart from the findings: a spec saved mid-edit gets its
   * error without losing the last good run's findings.
   */
  private readonly specProblems = vscode.languages.createDiagnosticCollection('fairuse-spec');
  /** What each published diagnostic is about, for code actions: key = uri + message. */
  private readonly published = new Map<string, { entryKey: string; finding: Finding }>();
  /** Which URIs each entry published to, so re-running one spec replaces only its own diagnostics. */
  private readonly urisOf = new Map<string, vscode.Uri>();

  /** Publishes an entry's findings, replacing those of its previous run; returns them. */
  async publish(entry: ReportEntry, showWarnings: boolean): Promise<Finding[]> {
    const key = entryKey(entry);
    this.forget(key);
    const findings = findingsOf(entry.report, { showWarnings });
    const anchor = await anchorOf(entry);
    const diagnostics = findings.map((finding) => {
      const d = new vscode.Diagnostic(anchor.range, finding.message, SEVERITY[finding.severity]);
      d.source = DIAGNOSTIC_SOURCE;
      d.code = finding.kind === 'inconclusive' ? 'inconclusive' : finding.severity === 'error' ? `${finding.kind}-violation` : `negative-${finding.kind}-gain`;
      d.relatedInformation = finding.related.map((r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(anchor.uri, anchor.range), r.message));
      this.published.set(publishedKey(anchor.uri, finding.message), { entryKey: key, finding });
      return d;
    });
    this.collection.set(anchor.uri, diagnostics);
    this.urisOf.set(key, anchor.uri);
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
    const uri = this.urisOf.get(key);
    if (!uri) return;
    this.collection.delete(uri);
    this.urisOf.delete(key);
    for (const [k] of this.published) if (k.startsWith(`${uri.toString()}\n`)) this.published.delete(k);
  }

  clear(): void {
    this.collection.clear();
    this.specProblems.clear();
    this.published.clear();
    this.urisOf.clear();
  }

  dispose(): void {
    this.collection.dispose();
    this.specProblems.dispose();
  }
}

function publishedKey(uri: vscode.Uri, message: string): string {
  return `${uri.toString()}\n${message}`;
}

async function anchorOf(entry: ReportEntry): Promise<Anchor> {
  if (entry.specPath) {
    const uri = vscode.Uri.file(entry.specPath);
    const text = await readText(entry.specPath);
    if (text !== undefined) {
      const spec = readSpecText(text, entry.specPath);
      if (spec.ok) return { uri, range: rangeOf(text, spec.groupsSpan) };
    }
    return { uri, range: new vscode.Range(0, 0, 0, 1) };
  }
  const dataPath = entry.dataPath ?? entry.report.dataset.path;
  const uri = vscode.Uri.file(dataPath);
  const firstLine = await readFirstLine(dataPath);
  const attribute = entry.report.dataset.groupAttributes[0];
  const cell = firstLine === undefined ? undefined : headerCells(firstLine).find((c) => c.name === attribute);
  return { uri, range: cell ? new vscode.Range(0, cell.offset, 0, cell.offset + cell.length) : new vscode.Range(0, 0, 0, 1) };
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
