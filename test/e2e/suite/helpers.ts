// Helpers of the integration suite: waiting, the CLI as the reference, and what the Problems panel
// should hold for a report (the contract, restated here so the suite checks the extension's code
// rather than reusing it).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AuditReport, EnvyRow, RationalityRow } from '../../../src/core/report/report';

export const EXTENSION_ID = 'fair-use-audit.fair-use-audit';
export const DIAGNOSTIC_SOURCE = 'Fair Use';

/** The payloads of test/e2e/fixtures/data/xss-groups.csv (see make-data.mjs). */
export const XSS_HEADER = '<img src=x onerror=alert(1)>';
export const XSS_VALUE = '<img src=x onerror=window.fairuseXss=1>';

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Rejects naming `what` when `p` has not settled after `ms`. */
export async function within<T>(p: Thenable<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      Promise.resolve(p),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `fn` until it returns a truthy value. */
export async function waitFor<T>(fn: () => T | undefined | false | Promise<T | undefined | false>, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(100);
  }
}

export function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open: the runner opens one with ?folder=');
  return folder.uri;
}

export function inWorkspace(...segments: string[]): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder(), ...segments);
}

/** The diagnostics of this extension on one file, or on every file when `uri` is undefined. */
export function fairUseDiagnostics(uri?: vscode.Uri): vscode.Diagnostic[] {
  const all = uri ? vscode.languages.getDiagnostics(uri) : vscode.languages.getDiagnostics().flatMap(([, d]) => d);
  return all.filter((d) => d.source === DIAGNOSTIC_SOURCE);
}

/**
 * Where two JSON values differ, as "path: actual … expected …" lines (at most `max`), so a failed
 * comparison of two reports says what differs instead of printing both.
 */
export function jsonDiff(actual: unknown, expected: unknown, max = 15, at = '$'): string[] {
  const out: string[] = [];
  const walk = (a: unknown, e: unknown, p: string) => {
    if (out.length >= max) return;
    if (typeof a === 'object' && a !== null && typeof e === 'object' && e !== null && Array.isArray(a) === Array.isArray(e)) {
      const keys = new Set([...Object.keys(a), ...Object.keys(e)]);
      for (const k of keys) walk((a as Record<string, unknown>)[k], (e as Record<string, unknown>)[k], Array.isArray(a) ? `${p}[${k}]` : `${p}.${k}`);
    } else if (!Object.is(a, e)) {
      out.push(`${p}: actual ${JSON.stringify(a)?.slice(0, 200)}, expected ${JSON.stringify(e)?.slice(0, 200)}`);
    }
  };
  walk(actual, expected, at);
  return out;
}

/** Ignores what a JSON round trip would change (undefined fields), so reports compare as data. */
export function asJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * A report less `settings.sources`: the editor takes the same options from the spec and the settings that the
 * CLI takes from its command line, so the record of where they came from differs while the audit does not.
 */
export function withoutSources(report: AuditReport): AuditReport {
  const { sources: _sources, ...settings } = report.settings;
  return { ...report, settings };
}

/**
 * The CLI's report for a CSV in the workspace (`fairuse audit <csv> … --json <file>`), run with the
 * extension host's own runtime (Node in code-server; Electron as Node under VS Code desktop). The CSV
 * is named relative to the workspace folder, as the extension names it in `dataset.path`.
 */
export function cliReport(extensionPath: string, csvRelative: string, args: string[]): AuditReport {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fairuse-cli-')), 'report.json');
  const cli = path.join(extensionPath, 'dist', 'cli.js');
  const run = spawnSync(process.execPath, [cli, 'audit', csvRelative, ...args, '--json', out, '--quiet'], {
    cwd: workspaceFolder().fsPath,
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  // 0 = no violation, 1 = a violation, 3 = inconclusive: all mean the audit ran.
  if (run.status !== 0 && run.status !== 1 && run.status !== 3) {
    throw new Error(`${cli} exited with ${run.status ?? run.signal}: ${run.stderr || run.stdout || run.error?.message}`);
  }
  return JSON.parse(fs.readFileSync(out, 'utf8')) as AuditReport;
}

export interface ExpectedFinding {
  severity: vscode.DiagnosticSeverity;
  /** What the message must start with: "Rationality violation for <group>" etc. */
  prefix: string;
  group: string;
  reportedAs?: string;
}

/**
 * The contract for the Problems panel: for the decisive metric, one Error per significant violation
 * (message "Rationality violation for <group>…" / "Envy violation for <group>…"); for each other explanation
 * metric (SPEC §9), one Warning per significant violation ("Explanation rationality violation for <group>…").
 * Negative gains that are not significant stay in the report (fairUse.showWarnings, off by default, would list
 * them). Untested rows give none.
 */
export function expectedFindings(report: AuditReport): ExpectedFinding[] {
  const decisive = report.settings.metric;
  if (!report.metrics[decisive]) throw new Error(`the report has no table for its decisive metric ${decisive}`);
  const explanationMetrics = ['sufficiency', 'comprehensiveness'] as const;
  const out: ExpectedFinding[] = [];
  for (const metric of [decisive, ...explanationMetrics.filter((m) => m !== decisive)]) {
    const table = report.metrics[metric];
    if (!table) continue;
    const explanation = (explanationMetrics as readonly string[]).includes(metric);
    const severity = metric === decisive ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
    const add = (row: RationalityRow | EnvyRow, kind: 'Rationality' | 'Envy') => {
      const reportedAs = 'reportedAs' in row ? row.reportedAs : undefined;
      const term = explanation ? `Explanation ${kind.toLowerCase()}` : kind;
      if (row.verdict === 'violation') out.push({ severity, prefix: `${term} violation for ${row.group}`, group: row.group, reportedAs });
    };
    for (const row of table.rationality) add(row, 'Rationality');
    for (const row of table.envy) add(row, 'Envy');
  }
  return out;
}

/** Pairs each expected finding with a diagnostic (severity, prefix, group and reportedAs named); returns what is left over. */
export function matchFindings(expected: ExpectedFinding[], diagnostics: vscode.Diagnostic[]): { missing: ExpectedFinding[]; extra: vscode.Diagnostic[] } {
  const left = [...diagnostics];
  const missing: ExpectedFinding[] = [];
  for (const e of expected) {
    const i = left.findIndex(
      (d) =>
        d.severity === e.severity &&
        d.message.startsWith(e.prefix) &&
        d.message.includes(e.group) &&
        (e.reportedAs === undefined || d.message.includes(e.reportedAs)),
    );
    if (i < 0) missing.push(e);
    else left.splice(i, 1);
  }
  return { missing, extra: left };
}

export function describeFindings(items: Array<ExpectedFinding | vscode.Diagnostic>): string {
  return items
    .map((x) => `  ${vscode.DiagnosticSeverity[x.severity]}: ${'message' in x ? x.message : `${x.prefix || '(any)'} … ${x.group}${x.reportedAs ? ` as ${x.reportedAs}` : ''}`}`)
    .join('\n');
}
