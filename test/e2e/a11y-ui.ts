// Issue 20: the report webview inside the real editor (code-server + the packaged extension) under axe-core
// (WCAG 2.1 A/AA) in Light Modern, Dark Modern, Dark High Contrast and Light High Contrast, and a keyboard-only
// walk (Tab, arrows, Space, Enter) that reaches every control and every table of the report.
// Screenshots: test/e2e/screenshots/a11y-*.png and keyboard-walk.png.
// Run: bash test/e2e/run.sh test/e2e/a11y-ui.ts
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import {
  E2ERun,
  e2eEnv,
  ensureSetup,
  launchBrowser,
  log,
  makeWorkspace,
  newContext,
  openWorkbench,
  packageExtension,
  quickPickOne,
  runCommand,
  runMain,
  screenshot,
  startCodeServer,
  step,
  waitUntil,
  webviewFrame,
  type CodeServer,
} from './harness';

/** `name`: the setting's value; `label`: the row of "Preferences: Color Theme"; `body`: the webview body's class. */
const THEMES = [
  { name: 'Default Light Modern', label: 'Light Modern', body: 'vscode-light' },
  { name: 'Default Dark Modern', label: 'Dark Modern', body: 'vscode-dark' },
  { name: 'Default High Contrast', label: 'Dark High Contrast', body: 'vscode-high-contrast' },
  { name: 'Default High Contrast Light', label: 'Light High Contrast', body: 'vscode-high-contrast-light' },
] as const;
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** The webview's inner document (the one holding the report), as a Frame playwright can evaluate in. */
async function reportFrame(page: Page): Promise<Frame> {
  return waitUntil(async () => {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      if (await frame.evaluate(() => !!document.querySelector('main#app .fu-header h1')).catch(() => false)) return frame;
    }
    return false;
  }, { timeoutMs: 60_000, what: 'the report webview' });
}

/** As a person does: "Preferences: Color Theme", then the theme's row. */
async function setTheme(page: Page, theme: (typeof THEMES)[number]): Promise<void> {
  // Not runCommand: the palette's first row for this title is "Browse Color Themes in Marketplace".
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  await quickPickOne(page, /^\s*Preferences: Color Theme\s*$/, { filter: '>Preferences: Color Theme' });
  await quickPickOne(page, new RegExp(`^\\s*${theme.label}\\s*$`), { filter: theme.label });
}

async function axeViolations(frame: Frame, axeSource: string): Promise<string[]> {
  // Runtime.evaluate is not subject to the page's CSP, so axe needs no script tag (which the CSP would refuse).
  if (!(await frame.evaluate(() => 'axe' in window))) await frame.evaluate(axeSource);
  return frame.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(c: Document, o: object): Promise<{ violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown; failureSummary?: string }> }> }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id} (${v.help}) on ${v.nodes.length} node(s): ${v.nodes.slice(0, 3).map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join(' | ')}`);
  }, WCAG_21_AA);
}

/** What has focus in the report, as a short description; null when focus is outside the report's document. */
async function focusedInReport(frame: Frame): Promise<{ kind: string; name: string } | null> {
  return frame.evaluate(() => {
    const a = document.activeElement as HTMLElement | null;
    if (!a || a === document.body || !document.hasFocus()) return null;
    const role = a.getAttribute('role') ?? a.tagName.toLowerCase();
    return { kind: role, name: (a.getAttribute('aria-label') ?? a.textContent ?? '').trim() };
  });
}

async function main(): Promise<number> {
  ensureSetup();
  const env = e2eEnv();
  const run = new E2ERun('e2e a11y', 12 * 60_000);
  const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  let server: CodeServer | undefined;
  let page: Page | undefined;

  try {
    const started = await run.test('code-server with the packaged extension and a spec for heart.csv', async () => {
      const vsix = process.env.FAIRUSE_E2E_VSIX ? path.resolve(process.env.FAIRUSE_E2E_VSIX) : await packageExtension();
      const ws = makeWorkspace('ws-a11y', { 'heart.csv': path.join(env.repoRoot, 'examples', 'heart.csv') });
      fs.writeFileSync(path.join(ws, 'heart.fairuse.json'), JSON.stringify({ data: 'heart.csv', label: 'Disease', groups: ['Sex', 'Age'], bootstrap: 200 }, null, 2));
      server = await startCodeServer({ workspace: ws, vsix: [vsix], settings: { 'workbench.colorTheme': THEMES[0].name } });
    });
    if (!started || !server) return await run.finish();
    const srv = server;
    const browser = await launchBrowser();
    page = await (await newContext(browser)).newPage();
    const p = page;
    const opts = { server: srv };

    const shown = await run.test('Run Audit opens the report', async () => {
      await step(p, 'a11y-01-report', async () => {
        await openWorkbench(p, srv.workbenchUrl());
        await runCommand(p, 'Fair Use: Run Audit', 60_000);
        await webviewFrame(p).getByRole('heading', { name: /Fair use audit — heart\.csv/ }).waitFor({ timeout: 180_000 });
      }, { ...opts, timeoutMs: 240_000 });
    }, 5 * 60_000);

    for (const theme of THEMES) {
      await run.testAfter([shown], `axe finds no WCAG 2.1 A/AA violation in the webview in ${theme.name}`, async () => {
        await step(p, `a11y-${theme.body}`, async () => {
          await setTheme(p, theme);
          const frame = await reportFrame(p);
          await waitUntil(() => frame.evaluate((cls) => document.body.classList.contains(cls), theme.body), { timeoutMs: 30_000, what: `the webview body to get ${theme.body}` });
          await p.waitForTimeout(500); // the theme's variables land with the class; let the chart redraw
          await frame.evaluate(() => document.querySelector('.fu-section-envy')?.scrollIntoView({ block: 'start' }));
          await screenshot(p, `a11y-${theme.body}`);
          const found = await axeViolations(frame, axeSource);
          log(`${theme.name}: ${found.length} violation(s)`);
          assert.deepEqual(found, [], `axe in ${theme.name}`);
        }, opts);
      });
    }

    await run.testAfter([shown], 'a keyboard-only walk reaches every control and every table, and Space/Enter work', async () => {
      await step(p, 'keyboard-walk', async () => {
        await setTheme(p, THEMES[0]);
        const frame = await reportFrame(p);
        // Enter the webview once (as a person clicks into the panel or uses "Focus Active Editor Group"), then keys only.
        await frame.evaluate(() => (document.querySelector('main#app h1') as HTMLElement).setAttribute('tabindex', '-1'));
        await frame.focus('main#app h1');
        const seen: Array<{ kind: string; name: string }> = [];
        for (let i = 0; i < 80; i++) {
          await p.keyboard.press('Tab');
          const f = await focusedInReport(frame);
          if (!f) break;
          seen.push(f);
          // Open the envy pairs' disclosure the first time it is reached, as a keyboard user would.
          if (f.kind === 'summary') await p.keyboard.press('Enter');
        }
        log(`keyboard walk: ${seen.map((s) => `${s.kind}:${s.name.slice(0, 30)}`).join(' → ')}`);
        const expected = await frame.evaluate(() => ({
          buttons: [...document.querySelectorAll('vscode-button')].map((b) => (b.getAttribute('aria-label') ?? b.textContent ?? '').trim()),
          regions: [...document.querySelectorAll('[role="tabpanel"]:not([hidden]) [role="region"], .fu-section:not([role="tabpanel"] *) [role="region"]')].map((r) => r.getAttribute('aria-label')!),
          selectedTab: document.querySelector('[role="tab"][aria-selected="true"]')!.getAttribute('aria-label')!,
        }));
        const names = (kind: string) => seen.filter((s) => s.kind === kind).map((s) => s.name);
        for (const b of expected.buttons) assert.ok(seen.some((s) => s.name === b), `Tab does not reach the button "${b}"`);
        assert.deepEqual(names('tab'), [expected.selectedTab], 'the tab list is one stop, the selected tab');
        for (const r of expected.regions) assert.ok(names('region').includes(r), `Tab does not reach the table "${r}"`);
        assert.ok(names('region').some((n) => /each pair with its \d+% interval and p-values/.test(n)), 'the envy pairs table (intervals, p-values) is reached after Enter on its summary');

        // Back to the tabs: → moves, Space selects, End/Home move, Enter selects.
        await frame.focus('[role="tab"][aria-selected="true"]');
        await p.keyboard.press('ArrowRight');
        await p.keyboard.press('Space');
        const afterSpace = await frame.evaluate(() => document.querySelector('[role="tab"][aria-selected="true"]')!.getAttribute('data-key'));
        assert.equal(afterSpace, await frame.evaluate(() => document.querySelectorAll('[role="tab"]')[1].getAttribute('data-key')), 'Space selects the focused tab');
        await p.keyboard.press('End');
        await p.keyboard.press('Enter');
        const keys = await frame.evaluate(() => [...document.querySelectorAll('[role="tab"]')].map((t) => t.getAttribute('data-key')));
        assert.equal(await frame.evaluate(() => document.querySelector('[role="tab"][aria-selected="true"]')!.getAttribute('data-key')), keys.at(-1), 'End then Enter selects the last tab');
        await p.keyboard.press('Home');
        await p.keyboard.press('Enter');
        assert.equal(await frame.evaluate(() => document.activeElement?.getAttribute('data-key')), keys[0], 'Home focuses the first tab');
        await frame.evaluate(() => document.querySelector('details.fu-envy-details')?.scrollIntoView({ block: 'center' }));
        await screenshot(p, 'keyboard-walk');
      }, opts);
    });
    return await run.finish();
  } catch (error) {
    if (page) await screenshot(page, 'a11y-harness-error').catch(() => undefined);
    throw error;
  }
}

runMain(main);
