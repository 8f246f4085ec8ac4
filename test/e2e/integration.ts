// Runs the integration suite (test/e2e/suite/, mocha) inside code-server's real extension host, with
// the repo root as the development extension: the same suite @vscode/test-electron would run.
// Run: bash test/e2e/run.sh test/e2e/integration.ts
//   FAIRUSE_E2E_GREP=<text>           runs only the tests whose title contains it;
//   FAIRUSE_E2E_EXTENSION_DIR=<dir>   tests a built extension elsewhere instead of building the repo.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import {
  E2ERun,
  buildExtension,
  bundleSuite,
  e2eEnv,
  ensureSetup,
  launchBrowser,
  makeWorkspace,
  runExtensionTests,
  startCodeServer,
  runMain,
} from './harness';

async function main(): Promise<number> {
  ensureSetup();
  const env = e2eEnv();
  const run = new E2ERun('e2e integration', 12 * 60_000);
  const heart = path.join(env.repoRoot, 'examples', 'heart.csv');
  const data = path.join(env.e2eDir, 'fixtures', 'data');
  try {
    await run.test('integration suite in the extension host', async () => {
      const extensionDir = process.env.FAIRUSE_E2E_EXTENSION_DIR ? path.resolve(process.env.FAIRUSE_E2E_EXTENSION_DIR) : env.repoRoot;
      if (extensionDir === env.repoRoot) await buildExtension();
      const suite = await bundleSuite();
      const ws = makeWorkspace('ws-integration', {
        'heart.csv': heart,
        'heart-cancel.csv': heart,
        'heart-twice.csv': heart,
        'heart-explorer.csv': heart,
        'xor-groups.csv': path.join(data, 'xor-groups.csv'),
        'xss-groups.csv': path.join(data, 'xss-groups.csv'),
        'blood-pressure.csv': path.join(env.repoRoot, 'examples', 'blood-pressure.csv'),
      });
      const grep = process.env.FAIRUSE_E2E_GREP;
      const server = await startCodeServer({ workspace: ws, extensionDevelopment: true, env: grep ? { FAIRUSE_E2E_GREP: grep } : {} });
      const browser = await launchBrowser();
      try {
        const result = await runExtensionTests({
          browser,
          server,
          extensionDevelopmentPath: extensionDir,
          extensionTestsPath: suite,
          folder: ws,
          timeoutMs: 10 * 60_000,
          name: 'integration-suite',
          screenshotAtEnd: true,
        });
        console.log(result.output.map((l) => `    | ${l}`).join('\n'));
        assert.equal(result.exitCode, 0, `the integration suite failed (see above); full log: ${result.logFile}`);
      } finally {
        await server.stop();
      }
    }, 11 * 60_000);
  } catch (err) {
    console.error('[e2e] harness error:', err);
    run.failed++;
  }
  return run.finish();
}

runMain(main);
