import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binFeatures } from '../../../src/core/learn/forest';
import { sortedOrder, sortScratch } from '../../../src/core/learn/forest/sorted-order';
import { denseMatrix } from '../../../src/core/numeric/matrix';

describe('sortedOrder', () => {
  it('orders as a stable sort by value', () => {
    expect(Array.from(sortedOrder(Float64Array.of(0.5, -2, 0.25), sortScratch(3)))).toEqual([1, 2, 0]);
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double({ noNaN: true }), fc.constantFrom(0, -0, 1, -1, 1e-300, -1e300)), { maxLength: 300 }), (values) => {
        const column = Float64Array.from(values);
        // -0 before 0, else in row order.
        const zeroOrder = (a: number, b: number) =>
          Object.is(column[a], -0) && Object.is(column[b], 0) ? -1 : Object.is(column[a], 0) && Object.is(column[b], -0) ? 1 : a - b;
        const expected = values.map((_, i) => i).sort((a, b) => column[a] - column[b] || zeroOrder(a, b));
        expect(Array.from(sortedOrder(column, sortScratch(values.length)))).toEqual(expected);
      }),
    );
  });
});

describe('binFeatures', () => {
  it('gives one bin per distinct value when there are few', () => {
    const bins = binFeatures(denseMatrix(4, 1, Float64Array.of(3, 1, 3, 2)), 256);
    expect(Array.from(bins.codes)).toEqual([2, 0, 2, 1]);
    expect(bins.exact).toBe(true);
    expect(Array.from(bins.binLow)).toEqual([1, 2, 3]);
    expect(Array.from(bins.binHigh)).toEqual([1, 2, 3]);
  });

  it('stores codes row-major like x, with per-feature bin counts and offsets', () => {
    const x = denseMatrix(3, 2, Float64Array.of(5, 0, 5, 1, 5, 0));
    const bins = binFeatures(x, 256);
    expect(Array.from(bins.codes)).toEqual([0, 0, 0, 1, 0, 0]);
    expect(Array.from(bins.binCounts)).toEqual([1, 2]);
    expect(Array.from(bins.binOffsets)).toEqual([0, 1]);
  });

  it('cuts many distinct values into about equal-count, ordered quantile bins', () => {
    const n = 10_000;
    const values = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898) * 43758.5453);
    const bins = binFeatures(denseMatrix(n, 1, values), 256);
    expect(bins.exact).toBe(false);
    expect(bins.binCounts[0]).toBe(256);
    const counts = new Array<number>(256).fill(0);
    for (let i = 0; i < n; i++) counts[bins.codes[i]]++;
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(Math.floor(n / 256));
    expect(Math.max(...counts)).toBeLessThanOrEqual(Math.ceil(n / 256));
    for (let i = 0; i < n; i++) {
      const c = bins.codes[i];
      expect(values[i]).toBeGreaterThanOrEqual(bins.binLow[c]);
      expect(values[i]).toBeLessThanOrEqual(bins.binHigh[c]);
      if (c > 0) expect(values[i]).toBeGreaterThan(bins.binHigh[c - 1]);
    }
  });

  it('is exact with maxBins = Infinity and uses 16-bit codes past 256 bins', () => {
    const values = Float64Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1000);
    const bins = binFeatures(denseMatrix(1000, 1, values), Infinity);
    expect(bins.exact).toBe(true);
    expect(bins.codes).toBeInstanceOf(Uint16Array);
    expect(Array.from(bins.codes)).toEqual(Array.from(values));
  });

  it('rejects a bin limit out of range', () => {
    expect(() => binFeatures(denseMatrix(1, 1), 1)).toThrow(/binFeatures requires maxBins/);
    expect(() => binFeatures(denseMatrix(1, 1), 70_000)).toThrow(/binFeatures requires maxBins/);
  });
});
