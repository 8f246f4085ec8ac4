/**
 * The explanation set S(z) of SPEC §9: the ⌈r·d⌉ inputs with the largest |a_j|, ties broken by column order.
 */

/**
 * ⌈r·d⌉, the number of inputs an explanation keeps, computed in double precision as SPEC §9 writes it (so
 * r = 0.14, d = 50 gives ⌈7.000000000000001⌉ = 8, as numpy's `ceil(r * d)` does).
 *
 * @param fraction r, in (0, 1]
 * @param inputs d ≥ 0
 * @example explanationSize(0.5, 27) // => 14
 */
export function explanationSize(fraction: number, inputs: number): number {
  if (!(fraction > 0 && fraction <= 1)) throw new RangeError(`explanationSize requires a fraction in (0, 1]; got ${fraction}`);
  return Math.min(inputs, Math.ceil(fraction * inputs));
}

/**
 * Column indices ordered by decreasing |a_j|, equal magnitudes in column order: the ranking S(z) takes its
 * first ⌈r·d⌉ from.
 *
 * @example rankByMagnitude(Float64Array.of(0.5, -2, 2, 0)) // => [1, 2, 0, 3]
 */
export function rankByMagnitude(attributions: ArrayLike<number>, order: Int32Array = new Int32Array(attributions.length)): Int32Array {
  const n = attributions.length;
  for (let j = 0; j < n; j++) order[j] = j;
  order.sort((a, b) => Math.abs(attributions[b]) - Math.abs(attributions[a]) || a - b);
  return order;
}
