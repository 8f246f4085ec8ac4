// The e2e harness: real VS Code (code-server) + Debian chromium via playwright-core, offline.
// See test/e2e/README.md.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { CodeServer } from './codeServer';
import { e2eEnv } from './env';
import { screenshot } from './ui';
import { log, runCleanups, withTimeout } from './util';

export * from './browser';
export * from './codeServer';
export * from './env';
export * from './extensionTests';
export * from './project';
export * from './ui';
export * from './util';
export * from './vsix';

/** Runs test/e2e/setup.sh (seconds when the cache is warm) unless FAIRUSE_E2E_SKIP_SETUP=1. */
export function ensureSetup(timeoutMs = 60 * 60_000): void {
  if (process.env.FAIRUSE_E2E_SKIP_SETUP === '1') return;
  const script = path.join(e2eEnv(false).e2eDir, 'setup.sh');
  const r = spawnSync('bash', [script], { stdio: ['ignore', 'inherit', 'inherit'], timeout: timeoutMs });
  if (r.error) throw new Error(`setup.sh failed: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`setup.sh exited with ${r.status ?? r.signal}`);
}

/** Copies a folder (e.g. a fixture workspace) to `dest` and returns `dest`. */
export function copyDir(src: string, dest: string): string {
  fs.cpSync(src, dest, { recursive: true });
  return dest;
}

/**
 * Runs one UI step with a time-out. On failure it saves `<name>-FAILED.png` and
 * `<name>-FAILED.log` (code-server and VS Code server logs) in test/e2e/screenshots, prints the
 * log tail, and rethrows. With `shot` (default true) it saves `<name>.png` after the step succeeded.
 */
export async function step<T>(
  page: Page,
  name: string,
  fn: () => Promise<T>,
  opts: { server?: CodeServer; timeoutMs?: number; shot?: boolean } = {},
): Promise<T> {
  log(`step ${name}`);
  try {
    const result = await withTimeout(fn(), opts.timeoutMs ?? 60_000, `step ${name}`);
    if (opts.shot !== false) await screenshot(page, name);
    return result;
  } catch (err) {
    await screenshot(page, `${name}-FAILED`).catch((e) => log(`(no failure screenshot: ${(e as Error).message})`));
    // Leave no quick input or menu open for the next test.
    for (let i = 0; i < 2; i++) await page.keyboard.press('Escape').catch(() => undefined);
    if (opts.server) {
      const logs = opts.server.collectLogs(150);
      const file = path.join(e2eEnv(false).screenshotsDir, `${name.replace(/[^\w.-]+/g, '-')}-FAILED.log`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, logs);
      const errors = opts.server.extensionErrors();
      console.error(
        errors.length
          ? `---- errors in the extension host log (all logs in ${file}) ----\n${errors.slice(-10).join('\n')}`
          : `---- no error in the extension host log; code-server log (tail; all logs in ${file}) ----\n${opts.server.logTail(30)}`,
      );
    }
    throw err;
  }
}

/**
 * A tiny runner for e2e scripts: named tests, each with a time-out, a global watchdog, cleanup of
 * every server/browser/temp folder at the end (also on failure or signals), and a closing line
 * `e2e: N passed, N failed` that CI reads.
 */
/** Runs an e2e script's main and exits with its code (1 when it throws). */
export function runMain(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}

export class E2ERun {
  passed = 0;
  failed = 0;
  skipped = 0;
  private readonly failures: string[] = [];
  private watchdog?: NodeJS.Timeout;

  constructor(private readonly name: string, totalTimeoutMs = 20 * 60_000) {
    this.watchdog = setTimeout(() => {
      console.error(`[e2e] ${this.name}: watchdog fired after ${totalTimeoutMs} ms, cleaning up`);
      void runCleanups().finally(() => process.exit(124));
    }, totalTimeoutMs);
    this.watchdog.unref();
  }

  async test(title: string, fn: () => Promise<void>, timeoutMs = 5 * 60_000): Promise<boolean> {
    const start = Date.now();
    log(`TEST ${title}`);
    try {
      await withTimeout(fn(), timeoutMs, `test "${title}"`);
      this.passed++;
      log(`PASS ${title} (${((Date.now() - start) / 1000).toFixed(1)} s)`);
      return true;
    } catch (err) {
      this.failed++;
      this.failures.push(title);
      log(`FAIL ${title} (${((Date.now() - start) / 1000).toFixed(1)} s)`);
      console.error(err instanceof Error ? (err.stack ?? err.message) : err);
      return false;
    }
  }

  /**
   * Runs `fn` only when every test it needs passed; otherwise logs SKIP (a skipped test counts as
   * not passed, so the run still fails through the test it needed).
   */
  async testAfter(needs: boolean[], title: string, fn: () => Promise<void>, timeoutMs?: number): Promise<boolean> {
    if (needs.every(Boolean)) return this.test(title, fn, timeoutMs);
    this.skipped++;
    log(`SKIP ${title} (an earlier test it needs failed)`);
    return false;
  }

  /** Cleans up, prints the summary and returns the exit code (1 if any test failed or none ran). */
  async finish(): Promise<number> {
    clearTimeout(this.watchdog);
    await runCleanups();
    if (this.failures.length) console.log(`failed: ${this.failures.join('; ')}`);
    console.log(`${this.name}: ${this.passed} passed, ${this.failed} failed${this.skipped ? `, ${this.skipped} skipped` : ''}`);
    return this.failed === 0 && this.passed > 0 ? 0 : 1;
  }
}
