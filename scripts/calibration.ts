/**
 * `npm run calibration`: the evidence that the audit's tests are honest. For every metric of both tasks, it
 * simulates many datasets in three scenarios whose truth is known exactly (scripts/calibration/scenarios.ts:
 * an exact null where the two models share their errors, an independent-noise null, and a planted harm), runs the
 * audit's own bootstrap and tests on each, and prints:
 *  - the family-wise false-violation rate under each null (the share of datasets with any violation among the
 *    rationality tests, and separately among the envy tests, as SPEC §5 corrects them), with its Monte Carlo
 *    standard error: the goal is ≤ α within two standard errors;
 *  - the coverage of the 1 − α rationality intervals (share that contain the true gain), with its standard error:
 *    the goal is 1 − α within two standard errors;
 *  - the power: the share of `harm` datasets in which the harmed group's rationality violation is found.
 * Env: CALIBRATION_DATASETS (200), CALIBRATION_ROWS (400 per group), CALIBRATION_BOOTSTRAP (500),
 * CALIBRATION_CORRECTION (bonferroni), CALIBRATION_TASKS (classification,regression). Prints a Markdown table, then the JSON.
 */
import { CLASSIFICATION_METRIC_IDS, REGRESSION_METRIC_IDS, type MetricId } from '../src/core/audit/metrics';
import { SeededRandom } from '../src/core/numeric/random';
import type { Correction } from '../src/core/audit/stats/correction';
import type { Task } from '../src/core/data/task';
import { auditSimulated, GROUPS, SCENARIOS, type Scenario, simulate, trueGain } from './calibration/scenarios';

const DATASETS = Number(process.env.CALIBRATION_DATASETS ?? 200);
const ROWS_PER_GROUP = Number(process.env.CALIBRATION_ROWS ?? 400);
const RESAMPLES = Number(process.env.CALIBRATION_BOOTSTRAP ?? 500);
const CORRECTION = (process.env.CALIBRATION_CORRECTION ?? 'bonferroni') as Correction;
const ALPHA = 0.1;

interface Rates {
  familyWiseFalseRationality: number | null;
  familyWiseFalseEnvy: number | null;
  coverage: number;
  power: number | null;
}

function run(task: Task, scenario: Scenario, metricIds: readonly MetricId[]): Record<string, Rates> {
  const truth = trueGain(task, scenario, metricIds);
  const tally = Object.fromEntries(metricIds.map((id) => [id, { anyRationality: 0, anyEnvy: 0, covered: 0, intervals: 0, detected: 0 }]));
  for (let k = 0; k < DATASETS; k++) {
    const groups = simulate(task, scenario, ROWS_PER_GROUP, new SeededRandom(7 + SCENARIOS.indexOf(scenario), k));
    const report = auditSimulated(groups, metricIds, { resamples: RESAMPLES, seed: 1000 + k, alpha: ALPHA, correction: CORRECTION });
    for (const id of metricIds) {
      const section = report[id];
      const t = tally[id];
      if (section.rationality.some((r) => r.verdict === 'violation')) t.anyRationality++;
      if (section.envy.some((r) => r.verdict === 'violation')) t.anyEnvy++;
      section.rationality.forEach((row, g) => {
        if (!row.ci) return;
        // under harm only group 0 is harmed; every other gain is 0
        const trueValue = scenario === 'harm' && g === 0 ? truth[id] : 0;
        t.intervals++;
        if (row.ci[0] <= trueValue && trueValue <= row.ci[1]) t.covered++;
      });
      if (section.rationality[0].verdict === 'violation') t.detected++;
    }
  }
  return Object.fromEntries(
    metricIds.map((id) => {
      const t = tally[id];
      const isNull = scenario !== 'harm';
      return [
        id,
        {
          familyWiseFalseRationality: isNull ? t.anyRationality / DATASETS : null,
          familyWiseFalseEnvy: isNull ? t.anyEnvy / DATASETS : null,
          coverage: t.covered / t.intervals,
          power: isNull ? null : t.detected / DATASETS,
        },
      ];
    }),
  );
}

/** Monte Carlo standard error of a share estimated from n draws. */
const standardError = (share: number, n: number) => Math.sqrt((share * (1 - share)) / n);

const started = Date.now();
const TASKS = (process.env.CALIBRATION_TASKS ?? 'classification,regression').split(',');
const tasks = ([
  ['classification', CLASSIFICATION_METRIC_IDS],
  ['regression', REGRESSION_METRIC_IDS],
] as Array<[Task, readonly MetricId[]]>).filter(([task]) => TASKS.includes(task));
const results: Record<string, Record<string, Record<string, Rates>>> = {};
for (const [task, ids] of tasks) {
  results[task] = {};
  for (const scenario of SCENARIOS) results[task][scenario] = run(task, scenario, ids);
}

const fmt = (share: number | null, n: number) => (share === null ? '' : `${share.toFixed(3)} ± ${standardError(share, n).toFixed(3)}`);
const fwerLimit = (share: number | null) => (share === null ? '' : share <= ALPHA + 2 * standardError(ALPHA, DATASETS) ? ' ✓' : ' ✗');
const lines = [
  `${DATASETS} datasets per scenario, ${GROUPS} groups × ${ROWS_PER_GROUP} test rows, B = ${RESAMPLES}, α = ${ALPHA}, ${CORRECTION}; ± one Monte Carlo standard error.`,
  '',
  '| task | metric | false violations, shared-shift null (rationality / envy) | false violations, independent null (rationality / envy) | coverage of the 90% intervals (shared / independent / harm) | power |',
  '| --- | --- | --- | --- | --- | --- |',
];
for (const [task, ids] of tasks) {
  for (const id of ids) {
    const [shared, independent, harm] = SCENARIOS.map((s) => results[task][s][id]);
    const intervals = DATASETS * GROUPS;
    lines.push(
      `| ${task} | ${id} | ${fmt(shared.familyWiseFalseRationality, DATASETS)}${fwerLimit(shared.familyWiseFalseRationality)} / ${fmt(shared.familyWiseFalseEnvy, DATASETS)}${fwerLimit(shared.familyWiseFalseEnvy)} | ${fmt(independent.familyWiseFalseRationality, DATASETS)}${fwerLimit(independent.familyWiseFalseRationality)} / ${fmt(independent.familyWiseFalseEnvy, DATASETS)}${fwerLimit(independent.familyWiseFalseEnvy)} | ${[shared, independent, harm].map((r) => r.coverage.toFixed(3)).join(' / ')} (± ${standardError(1 - ALPHA, intervals).toFixed(3)}) | ${harm.power!.toFixed(3)} |`,
    );
  }
}
process.stdout.write(`${lines.join('\n')}\n\n`);
process.stdout.write(
  `${JSON.stringify({ setup: { datasets: DATASETS, groups: GROUPS, rowsPerGroup: ROWS_PER_GROUP, bootstrap: RESAMPLES, alpha: ALPHA, correction: CORRECTION }, results, seconds: Math.round((Date.now() - started) / 1000) }, null, 2)}\n`,
);
