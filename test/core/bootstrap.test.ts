import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bootstrapGroupGains, bootstrapSeed, type GroupPredictions, pointGains } from '../../src/core/audit/bootstrap';
import { SeededRandom } from '../../src/core/numeric/random';
import { METRIC_IDS, METRICS } from '../../src/core/audit/metrics';

const metrics = METRIC_IDS.map((id) => METRICS[id]);

const groupArb = fc
  .record({
    rows: fc.array(
      fc.record({
        y: fc.integer({ min: 0, max: 1 }),
        p0: fc.double({ min: 0, max: 1, noNaN: true }),
        p1: fc.double({ min: 0, max: 1, noNaN: true }),
        p2: fc.double({ min: 0, max: 1, noNaN: true }),
      }),
      { minLength: 4, maxLength: 30 },
    ),
    seed: fc.integer({ min: 0, max: 2 ** 31 }),
  })
  .filter(({ rows }) => rows.some((r) => r.y === 1) && rows.some((r) => r.y === 0));

function toGroup(rows: Array<{ y: number; p0: number; p1: number; p2: number }>): GroupPredictions {
  return {
    y: Uint8Array.from(rows, (r) => r.y),
    generic: Float64Array.from(rows, (r) => r.p0),
    asGroup: [Float64Array.from(rows, (r) => r.p1), Float64Array.from(rows, (r) => r.p2)],
    truthful: 0,
  };
}

const settings = (seed: number) => ({ resamples: 40, seed, stream: 3, threshold: 0.5 });

describe('paired bootstrap (SPEC §5)', () => {
  it('is deterministic per seed', () => {
    fc.assert(
      fc.property(groupArb, ({ rows, seed }) => {
        const a = bootstrapGroupGains(toGroup(rows), metrics, settings(seed));
        const b = bootstrapGroupGains(toGroup(rows), metrics, settings(seed));
        expect(a).toEqual(b);
      }),
      { numRuns: 50 },
    );
  });

  it('changes with the seed and with the stream', () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({ y: i % 2, p0: (i * 7) % 10 / 10, p1: (i * 3) % 10 / 10, p2: 0.5 }));
    const base = bootstrapGroupGains(toGroup(rows), metrics, settings(1))[0].rationality;
    expect(bootstrapGroupGains(toGroup(rows), metrics, settings(2))[0].rationality).not.toEqual(base);
    expect(bootstrapGroupGains(toGroup(rows), metrics, { ...settings(1), stream: 4 })[0].rationality).not.toEqual(base);
  });

  it('gains change sign when h0 and the personalized model are swapped, point and resampled', () => {
    fc.assert(
      fc.property(groupArb, ({ rows, seed }) => {
        const group = toGroup(rows);
        const swapped: GroupPredictions = { ...group, generic: group.asGroup[0], asGroup: [group.generic, group.asGroup[1]] };
        for (const metric of metrics) {
          expect(pointGains(swapped, metric, 0.5).rationality).toBeCloseTo(-pointGains(group, metric, 0.5).rationality, 12);
        }
        const a = bootstrapGroupGains(group, metrics, settings(seed));
        const b = bootstrapGroupGains(swapped, metrics, settings(seed));
        // a resample that drew one class leaves AUC undefined (NaN) for both orders alike
        a.forEach((gains, m) =>
          gains.rationality.forEach((d, k) => (Number.isNaN(d) ? expect(b[m].rationality[k]).toBeNaN() : expect(b[m].rationality[k]).toBeCloseTo(-d, 12))),
        );
      }),
      { numRuns: 50 },
    );
  });

  it('resamples the group as a whole: the number of positives varies between resamples (SPEC §5, not stratified)', () => {
    // With h0 = always 1 and h = always 0, error(h0) − error(h) = (n₋ − n₊)/n of the resample: it would be
    // (5 − 3)/8 in every resample if the positives and negatives were drawn separately.
    const y = Uint8Array.of(1, 1, 1, 0, 0, 0, 0, 0);
    const group: GroupPredictions = { y, generic: new Float64Array(8).fill(0.9), asGroup: [new Float64Array(8).fill(0.1)], truthful: 0 };
    const [error] = bootstrapGroupGains(group, [METRICS.error], { resamples: 400, seed: 5, stream: 0, threshold: 0.5 });
    const positivesDrawn = Array.from(error.rationality, (d) => Math.round((8 - d * 8) / 2));
    expect(new Set(positivesDrawn).size).toBeGreaterThan(4);
    // E[positives drawn] = 3: the mean over 400 resamples lies within 4 standard errors (sd = √(8·3/8·5/8) ≈ 1.37)
    const mean = positivesDrawn.reduce((s, v) => s + v, 0) / positivesDrawn.length;
    expect(Math.abs(mean - 3)).toBeLessThan(4 * 1.37 / Math.sqrt(400));
  });

  it('a regression resamples the group\'s rows together, and the same draws for any y', () => {
    // y marks rows 0–2 as "1": with label strata their count would stay 3 in every resample.
    const y = Float64Array.of(1, 1, 1, 0, 0, 0, 0, 0);
    const indicator = Float64Array.from(y);
    // MAE of h0 = y-indicator against h = 0: the resampled share of rows 0–2, minus nothing.
    const group: GroupPredictions = { y: new Float64Array(8), generic: indicator, asGroup: [new Float64Array(8)], truthful: 0 };
    const [mae] = bootstrapGroupGains(group, [METRICS.mae], { resamples: 200, seed: 5, stream: 0, threshold: 0.5 });
    const shares = new Set(Array.from(mae.rationality, (d) => Math.round(d * 8)));
    expect(shares.size).toBeGreaterThan(3);
    // the draws do not depend on the labels: y and both predictions moved by the same amount per row, same gains
    const shift = Float64Array.of(5, -2, 7, 1, 1, 1, 0, 3);
    const relabeled: GroupPredictions = { y: shift, generic: shift.map((c, i) => c + indicator[i]), asGroup: [shift], truthful: 0 };
    const [again] = bootstrapGroupGains(relabeled, [METRICS.mae], { resamples: 200, seed: 5, stream: 0, threshold: 0.5 });
    expect(Array.from(again.rationality)).toEqual(Array.from(mae.rationality));
  });
});

describe('bootstrap seed domain', () => {
  it('the bootstrap of a group and the split of a stratum that start at the same row draw different streams', () => {
    for (const seed of [0, 1, 42, 2 ** 31 - 1]) {
      for (const stream of [0, 7, 180]) {
        const split = new SeededRandom(seed, stream);
        const resample = new SeededRandom(bootstrapSeed(seed), stream);
        const a = Array.from({ length: 8 }, () => split.nextUint32());
        const b = Array.from({ length: 8 }, () => resample.nextUint32());
        expect(b).not.toEqual(a);
        expect(Number.isInteger(bootstrapSeed(seed)) && bootstrapSeed(seed) >= 0 && bootstrapSeed(seed) < 2 ** 32).toBe(true);
      }
    }
  });
});
