import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { reportFileSchemaErrors } from '../support/report-schema';

const root = resolve(__dirname, '../..');
const example = join(root, 'examples/blood-pressure.csv');
const work = mkdtempSync(join(tmpdir(), 'fairuse-regression-'));
const roles = ['--label', 'systolic_bp', '--groups', 'sex,age_group'];

function fairuse(...args: string[]) {
  const run = spawnSync(process.execPath, [join(root, 'bin/fairuse.js'), ...args], { cwd: root, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('fairuse audit examples/blood-pressure.csv (regression)', () => {
  const jsonPath = join(work, 'bp.json');
  let run: ReturnType<typeof fairuse>;
  beforeAll(() => {
    run = fairuse('audit', example, ...roles, '--bootstrap', '200', '--json', jsonPath, '--no-color');
  });

  it('exits 1: the personalized model harms women 55-79 in MSE', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/significant fair-use violations? in MSE: 1 rationality/);
  });

  it('writes the SPEC §8 JSON with the regression fields', () => {
    const report = JSON.parse(readFileSync(jsonPath, 'utf8'));
    expect(report.schemaVersion).toBe(1);
    expect(reportFileSchemaErrors(jsonPath)).toEqual([]);
    expect(report.dataset).toMatchObject({ rows: 3000, droppedRows: 0, label: 'systolic_bp', task: 'regression', positive: null, groupAttributes: ['sex', 'age_group'] });
    expect(report.dataset.features).toEqual(['bmi', 'sodium_g', 'smoker', 'exercise_h']);
    expect(report.settings).toMatchObject({ technique: '1hot', model: 'lr', C: 1, bootstrap: 200, metric: 'mse', testSize: 0.2 });
    expect(Object.keys(report.metrics)).toEqual(['mse', 'mae', 'sufficiency', 'comprehensiveness']);
    expect(report.groups.map((g: { id: string }) => g.id)).toEqual(['sex=Female, age_group=30-54', 'sex=Female, age_group=55-79', 'sex=Male, age_group=30-54', 'sex=Male, age_group=55-79']);
    for (const g of report.groups) {
      expect(g.positiveRate).toBeNull();
      expect(typeof g.labelMean).toBe('number');
    }
    const mse = report.metrics.mse;
    expect(mse.rationality.map((r: { verdict: string }) => r.verdict)).toEqual(['none', 'violation', 'gain', 'gain']);
    expect(mse.summary).toMatchObject({ rationalityGains: 2, rationalityViolations: 1 });
    for (const row of mse.rationality) {
      expect(row.test).toBe('bootstrap');
      expect(row.gain).toBeCloseTo(row.generic - row.personalized, 9);
      expect(row.generic).toBeGreaterThan(50); // mmHg², not a fraction
    }
    expect(mse.r2.overall.personalized).toBeGreaterThan(mse.r2.overall.generic);
    expect(report.limits).toMatchObject({ groups: 4, n: 600, epsilonShareOfGenericRisk: 0.01 });
    expect(report.limits.sigma).toBeGreaterThan(0);
  });

  it('prints MSE and MAE in the label\'s unit (no percent), R² per group with the label mean, and the σ of the bound', () => {
    expect(run.stdout).toContain('label systolic_bp (numeric: regression)');
    expect(run.stdout).toContain('ridge regression, C = 1');
    expect(run.stdout).toContain('MSE — rationality');
    expect(run.stdout).toContain('MAE — envy-freeness');
    expect(run.stdout).toContain('R² per group');
    expect(run.stdout).toContain('Label mean');
    expect(run.stdout).toContain('R² (from the MSE, not tested)');
    expect(run.stdout).toMatch(/pooled standard deviation σ = [\d.]+/);
    const mseRows = run.stdout.slice(run.stdout.indexOf('MSE — rationality'), run.stdout.indexOf('MSE — envy')).split('\n').filter((line) => line.startsWith('sex='));
    expect(mseRows).toHaveLength(4);
    for (const row of mseRows) expect(row).not.toContain('%');
    expect(run.stdout).not.toMatch(/Error rate|AUC|positive =/);
  });

  it('--intervene runs on a regression: serving women 55-79 with h0 resolves their violation', () => {
    const path = join(work, 'bp-intervene.json');
    const intervened = fairuse('audit', example, ...roles, '--bootstrap', '100', '--intervene', '--json', path, '--markdown', '-');
    expect(intervened.stderr).toBe('');
    expect(intervened.status).toBe(1);
    const report = JSON.parse(readFileSync(path, 'utf8'));
    expect(report.interventions.metric).toBe('mse');
    expect(reportFileSchemaErrors(path)).toEqual([]);
    expect(report.interventions.items.map((i: { kind: string }) => i.kind)).toEqual(['generic', 'decoupled', 'selected']);
    expect(report.interventions.items[0].resolved).toContain('rationality: sex=Female, age_group=55-79');
    expect(intervened.stdout).toContain('## Intervention "generic"');
    expect(intervened.stdout).toContain('R² per group');
  });
});

describe('regression input errors: exit 2, one line, no stack trace', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['a classification metric', ['audit', example, ...roles, '--metric', 'auc'], /The metric auc is for classification, but the label is numeric/],
    ['a positive class', ['audit', example, ...roles, '--positive', '120'], /regression, which has no classes/],
    ['a regression metric on a binary label', ['audit', join(root, 'examples/heart.csv'), '--label', 'Disease', '--groups', 'Sex,Age', '--metric', 'mse'], /The metric mse is for regression, but the label is binary/],
  ];
  for (const [name, args, message] of cases) {
    it(name, () => {
      const run = fairuse(...args);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
    });
  }
});
