/// <reference types="mocha" />
// The integration suite's entry: what the extension host loads as extensionTestsPath (the `run()`
// contract of @vscode/test-electron), here through code-server's payload URL (test/e2e/integration.ts).
// Compiled with esbuild to out/e2e/suite/index.js; mocha stays external, loaded from node_modules.
import * as path from 'node:path';
import { format } from 'node:util';

/** Same as harness/extensionTests.ts SUITE_OUTPUT_MARKER: the runner shows only lines with it. */
const OUTPUT_MARKER = '[suite] ';
const MAX_MESSAGE = 6_000;

export function run(): Promise<void> {
  // mocha ≥ 12 is an ES module whose index re-exports lib/mocha.cjs; load that directly, so the suite
  // also loads where require(esm) is missing (older Electron under @vscode/test-electron).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Mocha = require(path.join(path.dirname(require.resolve('mocha/package.json')), 'lib', 'mocha.cjs')) as typeof import('mocha');
  // The extension host forwards console.log without applying its format: format here, and mark it.
  // Very long messages (a deepEqual diff of two reports) are dropped on the way: cut them.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => {
    const text = format(...args);
    console.log(`${OUTPUT_MARKER}${text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}\n… (${text.length - MAX_MESSAGE} more characters)` : text}`);
  };
  const mocha = new Mocha({ ui: 'bdd', color: false, reporter: 'spec', timeout: 120_000, slow: 10_000 });
  const grep = process.env.FAIRUSE_E2E_GREP;
  if (grep) mocha.grep(grep);
  // Test files call describe/it at load time: install mocha's globals first, then load them.
  mocha.suite.emit('pre-require', globalThis, __filename, mocha);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./extension.test');
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed.`)) : resolve()));
    } catch (err) {
      reject(err);
    }
  });
}
