/**
 * The q-quantile of ascending-sorted values by linear interpolation between order statistics
 * (numpy's default, "type 7"): h = (n − 1)·q, x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋ + 1] − x[⌊h⌋]).
 *
 * @example quantileSorted([1, 2, 3, 4], 0.25) // => 1.75
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('quantileSorted requires at least one value');
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantileSorted requires 0 ≤ q ≤ 1 (got ${q})`);
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Two-sided percentile interval at level 1 − α: the α/2 and 1 − α/2 quantiles (SPEC §5). */
export function percentileInterval(values: ArrayLike<number>, alpha: number): [number, number] {
  const sorted = Float64Array.from(values).sort();
  return [quantileSorted(sorted, alpha / 2), quantileSorted(sorted, 1 - alpha / 2)];
}
