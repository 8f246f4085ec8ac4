/**
 * `npm run calibration:fitted`: are the regression tests honest when the models are the engine's non-linear
 * regressors (issue 18)? For the forest and the net, and the two nulls of scripts/calibration/fitted-scenarios.ts
 * (`mirror`: exact, h and h0 share their errors; `refit`: independent fits, true gains computed given the fits),
 * it prints per metric (MSE, MAE) the family-wise false-violation rate (rationality / envy: the share of datasets
 * with a violation on a comparison whose true gain is ≥ 0) with its Monte Carlo standard error, and the coverage
 * of the 90% rationality intervals (share containing the true gain).
 * Env: CALIBRATION_DATASETS (100), CALIBRATION_ROWS (400 per group), CALIBRATION_BOOTSTRAP (500),
 * CALIBRATION_LEARNERS (forest,net). Prints a Markdown table, then the JSON.
 */
import type { MetricId } from '../src/core/audit/metrics';
import { SeededRandom } from '../src/core/numeric/random';
import { auditSimulated, GROUPS } from './calibration/scenarios';
import { type FittedLearner, type FittedScenario, simulateFitted, TRAIN_ROWS } from './calibration/fitted-scenarios';

const DATASETS = Number(process.env.CALIBRATION_DATASETS ?? 100);
const ROWS_PER_GROUP = Number(process.env.CALIBRATION_ROWS ?? 400);
const RESAMPLES = Number(process.env.CALIBRATION_BOOTSTRAP ?? 500);
const LEARNERS = (process.env.CALIBRATION_LEARNERS ?? 'forest,net').split(',') as FittedLearner[];
const SCENARIOS: readonly FittedScenario[] = ['mirror', 'refit'];
const METRICS = ['mse', 'mae'] as const satisfies readonly MetricId[];
const ALPHA = 0.1;

interface Rates {
  familyWiseFalseRationality: number;
  familyWiseFalseEnvy: number;
  coverage: number;
  /** Share of rationality comparisons whose true gain is ≥ 0 (1 under `mirror`). */
  nullShare: number;
}

function run(learner: FittedLearner, scenario: FittedScenario): Record<string, Rates> {
  const tally = Object.fromEntries(METRICS.map((id) => [id, { anyRationality: 0, anyEnvy: 0, covered: 0, intervals: 0, nullComparisons: 0 }]));
  for (let k = 0; k < DATASETS; k++) {
    const data = simulateFitted(learner, scenario, ROWS_PER_GROUP, new SeededRandom(31 + SCENARIOS.indexOf(scenario), k), 5000 + 10 * k);
    const report = auditSimulated(data.groups, METRICS, { resamples: RESAMPLES, seed: 1000 + k, alpha: ALPHA, correction: 'bonferroni' });
    for (const id of METRICS) {
      const section = report[id];
      const t = tally[id];
      const rationalityTruth = data.rationalityTruth[id];
      if (section.rationality.some((row, g) => row.verdict === 'violation' && rationalityTruth[g] >= 0)) t.anyRationality++;
      const groupIndex = (label: string) => Number(label.slice(1));
      if (section.envy.some((row) => row.verdict === 'violation' && data.envyTruth[id][groupIndex(row.group)][groupIndex(row.reportedAs)] >= 0)) t.anyEnvy++;
      section.rationality.forEach((row, g) => {
        if (rationalityTruth[g] >= 0) t.nullComparisons++;
        if (!row.ci) return;
        t.intervals++;
        if (row.ci[0] <= rationalityTruth[g] && rationalityTruth[g] <= row.ci[1]) t.covered++;
      });
    }
  }
  return Object.fromEntries(
    METRICS.map((id) => {
      const t = tally[id];
      return [
        id,
        {
          familyWiseFalseRationality: t.anyRationality / DATASETS,
          familyWiseFalseEnvy: t.anyEnvy / DATASETS,
          coverage: t.covered / t.intervals,
          nullShare: t.nullComparisons / (DATASETS * GROUPS),
        },
      ];
    }),
  );
}

const standardError = (share: number, n: number) => Math.sqrt((share * (1 - share)) / n);

const started = Date.now();
const results: Record<string, Record<string, Record<string, Rates>>> = {};
const seconds: Record<string, number> = {};
for (const learner of LEARNERS) {
  results[learner] = {};
  for (const scenario of SCENARIOS) {
    const t0 = Date.now();
    results[learner][scenario] = run(learner, scenario);
    seconds[`${learner}/${scenario}`] = Math.round((Date.now() - t0) / 1000);
    // Each scenario's figures as soon as they are known: on a shared machine a long run may be stopped.
    process.stderr.write(`${learner} ${scenario}: ${seconds[`${learner}/${scenario}`]} s ${JSON.stringify(results[learner][scenario])}\n`);
  }
}

const fmt = (share: number) => `${share.toFixed(3)} ± ${standardError(share, DATASETS).toFixed(3)}`;
const mark = (share: number) => (share <= ALPHA + 2 * standardError(ALPHA, DATASETS) ? ' ✓' : ' ✗');
const lines = [
  `${DATASETS} datasets per scenario, ${TRAIN_ROWS} training rows per fit, ${GROUPS} groups × ${ROWS_PER_GROUP} test rows, B = ${RESAMPLES}, α = ${ALPHA}, bonferroni; ± one Monte Carlo standard error.`,
  '',
  '| regressor | metric | false violations, mirror null (rationality / envy) | false violations, refit null (rationality / envy) | coverage of the 90% intervals (mirror / refit) | refit comparisons with true gain ≥ 0 |',
  '| --- | --- | --- | --- | --- | --- |',
];
for (const learner of LEARNERS) {
  for (const id of METRICS) {
    const [mirror, refit] = SCENARIOS.map((s) => results[learner][s][id]);
    const intervals = DATASETS * GROUPS;
    lines.push(
      `| ${learner} | ${id} | ${fmt(mirror.familyWiseFalseRationality)}${mark(mirror.familyWiseFalseRationality)} / ${fmt(mirror.familyWiseFalseEnvy)}${mark(mirror.familyWiseFalseEnvy)} | ${fmt(refit.familyWiseFalseRationality)}${mark(refit.familyWiseFalseRationality)} / ${fmt(refit.familyWiseFalseEnvy)}${mark(refit.familyWiseFalseEnvy)} | ${mirror.coverage.toFixed(3)} / ${refit.coverage.toFixed(3)} (± ${standardError(1 - ALPHA, intervals).toFixed(3)}) | ${refit.nullShare.toFixed(2)} |`,
    );
  }
}
process.stdout.write(`${lines.join('\n')}\n\n`);
process.stdout.write(
  `${JSON.stringify({ setup: { datasets: DATASETS, trainRows: TRAIN_ROWS, groups: GROUPS, rowsPerGroup: ROWS_PER_GROUP, bootstrap: RESAMPLES, alpha: ALPHA, correction: 'bonferroni' }, results, seconds, totalSeconds: Math.round((Date.now() - started) / 1000) }, null, 2)}\n`,
);
