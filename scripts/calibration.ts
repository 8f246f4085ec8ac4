/**
 * `npm run calibration`: is the audit's test honest? Simulates the test rows of 4 groups many times, with
 * predictions whose truth is known exactly:
 *  - null: h0 and every h(·, g′) are independent noisy copies of the true risk, so every rationality and envy
 *    gain is 0 in expectation; a violation is a false alarm. The share of datasets with any false violation
 *    in a family (the family-wise error rate, rationality and envy separately, as SPEC §5 corrects them) must
 *    be ≤ α after the correction.
 *  - harm: the same, but group 0's own personalized predictions are noisier, so it is truly harmed; the share
 *    of datasets where group 0's rationality violation is found is the power.
 * For the McNemar path (error rate) and the bootstrap path (AUC, log loss, Brier, ECE), through the same
 * `runBootstrapJob` and `assessMetric` the audit uses. Prints a JSON summary.
 */
import { assessMetric, type GroupEvidence } from '../src/core/assess-metric';
import { runBootstrapJob } from '../src/core/audit';
import type { GroupPredictions } from '../src/core/bootstrap';
import { METRICS, CLASSIFICATION_METRIC_IDS as METRIC_IDS, type MetricId, toRisk } from '../src/core/metrics';
import { SeededRandom } from '../src/core/random';
import type { Correction } from '../src/core/stats/correction';

const DATASETS = Number(process.env.CALIBRATION_DATASETS ?? 200);
const ROWS_PER_GROUP = Number(process.env.CALIBRATION_ROWS ?? 400);
const RESAMPLES = Number(process.env.CALIBRATION_BOOTSTRAP ?? 500);
const GROUPS = 4;
const ALPHA = 0.1;
/** Logit noise of every model, and of the harmed group's own personalized model. */
const NOISE = 0.6;
const HARMED_NOISE = 1.6;

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

function simulate(random: SeededRandom, harmed: boolean): GroupPredictions[] {
  const normal = () => Math.sqrt(-2 * Math.log(1 - random.nextFloat())) * Math.cos(2 * Math.PI * random.nextFloat());
  return Array.from({ length: GROUPS }, (_, g) => {
    const n = ROWS_PER_GROUP;
    const y = new Uint8Array(n);
    const logits = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      logits[i] = 1.5 * normal();
      y[i] = random.nextFloat() < sigmoid(logits[i]) ? 1 : 0;
    }
    const noisy = (sd: number) => Float64Array.from(logits, (z) => sigmoid(z + sd * normal()));
    const asGroup = Array.from({ length: GROUPS }, (_, h) => noisy(harmed && g === 0 && h === 0 ? HARMED_NOISE : NOISE));
    return { y, generic: noisy(NOISE), asGroup, truthful: g };
  });
}

interface Tally {
  anyFalseRationality: number;
  anyFalseEnvy: number;
  falseRationality: number;
  falseEnvy: number;
  detected: number;
}

function audit(groups: GroupPredictions[], index: number, correction: Correction) {
  const resampled = groups.map((group, j) => runBootstrapJob({ group, metrics: METRIC_IDS, resamples: RESAMPLES, seed: 1000 + index, stream: j, threshold: 0.5 }));
  const overall = {
    y: concat(groups.map((g) => g.y), Uint8Array),
    generic: concat(groups.map((g) => g.generic), Float64Array),
    personalized: concat(groups.map((g) => g.asGroup[g.truthful]), Float64Array),
  };
  return Object.fromEntries(
    METRIC_IDS.map((id, m) => {
      const evidence: GroupEvidence[] = groups.map((predictions, j) => ({ id: `g${j}`, predictions, largeEnough: true, resampled: resampled[j][m] }));
      return [id, assessMetric(METRICS[id], evidence, overall, { alpha: ALPHA, correction, threshold: 0.5 })];
    }),
  ) as Record<MetricId, ReturnType<typeof assessMetric>>;
}

function concat<T extends Uint8Array | Float64Array>(parts: T[], Type: { new (n: number): T }): T {
  const out = new Type(parts.reduce((s, p) => s + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

function run(correction: Correction) {
  const nullTally = Object.fromEntries(METRIC_IDS.map((id) => [id, { anyFalseRationality: 0, anyFalseEnvy: 0, falseRationality: 0, falseEnvy: 0, detected: 0 } as Tally]));
  const harmTally = Object.fromEntries(METRIC_IDS.map((id) => [id, { anyFalseRationality: 0, anyFalseEnvy: 0, falseRationality: 0, falseEnvy: 0, detected: 0 } as Tally]));
  for (let k = 0; k < DATASETS; k++) {
    const nullReport = audit(simulate(new SeededRandom(7, 2 * k), false), k, correction);
    const harmReport = audit(simulate(new SeededRandom(7, 2 * k + 1), true), k, correction);
    for (const id of METRIC_IDS) {
      const r = nullReport[id];
      const falseR = r.rationality.filter((row) => row.verdict === 'violation').length;
      const falseE = r.envy.filter((row) => row.verdict === 'violation').length;
      nullTally[id].falseRationality += falseR;
      nullTally[id].falseEnvy += falseE;
      if (falseR > 0) nullTally[id].anyFalseRationality++;
      if (falseE > 0) nullTally[id].anyFalseEnvy++;
      if (harmReport[id].rationality[0].verdict === 'violation') harmTally[id].detected++;
    }
  }
  return Object.fromEntries(
    METRIC_IDS.map((id) => [
      id,
      {
        test: id === 'error' ? 'mcnemar' : 'bootstrap',
        // SPEC §5 corrects the rationality tests and the envy tests as two families, each at level α.
        familyWiseFalseRationality: nullTally[id].anyFalseRationality / DATASETS,
        familyWiseFalseEnvy: nullTally[id].anyFalseEnvy / DATASETS,
        falseRationalityRate: nullTally[id].falseRationality / (DATASETS * GROUPS),
        falseEnvyRate: nullTally[id].falseEnvy / (DATASETS * GROUPS * (GROUPS - 1)),
        power: harmTally[id].detected / DATASETS,
      },
    ]),
  );
}

/** The harm in each metric, measured on one very large sample: what the power is the power to detect. */
function trueHarm(): Record<MetricId, number> {
  const random = new SeededRandom(99);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random.nextFloat())) * Math.cos(2 * Math.PI * random.nextFloat());
  const n = 400_000;
  const y = new Uint8Array(n);
  const own = new Float64Array(n);
  const generic = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const z = 1.5 * normal();
    y[i] = random.nextFloat() < sigmoid(z) ? 1 : 0;
    own[i] = sigmoid(z + HARMED_NOISE * normal());
    generic[i] = sigmoid(z + NOISE * normal());
  }
  return Object.fromEntries(
    METRIC_IDS.map((id) => {
      const metric = METRICS[id];
      const risk = (p: Float64Array) => toRisk(metric, metric.prepare(y, p, 0.5).score());
      return [id, Number((risk(generic) - risk(own)).toFixed(4))];
    }),
  ) as Record<MetricId, number>;
}

const started = Date.now();
const result = {
  setup: { datasets: DATASETS, groups: GROUPS, rowsPerGroup: ROWS_PER_GROUP, bootstrap: RESAMPLES, alpha: ALPHA, noise: NOISE, harmedNoise: HARMED_NOISE },
  trueRationalityGainOfHarmedGroup: trueHarm(),
  bonferroni: run('bonferroni'),
  holm: run('holm'),
  seconds: 0,
};
result.seconds = Math.round((Date.now() - started) / 1000);
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
