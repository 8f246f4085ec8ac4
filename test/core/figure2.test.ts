import { describe, expect, it } from 'vitest';
import { assessMetric, type GroupEvidence } from '../../src/core/audit/assess-metric';
import { type GroupPredictions, pointGains } from '../../src/core/audit/bootstrap';
import { errorRate } from '../../src/core/audit/metrics';
import { summarizeResamples } from '../../src/core/audit/resample-summary';

/**
 * Paper 1, Figure 2: four groups; h0 predicts − everywhere; h_g predicts + for (young, female),
 * (young, male), (old, female) and − for (old, male). Probabilities 0.9 / 0.1 stand for + / −.
 */
const table = [
  { id: 'young, female', positives: 0, negatives: 24, personalizedSign: 1 },
  { id: 'young, male', positives: 25, negatives: 0, personalizedSign: 1 },
  { id: 'old, female', positives: 25, negatives: 0, personalizedSign: 1 },
  { id: 'old, male', positives: 0, negatives: 27, personalizedSign: 0 },
];
const prob = (sign: number) => (sign ? 0.9 : 0.1);

const groups: GroupPredictions[] = table.map((row, g) => {
  const n = row.positives + row.negatives;
  const y = Uint8Array.from({ length: n }, (_, i) => (i < row.positives ? 1 : 0));
  return {
    y,
    generic: new Float64Array(n).fill(prob(0)),
    asGroup: table.map((other) => new Float64Array(n).fill(prob(other.personalizedSign))),
    truthful: g,
  };
});

describe('paper 1 Figure 2 (misspecification)', () => {
  it('rationality gains in mistakes are −24 / 25 / 25 / 0', () => {
    const mistakesGained = groups.map((g) => Math.round(pointGains(g, errorRate, 0.5).rationality * g.y.length));
    expect(mistakesGained).toEqual([-24, 25, 25, 0]);
  });

  it('the envy matrix shows (young, female) prefers reporting as (old, male), by 24 mistakes', () => {
    const envyInMistakes = groups.map((g) => pointGains(g, errorRate, 0.5).envy.map((d) => (Number.isNaN(d) ? null : Math.round(d * g.y.length))));
    expect(envyInMistakes).toEqual([
      [null, 0, 0, -24],
      [0, null, 0, 25],
      [0, 0, null, 25],
      // (old, male) are all negatives: any other group's + predictions cost them 27 mistakes
      [27, 27, 27, null],
    ]);
  });

  it('McNemar flags the (young, female) violation and the two gains; (old, male) is no change', () => {
    const evidence: GroupEvidence[] = groups.map((predictions, g) => ({
      id: table[g].id,
      predictions,
      largeEnough: true,
      // a constant difference: every resample gives the point gain
      resampled: {
        rationality: summarizeResamples(new Float64Array(20).fill(pointGains(predictions, errorRate, 0.5).rationality), 0.1),
        envy: pointGains(predictions, errorRate, 0.5).envy.map((d) => summarizeResamples(new Float64Array(20).fill(d), 0.1)),
      },
    }));
    const y = Uint8Array.from(groups.flatMap((g) => [...g.y]));
    const report = assessMetric(
      errorRate,
      evidence,
      {
        y,
        generic: Float64Array.from(groups.flatMap((g) => [...g.generic])),
        personalized: Float64Array.from(groups.flatMap((g) => [...g.asGroup[g.truthful]])),
      },
      { alpha: 0.1, correction: 'bonferroni', threshold: 0.5 },
    );
    expect(report.rationality.map((r) => r.verdict)).toEqual(['violation', 'gain', 'gain', 'none']);
    // b = 24, c = 0: P(Bin(24, ½) ≥ 24) = 2^−24, times m = 4 groups
    expect(report.rationality[0].pHarm).toBeCloseTo(4 * 2 ** -24, 15);
    expect(report.rationality[0].test).toBe('mcnemar');
    // overall: 50 mistakes → 24 of 101 rows (paper: "reduces overall error from 50 to 24")
    expect(report.overall.generic! * 101).toBeCloseTo(50, 9);
    expect(report.overall.personalized! * 101).toBeCloseTo(24, 9);
    expect(report.summary).toMatchObject({ rationalityGains: 2, rationalityViolations: 1 });
    const youngFemaleEnvy = report.envy.find((e) => e.group === 'young, female' && e.reportedAs === 'old, male');
    expect(youngFemaleEnvy?.verdict).toBe('violation');
    expect(report.summary.envyViolations).toBe(1);
    expect(report.summary.envyGains).toBe(5);
  });
});
