// Runs an extension-host integration suite (the kind @vscode/test-electron runs: a module exporting
// `run()`) inside code-server's real extension host, by opening the workbench with a payload URL.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { captureConsole, newContext } from './browser';
import type { CodeServer } from './codeServer';
import { e2eEnv } from './env';
import { screenshot } from './ui';
import { log, withTimeout } from './util';

/**
 * Prefix a suite puts before each line of its reporter output, so the runner can tell it apart from
 * the workbench's own log lines, which arrive through the same codeAutomationLog channel.
 */
export const SUITE_OUTPUT_MARKER = '[suite] ';

export interface ExtensionTestOptions {
  browser: Browser;
  server: CodeServer;
  /** Extension root (the folder with package.json) loaded as a development extension. */
  extensionDevelopmentPath: string;
  /** The suite's entry module (compiled JS) exporting `run()`. */
  extensionTestsPath: string;
  /** Workspace folder opened for the suite. */
  folder: string;
  /** Whole-suite time-out (default 5 min). */
  timeoutMs?: number;
  /** Base name of the artefacts in test/e2e/screenshots: `<name>.log` (always), `<name>-FAILED.png`. */
  name?: string;
  /** Also save `<name>-end.png`, the workbench as the suite left it. */
  screenshotAtEnd?: boolean;
}

export interface ExtensionTestResult {
  /** What the extension host exited with: 0 when `run()` resolved. */
  exitCode: number;
  /**
   * Everything the workbench sent to codeAutomationLog: its own log lines and the extension host's
   * console output (mocha's reporter). The extension host does not apply console.log's format
   * (`%s`, `%d`), so a suite should format its output itself (see fixtures/smoke-suite/index.js).
   */
  log: string[];
  /** The suite's own output: the lines it marked with SUITE_OUTPUT_MARKER, marker removed. */
  output: string[];
  /** Log files the workbench attached to codeAutomationExit. */
  logFiles: Array<{ relativePath: string; contents: string }>;
  /** test/e2e/screenshots/<name>.log: everything above plus the page console. */
  logFile: string;
}

/** `vscode-remote://remote<abs path>`: a path on the code-server machine, as the payload wants it. */
export function remoteUri(p: string): string {
  return `vscode-remote://remote${path.resolve(p)}`;
}

export async function runExtensionTests(opts: ExtensionTestOptions): Promise<ExtensionTestResult> {
  const timeoutMs = opts.timeoutMs ?? 5 * 60_000;
  if (!opts.server.extensionDevelopment) {
    throw new Error('runExtensionTests needs a server started with startCodeServer({ extensionDevelopment: true })');
  }
  const context = await newContext(opts.browser);
  const page = await context.newPage();
  const lines: string[] = [];
  const consoleLines = captureConsole(page);
  const verbose = process.env.FAIRUSE_E2E_VERBOSE === '1';
  let onExit!: (r: { code: number; files: ExtensionTestResult['logFiles'] }) => void;
  const exited = new Promise<{ code: number; files: ExtensionTestResult['logFiles'] }>((r) => (onExit = r));

  // Both hooks must exist before the workbench loads: it looks them up on `window`.
  // codeAutomationLog(level, message) gets the window's log and the extension host's console;
  // codeAutomationExit(code, logFiles) is called when the suite's run() settled (0 = resolved).
  await page.exposeFunction('codeAutomationLog', (level: unknown, message: unknown) => {
    const line = `[${String(level)}] ${String(message)}`;
    lines.push(line);
    if (verbose) log(`codeAutomationLog ${line}`);
  });
  await page.exposeFunction('codeAutomationExit', (code: unknown, files: unknown) => {
    onExit({
      code: typeof code === 'number' ? code : Number(code ?? 1),
      files: Array.isArray(files) ? (files as ExtensionTestResult['logFiles']) : [],
    });
  });
  const url = opts.server.workbenchUrl({
    folder: opts.folder,
    payload: [
      ['extensionDevelopmentPath', remoteUri(opts.extensionDevelopmentPath)],
      ['extensionTestsPath', remoteUri(opts.extensionTestsPath)],
    ],
  });
  const name = opts.name ?? 'extension-tests';
  const logFile = path.join(e2eEnv(false).screenshotsDir, `${name}.log`);
  const output = () =>
    lines.flatMap((l) => {
      const i = l.indexOf(SUITE_OUTPUT_MARKER);
      return i < 0 ? [] : [l.slice(i + SUITE_OUTPUT_MARKER.length)];
    });
  const writeLog = (files: ExtensionTestResult['logFiles']) => {
    fs.mkdirSync(path.dirname(logFile), { recursive: true });
    const parts = ['==== codeAutomationLog', ...lines, '==== page console', ...consoleLines];
    for (const f of files) parts.push(`==== ${f.relativePath}`, f.contents);
    parts.push('==== code-server logs', opts.server.collectLogs(400));
    fs.writeFileSync(logFile, parts.join('\n'));
  };
  log(`running extension tests ${opts.extensionTestsPath}`);
  try {
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    const { code, files } = await withTimeout(exited, timeoutMs, 'the extension host to call codeAutomationExit');
    log(`extension tests exited with code ${code}`);
    if (code !== 0) await screenshot(page, `${name}-FAILED`).catch(() => undefined);
    else if (opts.screenshotAtEnd) await screenshot(page, `${name}-end`).catch(() => undefined);
    writeLog(files);
    return { exitCode: code, log: lines, output: output(), logFiles: files, logFile };
  } catch (err) {
    await screenshot(page, `${name}-FAILED`).catch(() => undefined);
    writeLog([]);
    const msg = [
      (err as Error).message,
      '---- suite output so far ----',
      ...output(),
      '---- page console (tail) ----',
      ...consoleLines.slice(-20),
      `---- everything (workbench log, console, code-server and extension host logs): ${logFile}`,
    ].join('\n');
    throw new Error(msg, { cause: err });
  } finally {
    await context.close().catch(() => undefined);
  }
}
