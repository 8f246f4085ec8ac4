// The packaged Fair Use Audit, used as a person would: `vsce package` → `code-server --install-extension`
// into a fresh extensions dir → right-click heart.csv → "Audit Dataset…" → quick picks → progress →
// Problems → the report webview (table, heatmap, metric tabs, Markdown export) → page reload restores
// the panel; then a CSV whose group header and values are HTML/script payloads. A screenshot of every
// step goes to test/e2e/screenshots/ui-*.png.
// Run: bash test/e2e/run.sh test/e2e/audit-ui.ts        FAIRUSE_E2E_VSIX=<file> tests that .vsix instead.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Dialog, Frame, FrameLocator, Page } from 'playwright-core';
import type { AuditReport, EnvyRow, RationalityRow } from '../../src/core/report';
import {
  E2ERun,
  e2eEnv,
  ensureSetup,
  explorerRow,
  launchBrowser,
  log,
  makeWorkspace,
  newContext,
  openExplorerContextMenu,
  clickMenuItem,
  openWorkbench,
  packageExtension,
  problems,
  quickInputSubmit,
  quickPickMany,
  quickPickOne,
  reloadWorkbench,
  runCommand,
  screenshot,
  showExplorer,
  startCodeServer,
  step,
  waitForNotification,
  waitForPersistedState,
  waitForQuickInput,
  waitUntil,
  watchProgressNotification,
  webviewFrame,
  zipEntries,
  type CodeServer,
  type ProblemRow,
} from './harness';

const EXTENSION_ID = 'fair-use-audit.fair-use-audit';
/** The Explorer context menu shows a command's title; the palette adds its category ("Fair Use: "). */
const AUDIT_MENU_ITEM = /^(Fair Use: )?Audit Dataset…$/;
const REPORT_VIEW_TYPE = 'fairUse.report';
/** Enough resamples that the progress notification stays up for a few seconds, so its stages are seen. */
const UI_BOOTSTRAP = 100_000;
const XSS_HEADER = '<img src=x onerror=alert(1)>';
/** Accessible names (captions) of the panel's per-group gain table and envy heatmap for the shown metric. */
const METRIC_TITLE = '(Error rate|AUC|ECE|Log loss|Brier score)';
const GAIN_TABLE = new RegExp(`^${METRIC_TITLE} — rationality`);
const ENVY_TABLE = new RegExp(`^${METRIC_TITLE} — envy-freeness`);
const XSS_VALUE = '<img src=x onerror=window.fairuseXss=1>';

/** The CLI's JSON report for a CSV (the reference the UI's numbers are checked against). */
function cliReport(csv: string, args: string[]): AuditReport {
  const { repoRoot } = e2eEnv();
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fairuse-cli-')), 'report.json');
  try {
    execFileSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'audit', csv, ...args, '--json', out, '--quiet'], { stdio: 'pipe' });
  } catch (err) {
    // exit 1 = a violation was found: the report is written all the same
    if ((err as { status?: number }).status !== 1) throw err;
  }
  return JSON.parse(fs.readFileSync(out, 'utf8')) as AuditReport;
}

/** What Problems should list for a report (the contract; see suite/helpers.ts expectedFindings). */
function expectedProblems(report: AuditReport): Array<{ severity: 'error' | 'warning'; group: string; reportedAs?: string }> {
  const table = report.metrics[report.settings.metric]!;
  const out: Array<{ severity: 'error' | 'warning'; group: string; reportedAs?: string }> = [];
  const add = (row: RationalityRow | EnvyRow) => {
    const reportedAs = 'reportedAs' in row ? row.reportedAs : undefined;
    if (row.verdict === 'violation') out.push({ severity: 'error', group: row.group, reportedAs });
    else if (row.verdict === 'none' && row.gain !== null && row.gain < 0) out.push({ severity: 'warning', group: row.group, reportedAs });
  };
  table.rationality.forEach(add);
  table.envy.forEach(add);
  return out;
}

/** Checks the Problems rows of the "Fair Use" source against the report's findings, one to one. */
function assertProblems(rows: ProblemRow[], report: AuditReport): void {
  // Errors and Warnings are the contract; Information rows (e.g. what the data can validate) are not matched.
  const ours = rows.filter((r) => (r.severity === 'error' || r.severity === 'warning') && r.source === 'Fair Use');
  const left = [...ours];
  const missing: string[] = [];
  for (const e of expectedProblems(report)) {
    const i = left.findIndex((r) => r.severity === e.severity && r.message.includes(e.group) && (!e.reportedAs || r.message.includes(e.reportedAs)));
    if (i < 0) missing.push(`${e.severity} for ${e.group}${e.reportedAs ? ` as ${e.reportedAs}` : ''}`);
    else left.splice(i, 1);
  }
  assert.ok(
    missing.length === 0 && left.length === 0,
    `Problems does not match the report.\nmissing: ${missing.join('; ') || 'none'}\nunexpected: ${left.map((r) => r.label).join('; ') || 'none'}\nall rows: ${rows.map((r) => r.label).join(' | ')}`,
  );
  for (const r of ours.filter((x) => x.severity === 'error')) {
    assert.match(r.message, /^(Rationality|Envy) violation for /, `an Error row says: ${r.message}`);
  }
}

/**
 * Answers the quick picks of "Audit Dataset…" (numeric group columns get their suggested cut points),
 * with a screenshot of each question as answered, just before it is accepted.
 */
async function answerAuditPicks(
  page: Page,
  server: CodeServer,
  prefix: string,
  answers: { label: string; groups: Array<string | { label: string; filter: string }>; technique: string; metric: string },
): Promise<void> {
  const noShot = { server, shot: false };
  await step(page, `${prefix}-label`, async () => {
    await waitForQuickInput(page, /\(1\/4\)|label/i, 30_000);
    await quickPickOne(page, answers.label, { beforeAccept: () => screenshot(page, `${prefix}-label`) });
  }, noShot);
  await step(page, `${prefix}-groups`, async () => {
    await waitForQuickInput(page, /\(2\/4\)|group attributes/i);
    await quickPickMany(page, answers.groups, { beforeAccept: () => screenshot(page, `${prefix}-groups`) });
  }, noShot);
  for (;;) {
    const prompt = await waitForQuickInput(page, /\(3\/4\)|Technique|Buckets/i);
    if (!/Buckets/i.test(prompt)) break;
    await step(page, `${prefix}-buckets`, async () => {
      await screenshot(page, `${prefix}-buckets`);
      await quickInputSubmit(page);
    }, noShot);
  }
  await step(page, `${prefix}-technique`, () => quickPickOne(page, answers.technique, { beforeAccept: () => screenshot(page, `${prefix}-technique`) }), noShot);
  await step(page, `${prefix}-metric`, async () => {
    await waitForQuickInput(page, /\(4\/4\)|Metric/i);
    await quickPickOne(page, answers.metric, { beforeAccept: () => screenshot(page, `${prefix}-metric`) });
  }, noShot);
}

/** The content frame of the report panel's webview (the only webview these tests open). */
function report(page: Page): FrameLocator {
  return webviewFrame(page);
}

async function gainRowHeaders(frame: FrameLocator): Promise<string[]> {
  const table = frame.getByRole('table', { name: GAIN_TABLE });
  await table.waitFor({ state: 'visible', timeout: 30_000 });
  return (await table.locator('tbody tr[data-group] th[scope="row"]').allInnerTexts()).map((t) => t.trim());
}

function reportFrames(page: Page): Frame[] {
  return page.frames().filter((f) => f !== page.mainFrame());
}

async function main(): Promise<number> {
  ensureSetup();
  const env = e2eEnv();
  const run = new E2ERun('e2e ui', 15 * 60_000);
  const heart = path.join(env.repoRoot, 'examples', 'heart.csv');
  const xss = path.join(env.e2eDir, 'fixtures', 'data', 'xss-groups.csv');
  let server: CodeServer | undefined;
  let page: Page | undefined;
  let ws = '';
  const dialogs: string[] = [];

  try {
    const ok = await run.test('the packaged extension installs into a fresh code-server', async () => {
      const vsix = process.env.FAIRUSE_E2E_VSIX ? path.resolve(process.env.FAIRUSE_E2E_VSIX) : await packageExtension();
      const entries = zipEntries(vsix);
      log(`${path.basename(vsix)}: ${entries.length} files`);
      for (const required of ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/audit-worker.js', 'extension/media/dist/webview.js']) {
        assert.ok(entries.includes(required), `${vsix} lacks ${required}`);
      }
      const stray = entries.filter((e) => /^extension\/(src|test|node_modules|webview|scripts)\//.test(e));
      assert.deepEqual(stray, [], `${vsix} holds files the extension does not need at run time`);
      ws = makeWorkspace('ws-ui', { 'heart.csv': heart, 'xss-groups.csv': xss });
      server = await startCodeServer({ workspace: ws, vsix: [vsix], settings: { 'fairUse.bootstrap': UI_BOOTSTRAP } });
      const listed = fs.readdirSync(server.dirs.extensionsDir);
      assert.ok(listed.some((d) => d.startsWith(`${EXTENSION_ID}-`)), `not in the extensions dir: ${listed.join(', ')}`);
    });
    if (!ok || !server) return await run.finish();
    const srv = server;
    const browser = await launchBrowser();
    const context = await newContext(browser);
    page = await context.newPage();
    const p = page;
    // Any alert()/confirm() from a payload would show here (and is dismissed so nothing blocks).
    p.on('dialog', (d: Dialog) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    const opts = { server: srv };
    const heartExpected = cliReport(heart, ['--label', 'Disease', '--groups', 'Sex,Age', '--technique', '1hot', '--metric', 'error', '--bootstrap', String(UI_BOOTSTRAP)]);

    const audited = await run.test('audit heart.csv from the Explorer context menu', async () => {
      await step(p, 'ui-01-workbench', async () => {
        await openWorkbench(p, srv.workbenchUrl());
        await showExplorer(p);
        await explorerRow(p, 'heart.csv').waitFor({ state: 'visible' });
      }, { ...opts, timeoutMs: 120_000 });
      const item = await step(p, 'ui-02-context-menu', () => openExplorerContextMenu(p, 'heart.csv', AUDIT_MENU_ITEM, 60_000), opts);
      log(`context menu item: "${(await item.innerText()).trim()}"`);
      await clickMenuItem(p, item);
      await answerAuditPicks(p, srv, 'ui-03', { label: 'Disease', groups: ['Sex', 'Age'], technique: '1hot', metric: 'error' });
      const progress = await step(p, 'ui-04-progress-done', () =>
        watchProgressNotification(p, 'Fair Use audit: heart.csv', { appearMs: 10_000, timeoutMs: 180_000, onSeen: () => screenshot(p, 'ui-04-progress') }),
      { ...opts, timeoutMs: 200_000 });
      log(`progress: ${progress.seen ? progress.messages.join(' → ') : 'not seen (the audit ended first)'}`);
      assert.ok(progress.seen, 'no progress notification "Fair Use audit: heart.csv" was shown');
      // The training stages take milliseconds on heart.csv: the workbench may never draw them (progress
      // reports that arrive together are shown as the last one), so only the slow stages are required.
      for (const stage of [/reading/i, /bootstrap \d+\/\d+/i]) {
        assert.ok(progress.messages.some((m) => stage.test(m)), `no progress message matching ${stage} among: ${progress.messages.join(' | ')}`);
      }
      assert.ok(fs.existsSync(path.join(ws, 'heart.fairuse.json')), 'heart.fairuse.json was not written beside the CSV');
    }, 6 * 60_000);

    await run.testAfter([audited], 'Problems lists the findings of the report', async () => {
      await step(p, 'ui-05-problems', async () => {
        const expected = expectedProblems(heartExpected).length;
        const rows = await waitUntil(async () => {
          const r = await problems(p);
          return r.filter((x) => x.source === 'Fair Use').length >= expected && r;
        }, { timeoutMs: 20_000, what: `${expected} Fair Use rows in Problems` }).catch(() => problems(p));
        log(`Problems: ${rows.map((r) => `${r.severity}: ${r.message}`).join(' | ')}`);
        assertProblems(rows, heartExpected);
      }, opts);
    });

    await run.testAfter([audited], 'the Output channel "Fair Use" logs the audit', async () => {
      await step(p, 'ui-05-output-channel', async () => {
        await runCommand(p, 'Output: Show Output Channels...', 30_000);
        await waitForQuickInput(p, /channel/i);
        await quickPickOne(p, 'Fair Use');
        const text = await waitUntil(async () => {
          const t = await p.locator('.part.panel .output-view .view-lines').innerText().catch(() => '');
          return /heart\.csv/.test(t) && t;
        }, { timeoutMs: 15_000, what: 'the Fair Use output channel to mention heart.csv' });
        log(`Fair Use output: ${text.split('\n').slice(0, 3).join(' | ')}`);
      }, opts);
    });

    const shown = await run.testAfter([audited], 'the report panel shows the table and the heatmap', async () => {
      await step(p, 'ui-06-report-panel', async () => {
        const frame = report(p);
        await frame.getByRole('heading', { name: /Fair use audit — heart\.csv/ }).waitFor({ timeout: 30_000 });
        assert.deepEqual(await gainRowHeaders(frame), heartExpected.groups.map((g) => g.id));
        const heatmap = frame.getByRole('table', { name: ENVY_TABLE });
        assert.equal(await heatmap.locator('td[data-reported-as]').count(), 12, 'a heatmap cell per ordered pair of groups');
        await screenshot(p, 'ui-06-report-table');
        await heatmap.scrollIntoViewIfNeeded(); // for the step's screenshot
        const marked = await heatmap.locator('td.verdict-violation').count();
        assert.equal(marked, heartExpected.metrics.error!.summary.envyViolations, 'violations marked in the heatmap');
        assert.match(await frame.getByRole('table', { name: GAIN_TABLE }).locator('caption').innerText(), /^Error rate/);
      }, opts);
    });

    const switched = await run.testAfter([shown], 'switching the metric redraws the table', async () => {
      await step(p, 'ui-07-metric-auc', async () => {
        const frame = report(p);
        await frame.getByRole('tab', { name: /^AUC/ }).click();
        await waitUntil(async () => /^AUC/.test(await frame.getByRole('table', { name: GAIN_TABLE }).locator('caption').innerText()), {
          timeoutMs: 10_000,
          what: 'the gain table to show AUC',
        });
        assert.deepEqual(await gainRowHeaders(frame), heartExpected.groups.map((g) => g.id));
      }, opts);
    });

    await run.testAfter([shown], 'Export → Markdown writes the file', async () => {
      const target = path.join(ws, 'heart.fairuse-report.md');
      await step(p, 'ui-08-export-dialog', async () => {
        await report(p).getByRole('button', { name: /Markdown/ }).click();
        // code-server's save dialog is a quick input holding the path; keep the suggested one.
        const prompt = await waitForQuickInput(p, /Export|Save/i, 20_000);
        log(`save dialog: ${prompt}; path ${await p.locator('.quick-input-widget .quick-input-box input').inputValue()}`);
      }, opts);
      await step(p, 'ui-09-exported', async () => {
        await quickInputSubmit(p);
        await waitUntil(() => fs.existsSync(target), { timeoutMs: 20_000, what: `${target} to be written` });
        assert.match(fs.readFileSync(target, 'utf8'), /^# Fair use audit/);
        await waitForNotification(p, /report saved to/i);
      }, opts);
    });

    await run.testAfter([shown, switched], 'a reload of the page restores the report panel', async () => {
      await step(p, 'ui-10-restored-after-reload', async () => {
        log(`panel state persisted in ${await waitForPersistedState(p, [REPORT_VIEW_TYPE, '"metric":"auc"'])}`);
        await reloadWorkbench(p);
        const frame = report(p);
        assert.deepEqual(await gainRowHeaders(frame), heartExpected.groups.map((g) => g.id));
        assert.match(await frame.getByRole('table', { name: GAIN_TABLE }).locator('caption').innerText(), /^AUC/, 'the metric chosen before the reload');
      }, { ...opts, timeoutMs: 120_000 });
    });

    await run.test('HTML in CSV headers and values shows as text and runs nothing', async () => {
      const xssExpected = cliReport(xss, ['--label', 'Outcome', '--groups', `${XSS_HEADER},Age`, '--technique', '1hot', '--metric', 'error', '--bootstrap', String(UI_BOOTSTRAP)]);
      await step(p, 'ui-11-xss-context-menu', async () => {
        await showExplorer(p);
        const item = await openExplorerContextMenu(p, 'xss-groups.csv', AUDIT_MENU_ITEM, 60_000);
        await clickMenuItem(p, item);
      }, opts);
      await answerAuditPicks(p, srv, 'ui-12-xss', {
        label: 'Outcome',
        groups: [{ label: XSS_HEADER, filter: 'onerror=alert' }, 'Age'],
        technique: '1hot',
        metric: 'error',
      });
      await step(p, 'ui-13-xss-progress-done', () => watchProgressNotification(p, 'Fair Use audit: xss-groups.csv', { appearMs: 10_000, timeoutMs: 180_000 }), {
        ...opts,
        timeoutMs: 200_000,
      });
      await step(p, 'ui-14-xss-report', async () => {
        const frame = report(p);
        await frame.getByRole('heading', { name: /Fair use audit — xss-groups\.csv/ }).waitFor({ timeout: 30_000 });
        const headers = await gainRowHeaders(frame);
        assert.deepEqual(headers, xssExpected.groups.map((g) => g.id), 'group names shown literally');
        assert.ok(headers.some((h) => h.includes(XSS_VALUE)));
        assert.equal(await frame.locator('img[src="x"], svg[onload]').count(), 0, 'a payload became an element');
        for (const f of reportFrames(p)) {
          const flag = await f.evaluate(() => (window as unknown as { fairuseXss?: unknown }).fairuseXss).catch(() => undefined);
          assert.equal(flag, undefined, `window.fairuseXss is set in frame ${f.url()}`);
        }
        assert.deepEqual(dialogs, [], 'a dialog was opened');
      }, opts);
      await step(p, 'ui-15-xss-problems', async () => {
        const rows = await problems(p);
        assert.ok(rows.some((r) => r.source === 'Fair Use' && r.message.includes(XSS_VALUE)), `no Problems row names the group literally: ${rows.map((r) => r.label).join(' | ')}`);
      }, opts);
    }, 6 * 60_000);
  } catch (err) {
    console.error('[e2e] harness error:', err);
    if (page) await screenshot(page, 'ui-harness-error').catch(() => undefined);
    run.failed++;
  }
  return run.finish();
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
