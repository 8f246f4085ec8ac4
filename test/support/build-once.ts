import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

/**
 * vitest's globalSetup: bundle the CLI, the worker and the webview once before any test file runs, instead of once
 * per file (files that spawn `bin/fairuse.js` or start the worker need dist/; building it in each file's
 * beforeAll cost minutes and let two files rewrite dist/ under each other).
 */
export default function buildOnce(): void {
  const root = resolve(__dirname, '../..');
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
}
