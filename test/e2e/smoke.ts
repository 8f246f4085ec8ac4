// Smoke test of the e2e harness with a throwaway extension (test/e2e/fixtures/smoke-extension):
//  1. its mocha suite runs inside code-server's real extension host (payload URL) and exits 0;
//  2. its .vsix (packaged with vsce) is installed and driven through the UI: Explorer row, context
//     menu, notification, command palette, then a survey with the same workbench parts the Fair Use
//     Audit UI test drives (quick pick, multi-select quick pick, input box, progress notification,
//     Problems panel, webview, page reload restoring the webview) — a screenshot of every step;
//  3. a hand-zipped .vsix (no vsce) installs too.
// Run: bash test/e2e/run.sh test/e2e/smoke.ts   (setup + esbuild bundle + node)
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  E2ERun,
  clickMenuItem,
  copyDir,
  e2eEnv,
  ensureSetup,
  explorerContextMenu,
  explorerRow,
  installExtension,
  launchBrowser,
  listExtensions,
  log,
  makeCodeServerDirs,
  newContext,
  openExplorerContextMenu,
  openWorkbench,
  packageVsix,
  problems,
  quickInputSubmit,
  quickPickMany,
  quickPickOne,
  reloadWorkbench,
  runCommand,
  runExtensionTests,
  screenshot,
  showExplorer,
  startCodeServer,
  step,
  tempDir,
  waitForNotification,
  waitForPersistedState,
  waitForQuickInput,
  waitUntil,
  watchProgressNotification,
  webviewFrame,
  zipVsix,
  runMain,
} from './harness';

const HELLO = 'Smoke: Say Hello';
const SURVEY = 'Smoke: Survey…';

async function main(): Promise<number> {
  ensureSetup();
  const env = e2eEnv();
  const run = new E2ERun('e2e smoke', 10 * 60_000);
  const fixtures = path.join(env.e2eDir, 'fixtures');
  const extDir = path.join(fixtures, 'smoke-extension');
  const suite = path.join(fixtures, 'smoke-suite', 'index.js');
  const sampleWorkspace = path.join(fixtures, 'workspace');

  try {
    const browser = await launchBrowser();

    await run.test('extension-host suite runs via the payload URL', async () => {
      const ws = copyDir(sampleWorkspace, tempDir('ws-suite'));
      const server = await startCodeServer({ workspace: ws, extensionDevelopment: true });
      try {
        const result = await runExtensionTests({
          browser,
          server,
          extensionDevelopmentPath: extDir,
          extensionTestsPath: suite,
          folder: ws,
          timeoutMs: 3 * 60_000,
          name: 'smoke-suite',
        });
        console.log(result.output.map((l) => `    | ${l}`).join('\n'));
        assert.equal(result.exitCode, 0, `the extension-host suite failed; full log: ${result.logFile}`);
        assert.match(fs.readFileSync(path.join(ws, 'smoke-result.txt'), 'utf8'), /from palette/);
      } finally {
        await server.stop();
      }
    });

    await run.test('packaged .vsix works through the UI', async () => {
      const vsix = await packageVsix(extDir, { out: path.join(tempDir('vsix'), 'smoke-extension.vsix'), lenient: true });
      const ws = copyDir(sampleWorkspace, tempDir('ws-ui'));
      const resultFile = path.join(ws, 'smoke-result.txt');
      const server = await startCodeServer({ workspace: ws, vsix: [vsix] });
      const context = await newContext(browser);
      const page = await context.newPage();
      const opts = { server };
      try {
        await step(
          page,
          'smoke-01-workbench-loaded',
          async () => {
            await openWorkbench(page, server.workbenchUrl());
            await showExplorer(page);
            await explorerRow(page, 'data.csv').waitFor({ state: 'visible' });
          },
          { server, timeoutMs: 120_000 },
        );

        // The extension's menu items appear once the extension host registered it: retried inside.
        const menuItem = await step(page, 'smoke-02-explorer-context-menu', () => openExplorerContextMenu(page, 'data.csv', HELLO, 45_000), opts);

        await step(
          page,
          'smoke-03-notification-from-explorer',
          async () => {
            await clickMenuItem(page, menuItem);
            await waitForNotification(page, 'Smoke hello #1 from explorer:data.csv');
            const text = await waitUntil(() => fs.existsSync(resultFile) && fs.readFileSync(resultFile, 'utf8'), {
              timeoutMs: 10_000,
              what: 'smoke-result.txt',
            });
            assert.match(text, /call 1 from explorer:data\.csv/);
          },
          opts,
        );

        await step(
          page,
          'smoke-05-notification-from-palette',
          async () => {
            await runCommand(page, HELLO, 20_000, () => screenshot(page, 'smoke-04-command-palette'));
            await waitForNotification(page, 'Smoke hello #2 from palette');
            await waitUntil(() => /call 2 from palette/.test(fs.readFileSync(resultFile, 'utf8')), {
              timeoutMs: 10_000,
              what: 'smoke-result.txt to say "call 2 from palette"',
            });
          },
          opts,
        );

        // The survey: the same workbench parts the Fair Use Audit UI test drives.
        await step(page, 'smoke-06-survey-label-pick', async () => {
          await explorerContextMenu(page, 'data.csv', SURVEY);
          await waitForQuickInput(page, /label column/);
          await quickPickOne(page, 'label');
        }, opts);
        await step(page, 'smoke-07-survey-groups-picked', async () => {
          await waitForQuickInput(page, /group columns/);
          await quickPickMany(page, ['group', 'feature'], { beforeAccept: () => screenshot(page, 'smoke-07-survey-groups-checked') });
        }, opts);
        await step(page, 'smoke-08-survey-input', async () => {
          await waitForQuickInput(page, /A note/);
          await quickInputSubmit(page, 'typed <b>note</b>');
        }, opts);
        const progress = await step(page, 'smoke-10-survey-progress-done', () =>
          watchProgressNotification(page, 'Smoke survey: data.csv', { onSeen: () => screenshot(page, 'smoke-09-survey-progress') }),
        opts);
        log(`progress messages: ${progress.messages.join(' → ')}`);
        assert.ok(progress.seen, 'the progress notification was not seen');
        assert.ok(progress.messages.some((m) => /step \d\/6/.test(m)), `no step message among ${progress.messages.join(', ')}`);

        await step(page, 'smoke-11-problems', async () => {
          const rows = await waitUntil(async () => {
            const r = await problems(page);
            return r.filter((x) => x.severity === 'warning').length === 2 && r;
          }, { timeoutMs: 15_000, what: 'two warnings in the Problems panel' });
          log(`problems: ${JSON.stringify(rows)}`);
          assert.deepEqual(rows.filter((r) => r.severity === 'warning').map((r) => `${r.message} (${r.source}, line ${r.line})`).sort(), [
            'Smoke finding for feature (Smoke, line 1)',
            'Smoke finding for group (Smoke, line 1)',
          ]);
        }, opts);

        const expectedTable = ['label', 'label', 'group', 'group', 'group', 'feature', 'note', 'typed <b>note</b>'];
        const readTable = async () => {
          const cells = webviewFrame(page).locator('table[aria-label="Answers"] td');
          await cells.first().waitFor({ state: 'visible', timeout: 60_000 });
          return cells.allInnerTexts();
        };
        await step(page, 'smoke-12-webview', async () => {
          assert.deepEqual(await readTable(), expectedTable);
        }, opts);

        await step(page, 'smoke-13-webview-restored-after-reload', async () => {
          log(`webview state persisted in ${await waitForPersistedState(page, ['smoke.panel', 'typed <b>note</b>'])}`);
          await reloadWorkbench(page);
          assert.deepEqual(await readTable(), expectedTable);
        }, { server, timeoutMs: 90_000 });
      } finally {
        await context.close().catch(() => undefined);
        await server.stop();
      }
    });

    await run.test('hand-zipped .vsix (no vsce) installs', async () => {
      const vsix = zipVsix(extDir, path.join(tempDir('zip'), 'smoke-extension-zip.vsix'));
      const dirs = makeCodeServerDirs();
      await installExtension(dirs, vsix);
      const installed = await listExtensions(dirs);
      log(`installed: ${installed.join(', ')}`);
      assert.ok(installed.includes('fair-use-audit-e2e.fair-use-audit-e2e-smoke@0.0.1'), installed.join(', '));
    });
  } catch (err) {
    console.error('[e2e] harness error:', err);
    run.failed++;
  }
  return run.finish();
}

runMain(main);
