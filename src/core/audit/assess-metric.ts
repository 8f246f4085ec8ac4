import { type GroupGains, type GroupPredictions, pointScores } from './bootstrap';
import { mistakes } from './metrics/error-rate';
import type { MetricDefinition } from './metrics/metric';
import { toRisk } from './metrics';
import type { EnvyRow, GainTest, MetricReport, RationalityRow, TestKind, Verdict } from '../report/report';
import { type Correction, correctPValues } from './stats/correction';
import { mcNemar } from './stats/mcnemar';
import type { ResampleSummary } from './resample-summary';
import type { Labels } from '../data/task';

/** One group's material for the tests: its predictions and, when it is large enough, its bootstrap. */
export interface GroupEvidence {
  readonly id: string;
  readonly predictions: GroupPredictions;
  /** False when the group has fewer than minGroupSize test rows (SPEC §1). */
  readonly largeEnough: boolean;
  /** This metric's resampled gains, summarized for the tests, or null when the group is not large enough. */
  readonly resampled: GroupGains<ResampleSummary> | null;
}

export interface AssessSettings {
  readonly alpha: number;
  readonly correction: Correction;
  readonly threshold: number;
}

interface RawTest {
  gain: number | null;
  ci: [number, number] | null;
  pHarm: number | null;
  pGain: number | null;
  test: TestKind | null;
  undefinedResamples: number;
}

/**
 * Turns predictions and resamples into the report section of one metric (SPEC §4–§5): point gains,
 * percentile intervals, one-sided p-values (McNemar for error rate, bootstrap otherwise), corrected
 * across the m rationality tests and, separately, across the envy tests, and a verdict per row.
 *
 * @param overall the test rows of all groups together, each scored by its own group's personalized model
 */
export function assessMetric(
  metric: MetricDefinition,
  evidence: readonly GroupEvidence[],
  overall: { y: Labels; generic: Float64Array; personalized: Float64Array },
  settings: AssessSettings,
): MetricReport {
  const useMcNemar = metric.id === 'error';
  const rationalityRaw: RawTest[] = [];
  const rationalityValues: Array<{ generic: number | null; personalized: number | null }> = [];
  const envyRaw: RawTest[] = [];
  const envyValues: Array<{ group: string; reportedAs: string; truthful: number | null; misreported: number | null }> = [];

  for (const group of evidence) {
    const { y, generic, asGroup, truthful } = group.predictions;
    const point = pointScores(group.predictions, metric, settings.threshold);
    const own = finiteOrNull(point.asGroup[truthful]);
    const resampled = group.largeEnough && own !== null ? group.resampled : null;
    // McNemar pairs decisions: h(·, g) against h0 (rationality) or against h(·, g′) (envy), on g's rows.
    const ownWrong = useMcNemar ? mistakes(y, asGroup[truthful], settings.threshold) : null;
    const exactTest = (comparison: Float64Array) => () => mcNemar(ownWrong!, mistakes(y, comparison, settings.threshold));

    rationalityValues.push({ generic: finiteOrNull(point.generic), personalized: own });
    rationalityRaw.push(rawTest(point.gains.rationality, resampled?.rationality ?? null, useMcNemar ? exactTest(generic) : null));
    asGroup.forEach((other, g) => {
      if (g === truthful) return;
      envyValues.push({ group: group.id, reportedAs: evidence[g].id, truthful: own, misreported: finiteOrNull(point.asGroup[g]) });
      envyRaw.push(rawTest(point.gains.envy[g], resampled?.envy[g] ?? null, useMcNemar ? exactTest(other) : null));
    });
  }

  const rationalityTests = finishTests(rationalityRaw, settings);
  const envyTests = finishTests(envyRaw, settings);
  // Rows are written out field by field, not spread ({ ...values, ...test }): spreading is about 20 times slower,
  // which 256 groups (326,400 envy rows over five metrics) make seconds (docs/performance.md). Same key order.
  const rationality: RationalityRow[] = rationalityTests.map((test, g) => {
    const { generic, personalized } = rationalityValues[g];
    return withTest({ group: evidence[g].id, generic, personalized }, test);
  });
  const envy: EnvyRow[] = envyTests.map((test, k) => {
    const { group, reportedAs, truthful, misreported } = envyValues[k];
    return withTest({ group, reportedAs, truthful, misreported }, test);
  });

  const overallGeneric = finiteOrNull(metric.prepare(overall.y, overall.generic, settings.threshold).score());
  const overallPersonalized = finiteOrNull(metric.prepare(overall.y, overall.personalized, settings.threshold).score());
  const testedGains = rationality.filter((r) => r.verdict !== 'untested').map((r) => r.gain as number);
  return {
    overall: {
      generic: overallGeneric,
      personalized: overallPersonalized,
      gain: overallGeneric === null || overallPersonalized === null ? null : toRisk(metric, overallGeneric) - toRisk(metric, overallPersonalized),
    },
    rationality,
    envy,
    summary: {
      bestGain: testedGains.length ? Math.max(...testedGains) : null,
      worstGain: testedGains.length ? Math.min(...testedGains) : null,
      rationalityGains: count(rationality, 'gain'),
      rationalityViolations: count(rationality, 'violation'),
      envyGains: count(envy, 'gain'),
      envyViolations: count(envy, 'violation'),
    },
  };
}

/**
 * The uncorrected test of one gain: the interval always comes from the resamples; the p-values from the
 * exact test when one is given (error rate), else from the resamples. Resamples on which the metric is
 * undefined (NaN: AUC on a resample that drew one class) are left out of both and counted (SPEC §5).
 * `resampled` null, or no resample with a defined gain, means the gain is reported but not tested.
 */
function rawTest(
  gain: number,
  resampled: ResampleSummary | null,
  exactTest: (() => { pHarm: number; pGain: number }) | null,
): RawTest {
  const pointGain = finiteOrNull(gain);
  const undefinedResamples = resampled?.undefinedResamples ?? 0;
  if (resampled === null || resampled.ci === null || resampled.p === null || pointGain === null) {
    return { gain: pointGain, ci: null, pHarm: null, pGain: null, test: null, undefinedResamples };
  }
  const p = exactTest ? exactTest() : resampled.p;
  return { gain: pointGain, ci: resampled.ci, pHarm: p.pHarm, pGain: p.pGain, test: exactTest ? 'mcnemar' : 'bootstrap', undefinedResamples };
}

/** Corrects harm and gain p-values separately across the family (SPEC §5) and gives each row its verdict. */
function finishTests(raw: readonly RawTest[], settings: AssessSettings): GainTest[] {
  const pHarm = correctPValues(raw.map((r) => r.pHarm), settings.correction);
  const pGain = correctPValues(raw.map((r) => r.pGain), settings.correction);
  return raw.map((r, i) => {
    const verdict = verdictOf(r.test, pHarm[i], pGain[i], settings.alpha);
    const test: GainTest = { gain: r.gain, ci: r.ci, pHarm: pHarm[i], pGain: pGain[i], verdict, test: r.test };
    return r.undefinedResamples > 0 ? { ...test, undefinedResamples: r.undefinedResamples } : test;
  });
}

/** The row's values followed by its test's fields, in GainTest's order (the JSON report's key order). */
function withTest<Values extends object>(values: Values, test: GainTest): Values & GainTest {
  const row = values as Values & { -readonly [K in keyof GainTest]: GainTest[K] };
  row.gain = test.gain;
  row.ci = test.ci;
  row.pHarm = test.pHarm;
  row.pGain = test.pGain;
  row.verdict = test.verdict;
  row.test = test.test;
  if (test.undefinedResamples !== undefined) row.undefinedResamples = test.undefinedResamples;
  return row;
}

function verdictOf(test: TestKind | null, pHarm: number | null, pGain: number | null, alpha: number): Verdict {
  if (test === null || pHarm === null || pGain === null) return 'untested';
  if (pHarm <= alpha) return 'violation';
  if (pGain <= alpha) return 'gain';
  return 'none';
}

function count(rows: ReadonlyArray<{ verdict: Verdict }>, verdict: Verdict): number {
  return rows.filter((r) => r.verdict === verdict).length;
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
