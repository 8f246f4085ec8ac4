import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { METRIC_IDS, METRICS } from '../../../src/core/audit/metrics';

/** Rows repeated as often as their count says: the resample the count vector stands for. */
function materialise(y: Uint8Array, p: Float64Array, counts: number[]) {
  const ys: number[] = [];
  const ps: number[] = [];
  counts.forEach((c, i) => {
    for (let k = 0; k < c; k++) {
      ys.push(y[i]);
      ps.push(p[i]);
    }
  });
  return { y: Uint8Array.from(ys), p: Float64Array.from(ps) };
}

/** Brute-force Mann–Whitney over all pairs, ties ½: the reference for the sorted sweep. */
function aucByPairs(y: Uint8Array, p: Float64Array): number {
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 1) continue;
    for (let j = 0; j < y.length; j++) {
      if (y[j] !== 0) continue;
      pairs++;
      sum += p[i] > p[j] ? 1 : p[i] === p[j] ? 0.5 : 0;
    }
  }
  return sum / pairs;
}

// Scores on a coarse grid so that ties are common.
const rowsArb = fc
  .array(
    fc.record({ y: fc.integer({ min: 0, max: 1 }), p: fc.integer({ min: 0, max: 20 }).map((k) => k / 20), c: fc.integer({ min: 0, max: 4 }) }),
    { minLength: 2, maxLength: 40 },
  )
  .filter((rows) => rows.some((r) => r.c > 0));

describe('count-weighted metric kernels (SPEC §5 cost note)', () => {
  for (const id of METRIC_IDS) {
    it(`${id}: scoring with counts equals scoring the materialised resample`, () => {
      fc.assert(
        fc.property(rowsArb, (rows) => {
          const y = Uint8Array.from(rows, (r) => r.y);
          const p = Float64Array.from(rows, (r) => r.p);
          const counts = rows.map((r) => r.c);
          const expanded = materialise(y, p, counts);
          const weighted = METRICS[id].prepare(y, p, 0.5).score(counts);
          const direct = METRICS[id].prepare(expanded.y, expanded.p, 0.5).score();
          if (Number.isNaN(direct)) return Number.isNaN(weighted);
          return Math.abs(weighted - direct) < 1e-12;
        }),
        { numRuns: 300 },
      );
    });
  }

  it('AUC equals the all-pairs Mann–Whitney count', () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const y = Uint8Array.from(rows, (r) => r.y);
        const p = Float64Array.from(rows, (r) => r.p);
        if (!y.includes(0) || !y.includes(1)) return true;
        return Math.abs(METRICS.auc.prepare(y, p, 0.5).score() - aucByPairs(y, p)) < 1e-12;
      }),
      { numRuns: 300 },
    );
  });

  it('a prepared kernel gives the same score when called again (no state leaks between resamples)', () => {
    const y = Uint8Array.of(0, 1, 1, 0, 1);
    const p = Float64Array.of(0.1, 0.8, 0.3, 0.6, 0.9);
    for (const id of METRIC_IDS) {
      const kernel = METRICS[id].prepare(y, p, 0.5);
      const first = kernel.score([2, 0, 1, 1, 3]);
      kernel.score([0, 3, 0, 2, 0]);
      expect(kernel.score([2, 0, 1, 1, 3])).toBe(first);
    }
  });
});
