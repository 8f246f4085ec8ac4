import { describe, expect, it } from 'vitest';
import { summarizeResamples } from '../../../src/core/audit/resample-summary';
import { SeededRandom } from '../../../src/core/numeric/random';
import { bootstrapPValues } from '../../../src/core/audit/stats/bootstrap-p-value';
import { percentileInterval, quantileSorted } from '../../../src/core/audit/stats/percentile';

/** The interval by the definition: sort the values, interpolate between order statistics. */
function intervalBySorting(values: readonly number[], alpha: number): [number, number] {
  const sorted = [...values].sort((a, b) => a - b);
  return [quantileSorted(sorted, alpha / 2), quantileSorted(sorted, 1 - alpha / 2)];
}

describe('resampled gains summarized for the tests', () => {
  it('gives the interval of sorted values, by selection, with ties, any size and any level', () => {
    const random = new SeededRandom(17);
    for (const n of [1, 2, 3, 4, 5, 10, 19, 20, 21, 99, 100, 1000]) {
      for (const spread of [3, 41, 1_000_000]) {
        // integer-valued gains: many ties when the spread is small, as error-rate gains on small groups
        const values = Array.from({ length: n }, () => Math.floor(random.nextFloat() * spread) - Math.floor(spread / 2));
        for (const alpha of [0.05, 0.1, 0.5, 1 / 3]) {
          const summary = summarizeResamples(Float64Array.from(values), alpha);
          expect(summary.ci).toEqual(intervalBySorting(values, alpha));
          expect(percentileInterval(values, alpha)).toEqual(intervalBySorting(values, alpha));
        }
      }
    }
  });

  it('leaves out and counts undefined resamples, for both the interval and the p-values', () => {
    const gains = Float64Array.from([NaN, -1, -2, NaN, 0.5, -3, NaN]);
    const summary = summarizeResamples(gains, 0.5);
    expect(summary.undefinedResamples).toBe(3);
    expect(summary.p).toEqual(bootstrapPValues([-1, -2, 0.5, -3]));
    expect(summary.p).toEqual({ pHarm: 2 / 5, pGain: 4 / 5 });
    // sorted: −3 −2 −1 0.5; quantiles 0.25 and 0.75: h = 0.75 → −2.25, h = 2.25 → −0.625
    expect(summary.ci).toEqual([-2.25, -0.625]);
  });

  it('has no interval and no p-values when no resample is defined', () => {
    expect(summarizeResamples(Float64Array.from([NaN, NaN]), 0.05)).toEqual({ undefinedResamples: 2, ci: null, p: null });
  });

  it('reuses a scratch buffer without its old contents leaking into the next summary', () => {
    const scratch = new Float64Array(8).fill(99);
    summarizeResamples(Float64Array.from([5, 6, 7, 8, 9, 10, 11, 12]), 0.1, scratch);
    expect(summarizeResamples(Float64Array.from([1, NaN, 2]), 0.1, scratch).ci).toEqual(intervalBySorting([1, 2], 0.1));
  });
});
