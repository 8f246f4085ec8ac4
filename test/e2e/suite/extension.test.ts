/// <reference types="mocha" />
// Fair Use Audit inside the real extension host, the repo loaded as the development extension. The
// workspace (made by test/e2e/integration.ts) holds heart.csv and its copies heart-cancel.csv,
// heart-twice.csv and heart-explorer.csv, xor-groups.csv, xss-groups.csv and blood-pressure.csv. Tests run in order and
// share the extension's state.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { AuditReport } from '../../../src/core/report/report';
import {
  EXTENSION_ID,
  XSS_HEADER,
  XSS_VALUE,
  asJson,
  cliReport,
  describeFindings,
  expectedFindings,
  fairUseDiagnostics,
  inWorkspace,
  jsonDiff,
  withoutSources,
  matchFindings,
  sleep,
  waitFor,
  within,
} from './helpers';

/** The commands of the contract; the manifest may contribute more. */
const CONTRACT_COMMANDS = [
  'fairUse.auditDataset',
  'fairUse.runAudit',
  'fairUse.showReport',
  'fairUse.exportReport',
  'fairUse.clearResults',
  'fairUse.cancelAudit',
];

/** What the extension's activate() returns (src/extension.ts FairUseApi), as far as the suite uses it. */
interface FairUseApi {
  whenReportRendered(finishedAt?: string): Promise<{ finishedAt: string | null; metric: string | null; groupRows: number; envyCells: number }>;
}

type Choices = {
  label: string;
  groups: Array<string | { column: string; buckets: number[] }>;
  technique?: string;
  metric?: string;
  bootstrap?: number;
  seed?: number;
};

const HEART_CHOICES: Choices = { label: 'Disease', groups: ['Sex', 'Age'], technique: '1hot', metric: 'error', bootstrap: 200, seed: 2338 };
const HEART_CLI_ARGS = ['--label', 'Disease', '--groups', 'Sex,Age', '--technique', '1hot', '--metric', 'error', '--bootstrap', '200', '--seed', '2338'];
/** Enough resamples that an audit of heart.csv runs for several seconds (about 12 s on one core). */
const SLOW_BOOTSTRAP = 1_000_000;

let extension: vscode.Extension<FairUseApi>;
let api: FairUseApi;

function auditDataset(csv: vscode.Uri, choices: Choices): Thenable<AuditReport | undefined> {
  return vscode.commands.executeCommand<AuditReport | undefined>('fairUse.auditDataset', csv, choices);
}

/**
 * CLI options for what the extension's settings add to every audit (fresh profile: their defaults),
 * so the CLI's report is the reference for the same audit.
 */
function settingsAsCliArgs(): string[] {
  const config = vscode.workspace.getConfiguration('fairUse');
  const args: string[] = [];
  if (config.get<boolean>('interventions')) args.push('--intervene');
  const epsilon = config.get<number>('epsilon');
  if (epsilon !== undefined) args.push('--epsilon', String(epsilon));
  return args;
}

function specOf(csvName: string): vscode.Uri {
  return inWorkspace(csvName.replace(/\.csv$/, '.fairuse.json'));
}

/** @param file the file the findings sit on: the audited CSV (its header), for groups the spec does not name */
async function assertDiagnosticsMatch(report: AuditReport, file: vscode.Uri): Promise<vscode.Diagnostic[]> {
  const expected = expectedFindings(report);
  // The contract covers Errors (violations) and Warnings; the one Information diagnostic (an inconclusive
  // audit's headline) is checked on its own.
  const findings = () => fairUseDiagnostics(file).filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning);
  // Diagnostics are published right after the report; give the Problems service a moment.
  const diagnostics = await waitFor(() => {
    const d = findings();
    return d.length === expected.length && d;
  }, 10_000, `${expected.length} diagnostics on ${file.fsPath}`).catch(() => findings());
  const { missing, extra } = matchFindings(expected, diagnostics);
  assert.ok(
    missing.length === 0 && extra.length === 0,
    `diagnostics on ${vscode.workspace.asRelativePath(file)} do not match the report's ${report.settings.metric} findings\n` +
      `expected but missing:\n${describeFindings(missing) || '  none'}\nunexpected:\n${describeFindings(extra) || '  none'}`,
  );
  return diagnostics;
}

describe('Fair Use Audit in the extension host', function () {
  before(async function () {
    const found = vscode.extensions.getExtension<FairUseApi>(EXTENSION_ID);
    assert.ok(found, `${EXTENSION_ID} is not loaded as the development extension`);
    extension = found;
    api = await within(extension.activate(), 60_000, `activating ${EXTENSION_ID}`);
    await vscode.commands.executeCommand('fairUse.clearResults');
  });

  describe('commands', function () {
    it('registers every command of the contract and of the manifest', async function () {
      const registered = new Set(await vscode.commands.getCommands(true));
      const contributed: string[] = (extension.packageJSON.contributes?.commands ?? []).map((c: { command: string }) => c.command);
      const missing = [...new Set([...CONTRACT_COMMANDS, ...contributed])].filter((c) => !registered.has(c));
      assert.deepEqual(missing, [], `commands not registered after activation: ${missing.join(', ')}`);
    });

    it('shows "Fair Use: Audit Dataset…" and "Fair Use: Run Audit" in the palette', function () {
      const commands: Array<{ command: string; title: string; category?: string }> = extension.packageJSON.contributes.commands;
      const title = (id: string) => {
        const c = commands.find((x) => x.command === id);
        return c ? `${c.category ? `${c.category}: ` : ''}${c.title}` : undefined;
      };
      assert.equal(title('fairUse.auditDataset'), 'Fair Use: Audit Dataset…');
      assert.equal(title('fairUse.runAudit'), 'Fair Use: Run Audit');
    });
  });

  describe('auditDataset called as the Explorer calls it: (uri, selected uris)', function () {
    it('asks with quick picks instead of taking the selection for choices', async function () {
      const csv = inWorkspace('heart-explorer.csv');
      let settled = false;
      const pending = Promise.resolve(vscode.commands.executeCommand<AuditReport | undefined>('fairUse.auditDataset', csv, [csv])).finally(() => {
        settled = true;
      });
      // The first quick pick cannot be observed through the API: dismiss whatever quick input is open
      // until the command gives up (dismissing the first pick cancels the whole flow).
      await waitFor(async () => {
        if (!settled) await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
        return settled || (await sleep(300), false);
      }, 20_000, 'fairUse.auditDataset to end once its quick pick was dismissed');
      assert.equal(await pending, undefined);
      assert.ok(!fs.existsSync(specOf('heart-explorer.csv').fsPath), 'a spec was written from the selection array');
      assert.deepEqual(fairUseDiagnostics(specOf('heart-explorer.csv')).map((d) => d.message), []);
    });
  });

  describe('auditDataset on heart.csv (label Disease, groups Sex and Age, bootstrap 200)', function () {
    const csv = () => inWorkspace('heart.csv');
    let report: AuditReport | undefined;

    before(async function () {
      report = await within(auditDataset(csv(), HEART_CHOICES), 120_000, 'fairUse.auditDataset on heart.csv');
    });

    it('returns the AuditReport (schemaVersion 1) with the choices in it', function () {
      assert.ok(report, 'fairUse.auditDataset returned undefined');
      assert.equal(report.schemaVersion, 1);
      assert.equal(report.dataset.rows, 303);
      assert.equal(report.dataset.label, 'Disease');
      assert.equal(report.dataset.positive, '1');
      assert.deepEqual(report.dataset.groupAttributes, ['Sex', 'Age']);
      assert.equal(report.dataset.features.length, 27);
      assert.match(report.dataset.path, /(^|[\\/])heart\.csv$/);
      assert.equal(report.settings.technique, '1hot');
      assert.equal(report.settings.metric, 'error');
      assert.equal(report.settings.bootstrap, 200);
      assert.equal(report.settings.seed, 2338);
      assert.deepEqual(report.groups.map((g) => g.id), ['Sex=Female, Age=Old', 'Sex=Female, Age=Young', 'Sex=Male, Age=Old', 'Sex=Male, Age=Young']);
      assert.equal(report.groups.reduce((n, g) => n + g.nTrain + g.nTest, 0), 303);
      assert.deepEqual(Object.keys(report.metrics).sort(), ['auc', 'brier', 'comprehensiveness', 'ece', 'error', 'logloss', 'sufficiency']);
      for (const [metric, table] of Object.entries(report.metrics)) {
        assert.equal(table!.rationality.length, 4, `${metric}: a rationality row per group`);
        assert.equal(table!.envy.length, 12, `${metric}: an envy row per ordered pair of groups`);
      }
    });

    it('is the report the CLI writes for the same data and options', function () {
      assert.ok(report);
      const expected = cliReport(extension.extensionPath, 'heart.csv', [...HEART_CLI_ARGS, ...settingsAsCliArgs()]);
      assert.deepEqual(jsonDiff(withoutSources(asJson(report)), withoutSources(expected)), [], 'the report differs from the CLI\'s');
    });

    it('wrote heart.fairuse.json beside the CSV with the choices', function () {
      const spec = JSON.parse(fs.readFileSync(specOf('heart.csv').fsPath, 'utf8'));
      assert.equal(spec.data, 'heart.csv');
      assert.equal(spec.label, 'Disease');
      assert.deepEqual(spec.groups, ['Sex', 'Age']);
      assert.equal(spec.bootstrap, 200);
    });

    it('heart.csv (no violation, too few test rows): no Error, no Warning, one Information, the inconclusive headline', async function () {
      assert.ok(report);
      const diagnostics = await assertDiagnosticsMatch(report, csv());
      // Explanation violations (SPEC §9) are Warnings, matched by assertDiagnosticsMatch; nothing else.
      assert.deepEqual(diagnostics.filter((d) => !d.message.startsWith('Explanation ')).map((d) => d.message), [], 'no violation, and non-significant gains are not Problems');
      const info = await waitFor(() => {
        const d = fairUseDiagnostics(csv()).filter((x) => x.severity === vscode.DiagnosticSeverity.Information);
        return d.length > 0 && d;
      }, 10_000, 'the inconclusive Information on heart.csv');
      assert.equal(info.length, 1);
      assert.match(info[0].message, /^Inconclusive: .*each group would need about \d+ test rows\.$/);
      assert.equal(fairUseDiagnostics(specOf('heart.csv')).length, 0, 'nothing on the spec: it names no group');
    });

    it('anchors the Information on the group column in heart.csv\'s header', async function () {
      const doc = await vscode.workspace.openTextDocument(csv());
      for (const d of fairUseDiagnostics(csv())) {
        assert.equal(d.range.start.line, 0, `diagnostic "${d.message}" is not on the header line`);
        assert.equal(doc.getText(d.range), 'Sex');
      }
    });

    it('opens the report panel, which draws a row per group and a heatmap cell per pair', async function () {
      const rendered = await within(api.whenReportRendered(), 30_000, 'the report panel to draw the report');
      assert.equal(rendered.metric, 'error');
      assert.equal(rendered.groupRows, 4);
      assert.equal(rendered.envyCells, 12);
      const tab = vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('fairUse.report'));
      assert.ok(tab, 'no editor tab of view type fairUse.report');
    });

    it('titles the panel "Fair Use report…"', function () {
      const tab = vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('fairUse.report'));
      assert.ok(tab, 'no editor tab of view type fairUse.report');
      assert.match(tab.label, /^Fair Use report/, `the panel's title is "${tab.label}"`);
    });
  });

  describe('a dataset with violations (xor-groups.csv: label Sex XOR Age)', function () {
    const csv = () => inWorkspace('xor-groups.csv');
    const choices: Choices = { label: 'Outcome', groups: ['Sex', 'Age'], bootstrap: 200 };
    let report: AuditReport | undefined;

    before(async function () {
      report = await within(auditDataset(csv(), choices), 120_000, 'fairUse.auditDataset on xor-groups.csv');
    });

    it('finds the violations the CLI finds', function () {
      assert.ok(report, 'fairUse.auditDataset returned undefined');
      const expected = cliReport(extension.extensionPath, 'xor-groups.csv', ['--label', 'Outcome', '--groups', 'Sex,Age', '--bootstrap', '200', ...settingsAsCliArgs()]);
      assert.deepEqual(jsonDiff(withoutSources(asJson(report)), withoutSources(expected)), [], 'the report differs from the CLI\'s');
      const summary = report.metrics.error!.summary;
      assert.ok(summary.rationalityViolations >= 1 && summary.envyViolations >= 1, JSON.stringify(summary));
    });

    it('gives an Error per violation, naming the groups, on the group column of the CSV header', async function () {
      assert.ok(report);
      const diagnostics = await assertDiagnosticsMatch(report, csv());
      const doc = await vscode.workspace.openTextDocument(csv());
      for (const d of diagnostics) assert.equal(doc.getText(d.range), 'Sex', `"${d.message}" sits on ${doc.getText(d.range)}`);
      const errors = diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
      assert.ok(errors.some((d) => d.message.startsWith('Rationality violation for Sex=Female, Age=Young')), describeFindings(errors));
      assert.ok(errors.some((d) => d.message.startsWith('Envy violation for Sex=Female, Age=Young')), describeFindings(errors));
    });

    it('runAudit on the spec gives the same report', async function () {
      assert.ok(report);
      const again = await within(
        vscode.commands.executeCommand<AuditReport | undefined>('fairUse.runAudit', specOf('xor-groups.csv')),
        120_000,
        'fairUse.runAudit on xor-groups.fairuse.json',
      );
      assert.ok(again, 'fairUse.runAudit returned undefined');
      assert.deepEqual(jsonDiff(asJson(again), asJson(report)), [], 'runAudit\'s report differs from auditDataset\'s');
    });

    it('exportReport writes Markdown, JSON and HTML where asked and returns the Uri', async function () {
      assert.ok(report);
      const folder = inWorkspace('exports');
      await vscode.workspace.fs.createDirectory(folder);
      for (const [format, name] of [['markdown', 'xor.md'], ['json', 'xor.json'], ['html', 'xor.html']] as const) {
        const target = vscode.Uri.joinPath(folder, name);
        const written = await within(
          vscode.commands.executeCommand<vscode.Uri | undefined>('fairUse.exportReport', format, target),
          30_000,
          `fairUse.exportReport ${format}`,
        );
        assert.ok(written, `fairUse.exportReport ${format} returned undefined`);
        assert.equal(written.fsPath, target.fsPath);
        const text = fs.readFileSync(target.fsPath, 'utf8');
        if (format === 'markdown') assert.match(text, /^# Fair use audit/);
        if (format === 'json') assert.deepEqual(jsonDiff(JSON.parse(text), asJson(report)), [], 'the JSON export differs from the report');
        if (format === 'html') {
          assert.match(text, /^<!DOCTYPE html>/i);
          assert.ok(text.includes('Sex=Female, Age=Young'), 'the HTML names the groups');
        }
      }
    });

    it('clearResults empties the diagnostics', async function () {
      assert.ok(fairUseDiagnostics().length > 0, 'there should be diagnostics to clear');
      await vscode.commands.executeCommand('fairUse.clearResults');
      await waitFor(() => fairUseDiagnostics().length === 0, 10_000, 'no Fair Use diagnostic left').catch(() => undefined);
      assert.deepEqual(fairUseDiagnostics().map((d) => d.message), []);
    });

    it('saving the spec re-runs the audit (its diagnostics come back)', async function () {
      const spec = specOf('xor-groups.csv');
      assert.equal(fairUseDiagnostics(csv()).length, 0);
      const doc = await vscode.workspace.openTextDocument(spec);
      await vscode.window.showTextDocument(doc);
      const edit = new vscode.WorkspaceEdit();
      const text = doc.getText();
      assert.match(text, /"bootstrap": 200/);
      edit.replace(spec, new vscode.Range(doc.positionAt(0), doc.positionAt(text.length)), text.replace('"bootstrap": 200', '"bootstrap": 201'));
      assert.ok(await vscode.workspace.applyEdit(edit), 'the edit of the spec was not applied');
      assert.ok(await doc.save(), 'the spec was not saved');
      await waitFor(() => fairUseDiagnostics(csv()).length > 0, 60_000, 'diagnostics of the re-run audit on the CSV');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });

    it('the quick fix "Serve … with the model without group attributes" records "assign" in the spec and the re-run resolves the violation', async function () {
      const spec = specOf('xor-groups.csv');
      const group = 'Sex=Female, Age=Young';
      // The violation sits on the CSV header (the spec does not name the group yet); the fix edits the spec.
      const violation = () => [...fairUseDiagnostics(csv()), ...fairUseDiagnostics(spec)].find((d) => d.message.startsWith(`Rationality violation for ${group}`));
      await waitFor(() => violation() !== undefined, 60_000, `the rationality violation of ${group} on the CSV`);
      const diagnostic = violation()!;
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(spec));
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', csv(), diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      const titles = actions.map((a) => a.title);
      assert.ok(titles.includes(`Serve ${group} with a separate model of its own (assign "decoupled")`), titles.join(' | '));
      const assign = actions.find((a) => a.title === `Serve ${group} with the model without group attributes (assign "generic")`);
      assert.ok(assign?.edit && assign.command, titles.join(' | '));
      assert.ok(await vscode.workspace.applyEdit(assign.edit), 'the quick fix\'s edit was not applied');
      const rerun = await within(
        vscode.commands.executeCommand<AuditReport | undefined>(assign.command.command, ...(assign.command.arguments ?? [])),
        120_000,
        'the re-run of the quick fix',
      );
      assert.ok(rerun, 'the re-run returned undefined');
      assert.deepEqual(rerun.settings.assign, { [group]: 'generic' });
      const row = rerun.metrics.error!.rationality.find((r) => r.group === group)!;
      assert.equal(row.gain, 0, 'h0 serves the group: its rationality gain is 0');
      assert.notEqual(row.verdict, 'violation');
      const text = (await vscode.workspace.openTextDocument(spec)).getText();
      assert.deepEqual(JSON.parse(text).assign, { [group]: 'generic' });
      await waitFor(() => violation() === undefined, 30_000, `the violation of ${group} to leave Problems`);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });
  });

  describe('cancellation', function () {
    it('cancelAudit stops a running audit: the command resolves undefined and leaves no diagnostics', async function () {
      await vscode.commands.executeCommand('fairUse.clearResults');
      const csv = inWorkspace('heart-cancel.csv');
      let settled = false;
      const pending = Promise.resolve(auditDataset(csv, { label: 'Disease', groups: ['Sex', 'Age'], bootstrap: SLOW_BOOTSTRAP })).finally(() => {
        settled = true;
      });
      // The audit starts after the spec is written; cancel until a running audit was cancelled.
      await waitFor(() => fs.existsSync(specOf('heart-cancel.csv').fsPath), 30_000, 'heart-cancel.fairuse.json to be written');
      let cancelled = 0;
      await waitFor(async () => {
        if (!settled) cancelled += (await vscode.commands.executeCommand<number>('fairUse.cancelAudit')) ?? 0;
        return settled || cancelled > 0;
      }, 30_000, 'fairUse.cancelAudit to cancel a running audit');
      const result = await within(pending, 30_000, 'the cancelled fairUse.auditDataset to resolve');
      assert.equal(result, undefined, 'a cancelled audit must resolve undefined (it returned a report: it ran to the end)');
      assert.ok(cancelled > 0, 'fairUse.cancelAudit never reported a running audit');
      assert.deepEqual(fairUseDiagnostics(specOf('heart-cancel.csv')).map((d) => d.message), []);
      assert.deepEqual(fairUseDiagnostics().map((d) => d.message), []);
    });

    it('a second audit of the same spec cancels the first', async function () {
      const csv = inWorkspace('heart-twice.csv');
      const first = Promise.resolve(auditDataset(csv, { label: 'Disease', groups: ['Sex', 'Age'], bootstrap: SLOW_BOOTSTRAP }));
      await waitFor(() => fs.existsSync(specOf('heart-twice.csv').fsPath), 30_000, 'heart-twice.fairuse.json to be written');
      // Settle: the first audit registers as running only once its worker started (AuditRunner.run);
      // a second run issued before that does not cancel it. The first runs ≥ 10 s, so 3 s is safe.
      await sleep(3_000);
      const second = Promise.resolve(auditDataset(csv, { label: 'Disease', groups: ['Sex', 'Age'], bootstrap: 200 }));
      const firstResult = await within(first, 60_000, 'the first audit to end once the second started');
      const secondResult = await within(second, 120_000, 'the second audit');
      assert.equal(firstResult, undefined, 'the first audit should have been cancelled by the second');
      assert.ok(secondResult, 'the second audit returned undefined');
      assert.equal(secondResult.settings.bootstrap, 200);
    });
  });

  describe('a regression (blood-pressure.csv: numeric label systolic_bp)', function () {
    const csv = () => inWorkspace('blood-pressure.csv');
    const choices: Choices = { label: 'systolic_bp', groups: ['sex', 'age_group'], bootstrap: 200 };
    let report: AuditReport | undefined;

    before(async function () {
      report = await within(auditDataset(csv(), choices), 120_000, 'fairUse.auditDataset on blood-pressure.csv');
    });

    it('is audited as a regression on MSE, although the metric setting says error rate, as the CLI audits it', function () {
      assert.ok(report, 'fairUse.auditDataset returned undefined');
      assert.equal(report.dataset.task, 'regression');
      assert.equal(report.settings.metric, 'mse');
      assert.equal(vscode.workspace.getConfiguration('fairUse').get('metric'), 'error');
      // ε comes from the data for a regression; the epsilon setting is for binary labels.
      const intervene = vscode.workspace.getConfiguration('fairUse').get<boolean>('interventions') ? ['--intervene'] : [];
      const expected = cliReport(extension.extensionPath, 'blood-pressure.csv', ['--label', 'systolic_bp', '--groups', 'sex,age_group', '--bootstrap', '200', ...intervene]);
      assert.deepEqual(jsonDiff(withoutSources(asJson(report)), withoutSources(expected)), [], 'the report differs from the CLI\'s');
    });

    it('puts the MSE violation of women 55-79 in Problems as an Error', async function () {
      assert.ok(report);
      const diagnostics = await assertDiagnosticsMatch(report, csv());
      const errors = diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
      assert.ok(errors.some((d) => d.message.startsWith('Rationality violation for sex=Female, age_group=55-79')), describeFindings(errors));
    });

    it('draws the panel on MSE', async function () {
      const rendered = await within(api.whenReportRendered(), 30_000, 'the report panel to draw the regression report');
      assert.equal(rendered.metric, 'mse');
      assert.equal(rendered.groupRows, 4);
      assert.equal(rendered.envyCells, 12);
    });
  });

  describe('HTML and script in CSV headers and values (xss-groups.csv)', function () {
    const csv = () => inWorkspace('xss-groups.csv');
    let report: AuditReport | undefined;

    before(async function () {
      report = await within(auditDataset(csv(), { label: 'Outcome', groups: [XSS_HEADER, 'Age'], bootstrap: 200 }), 120_000, 'fairUse.auditDataset on xss-groups.csv');
    });

    it('keeps them as data in the report', function () {
      assert.ok(report, 'fairUse.auditDataset returned undefined');
      assert.equal(report.dataset.groupAttributes[0], XSS_HEADER);
      assert.ok(report.groups.some((g) => g.id.includes(XSS_VALUE)), report.groups.map((g) => g.id).join('; '));
    });

    it('the diagnostics name the groups literally', async function () {
      assert.ok(report);
      const diagnostics = await assertDiagnosticsMatch(report, csv());
      assert.ok(diagnostics.some((d) => d.message.includes(XSS_VALUE)), describeFindings(diagnostics));
    });

    it('exports HTML and Markdown with them escaped', async function () {
      const html = vscode.Uri.joinPath(inWorkspace('exports'), 'xss.html');
      const md = vscode.Uri.joinPath(inWorkspace('exports'), 'xss.md');
      await vscode.workspace.fs.createDirectory(inWorkspace('exports'));
      await vscode.commands.executeCommand('fairUse.exportReport', 'html', html);
      await vscode.commands.executeCommand('fairUse.exportReport', 'markdown', md);
      const htmlText = fs.readFileSync(html.fsPath, 'utf8');
      const mdText = fs.readFileSync(md.fsPath, 'utf8');
      assert.ok(!htmlText.includes('<img src=x'), 'the HTML export holds an unescaped <img src=x …>');
      assert.ok(htmlText.includes('&lt;img src=x onerror=alert(1)&gt;'), 'the HTML export does not show the header as text');
      assert.ok(!/(^|[^\\])<img src=x/.test(mdText), 'the Markdown export holds an unescaped <img src=x …>');
    });

    it('the panel draws the report', async function () {
      const rendered = await within(api.whenReportRendered(), 30_000, 'the report panel to draw the xss report');
      assert.equal(rendered.groupRows, 4);
      assert.equal(rendered.envyCells, 12);
    });
  });
});
