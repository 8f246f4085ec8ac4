import type { DenseMatrix } from '../../numeric/matrix';
import { sortedOrder, sortScratch } from './sorted-order';

/** Most bins a feature can have: the codes are at most 16-bit. */
export const MAX_BIN_CODES = 65_536;

/**
 * The training matrix with every value replaced by its bin: bins are ranges of a feature's values, in
 * increasing order, so `code ≤ b` is a threshold split. Split finding then counts per bin instead of sorting.
 */
export interface FeatureBins {
  readonly rows: number;
  readonly cols: number;
  /**
   * codes[i · cols + j] = bin of x(i, j), row-major like x, one byte per value when maxBins ≤ 256: a node's
   * pass over its tried features reads each row's codes together.
   */
  readonly codes: Uint8Array | Uint16Array;
  /** Number of bins of each feature (1 for a constant feature). */
  readonly binCounts: Int32Array;
  /** Feature j's bins are entries binOffsets[j] … binOffsets[j] + binCounts[j] − 1 of binLow and binHigh. */
  readonly binOffsets: Int32Array;
  /** Smallest and largest training value in each bin (equal when the bin is one distinct value). */
  readonly binLow: Float64Array;
  readonly binHigh: Float64Array;
  /** True when no feature had more distinct values than bins: every split a sorted search sees is seen. */
  readonly exact: boolean;
}

/**
 * Bins every column of `x` by its values. A feature with at most `maxBins` distinct values gets one bin per
 * value (no loss: the candidate thresholds are those of an exact search); a feature with more gets `maxBins`
 * quantile bins, whose upper edges are the data values at ranks ⌈(b + 1)·n / maxBins⌉, b = 0 … maxBins − 2,
 * so each bin holds about n / maxBins rows (fewer bins when a value repeats across a rank).
 *
 * @param x n × d training features, finite
 * @param maxBins bins per feature, an integer in [2, 65,536]; Infinity = one bin per distinct value (exact),
 *   up to 65,536
 * @throws RangeError when maxBins is out of range
 * @example
 * binFeatures(denseMatrix(4, 1, Float64Array.of(3, 1, 3, 2)), 256).codes; // => Uint8Array [2, 0, 2, 1]
 */
export function binFeatures(x: DenseMatrix, maxBins: number): FeatureBins {
  const binLimit = maxBins === Infinity ? MAX_BIN_CODES : maxBins;
  if (!Number.isInteger(binLimit) || binLimit < 2 || binLimit > MAX_BIN_CODES) {
    throw new RangeError(`binFeatures requires maxBins to be an integer in [2, ${MAX_BIN_CODES}] or Infinity (got ${maxBins})`);
  }
  const { rows, cols, data } = x;
  const codes = binLimit <= 256 ? new Uint8Array(rows * cols) : new Uint16Array(rows * cols);
  const binCounts = new Int32Array(cols);
  const binOffsets = new Int32Array(cols);
  const low: number[] = [];
  const high: number[] = [];
  const column = new Float64Array(rows);
  const sorted = new Float64Array(rows);
  const scratch = sortScratch(rows);
  let exact = true;
  for (let j = 0; j < cols; j++) {
    for (let i = 0; i < rows; i++) column[i] = data[i * cols + j];
    const order = sortedOrder(column, scratch);
    let distinct = 0;
    for (let k = 0; k < rows; k++) {
      sorted[k] = column[order[k]];
      if (k === 0 || sorted[k] !== sorted[k - 1]) distinct++;
    }
    const byValue = distinct <= binLimit;
    if (!byValue) exact = false;
    const upperEdges = byValue ? null : quantileEdges(sorted, binLimit);
    // Walk the values in increasing order, opening a new bin at each distinct value (byValue) or past each edge.
    binOffsets[j] = low.length;
    let bin = -1;
    for (let k = 0; k < rows; k++) {
      const value = sorted[k];
      const opens = upperEdges === null ? k === 0 || value !== sorted[k - 1] : k === 0 || value > upperEdges[bin];
      if (opens) {
        bin++;
        low.push(value);
        high.push(value);
      } else high[high.length - 1] = value;
      codes[order[k] * cols + j] = bin;
    }
    binCounts[j] = bin + 1;
  }
  return { rows, cols, codes, binCounts, binOffsets, binLow: Float64Array.from(low), binHigh: Float64Array.from(high), exact };
}

/** Upper edges of `bins` equal-count bins over `sorted`; the last edge is the maximum. */
function quantileEdges(sorted: Float64Array, bins: number): Float64Array {
  const n = sorted.length;
  const edges: number[] = [];
  for (let b = 0; b < bins - 1; b++) {
    const edge = sorted[Math.ceil(((b + 1) * n) / bins) - 1];
    if (edges.length === 0 || edge > edges[edges.length - 1]) edges.push(edge);
  }
  const max = sorted[n - 1];
  if (edges.length === 0 || max > edges[edges.length - 1]) edges.push(max);
  return Float64Array.from(edges);
}
