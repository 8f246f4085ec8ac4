import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/core/audit/audit';
import { AuditInputError } from '../../src/core/errors';
import { prepareAuditDataset } from '../../src/core/audit/prepare-dataset';
import { SeededRandom } from '../../src/core/numeric/random';
import { type AuditReport, hasViolation } from '../../src/core/report/report';

const bloodPressure = readFileSync(join(__dirname, '../../examples/blood-pressure.csv'), 'utf8');
const run = { load: { label: 'systolic_bp', groups: ['sex', 'age_group'] }, buckets: [] };
const FEMALE_OLD = 'sex=Female, age_group=55-79';

function audit(options: Record<string, unknown> = {}, csv = bloodPressure, load = run): Promise<AuditReport> {
  return runAudit(prepareAuditDataset(csv, load), { bootstrap: 200, ...options }, { path: 'examples/blood-pressure.csv' });
}

/** The AuditInputError an audit throws; its message is one line. */
async function auditError(options: Record<string, unknown>, csv = bloodPressure, load = run): Promise<string> {
  try {
    await audit(options, csv, load);
  } catch (error) {
    expect(error).toBeInstanceOf(AuditInputError);
    expect((error as AuditInputError).message).not.toMatch(/[\r\n]/);
    return (error as AuditInputError).message;
  }
  throw new Error('expected an AuditInputError');
}

describe('a regression audit of examples/blood-pressure.csv (1hot, ridge)', () => {
  let report: AuditReport;
  beforeAll(async () => {
    report = await audit();
  });

  it('reports the task, no positive class, the label mean per group and only MSE and MAE', () => {
    expect(report.schemaVersion).toBe(1);
    expect(report.dataset).toMatchObject({ rows: 3000, label: 'systolic_bp', task: 'regression', positive: null, groupAttributes: ['sex', 'age_group'] });
    expect(report.settings).toMatchObject({ technique: '1hot', model: 'lr', C: 1, metric: 'mse', testSize: 0.2 });
    expect(Object.keys(report.metrics)).toEqual(['mse', 'mae', 'sufficiency', 'comprehensiveness']);
    for (const group of report.groups) {
      expect(group.positiveRate).toBeNull();
      expect(group.labelMean).toBeGreaterThan(100);
      expect(group.labelMean).toBeLessThan(150);
      // stratified by group only: 20% of each group's rows, rounded
      expect(group.nTest).toBe(Math.round(0.2 * (group.nTrain + group.nTest)));
    }
  });

  it('shows both sides of personalization: the men gain, women 55-79 are harmed (the example\'s design)', () => {
    const verdicts = Object.fromEntries(report.metrics.mse!.rationality.map((r) => [r.group, r.verdict]));
    expect(verdicts).toMatchObject({ 'sex=Male, age_group=30-54': 'gain', 'sex=Male, age_group=55-79': 'gain', [FEMALE_OLD]: 'violation' });
    expect(hasViolation(report)).toBe(true);
    expect(report.metrics.mse!.summary.rationalityViolations).toBe(1);
  });

  it('gains are generic minus personalized risk, tested by the paired bootstrap (no McNemar) with SPEC §5 p-values', () => {
    const B = 200;
    for (const id of ['mse', 'mae'] as const) {
      const section = report.metrics[id]!;
      for (const row of section.rationality) {
        expect(row.test).toBe('bootstrap');
        expect(row.gain!).toBeCloseTo(row.generic! - row.personalized!, 9);
        expect(row.ci![0]).toBeLessThanOrEqual(row.gain! + 1e-9);
        expect(row.ci![1]).toBeGreaterThanOrEqual(row.gain! - 1e-9);
        // Bonferroni over 4 groups of (1 + #)/(B + 1): never below 4/(B + 1), never above 1
        for (const p of [row.pHarm!, row.pGain!]) {
          expect(p).toBeGreaterThanOrEqual(Math.min(1, 4 / (B + 1)) - 1e-12);
          expect(p).toBeLessThanOrEqual(1);
        }
      }
      expect(section.envy).toHaveLength(12);
      for (const e of section.envy) {
        expect(e.test).toBe('bootstrap');
        expect(e.gain!).toBeCloseTo(e.misreported! - e.truthful!, 9);
      }
    }
    const overall = report.metrics.mse!.overall;
    expect(overall.gain!).toBeCloseTo(overall.generic! - overall.personalized!, 9);
  });

  it('R² = 1 − MSE / Var(y) per group and overall: one variance explains both models\' values', () => {
    const { r2, rationality, overall } = report.metrics.mse!;
    expect(r2).toBeDefined();
    expect(report.metrics.mae!.r2).toBeUndefined();
    const check = (
      values: { generic: number | null; personalized: number | null; gain: number | null },
      mse: { generic: number | null; personalized: number | null },
    ) => {
      const variance = mse.generic! / (1 - values.generic!);
      expect(1 - mse.personalized! / variance).toBeCloseTo(values.personalized!, 10);
      expect(values.gain!).toBeCloseTo(values.personalized! - values.generic!, 12);
    };
    rationality.forEach((row, j) => {
      expect(r2!.groups[j].group).toBe(row.group);
      check(r2!.groups[j], row);
    });
    check(r2!.overall, overall);
    expect(r2!.overall.personalized!).toBeGreaterThan(r2!.overall.generic!);
  });

  it('limits use the Gaussian form: σ per group and pooled, ε = 1% of h0\'s MSE when not given', () => {
    const limits = report.limits!;
    expect(limits.sigma!).toBeGreaterThan(0);
    expect(limits.groupSigmas).toHaveLength(4);
    expect(limits.epsilonShareOfGenericRisk).toBe(0.01);
    expect(limits.epsilon).toBeCloseTo(0.01 * report.metrics.mse!.overall.generic!, 12);
    expect(limits.n).toBe(report.groups.reduce((s, g) => s + g.nTest, 0));
  });

  it('is reproducible: the same inputs and seed give the same JSON', async () => {
    expect(JSON.stringify(await audit())).toBe(JSON.stringify(report));
  });
});

describe('regression through every technique and option', () => {
  it('all and dcp fit ridge models per group dummy or per group; a given ε is kept, in the metric\'s unit', async () => {
    for (const technique of ['all', 'dcp']) {
      const report = await audit({ technique, epsilon: 25, bootstrap: 50 });
      expect(report.settings.technique).toBe(technique);
      expect(report.metrics.mse!.rationality.find((r) => r.group === 'sex=Male, age_group=55-79')!.verdict).toBe('gain');
      expect(report.limits!.epsilon).toBe(25);
      expect(report.limits!.epsilonShareOfGenericRisk).toBeUndefined();
    }
  });

  it('--metric mae decides the verdict; ε defaults to 1% of h0\'s MAE', async () => {
    const report = await audit({ metric: 'mae', bootstrap: 50 });
    expect(report.settings.metric).toBe('mae');
    expect(report.limits!.epsilon).toBeCloseTo(0.01 * report.metrics.mae!.overall.generic!, 12);
  });

  it('a decoupled group too small to fit gets its mean, with a warning; C = Infinity with 1hot warns that the fit is not unique', async () => {
    const random = new SeededRandom(3);
    const lines = ['y,g,x'];
    for (let i = 0; i < 300; i++) {
      const g = i < 150 ? 'a' : 'b';
      const x = random.nextFloat();
      lines.push(`${(g === 'a' ? 2 * x : -2 * x + 5 + random.nextFloat()).toFixed(3)},${g},${x.toFixed(3)}`);
    }
    lines.push('7.5,c,0.5');
    const load = { load: { label: 'y', groups: ['g'] }, buckets: [] };
    const dcp = await audit({ technique: 'dcp', bootstrap: 20 }, lines.join('\n'), load);
    expect(dcp.warnings).toContain('The decoupled model of g=c has 1 training row; it predicts a constant 7.5, the mean.');
    const unpenalised = await audit({ C: Infinity, bootstrap: 20 }, lines.join('\n'), load);
    expect(unpenalised.settings.C).toBe('Infinity');
    expect(unpenalised.warnings.some((w) => /least-squares fit of the personalized model \(1hot\) is not unique/.test(w))).toBe(true);
    expect(unpenalised.metrics.mse!.rationality.find((r) => r.group === 'g=b')!.verdict).toBe('gain');
  });

  it('--intervene: h0 for the harmed group resolves its violation; each intervention is a whole regression report', async () => {
    const report = await audit({ interventions: true, bootstrap: 100 });
    const interventions = report.interventions!;
    expect(interventions.metric).toBe('mse');
    expect(interventions.items.map((i) => i.kind)).toEqual(['generic', 'decoupled', 'selected']);
    const generic = interventions.items[0];
    expect(generic.groups.find((g) => g.group === FEMALE_OLD)!.assigned).toBe('generic');
    expect(generic.resolved).toContain(`rationality: ${FEMALE_OLD}`);
    expect(generic.groups.find((g) => g.group === FEMALE_OLD)!.after.gain).toBe(0);
    for (const item of interventions.items) {
      expect(Object.keys(item.metrics)).toEqual(['mse', 'mae', 'sufficiency', 'comprehensiveness']);
      expect(item.metrics.mse!.r2).toBeDefined();
      expect(item.overall.after!).toBeGreaterThan(0);
    }
    // the decoupled model of women 55-79 learns their own offset, as the validation choice sees
    expect(interventions.items[1].groups.find((g) => g.group === FEMALE_OLD)!.after.verdict).not.toBe('violation');
    expect(interventions.minimization.groupsWithoutGain).not.toContain('sex=Male, age_group=55-79');
  });
});

describe('what a regression label refuses, in one line each', () => {
  it('a classification metric for a regression label, and a regression metric for a binary one', async () => {
    expect(await auditError({ metric: 'error' })).toMatch(/The metric error is for classification, but the label is numeric .*Use one of: mse, mae/);
    const heart = readFileSync(join(__dirname, '../../examples/heart.csv'), 'utf8');
    const message = await auditError({ metric: 'mse' }, heart, { load: { label: 'Disease', groups: ['Sex', 'Age'] }, buckets: [] });
    expect(message).toMatch(/The metric mse is for regression, but the label is binary .*Use one of: error, auc, ece, logloss, brier/);
  });

  it('a positive class, and a negative ε', async () => {
    expect(await auditError({}, bloodPressure, { load: { ...run.load, positive: '120' } as never, buckets: [] })).toMatch(/regression, which has no classes/);
    expect(await auditError({ epsilon: -1 })).toMatch(/--epsilon is -1/);
  });
});

describe('classification reports say so', () => {
  it('task classification, the positive class and a positive rate', async () => {
    const heart = readFileSync(join(__dirname, '../../examples/heart.csv'), 'utf8');
    const report = await runAudit(prepareAuditDataset(heart, { load: { label: 'Disease', groups: ['Sex', 'Age'] }, buckets: [] }), { bootstrap: 20 }, { path: 'heart.csv' });
    expect(report.dataset).toMatchObject({ task: 'classification', positive: '1' });
    expect(report.groups.every((g) => typeof g.positiveRate === 'number' && g.labelMean === undefined)).toBe(true);
    expect(Object.keys(report.metrics)).toEqual(['error', 'auc', 'ece', 'logloss', 'brier', 'sufficiency', 'comprehensiveness']);
    expect(report.limits!.sigma).toBeUndefined();
  });
});
