// The packaged Fair Use Audit, used as a person would: `vsce package` → `code-server --install-extension`
// into a fresh extensions dir → right-click heart.csv → "Audit Dataset…" → quick picks → progress →
// Problems → the report webview (table, heatmap, metric tabs, Markdown export) → page reload restores
// the panel; then a CSV whose group header and values are HTML/script payloads; then an ONNX model that
// violates fair use on heart.csv: right-click it → "Audit Model File…" → pick the dataset → Problems lists the
// violations on the spec the command wrote; and a model and a CSV selected together (no dataset pick; the
// label and groups are asked when the model does not name them). A screenshot of every step goes to
// test/e2e/screenshots/ui-*.png.
// Run: bash test/e2e/run.sh test/e2e/audit-ui.ts        FAIRUSE_E2E_VSIX=<file> tests that .vsix instead.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Dialog, Frame, FrameLocator, Page } from 'playwright-core';
import type { AuditReport, EnvyRow, RationalityRow } from '../../src/core/report/report';
import {
  E2ERun,
  e2eEnv,
  ensureSetup,
  explorerRow,
  explorerSelection,
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
  resetRecordedNotifications,
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
  runMain,
} from './harness';

const EXTENSION_ID = 'fair-use-audit.fair-use-audit';
/** The Explorer context menu shows a command's title; the palette adds its category ("Fair Use: "). */
const AUDIT_MENU_ITEM = /^(Fair Use: )?Audit Dataset…$/;
const MODEL_MENU_ITEM = /^(Fair Use: )?Audit Model File…$/;
/**
 * test/e2e/fixtures/models/heart-unfair*.onnx (scripts/fixtures/make_unfair_onnx_fixture.py): a fitted logistic
 * regression on heart.csv whose Sex=Female weight is pushed up by 6, so it predicts disease for every woman.
 * What the CLI says about it, `fairuse audit examples/heart.csv --label Disease --groups Sex,Age --model-file
 * <model>` (error rate, seed 2338, since the split of 912c7f8): exit 1, two significant violations of
 * Sex=Female, Age=Young (rationality: gain -72.7% on its 11 test rows; envy-freeness as Sex=Male, Age=Young). Both files are the same graph;
 * heart-unfair.onnx names its columns, groups, label and positive value, the other only its columns.
 */
const UNFAIR_MODEL = 'heart-unfair.onnx';
const UNFAIR_MODEL_COLUMNS_ONLY = 'heart-unfair-columns-only.onnx';
const UNFAIR_CLI = { exit: 1, violations: 2, violatingGroup: 'Sex=Female, Age=Young' };
const REPORT_VIEW_TYPE = 'fairUse.report';
/** Enough resamples that the progress notification stays up for a few seconds, so its stages are seen. */
const UI_BOOTSTRAP = 100_000;
const XSS_HEADER = '<img src=x onerror=alert(1)>';
/** Accessible names (captions) of the panel's per-group gain table and envy heatmap for the shown metric. */
const METRIC_TITLE = '(Error rate|AUC|ECE|Log loss|Brier score)';
const GAIN_TABLE = new RegExp(`^${METRIC_TITLE} — rationality`);
const ENVY_TABLE = new RegExp(`^${METRIC_TITLE} — envy-freeness`);
const XSS_VALUE = '<img src=x onerror=window.fairuseXss=1>';

/** The CLI's exit status and JSON report for a CSV (the reference the UI's numbers are checked against). */
function cliAudit(csv: string, args: string[]): { status: number; report: AuditReport } {
  const { repoRoot } = e2eEnv();
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fairuse-cli-')), 'report.json');
  let status = 0;
  try {
    execFileSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'audit', csv, ...args, '--json', out, '--quiet'], { stdio: 'pipe' });
  } catch (err) {
    // exit 1 = a violation was found, 3 = inconclusive: the report is written all the same
    status = (err as { status?: number }).status ?? -1;
    if (status !== 1 && status !== 3) throw err;
  }
  return { status, report: JSON.parse(fs.readFileSync(out, 'utf8')) as AuditReport };
}

function cliReport(csv: string, args: string[]): AuditReport {
  return cliAudit(csv, args).report;
}

/** The decisive metric's significant violations in a report (rationality + envy-freeness). */
function violationCount(report: AuditReport): number {
  const summary = report.metrics[report.settings.metric]!.summary;
  return summary.rationalityViolations + summary.envyViolations;
}

/**
 * What Problems should list for reports whose findings share a file (the contract; see suite/helpers.ts
 * expectedFindings): an Error per violation of the decisive metric, a Warning per violation of another explanation
 * metric; non-significant negative gains are not Problems.
 */
function expectedProblems(...reports: AuditReport[]): Array<{ severity: 'error' | 'warning'; group: string; reportedAs?: string }> {
  const out: Array<{ severity: 'error' | 'warning'; group: string; reportedAs?: string }> = [];
  const add = (severity: 'error' | 'warning') => (row: RationalityRow | EnvyRow) => {
    const reportedAs = 'reportedAs' in row ? row.reportedAs : undefined;
    if (row.verdict === 'violation') out.push({ severity, group: row.group, reportedAs });
  };
  for (const report of reports) {
    const table = report.metrics[report.settings.metric]!;
    table.rationality.forEach(add('error'));
    table.envy.forEach(add('error'));
    // The other explanation metrics' violations (SPEC §9) are Warnings.
    for (const metric of (['sufficiency', 'comprehensiveness'] as const).filter((m) => m !== report.settings.metric)) {
      report.metrics[metric]?.rationality.forEach(add('warning'));
      report.metrics[metric]?.envy.forEach(add('warning'));
    }
  }
  return out;
}

/** "… rationality violation for G (…" or "… envy violation for G (… G′ …": the finding a Problems message states. */
function matchesFinding(message: string, e: { group: string; reportedAs?: string }): boolean {
  const at = message.search(new RegExp(`${e.reportedAs ? 'envy' : 'rationality'} violation for `, 'i'));
  if (at < 0) return false;
  const rest = message.slice(at).replace(/^\S+ violation for /i, '');
  return rest.startsWith(`${e.group} (`) && (!e.reportedAs || rest.includes(e.reportedAs));
}

/** Checks the Problems rows of the "Fair Use" source against the reports' findings, one to one. */
function assertProblems(rows: ProblemRow[], ...reports: AuditReport[]): void {
  // Errors and Warnings are the contract; Information rows (e.g. what the data can validate) are not matched.
  const ours = rows.filter((r) => (r.severity === 'error' || r.severity === 'warning') && r.source === 'Fair Use');
  const left = [...ours];
  const missing: string[] = [];
  for (const e of expectedProblems(...reports)) {
    // The kind of finding too: a group's rationality row must not be taken for one of its envy rows (both name it).
    const i = left.findIndex((r) => r.severity === e.severity && matchesFinding(r.message, e));
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

/**
 * After "Audit Model File…" was answered: waits for the progress notification to end, checks the spec the
 * command wrote beside the model, and checks the Problems rows on that spec against the CLI's report.
 */
async function expectModelAuditInProblems(
  page: Page,
  server: CodeServer,
  prefix: string,
  model: string,
  expected: AuditReport,
  earlier: AuditReport[] = [],
): Promise<void> {
  const opts = { server };
  const ws = server.workspace!;
  const specName = model.replace(/\.onnx$/, '.fairuse.json');
  const progress = await step(page, `${prefix}-progress-done`, () =>
    watchProgressNotification(page, 'Fair Use audit: heart.csv', { appearMs: 20_000, timeoutMs: 180_000, onSeen: () => screenshot(page, `${prefix}-progress`) }),
  { ...opts, timeoutMs: 200_000 });
  log(`progress: ${progress.seen ? progress.messages.join(' → ') : 'not seen'}`);
  assert.ok(progress.seen, 'no progress notification "Fair Use audit: heart.csv" was shown');
  // 100,000 resamples keep the notification up long enough for the bootstrap stage to be drawn.
  assert.ok(progress.messages.some((m) => /bootstrap \d+\/\d+/i.test(m)), `no bootstrap progress among: ${progress.messages.join(' | ')}`);
  await step(page, `${prefix}-spec`, async () => {
    const specPath = path.join(ws, specName);
    assert.ok(fs.existsSync(specPath), `${specName} was not written beside ${model}`);
    const spec = JSON.parse(fs.readFileSync(specPath, 'utf8')) as { model?: string; data?: string; label?: string; groups?: unknown };
    log(`${specName}: ${JSON.stringify(spec)}`);
    assert.equal(spec.model, model, `${specName} names the model`);
    assert.equal(spec.data, 'heart.csv');
    assert.equal(spec.label, 'Disease');
    assert.deepEqual(spec.groups, ['Sex', 'Age']);
  }, { ...opts, shot: false });
  await step(page, `${prefix}-problems`, async () => {
    // Each violation sits on the group column of heart.csv's header (the spec names no group), beside those of
    // the earlier audits of heart.csv.
    const wanted = expectedProblems(expected, ...earlier);
    const onSpec = (rows: ProblemRow[]) => rows.filter((r) => r.file === 'heart.csv');
    const rows = await waitUntil(async () => {
      const r = await problems(page);
      return onSpec(r).filter((x) => x.source === 'Fair Use').length >= wanted.length && r;
    }, { timeoutMs: 30_000, what: `${wanted.length} Fair Use rows on heart.csv in Problems` }).catch(() => problems(page));
    const mine = onSpec(rows);
    log(`Problems on heart.csv: ${mine.filter((r) => r.severity !== 'other').map((r) => `${r.severity}: ${r.message}`).join(' | ')}`);
    assert.ok(mine.length > 0, `no Problems rows on heart.csv; files: ${[...new Set(rows.map((r) => r.file))].join(', ')}`);
    assertProblems(mine, expected, ...earlier);
    const errors = mine.filter((r) => r.severity === 'error' && r.source === 'Fair Use');
    assert.equal(errors.length, [expected, ...earlier].reduce((n, r) => n + violationCount(r), 0), 'one Error per violation the CLI reports');
    assert.ok(errors.every((r) => r.line === 1), `an Error not on the header line: ${errors.map((r) => r.label).join(' | ')}`);
    assert.ok(
      errors.some((r) => /^(Rationality|Envy(-freeness)?) violation for /.test(r.message) && r.message.includes(UNFAIR_CLI.violatingGroup)),
      `no Error row names ${UNFAIR_CLI.violatingGroup}: ${errors.map((r) => r.message).join(' | ')}`,
    );
  }, opts);
}

/** The content frame of the report panel's webview (the only webview these tests open). */
function report(page: Page): FrameLocator {
  return webviewFrame(page);
}

async function gainRowHeaders(frame: FrameLocator): Promise<string[]> {
  const table = frame.getByRole('table', { name: GAIN_TABLE });
  await table.waitFor({ state: 'visible', timeout: 60_000 });
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
  const models = path.join(env.e2eDir, 'fixtures', 'models');
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
      ws = makeWorkspace('ws-ui', {
        'heart.csv': heart,
        'xss-groups.csv': xss,
        [UNFAIR_MODEL]: path.join(models, UNFAIR_MODEL),
        [UNFAIR_MODEL_COLUMNS_ONLY]: path.join(models, UNFAIR_MODEL_COLUMNS_ONLY),
      });
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
        // The panel beside Problems keeps its report while the workbench lays out again (a screenshot once caught
        // it blank): wait for its heading, so the step's picture shows both.
        await report(p).getByRole('heading', { name: /Fair use audit — heart\.csv/ }).waitFor({ timeout: 30_000 });
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

    await run.testAfter([switched], 'the explanation section compares explanations per group and draws one test row', async () => {
      await step(p, 'explanation-quality', async () => {
        const frame = report(p);
        const section = frame.locator('section').filter({ has: frame.getByRole('heading', { name: 'Does personalization make explanations clearer?' }) }).first();
        await section.scrollIntoViewIfNeeded();
        // One row per group, as the CLI's report of the same audit has them.
        const rowHeads = await section.locator('table.fu-explanation-table tbody th[scope="row"]').allInnerTexts();
        assert.deepEqual(rowHeads.map((t) => t.trim()).filter((t) => t !== 'Total'), heartExpected.groups.map((g) => g.id));
        const examples = heartExpected.explanations?.examples ?? [];
        assert.ok(examples.length > 0, 'the CLI report of heart has explanation examples');
        const picker = section.getByLabel('Test row:');
        assert.equal(await picker.locator('option').count(), examples.length, 'one option per example row');
        // Choosing another row redraws the two charts: their first input rows follow the chosen example.
        const firstInputs = () => section.locator('table.fu-explanation-row-table tbody th[scope="row"]').first().textContent().then((t) => t ?? '');
        assert.equal((await firstInputs()).trim(), examples[0].h0.top[0].input);
        const last = examples.length - 1;
        await picker.selectOption(String(last));
        await waitUntil(async () => (await firstInputs()).trim() === examples[last].h0.top[0].input, { timeoutMs: 10_000, what: 'the row charts to follow the chosen row' });
        assert.equal(await section.locator('figure.fu-explanation-row').count(), 2, 'a chart for h0 and one for h');
        await section.locator('.fu-explanation-rows').scrollIntoViewIfNeeded(); // for the step's screenshot
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

    // The CLI's verdict on an unfair model (same settings as the UI): the reference for the two tests below.
    const modelCli = (model: string) => {
      const cli = cliAudit(heart, ['--label', 'Disease', '--groups', 'Sex,Age', '--model-file', path.join(models, model), '--bootstrap', String(UI_BOOTSTRAP)]);
      log(`CLI on ${model}: exit ${cli.status}, ${violationCount(cli.report)} violation(s)`);
      assert.equal(cli.status, UNFAIR_CLI.exit, `the CLI's exit status on ${model}`);
      assert.equal(violationCount(cli.report), UNFAIR_CLI.violations, `the CLI's violations on ${model}`);
      return cli.report;
    };

    await run.test('audit an ONNX model from the Explorer context menu: its violations appear in Problems', async () => {
      const expected = modelCli(UNFAIR_MODEL);
      await step(p, 'ui-20-model-context-menu', async () => {
        await showExplorer(p);
        const item = await openExplorerContextMenu(p, UNFAIR_MODEL, MODEL_MENU_ITEM, 60_000);
        log(`context menu item: "${(await item.innerText()).trim()}"`);
        await resetRecordedNotifications(p); // the heart.csv audit's progress had the same title
        await clickMenuItem(p, item);
      }, opts);
      await step(p, 'ui-21-model-dataset', async () => {
        // The model names its columns, groups and label: the dataset is the only question.
        const prompt = await waitForQuickInput(p, /Dataset to audit/i, 30_000);
        assert.ok(prompt.includes(`Dataset to audit ${UNFAIR_MODEL} on`), `the quick input asks: ${prompt}`);
        await quickPickOne(p, 'heart.csv', { beforeAccept: () => screenshot(p, 'ui-21-model-dataset') });
      }, { ...opts, shot: false });
      await expectModelAuditInProblems(p, srv, 'ui-22-model', UNFAIR_MODEL, expected, [heartExpected]); // heart's own audit keeps its explanation Warning on heart.csv
    }, 6 * 60_000);

    await run.test('a model and a CSV selected together: no dataset pick, Problems lists the violations', async () => {
      const expected = modelCli(UNFAIR_MODEL_COLUMNS_ONLY);
      await step(p, 'ui-25-model-multiselect', async () => {
        await showExplorer(p);
        await explorerRow(p, UNFAIR_MODEL_COLUMNS_ONLY).first().click();
        await explorerRow(p, 'heart.csv').first().click({ modifiers: ['Control'] });
        const both = [UNFAIR_MODEL_COLUMNS_ONLY, 'heart.csv'].sort();
        const selected = async () => (await explorerSelection(p)).sort().join(', ');
        await waitUntil(async () => (await selected()) === both.join(', '), {
          timeoutMs: 10_000,
          what: `${both.join(' and ')} selected in the Explorer`,
        }).catch(async (err) => {
          throw new Error(`${(err as Error).message}; selected: ${await selected()}`);
        });
        const item = await openExplorerContextMenu(p, UNFAIR_MODEL_COLUMNS_ONLY, MODEL_MENU_ITEM, 60_000);
        assert.equal(await selected(), both.join(', '), 'the right-click kept both files selected');
        await screenshot(p, 'ui-25-model-multiselect-menu');
        await resetRecordedNotifications(p);
        await clickMenuItem(p, item);
      }, opts);
      // The selected CSV is the dataset; the model names only its columns, so the label and groups are asked.
      await step(p, 'ui-26-model-label', async () => {
        const prompt = await waitForQuickInput(p, /Dataset to audit|the label/i, 30_000);
        assert.match(prompt, /Audit heart\.csv: the label/, 'the first question is the label (the selected CSV is the dataset)');
        await quickPickOne(p, 'Disease', { beforeAccept: () => screenshot(p, 'ui-26-model-label') });
      }, { ...opts, shot: false });
      await step(p, 'ui-27-model-groups', async () => {
        await waitForQuickInput(p, /Audit heart\.csv: the group attributes/i);
        await quickPickMany(p, ['Sex', 'Age'], { beforeAccept: () => screenshot(p, 'ui-27-model-groups') });
      }, { ...opts, shot: false });
      // The previous test's model is the same graph: its findings on heart.csv are the same markers as these, and
      // the workbench shows identical markers once, so heart.csv lists this audit's rows only.
      await expectModelAuditInProblems(p, srv, 'ui-28-model-multiselect', UNFAIR_MODEL_COLUMNS_ONLY, expected, [heartExpected]);
    }, 6 * 60_000);
  } catch (err) {
    console.error('[e2e] harness error:', err);
    if (page) await screenshot(page, 'ui-harness-error').catch(() => undefined);
    run.failed++;
  }
  return run.finish();
}

runMain(main);
