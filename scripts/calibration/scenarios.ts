/**
 * Simulated audits whose truth is known exactly, for `npm run calibration` and the resampler's unit test.
 * Each scenario draws the test rows of GROUPS groups and every prediction the audit compares on them
 * (h0 and h(·, g′) for every g′), then runs the audit's own bootstrap (`runBootstrapJob`) and tests
 * (`assessMetric`).
 *
 * - `shared-shift`: an exact null in which the two models share their errors, as real personalized models do.
 *   Classification: true probability p ~ U(0.15, 0.85), y ~ Bernoulli(p); each group g has a sign s(g) = +1 for
 *   even g, −1 for odd g; h(·, g′) = p + 0.1·s(g′) and, on group g's rows, h0 = p − 0.1·s(g). The symmetry
 *   (p, y) → (1 − p, 1 − y) maps p + 0.1 onto p − 0.1, so the two have the same error, ECE, log loss and Brier
 *   score in distribution, and the same AUC: every rationality gain is 0, and every envy gain too (between
 *   groups of opposite signs it is the same shared-shift comparison; between groups of the same sign the
 *   predictions are identical). Regression: y = μ + ε, shifts of ±0.5, the same MSE and MAE.
 * - `independent`: the models are independent noisy copies of the truth (logit noise 0.6; regression: noise
 *   of sd 0.6 on μ); every gain is 0 by exchangeability.
 * - `harm`: as `independent`, but group 0's own personalized model is noisier (1.6): its rationality gain is
 *   negative, and `trueHarm` measures it on a very large sample.
 */
import { assessMetric, type GroupEvidence } from '../../src/core/audit/assess-metric';
import { runBootstrapJob } from '../../src/core/audit/audit';
import type { GroupPredictions } from '../../src/core/audit/bootstrap';
import { METRICS, type MetricId, toRisk } from '../../src/core/audit/metrics';
import type { MetricReport } from '../../src/core/report/report';
import { SeededRandom } from '../../src/core/numeric/random';
import type { Correction } from '../../src/core/audit/stats/correction';
import type { Task } from '../../src/core/data/task';

export type Scenario = 'shared-shift' | 'independent' | 'harm';
export const SCENARIOS: readonly Scenario[] = ['shared-shift', 'independent', 'harm'];

export const GROUPS = 4;
const NOISE = 0.6;
const HARMED_NOISE = 1.6;
const SHIFT = 0.1;
const REGRESSION_SHIFT = 0.5;

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

function normalOf(random: SeededRandom): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random.nextFloat())) * Math.cos(2 * Math.PI * random.nextFloat());
}

/** One row's truth and a model's prediction of it, for a task and a scenario. */
interface RowModel {
  /** Draws the row: its label and the truth the models see. */
  row(): { y: number; truth: number };
  /**
   * A model's prediction of a row: `sign` is the shared-shift direction (−s(g) for h0 on group g's rows, s(g′) for
   * h(·, g′)); `harmed` marks the harmed group's own model.
   */
  predict(truth: number, sign: number, harmed: boolean): number;
}

function rowModel(task: Task, scenario: Scenario, random: SeededRandom): RowModel {
  const normal = normalOf(random);
  if (task === 'classification') {
    if (scenario === 'shared-shift') {
      return {
        row: () => {
          const p = 0.15 + 0.7 * random.nextFloat();
          return { y: random.nextFloat() < p ? 1 : 0, truth: p };
        },
        predict: (p, sign) => p + sign * SHIFT,
      };
    }
    return {
      row: () => {
        const z = 1.5 * normal();
        return { y: random.nextFloat() < sigmoid(z) ? 1 : 0, truth: z };
      },
      predict: (z, _sign, harmed) => sigmoid(z + (harmed ? HARMED_NOISE : NOISE) * normal()),
    };
  }
  if (scenario === 'shared-shift') {
    return {
      row: () => {
        const mu = 3 * normal();
        return { y: mu + normal(), truth: mu };
      },
      predict: (mu, sign) => mu + sign * REGRESSION_SHIFT,
    };
  }
  return {
    row: () => {
      const mu = 3 * normal();
      return { y: mu + normal(), truth: mu };
    },
    predict: (mu, _sign, harmed) => mu + (harmed ? HARMED_NOISE : NOISE) * normal(),
  };
}

/** The shared-shift direction s(g) of group g. */
const signOf = (g: number) => (g % 2 === 0 ? 1 : -1);

/** The test rows of GROUPS groups, each with h0 and h(·, g′) for every g′. */
export function simulate(task: Task, scenario: Scenario, rowsPerGroup: number, random: SeededRandom): GroupPredictions[] {
  const model = rowModel(task, scenario, random);
  return Array.from({ length: GROUPS }, (_, g) => {
    const n = rowsPerGroup;
    const y = task === 'classification' ? new Uint8Array(n) : new Float64Array(n);
    const truth = new Float64Array(n);
    for (let i = 0; i < n; i++) ({ y: y[i], truth: truth[i] } = model.row());
    const predictions = (sign: number, harmed: boolean) => Float64Array.from(truth, (t) => model.predict(t, sign, harmed));
    const asGroup = Array.from({ length: GROUPS }, (_, h) => predictions(signOf(h), scenario === 'harm' && g === 0 && h === 0));
    return { y, generic: predictions(-signOf(g), false), asGroup, truthful: g };
  });
}

/**
 * The shared-shift exact null for the explanation metrics (SPEC §9), whose per-row "prediction" is an explanation
 * quality: u ~ U(0, 1) per row, h(·, g′) scores |u − ½ + 0.1·s(g′)| and h0 on group g's rows |u − ½ − 0.1·s(g)|.
 * The symmetry u − ½ → ½ − u maps one onto the other, so both have the same mean (sufficiency and
 * comprehensiveness alike): every rationality and envy gain is 0, and the two share their row-to-row variation as
 * the explanations of two fitted models do. The labels are drawn but unused.
 */
export function simulateExplanations(rowsPerGroup: number, random: SeededRandom): GroupPredictions[] {
  return Array.from({ length: GROUPS }, (_, g) => {
    const u = Float64Array.from({ length: rowsPerGroup }, () => random.nextFloat() - 0.5);
    const y = Uint8Array.from(u, () => (random.nextFloat() < 0.5 ? 1 : 0));
    const quality = (shift: number) => u.map((v) => Math.abs(v + shift));
    return { y, generic: quality(-SHIFT * signOf(g)), asGroup: Array.from({ length: GROUPS }, (_, h) => quality(SHIFT * signOf(h))), truthful: g };
  });
}

/** The audit's tests of one simulated dataset, per metric, with the audit's own bootstrap. */
export function auditSimulated(
  groups: GroupPredictions[],
  metricIds: readonly MetricId[],
  settings: { resamples: number; seed: number; alpha: number; correction: Correction },
): Record<string, MetricReport> {
  const resampled = groups.map((group, j) =>
    runBootstrapJob({ group, metrics: metricIds, resamples: settings.resamples, seed: settings.seed, stream: j, threshold: 0.5, alpha: settings.alpha }),
  );
  const overall = {
    y: concat(groups.map((g) => Float64Array.from(g.y))),
    generic: concat(groups.map((g) => g.generic)),
    personalized: concat(groups.map((g) => g.asGroup[g.truthful])),
  };
  return Object.fromEntries(
    metricIds.map((id, m) => {
      const evidence: GroupEvidence[] = groups.map((predictions, j) => ({ id: `g${j}`, predictions, largeEnough: true, resampled: resampled[j][m] }));
      return [id, assessMetric(METRICS[id], evidence, overall, { alpha: settings.alpha, correction: settings.correction, threshold: 0.5 })];
    }),
  );
}

/**
 * The true rationality gain of group 0 in a scenario, per metric: 0 under both nulls (by symmetry or
 * exchangeability), and for `harm` measured on one sample of 400,000 rows.
 */
export function trueGain(task: Task, scenario: Scenario, metricIds: readonly MetricId[]): Record<string, number> {
  if (scenario !== 'harm') return Object.fromEntries(metricIds.map((id) => [id, 0]));
  const [group] = simulate(task, scenario, 400_000, new SeededRandom(99));
  return Object.fromEntries(
    metricIds.map((id) => {
      const metric = METRICS[id];
      const risk = (p: Float64Array) => toRisk(metric, metric.prepare(group.y, p, 0.5).score());
      return [id, risk(group.generic) - risk(group.asGroup[0])];
    }),
  );
}

function concat(parts: Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((s, p) => s + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
