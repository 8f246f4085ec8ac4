import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/core/audit/audit';
import { parseCsv } from '../../src/core/data/csv';
import { degenerateFit } from '../../src/core/learn/degenerate-fit';
import { loadAuditDataset, loadDataset } from '../../src/core/data/load-dataset';
import { SeededRandom } from '../../src/core/numeric/random';

const examples = join(__dirname, '../../examples');
const heart = loadDataset(parseCsv(readFileSync(join(examples, 'heart.csv'), 'utf8')), { label: 'Disease', groups: ['Sex', 'Age'] });
const degenerate = (warnings: readonly string[]) => warnings.filter((w) => w.includes('nearly constant'));

describe('degenerateFit', () => {
  const y = Uint8Array.of(0, 1, 0, 1, 0, 1, 0, 1, 0, 0);

  it('flags a constant at the base rate, and a few rows let through do not hide it', () => {
    expect(degenerateFit(Uint8Array.of(0, 1, 0, 1), Float64Array.of(0.5, 0.5, 0.5, 0.5))).toEqual({
      logLoss: Math.log(2),
      baseRateLogLoss: Math.log(2),
      spread: 0,
      median: 0.5,
    });
    // 9 of 10 rows at 0.4, one at 0.9 (its standard deviation is 0.15): flat, and no better than the base rate 0.4.
    const p = Float64Array.of(0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.9);
    expect(degenerateFit(y, p)).toMatchObject({ spread: 0, median: 0.4 });
  });

  it('passes a model that beats the base rate, even when most of its probabilities are nearly equal', () => {
    // A rare outcome: the negatives sit near 0.01, the one positive gets 0.9.
    const rare = Uint8Array.from({ length: 20 }, (_, i) => (i === 19 ? 1 : 0));
    const p = Float64Array.from({ length: 20 }, (_, i) => (i === 19 ? 0.9 : 0.01 + i * 1e-4));
    expect(degenerateFit(rare, p)).toBeNull();
    expect(degenerateFit(y, Float64Array.from(y, (v, i) => (v ? 0.6 : 0.3) + i * 1e-3))).toBeNull();
  });

  it('passes a spread-out model, however bad (a small group\'s overfitted net is a finding, not a failed fit)', () => {
    expect(degenerateFit(y, Float64Array.from(y, (v) => (v ? 0.2 : 0.8)))).toBeNull();
  });

  it('with strata, compares each stratum with its own base rate: a model that learned only the groups is flat', () => {
    const groupOf = Uint8Array.of(0, 0, 0, 0, 0, 1, 1, 1, 1, 1);
    const labels = Uint8Array.of(1, 1, 1, 1, 0, 0, 0, 0, 0, 1);
    const groupRates = Float64Array.from(groupOf, (g) => (g === 0 ? 0.8 : 0.2));
    expect(degenerateFit(labels, groupRates)).toBeNull();
    expect(degenerateFit(labels, groupRates, groupOf)).toMatchObject({ spread: 0, median: null });
    expect(() => degenerateFit(labels, groupRates, Uint8Array.of(0))).toThrow(RangeError);
  });
});

describe('a degenerate fitted model is named in a warning (heart)', () => {
  it('--model nn --seed 5: the personalized net is flat within each group (test AUC at most 0.5 in every group)', async () => {
    const report = await runAudit(heart, { modelClass: 'nn', seed: 5, bootstrap: 20 }, { path: 'heart.csv' });
    for (const row of report.metrics.auc!.rationality) expect(row.personalized).toBeLessThanOrEqual(0.5);
    expect(degenerate(report.warnings)).toEqual([
      expect.stringMatching(/^The personalized model \(1hot\), a neural net, is nearly constant within each group on its training rows: 90% of its probabilities there equal their group's median, .*try another --seed, or --model lr\.$/),
    ]);
  });

  it('--model nn --seed 94 --technique dcp: h0 gives 90% of its training rows 0.4676', async () => {
    const report = await runAudit(heart, { modelClass: 'nn', seed: 94, bootstrap: 20, technique: 'dcp' }, { path: 'heart.csv' });
    expect(degenerate(report.warnings)).toEqual([expect.stringMatching(/^The generic model h0, a neural net, is nearly constant on its training rows: 90% of its probabilities there equal their median, 0\.4676, .* \(0\.6897\) by 1%/)]);
  });

  it('--model nn --seed 18 --technique dcp: the decoupled net of Sex=Male, Age=Old', async () => {
    const report = await runAudit(heart, { modelClass: 'nn', seed: 18, bootstrap: 20, technique: 'dcp' }, { path: 'heart.csv' });
    expect(degenerate(report.warnings)).toEqual([expect.stringMatching(/^The decoupled model of Sex=Male, Age=Old, a neural net, .* the group's base rate/)]);
  });

  it('not for the default audits: lr on heart and blood pressure, rf, and nn at the default seed', async () => {
    const bloodPressure = loadAuditDataset(parseCsv(readFileSync(join(examples, 'blood-pressure.csv'), 'utf8')), { label: 'systolic_bp', groups: ['sex', 'age_group'] });
    const reports = await Promise.all([
      runAudit(heart, { bootstrap: 20 }, { path: 'heart.csv' }),
      runAudit(bloodPressure, { bootstrap: 20 }, { path: 'blood-pressure.csv' }),
      runAudit(heart, { modelClass: 'rf', bootstrap: 20 }, { path: 'heart.csv' }),
      runAudit(heart, { modelClass: 'rf', technique: 'dcp', bootstrap: 20 }, { path: 'heart.csv' }),
      runAudit(heart, { modelClass: 'nn', bootstrap: 20 }, { path: 'heart.csv' }),
    ]);
    for (const report of reports) expect(degenerate(report.warnings)).toEqual([]);
  });

  it('not for the constant model of a one-class group, which has its own warning', async () => {
    const random = new SeededRandom(2);
    const lines = ['y,g,x'];
    for (let i = 0; i < 300; i++) {
      const x = random.nextFloat() * 2 - 1;
      lines.push(`${x > 0 ? 1 : 0},A,${x.toFixed(3)}`);
    }
    for (let i = 0; i < 60; i++) lines.push(`0,B,${(random.nextFloat() * 2 - 1).toFixed(3)}`);
    const dataset = loadDataset(parseCsv(lines.join('\n')), { label: 'y', groups: ['g'] });
    for (const modelClass of ['rf', 'nn'] as const) {
      const report = await runAudit(dataset, { bootstrap: 20, modelClass, technique: 'dcp' }, { path: 'x.csv' });
      // Only the one-class warning names g=B's model (h0 may be flagged: a net on one feature can die too).
      expect(report.warnings.filter((w) => w.includes('decoupled model of g=B'))).toEqual([expect.stringContaining('all negative')]);
    }
  });
});
