// Issue 19 in the real editor (code-server + Chromium): the first-run walkthrough.
// - opens-on-install: the packaged .vsix installed as a person does (Extensions: Install from VSIX…, into a
//   code-server that has never seen it, with the editor's default workbench.welcomePage.walkthroughs.openOnInstall)
//   opens "Get started with Fair Use Audit" by itself, with its five steps;
// - each step's button does what the step says: Open heart.csv opens it, Audit heart.csv runs the audit (progress,
//   then the report panel), Show the report shows it, Show Problems shows heart's finding, Export the report offers
//   HTML, Markdown and JSON.
// The JPEG shots `walkthrough-media-<step>.jpg` are the walkthrough's own pictures: `node scripts/walkthrough-media.mjs`
// copies them into media/walkthrough/ after a run.
// Run: bash test/e2e/run.sh test/e2e/walkthrough-ui.ts        FAIRUSE_E2E_VSIX=<file> tests that .vsix instead.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import {
  clearNotifications,
  E2ERun,
  e2eEnv,
  editorTabs,
  ensureSetup,
  launchBrowser,
  log,
  makeWorkspace,
  newContext,
  openWorkbench,
  packageExtension,
  problems,
  quickInputWidget,
  recordedNotifications,
  runCommand,
  runMain,
  screenshot,
  settledQuickPickLabels,
  startCodeServer,
  step,
  waitUntil,
  watchProgressNotification,
  webviewFrame,
  type CodeServer,
} from './harness';

const manifest = JSON.parse(fs.readFileSync(path.join(e2eEnv(false).repoRoot, 'package.json'), 'utf8'));
const walkthrough = manifest.contributes.walkthroughs[0] as { title: string; steps: Array<{ id: string; title: string; description: string }> };

/** The label of a step's button: the text of its `[label](command:…)` link. */
function buttonOf(stepId: string): string {
  const s = walkthrough.steps.find((x) => x.id === stepId);
  const m = s && /\[([^\]]+)\]\(command:/.exec(s.description);
  if (!s || !m) throw new Error(`walkthrough step ${stepId} has no command button`);
  return m[1];
}

const titleOf = (stepId: string) => walkthrough.steps.find((x) => x.id === stepId)!.title;

/** The walkthrough page (the Welcome editor showing our walkthrough). */
function walkthroughPage(page: Page): Locator {
  return page.locator('.gettingStartedContainer').filter({ hasText: walkthrough.title }).first();
}

/** Brings the walkthrough back to the front (a step's command may have put another editor over it). */
async function showWalkthrough(page: Page): Promise<Locator> {
  const view = walkthroughPage(page);
  if (!(await view.isVisible().catch(() => false))) {
    await editorTabs(page).filter({ hasText: /Welcome|Walkthrough|Fair Use Audit/ }).first().click();
  }
  await view.waitFor({ state: 'visible', timeout: 20_000 });
  return view;
}

/** Expands a step by its title and clicks its command button. */
async function clickStepButton(page: Page, stepId: string): Promise<void> {
  const view = await showWalkthrough(page);
  await view.locator('.getting-started-step').filter({ hasText: titleOf(stepId) }).first().click();
  const button = view.getByRole('button', { name: buttonOf(stepId), exact: true }).first();
  await button.waitFor({ state: 'visible', timeout: 10_000 });
  await button.click();
}

/** A picture for the walkthrough itself (JPEG, smaller than the PNG step shots), kept beside them. */
async function mediaShot(page: Page, name: string): Promise<void> {
  const file = path.join(e2eEnv(false).screenshotsDir, `walkthrough-media-${name}.jpg`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, type: 'jpeg', quality: 70, timeout: 15_000, animations: 'disabled' });
  log(`walkthrough picture ${path.relative(process.cwd(), file)}`);
}

async function main(): Promise<number> {
  ensureSetup();
  e2eEnv();
  const run = new E2ERun('e2e walkthrough', 12 * 60_000);
  let server: CodeServer | undefined;
  let page: Page | undefined;
  try {
    // An empty folder: the walkthrough's first step puts heart.csv there.
    const ws = makeWorkspace('ws-walkthrough', {});
    let vsix = '';
    const ok = await run.test('code-server starts without the extension', async () => {
      vsix = process.env.FAIRUSE_E2E_VSIX ? path.resolve(process.env.FAIRUSE_E2E_VSIX) : await packageExtension();
      // The harness turns the Welcome page and openOnInstall off for the other scripts; here they are the editor's
      // defaults, as a new user has them. (With no Welcome page at startup, the service that opens walkthroughs
      // starts only after the install and never hears of it.)
      server = await startCodeServer({ workspace: ws, settings: { 'workbench.startupEditor': 'welcomePage', 'workbench.welcomePage.walkthroughs.openOnInstall': true } });
    });
    if (!ok || !server) return await run.finish();
    const srv = server;
    const browser = await launchBrowser();
    page = await (await newContext(browser)).newPage();
    const p = page;
    const opts = { server: srv };

    const opened = await run.test('installing the .vsix opens the walkthrough with its five steps', async () => {
      await step(p, 'walkthrough-01-workbench', async () => {
        await openWorkbench(p, srv.workbenchUrl());
        assert.equal(await walkthroughPage(p).isVisible(), false, 'no walkthrough before the install');
      }, { ...opts, timeoutMs: 120_000, shot: false });
      await step(p, 'walkthrough-02-opens-on-install', async () => {
        await runCommand(p, 'Extensions: Install from VSIX...', 60_000);
        // code-server's file dialog is a quick input holding a path: go to the .vsix's folder, pick it, Install.
        const dialog = quickInputWidget(p);
        const input = dialog.locator('.quick-input-box input').first();
        await input.waitFor({ state: 'visible', timeout: 20_000 });
        await input.fill(`${path.dirname(vsix)}/`);
        const row = dialog.locator('.quick-input-list .monaco-list-row').filter({ hasText: path.basename(vsix) }).first();
        await row.waitFor({ state: 'visible', timeout: 20_000 });
        // Clicking a file accepts it in some versions of the dialog; in others it fills the box for Install.
        await row.click();
        await p.waitForTimeout(1_000);
        const install = dialog.locator('.monaco-button').filter({ hasText: /^Install$/ }).first();
        if (await install.isVisible().catch(() => false)) {
          assert.equal(await input.inputValue(), vsix);
          await install.click();
        }
        const view = walkthroughPage(p);
        // When the running extension host cannot take the new extension, the editor asks to restart extensions
        // (a person clicks the button); the walkthrough opens as the extension registers.
        const restart = p.locator('.notifications-toasts .monaco-button, .notifications-center .monaco-button').filter({ hasText: /^Restart Extensions$/ }).first();
        const shown = await waitUntil(async () => {
          if (await view.isVisible().catch(() => false)) return 'walkthrough';
          if (await restart.isVisible().catch(() => false)) return 'restart';
          return false;
        }, { timeoutMs: 120_000, what: 'the walkthrough, or the editor asking to restart extensions' });
        log(`after the install: ${shown}; notifications: ${(await recordedNotifications(p)).join(' | ')}`);
        if (shown === 'restart') await restart.click();
        await view.waitFor({ state: 'visible', timeout: 120_000 });
        for (const s of walkthrough.steps) {
          assert.ok(await view.locator('.getting-started-step').filter({ hasText: s.title }).first().isVisible(), `step "${s.title}" is listed`);
        }
        // The walkthrough came from the .vsix just installed, not from an extension already there.
        await clearNotifications(p); // "Completed installing extension." would sit in every picture
        await waitUntil(() => fs.readdirSync(srv.dirs.extensionsDir).some((d) => d.startsWith(`${manifest.publisher}.${manifest.name}-${manifest.version}`)), { timeoutMs: 30_000, what: 'the extension in the extensions dir' });
      }, { ...opts, timeoutMs: 180_000 });
    }, 5 * 60_000);

    const openStep = await run.testAfter([opened], `"${buttonOf('open')}" opens the example`, async () => {
      await step(p, 'walkthrough-03-open', async () => {
        await clickStepButton(p, 'open');
        // Nothing is copied into the workspace unasked: a modal asks first, offering a read-only copy instead.
        const dialog = p.locator('.monaco-dialog-box');
        await dialog.waitFor({ state: 'visible', timeout: 30_000 });
        assert.match(await dialog.innerText(), /Copy the example heart\.csv into /);
        const buttons = (await dialog.locator('.monaco-button').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
        log(`example dialog buttons: ${buttons.join(' | ')}`);
        for (const b of ['Copy into workspace', 'Open read-only']) assert.ok(buttons.includes(b), `the dialog offers "${b}"`);
        assert.ok(!fs.existsSync(path.join(ws, 'heart.csv')), 'heart.csv is not copied before the answer');
        await screenshot(p, 'walkthrough-03-ask');
        await dialog.locator('.monaco-button', { hasText: 'Copy into workspace' }).click();
        await editorTabs(p).filter({ hasText: 'heart.csv' }).first().waitFor({ state: 'visible', timeout: 30_000 });
        await waitUntil(() => fs.existsSync(path.join(ws, 'heart.csv')), { timeoutMs: 10_000, what: 'heart.csv copied into the workspace' });
        await p.waitForTimeout(1_000);
        await mediaShot(p, 'open');
      }, opts);
    });

    const auditStep = await run.testAfter([openStep], `"${buttonOf('audit')}" runs the audit and opens the report`, async () => {
      await step(p, 'walkthrough-04-audit', async () => {
        await clickStepButton(p, 'audit');
        const progress = await watchProgressNotification(p, 'Fair Use audit: heart.csv', {
          appearMs: 60_000,
          timeoutMs: 240_000,
          onSeen: async () => {
            await p.waitForTimeout(1_500); // the stage text fills in
            await mediaShot(p, 'audit');
          },
        });
        assert.ok(progress.seen, 'no progress notification for heart.csv');
        log(`progress: ${progress.messages.join(' | ')}`);
      }, { ...opts, timeoutMs: 300_000, shot: false });
      await step(p, 'walkthrough-05-report', async () => {
        const banner = webviewFrame(p).locator('.fu-verdict-banner');
        await banner.waitFor({ state: 'visible', timeout: 60_000 });
        assert.equal(await banner.getAttribute('data-state'), 'inconclusive', 'heart.csv is inconclusive (61 test rows in 4 groups)');
        assert.ok(fs.existsSync(path.join(ws, 'heart.fairuse.json')), 'the choices are saved as heart.fairuse.json');
        await p.waitForTimeout(1_000);
      }, opts);
    }, 6 * 60_000);

    const readStep = await run.testAfter([auditStep], `"${buttonOf('read')}" shows the report`, async () => {
      await step(p, 'walkthrough-06-read', async () => {
        await clickStepButton(p, 'read');
        const banner = webviewFrame(p).locator('.fu-verdict-banner');
        await banner.waitFor({ state: 'visible', timeout: 30_000 });
        assert.match(await banner.innerText(), /Inconclusive/);
        await p.waitForTimeout(1_000);
        await mediaShot(p, 'report');
      }, opts);
    });

    const problemsStep = await run.testAfter([readStep], `"${buttonOf('problems')}" shows heart's finding in Problems`, async () => {
      await step(p, 'walkthrough-07-problems', async () => {
        await clickStepButton(p, 'problems');
        const rows = await waitUntil(async () => {
          const r = (await problems(p)).filter((x) => x.source === 'Fair Use' && x.severity !== 'other');
          return r.length > 0 && r;
        }, { timeoutMs: 30_000, what: 'a Fair Use row in Problems' });
        log(`Problems: ${rows.map((r) => `${r.severity} ${r.file}: ${r.message}`).join(' | ')}`);
        assert.ok(rows.some((r) => r.severity === 'info' && r.file === 'heart.csv' && /^Inconclusive/.test(r.message)), 'heart\'s inconclusive headline is one Information on heart.csv');
        await mediaShot(p, 'problems');
      }, opts);
    });

    await run.testAfter([problemsStep], `"${buttonOf('export')}" offers HTML, Markdown and JSON`, async () => {
      await step(p, 'walkthrough-08-export', async () => {
        await clickStepButton(p, 'export');
        await quickInputWidget(p).waitFor({ state: 'visible', timeout: 20_000 });
        const labels = await settledQuickPickLabels(p);
        log(`export choices: ${labels.join(' | ')}`);
        for (const format of ['HTML', 'Markdown', 'JSON']) assert.ok(labels.some((l) => l.startsWith(format)), `${format} is offered`);
        await mediaShot(p, 'export');
      }, opts);
      await p.keyboard.press('Escape');
    });
  } catch (err) {
    console.error('[e2e] harness error:', err);
    if (page) await screenshot(page, 'walkthrough-harness-error').catch(() => undefined);
    run.failed++;
  }
  return run.finish();
}

runMain(main);
