import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * SPEC §9 against an independent numpy / scikit-learn computation (scripts/fixtures/make_explanation_fixtures.py):
 * per group, sufficiency and comprehensiveness of h0, h(·, g) and h(·, g′), for 1hot, all and dcp, on the heart
 * data and on scikit-learn's unscaled diabetes data (numeric group codes), as a classification and a regression.
 */
const root = resolve(__dirname, '../..');
const fixture = JSON.parse(readFileSync(join(root, 'test/fixtures/explain/expected.json'), 'utf8'));
const TOLERANCE = 1e-9;

function fairuse(...args: string[]) {
  const run = spawnSync(process.execPath, [join(root, 'bin/fairuse.js'), ...args], { cwd: root, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

type ExpectedLimits = { groupSigmas: Array<number | null>; sigma: number; epsilon: number; errorProbabilityBound: number; maxAttributes: number };
type Expected = {
  limits: Record<'sufficiency' | 'comprehensiveness', ExpectedLimits>;
  rationality: Array<{ group: string; sufficiency: { generic: number; personalized: number }; comprehensiveness: { generic: number; personalized: number } }>;
  envy: Array<{ group: string; reportedAs: string; sufficiency: number; comprehensiveness: number }>;
};

describe.each(fixture.cases as Array<{ name: string; csv: string; label: string; groups: string; features: string[]; techniques: Record<string, Expected> }>)('explanation metrics of $name match numpy', (c) => {
  it.each(['1hot', 'all', 'dcp'])('%s', (technique) => {
    const run = fairuse('audit', c.csv, '--label', c.label, '--groups', c.groups, '--features', c.features.join(','), '--split-column', 'split', '--C', '1', '--technique', technique, '--bootstrap', '50', '--json', '-', '--quiet');
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout.slice(run.stdout.indexOf('{')));
    expect(report.explanations).toMatchObject({ method: 'linear-exact', fraction: 0.5 });
    const expected = c.techniques[technique];
    for (const metric of ['sufficiency', 'comprehensiveness'] as const) {
      const section = report.metrics[metric];
      expect(section.rationality.map((r: { group: string }) => r.group)).toEqual(expected.rationality.map((r) => r.group));
      for (const row of expected.rationality) {
        const got = section.rationality.find((r: { group: string }) => r.group === row.group);
        expect(Math.abs(got.generic - row[metric].generic)).toBeLessThan(TOLERANCE);
        expect(Math.abs(got.personalized - row[metric].personalized)).toBeLessThan(TOLERANCE);
      }
      expect(section.envy).toHaveLength(expected.envy.length);
      for (const pair of expected.envy) {
        const got = section.envy.find((e: { group: string; reportedAs: string }) => e.group === pair.group && e.reportedAs === pair.reportedAs);
        expect(Math.abs(got.misreported - pair[metric])).toBeLessThan(TOLERANCE);
      }
      // SPEC §7 for the explanation metric, Gaussian form: σ of the per-person gain per group, ε, P_e and k_max.
      const limits = report.limits.explanations[metric];
      const want = expected.limits[metric];
      expect(limits.groupSigmas).toHaveLength(want.groupSigmas.length);
      want.groupSigmas.forEach((sigma, j) => expect(Math.abs(limits.groupSigmas[j] - sigma!)).toBeLessThan(TOLERANCE));
      for (const key of ['sigma', 'epsilon', 'errorProbabilityBound', 'maxAttributes'] as const) expect(Math.abs(limits[key] - want[key])).toBeLessThan(TOLERANCE);
    }
  });
});

describe('explanation options', () => {
  const heart = ['audit', 'examples/heart.csv', '--label', 'Disease', '--groups', 'Sex,Age', '--bootstrap', '50'];

  it('--no-explanations leaves the report as it was before explanations', () => {
    const report = JSON.parse(fairuse(...heart, '--no-explanations', '--json', '-', '--quiet').stdout.replace(/^[^{]*/, ''));
    expect(Object.keys(report.metrics)).toEqual(['error', 'auc', 'ece', 'logloss', 'brier']);
    expect(report.explanations).toBeUndefined();
    expect(report.limits.explanations).toBeUndefined();
    expect(report.limits.sigma).toBeUndefined();
  });

  it('--explain-fraction outside (0, 1] is one clear line', () => {
    const run = fairuse(...heart, '--explain-fraction', '1.5');
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/--explain-fraction is 1.5/);
  });

  it('--metric sufficiency decides the exit status', () => {
    const run = fairuse(...heart, '--metric', 'sufficiency', '--json', '-', '--quiet');
    const report = JSON.parse(run.stdout.slice(run.stdout.indexOf('{')));
    expect(report.settings.metric).toBe('sufficiency');
    const s = report.metrics.sufficiency.summary;
    // Without a violation heart is inconclusive: its four groups are more than its test rows can validate (SPEC §7).
    expect(report.limits.tooManyGroups).toBe(true);
    // The bound is sufficiency's, in the Gaussian form (SPEC §7 with the explanation gains' spread), ε 1% of h0's.
    expect(report.limits).toMatchObject({ ...report.limits.explanations.sufficiency, epsilonShareOfGenericRisk: 0.01 });
    expect(report.limits.epsilon).toBeCloseTo(0.01 * report.metrics.sufficiency.overall.generic, 15);
    expect(run.status).toBe(s.rationalityViolations + s.envyViolations > 0 ? 1 : 3);
  });

  it('--epsilon with --metric sufficiency is in sufficiency\'s unit, for its bound only', () => {
    const report = JSON.parse(fairuse(...heart, '--metric', 'sufficiency', '--epsilon', '0.02', '--json', '-', '--quiet').stdout.replace(/^[^{]*/, ''));
    expect(report.limits.epsilon).toBe(0.02);
    expect(report.limits.sigma).toBe(report.limits.explanations.sufficiency.sigma);
    expect(report.limits.explanations.sufficiency.epsilon).toBe(0.02);
    expect(report.limits.explanations.comprehensiveness.epsilonShareOfGenericRisk).toBe(0.01);
  });

  it('--metric comprehensiveness with --no-explanations is refused', () => {
    const run = fairuse(...heart, '--metric', 'comprehensiveness', '--no-explanations');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/needs explanations/);
  });

  it('a forest and a net decide by an explanation metric too, and name their attribution', () => {
    for (const [model, method] of [['rf', 'tree-shap'], ['nn', 'integrated-gradients']]) {
      const run = fairuse(...heart, '--model', model, '--metric', 'comprehensiveness', '--json', '-', '--quiet');
      const report = JSON.parse(run.stdout.slice(run.stdout.indexOf('{')));
      expect(report.explanations.method).toBe(method);
      const s = report.metrics.comprehensiveness.summary;
      expect(run.status).toBe(s.rationalityViolations + s.envyViolations > 0 ? 1 : 3);
    }
  });

  it("the engine's JSON model file decides by an explanation metric, explained as the engine's own linear model", () => {
    const run = fairuse('audit', 'examples/heart.csv', '--model-file', 'test/fixtures/models/heart-lr.model.json', '--metric', 'sufficiency', '--json', '-', '--quiet');
    const report = JSON.parse(run.stdout.slice(run.stdout.indexOf('{')));
    expect(report.explanations.method).toBe('linear-exact');
    const s = report.metrics.sufficiency.summary;
    expect(run.status).toBe(s.rationalityViolations + s.envyViolations > 0 ? 1 : 3);
  });
});
