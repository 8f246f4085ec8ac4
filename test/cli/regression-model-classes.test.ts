import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
/** Written by scripts/fixtures/make_regression_fixtures.py: scikit-learn's diabetes data with its 80/20 split. */
const data = join(root, 'test/fixtures/regression/diabetes.csv');
const reference = JSON.parse(readFileSync(join(root, 'test/fixtures/regression/audit-diabetes.json'), 'utf8')) as { forestMseBySeed: number[]; netMseBySeed: number[] };
const roles = ['--label', 'progression', '--groups', 'sex,age:50', '--split-column', 'split', '--bootstrap', '100'];

function audit(...args: string[]) {
  const run = spawnSync(process.execPath, [join(root, 'bin/fairuse.js'), 'audit', data, ...roles, ...args, '--json', '-', '--quiet'], { cwd: root, encoding: 'utf8' });
  return { status: run.status, stderr: run.stderr, report: run.status === 0 || run.status === 1 || run.status === 3 ? JSON.parse(run.stdout) : null };
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function median(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * `--model rf` and `--model nn` on a numeric label (the issue's diabetes-progression example): the audit runs,
 * and h0's overall test MSE — one fit at the audit's seed — lies within scikit-learn's seed spread for the same
 * model on the same rows and features: within 4 standard deviations of its mean over 10 seeds for the forest, and
 * within 4 robust standard deviations (1.4826 · MAD) of its median over 40 seeds for the net, whose seeds vary
 * more than a normal spread would.
 */
describe('fairuse audit --model rf|nn on a numeric label', () => {
  it('rf: runs as a regression, h0\'s MSE within scikit-learn\'s RandomForestRegressor seed spread', () => {
    const { status, stderr, report } = audit('--model', 'rf');
    expect(stderr).toBe('');
    expect([0, 1, 3]).toContain(status); // 3: inconclusive, the groups are more than the test rows can validate
    expect(report.dataset.task).toBe('regression');
    expect(report.settings.model).toBe('rf');
    expect(Object.keys(report.metrics)).toEqual(['mse', 'mae', 'sufficiency', 'comprehensiveness']); // forests are explained too (SPEC §9)
    expect(report.explanations.method).toBe('tree-shap');
    const theirs = reference.forestMseBySeed;
    const sd = Math.sqrt(theirs.reduce((s, v) => s + (v - mean(theirs)) ** 2, 0) / (theirs.length - 1));
    expect(Math.abs(report.metrics.mse.overall.generic - mean(theirs))).toBeLessThanOrEqual(4 * sd);
    expect(report.metrics.mse.rationality).toHaveLength(4);
  });

  /**
   * A (5, 2) net lands in a heavy tail now and then (3 of scikit-learn's 40 seeds have MSE above 8,000, over
   * twice the median; the audit's default seed is one such for h0 here, and the report warns), so the net is
   * audited at seeds 1–7 and the median of h0's MSE compared: tolerance 4 standard errors of the difference of
   * the two medians, 4 · 1.2533 · 1.4826 · MAD · √(1/7 + 1/40), MAD that of scikit-learn's 40 seeds.
   */
  it('nn: runs as a regression, h0\'s median MSE over 7 seeds within scikit-learn\'s MLPRegressor seed spread', () => {
    const runs = [1, 2, 3, 4, 5, 6, 7].map((seed) => audit('--model', 'nn', '--technique', 'dcp', '--seed', String(seed)));
    for (const { stderr, status, report } of runs) {
      expect(stderr).toBe('');
      expect([0, 1, 3]).toContain(status); // 3: inconclusive, the groups are more than the test rows can validate
      expect(report.settings).toMatchObject({ model: 'nn', technique: 'dcp' });
    }
    const theirs = reference.netMseBySeed;
    const mad = median(theirs.map((v) => Math.abs(v - median(theirs))));
    const ours = median(runs.map((run) => run.report.metrics.mse.overall.generic));
    expect(Math.abs(ours - median(theirs))).toBeLessThanOrEqual(4 * 1.2533 * 1.4826 * mad * Math.sqrt(1 / 7 + 1 / 40));
  });

  it('nn at the default seed: h0 failed, and the report says so', () => {
    const { report } = audit('--model', 'nn');
    expect(report.warnings.join('\n')).toMatch(/The generic model h0, a neural net, has R² -\d\.\d+ on its training rows: it does not beat predicting their mean label/);
  });

  it('the text report names the regressor, and --intervene works with it', () => {
    const run = spawnSync(process.execPath, [join(root, 'bin/fairuse.js'), 'audit', data, ...roles, '--model', 'rf', '--intervene', '--no-color'], { cwd: root, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('random forest regressor (100 trees, depth ≤ 20)');
    expect(run.stdout).toContain('Intervention');
  });
});
