import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

// Model files for a numeric label, through the command line (docs/regression.md, "Model files").
const root = resolve(__dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'fairuse-regression-files-'));
const fixtures = join(root, 'test/fixtures/regression-predictions');
const data = join(fixtures, 'data.csv');
const predictions = join(fixtures, 'predictions.csv');
const expected = JSON.parse(readFileSync(join(fixtures, 'expected.json'), 'utf8'));
const roles = ['--label', 'bp', '--groups', 'sex,site'];

function fairuse(...args: string[]) {
  const run = spawnSync(process.execPath, [join(root, 'bin/fairuse.js'), ...args], { cwd: root, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function expectOneLineRefusal(run: ReturnType<typeof fairuse>, message: RegExp): void {
  expect(run.status).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(message);
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
}

beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root });
}, 120_000);

describe('fairuse audit --model-file <predictions of real values>', () => {
  it('reports the MSE and MAE numpy computes on the same file, exactly', () => {
    const out = join(work, 'predictions-report.json');
    const run = fairuse('audit', data, '--model-file', predictions, ...roles, '--bootstrap', '100', '--json', out);
    expect(run.stderr).toBe('');
    expect([0, 1, 3]).toContain(run.status);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.dataset.task).toBe('regression');
    expect(report.model.source).toBe('predictions');
    for (const metric of ['mse', 'mae']) {
      const section = report.metrics[metric];
      expect(section.overall.generic).toBe(expected.overall.generic[metric]);
      expect(section.overall.personalized).toBe(expected.overall.personalized[metric]);
      for (const row of section.rationality) {
        expect(row.generic).toBe(expected.groups[row.group].generic[metric]);
        expect(row.personalized).toBe(expected.groups[row.group].asGroup[row.group][metric]);
      }
      for (const row of section.envy) expect(row.misreported).toBe(expected.groups[row.group].asGroup[row.reportedAs][metric]);
    }
    // h(·, sex=M, site=north) predicts 250 below the labels: every other group is better off with its own model.
    const envyOfIt = report.metrics.mse.envy.filter((row: { reportedAs: string }) => row.reportedAs === 'sex=M, site=north');
    expect(envyOfIt.map((row: { gain: number }) => row.gain > 10000)).toEqual([true, true, true]);
  });

  it('refuses an infinite prediction: exit 2, one line naming the row', () => {
    const lines = readFileSync(predictions, 'utf8').split('\n');
    const row = lines[1].split(',')[0];
    lines[1] = lines[1].replace(/,[^,]+$/, ',inf');
    const broken = join(work, 'infinite.csv');
    writeFileSync(broken, lines.join('\n'));
    expectOneLineRefusal(fairuse('audit', data, '--model-file', broken, ...roles), new RegExp(`holds "inf" in "pred@sex=M, site=south" on line 2 \\(data row ${row}\\), not a finite number`));
  });

  it('refuses a regression predictions file on a binary label, naming both tasks: exit 2, one line', () => {
    const binary = join(work, 'binary.csv');
    writeFileSync(binary, readFileSync(data, 'utf8').replace(/^(\d+(?:\.\d+)?),/gm, (_m, y) => `${Number(y) >= 120 ? 'high' : 'normal'},`));
    expectOneLineRefusal(fairuse('audit', binary, '--model-file', predictions, ...roles), /the data's label "bp" is binary \(a classification\), and a value outside \[0, 1\] is a regression's prediction/);
  });
});

describe('fairuse train on a numeric label, then fairuse audit --model-file', () => {
  const bp = join(work, 'bp.csv');
  beforeAll(() => {
    writeFileSync(bp, readFileSync(join(root, 'examples/blood-pressure.csv'), 'utf8').split('\n').slice(0, 801).join('\n'));
  });
  const bpRoles = ['--label', 'systolic_bp', '--groups', 'sex,age_group'];

  for (const [modelClass, technique, words] of [
    ['lr', 'all', 'ridge regression'],
    ['rf', '1hot', 'random forest regressor'],
    ['nn', 'dcp', 'neural net regressor'],
  ] as const) {
    it(`--model ${modelClass} --technique ${technique}: the file's audit is the in-process audit (JSON, but for "model")`, () => {
      const saved = join(work, `bp-${modelClass}.json`);
      const settings = ['--model', modelClass, '--technique', technique, '--seed', '5'];
      const trained = fairuse('train', bp, ...bpRoles, ...settings, '--save-model', saved);
      expect(trained.stderr).toBe('');
      expect(trained.status).toBe(0);
      expect(trained.stdout).toContain(`Saved the ${technique} ${words} (`);
      const inProcess = join(work, `bp-${modelClass}-in-process.json`);
      const fromFile = join(work, `bp-${modelClass}-from-file.json`);
      const a = fairuse('audit', bp, ...bpRoles, ...settings, '--bootstrap', '100', '--json', inProcess, '--no-explanations');
      const b = fairuse('audit', bp, '--model-file', saved, '--bootstrap', '100', '--json', fromFile, '--no-explanations');
      expect(b.stderr).toBe('');
      expect(b.status).toBe(a.status);
      const { model, ...report } = JSON.parse(readFileSync(fromFile, 'utf8'));
      expect(model).toMatchObject({ source: 'json', technique, newData: false });
      // Where the settings came from differs (the file brings its own split and penalty): the numbers do not.
      const fromData = JSON.parse(readFileSync(inProcess, 'utf8'));
      delete fromData.settings.sources;
      delete report.settings.sources;
      expect(report).toEqual(fromData);
      expect(report.settings.model).toBe(modelClass);
    });
  }

  it('--model rf on a binary label is still refused for a model file: exit 2, one line', () => {
    expectOneLineRefusal(fairuse('train', join(root, 'examples/heart.csv'), '--label', 'Disease', '--groups', 'Sex,Age', '--model', 'rf', '--save-model', join(work, 'heart-rf.json')), /holds logistic regressions for a binary label, not --model rf/);
  });
});
