/**
 * fairuse audit --sarif, fairuse diff and --baseline on real audits of examples/heart.csv. With --metric logloss
 * (B = 200), 1hot finds no violation of log loss and dcp finds two (one rationality, one envy): measured on
 * this engine (whole-group bootstrap and split of issue 11) and checked in the reports below, so the diff's expectations are counts from the two reports.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sarifSchemaErrors } from '../fixtures/sarif/validate-sarif';

const root = resolve(__dirname, '../..');
const heart = join(root, 'examples/heart.csv');
const work = mkdtempSync(join(tmpdir(), 'fairuse-sarif-'));
const at = (name: string) => join(work, name);

function fairuse(...args: string[]) {
  const run = spawnSync(process.execPath, [join(root, 'bin/fairuse.js'), ...args], { cwd: root, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const audit = (...args: string[]) => fairuse('audit', 'examples/heart.csv', '--label', 'Disease', '--groups', 'Sex,Age', '--bootstrap', '200', '--metric', 'logloss', '--no-color', ...args);
type Row = { group: string; reportedAs?: string; verdict: string };
const violations = (report: { metrics: Record<string, { rationality: Row[]; envy: Row[] }> }, metric: string) =>
  [...report.metrics[metric].rationality, ...report.metrics[metric].envy].filter((r) => r.verdict === 'violation');

let clean: ReturnType<typeof fairuse>;
let harmful: ReturnType<typeof fairuse>;

beforeAll(() => {
  clean = audit('--json', at('1hot.json'));
  harmful = audit('--technique', 'dcp', '--json', at('dcp.json'), '--sarif', at('dcp.sarif'));
});

describe('the two audits the tests compare', () => {
  it('1hot has no violation of log loss, dcp has one rationality and one envy violation', () => {
    expect(clean.status).toBe(3); // no violation, but heart's groups are more than its test rows can validate
    expect(harmful.status).toBe(1);
    expect(violations(readJson(at('1hot.json')), 'logloss')).toHaveLength(0);
    expect(readJson(at('dcp.json')).metrics.logloss.summary).toMatchObject({ rationalityViolations: 1, envyViolations: 1 });
    expect(readJson(at('dcp.json')).dataset.sha256).toBe(execFileSync('sha256sum', [heart], { encoding: 'utf8' }).split(' ')[0]);
  });
});

describe('fairuse audit --sarif', () => {
  it('writes a log the official SARIF 2.1.0 schema accepts, with the version of package.json', () => {
    const log = readJson(at('dcp.sarif'));
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0].tool.driver.version).toBe(readJson(join(root, 'package.json')).version);
  });

  it('has an error per violation of the decisive metric and a warning per violation of the others, located at the Sex column of the header', () => {
    const report = readJson(at('dcp.json'));
    const results: Array<{ ruleId: string; level: string; properties: { metric: string; group: string }; locations: unknown[] }> = readJson(at('dcp.sarif')).runs[0].results;
    const found = (metric: string) => results.filter((r) => r.ruleId.endsWith('-violation') && r.properties.metric === metric);
    expect(found('logloss')).toHaveLength(2);
    expect(found('logloss').every((r) => r.level === 'error')).toBe(true);
    for (const metric of ['error', 'auc', 'ece', 'brier']) {
      expect(found(metric)).toHaveLength(violations(report, metric).length);
      expect(found(metric).every((r) => r.level === 'warning')).toBe(true);
    }
    // "Disease,Sex,…": Sex is characters 9 to 11 of line 1, the path relative to the working directory.
    for (const r of results) expect(r.locations).toEqual([{ physicalLocation: { artifactLocation: { uri: 'examples/heart.csv' }, region: { startLine: 1, startColumn: 9, endColumn: 12 } } }]);
    // Sex=Female, Age=Old has 8 test rows: inconclusive, once.
    expect(results.filter((r) => r.ruleId === 'inconclusive-group').map((r) => r.properties.group)).toEqual(['Sex=Female, Age=Old']);
  });

  it('points at the spec\'s "groups" line when the audit came from a spec', () => {
    // A spec reads only inside its own folder: the data goes beside it.
    const spec = at('heart.fairuse.json');
    writeFileSync(at('heart.csv'), readFileSync(heart));
    writeFileSync(spec, `{\n  "data": "heart.csv",\n  "label": "Disease",\n  "technique": "dcp",\n  "groups": ["Sex", "Age"],\n  "metric": "logloss",\n  "bootstrap": 200\n}\n`);
    const run = fairuse('audit', '--spec', spec, '--sarif', '-');
    expect(run.status).toBe(1);
    const log = JSON.parse(run.stdout);
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(log.runs[0].results[0].locations[0].physicalLocation).toEqual({ artifactLocation: { uri: `file://${spec}` }, region: { startLine: 5, startColumn: 3 } });
  });

  it('locates a planted harm: one group\'s flipped predictions give violations of that group only, in the data file', () => {
    expect(fairuse('train', heart, '--label', 'Disease', '--groups', 'Sex,Age', '--technique', 'all', '--save-model', at('m.json'), '--save-predictions', at('p.csv')).status).toBe(0);
    const data = readFileSync(heart, 'utf8').trim().split('\n').map((line) => line.split(','));
    const target = 'Sex=Male, Age=Young';
    const lines = readFileSync(at('p.csv'), 'utf8').trim().split('\n');
    const header = lines[0].match(/"[^"]*"|[^,]+/g)!.map((c) => c.replace(/"/g, ''));
    const column = header.indexOf(`pred@${target}`);
    const flipped = lines.slice(1).map((line) => {
      const cells = line.split(',');
      const [sex, age] = [data[Number(cells[0])][1], data[Number(cells[0])][2]];
      if (cells[column] !== '' && sex === 'Male' && age === 'Young') cells[column] = String(1 - Number(cells[column]));
      return cells.join(',');
    });
    writeFileSync(at('p-flipped.csv'), [lines[0], ...flipped].join('\n') + '\n');
    const run = fairuse('audit', 'examples/heart.csv', '--model-file', at('p-flipped.csv'), '--label', 'Disease', '--groups', 'Sex,Age', '--technique', 'all', '--bootstrap', '200', '--sarif', at('planted.sarif'), '--quiet');
    expect(run.status).toBe(1);
    const results: Array<{ ruleId: string; level: string; properties: { metric: string; group: string }; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> = readJson(at('planted.sarif')).runs[0].results;
    const harms = results.filter((r) => r.ruleId.endsWith('-violation'));
    expect(harms.length).toBeGreaterThan(0);
    expect(new Set(harms.map((r) => r.properties.group))).toEqual(new Set([target]));
    expect(harms.filter((r) => r.level === 'error').map((r) => r.ruleId)).toContain('rationality-violation');
    expect(new Set(results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri))).toEqual(new Set(['examples/heart.csv']));
  });

  it('refuses a SARIF path that is an input, before any work', () => {
    const run = audit('--sarif', 'examples/heart.csv');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^fairuse: --sarif examples\/heart\.csv would overwrite the data file\./);
  });
});

describe('fairuse diff', () => {
  it('lists the two new violations of log loss and fails, 1hot → dcp', () => {
    const run = fairuse('diff', at('1hot.json'), at('dcp.json'), '--json', at('diff.json'), '--markdown', at('diff.md'));
    expect(run.status).toBe(1);
    const diff = readJson(at('diff.json'));
    const fresh = diff.changes.filter((c: { status: string; metric: string }) => c.status === 'new' && c.metric === 'logloss');
    expect(fresh.map((c: Row) => `${c.group}>${c.reportedAs ?? ''}`).sort()).toEqual(violations(readJson(at('dcp.json')), 'logloss').map((r) => `${r.group}>${r.reportedAs ?? ''}`).sort());
    expect(diff.settingsChanged).toContainEqual({ setting: 'technique', old: '1hot', new: 'dcp' });
    expect(run.stdout).toMatch(/New violations \(2 of log loss, the measure that decides; \d+ of other measures\)\n {2}log loss · /);
    expect(run.stdout).toMatch(/2 new violations of log loss \(the gate fails\); 0 resolved, 0 persisting\.\n$/);
    expect(readFileSync(at('diff.md'), 'utf8')).toMatch(/^## Fair use audit: 2 new violations of log loss/);
  });

  it('turns "new" into "resolved" when the order is reversed, and passes', () => {
    const run = fairuse('diff', at('dcp.json'), at('1hot.json'), '--json', '-');
    expect(run.status).toBe(0);
    const diff = JSON.parse(run.stdout);
    const resolved = diff.changes.filter((c: { status: string; metric: string }) => c.metric === 'logloss' && c.status === 'resolved');
    expect(resolved.map((c: Row) => `${c.group}>${c.reportedAs ?? ''}`).sort()).toEqual(violations(readJson(at('dcp.json')), 'logloss').map((r) => `${r.group}>${r.reportedAs ?? ''}`).sort());
    expect(diff.changes.some((c: { status: string }) => c.status === 'new')).toBe(false);
  });

  it('finds nothing new or resolved in a report diffed with itself, and passes', () => {
    const run = fairuse('diff', at('dcp.json'), at('dcp.json'));
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('New violations (0)');
    expect(run.stdout).toContain('Resolved violations (0)');
    expect(run.stdout).toContain('Other verdicts that moved (0)');
    expect(run.stdout).toMatch(/No new violation of log loss; 0 resolved, 2 persisting\.\n$/);
  });

  const bad: Array<[string, () => string[], RegExp]> = [
    ['another metric', () => { audit('--metric', 'error', '--json', at('error.json')); return [at('1hot.json'), at('error.json')]; }, /different settings \(metric\): logloss in OLD, error in NEW/],
    ['another dataset', () => {
      writeFileSync(at('heart-copy.csv'), readFileSync(heart, 'utf8').replace(/\n1,Male,Young,/, '\n0,Male,Young,'));
      fairuse('audit', at('heart-copy.csv'), '--label', 'Disease', '--groups', 'Sex,Age', '--bootstrap', '200', '--metric', 'logloss', '--json', at('copy.json'));
      return [at('1hot.json'), at('copy.json')];
    }, /different data \(SHA-256\)/],
    ['another schema version', () => { writeFileSync(at('v2.json'), JSON.stringify({ ...readJson(at('1hot.json')), schemaVersion: 2 })); return [at('v2.json'), at('1hot.json')]; }, /schema version 2; this fairuse reads version 1/],
    ['a truncated report', () => { writeFileSync(at('cut.json'), readFileSync(at('1hot.json'), 'utf8').slice(0, 500)); return [at('1hot.json'), at('cut.json')]; }, /NEW report .*cut\.json is not valid JSON .*truncated/],
    ['an output onto an input', () => [at('1hot.json'), at('dcp.json'), '--json', at('1hot.json')], /--json .* would overwrite the OLD report/],
  ];
  for (const [name, args, message] of bad) {
    it(`exits 2 with one line for ${name}`, () => {
      const run = fairuse('diff', ...args());
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    });
  }
});

describe('fairuse audit --baseline', () => {
  it('passes an audit whose violations the baseline already had', () => {
    const run = audit('--technique', 'dcp', '--baseline', at('dcp.json'));
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/No new violation of log loss; 0 resolved, 2 persisting\.\n$/);
  });

  it('fails on violations the baseline did not have', () => {
    const run = audit('--technique', 'dcp', '--baseline', at('1hot.json'), '--quiet');
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/2 new violations of log loss \(the gate fails\)/);
  });

  it('reads the baseline before auditing, and never writes over it', () => {
    expect(audit('--baseline', at('cut.json')).stderr).toMatch(/^fairuse: The baseline report .*cut\.json is not valid JSON/);
    const run = audit('--baseline', at('1hot.json'), '--json', at('1hot.json'));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/would overwrite the baseline report/);
  });

  it('refuses a baseline of other data, label or groups before the audit runs (no progress, no output file)', () => {
    writeFileSync(at('heart-edited.csv'), readFileSync(heart, 'utf8').replace(/\n1,Male,Young,/, '\n0,Male,Young,'));
    const other = fairuse('audit', at('heart-edited.csv'), '--label', 'Disease', '--groups', 'Sex,Age', '--bootstrap', '200', '--baseline', at('1hot.json'), '--json', at('never.json'), '--progress');
    expect(other.status).toBe(2);
    expect(other.stderr).toMatch(/^fairuse: The baseline report audited other data \(SHA-256 [0-9a-f]{12}…\) than this audit \(SHA-256 [0-9a-f]{12}…\), so the two cannot be compared; nothing was audited\./);
    expect(other.stderr).not.toMatch(/bootstrap/i);
    expect(() => readFileSync(at('never.json'))).toThrow();
    const groups = fairuse('audit', 'examples/heart.csv', '--label', 'Disease', '--groups', 'Sex', '--baseline', at('1hot.json'));
    expect(groups.stderr).toMatch(/^fairuse: The baseline report audited other group attributes \(Sex, Age\) than this audit \(Sex\)/);
  });
});
