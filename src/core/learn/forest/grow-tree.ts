import type { SeededRandom } from '../../numeric/random';
import type { DecisionTree } from './decision-tree';
import type { FeatureBins } from './feature-bins';

/**
 * How a split is scored: `gini` for a 0/1 label (scikit-learn's DecisionTreeClassifier), `squared-error` for a
 * numeric one (DecisionTreeRegressor's variance reduction). Both need only each side's weight and Σ w·y.
 */
export type SplitCriterion = 'gini' | 'squared-error';

/** The stopping rules of one tree, named as scikit-learn's DecisionTreeClassifier / DecisionTreeRegressor. */
export interface TreeSettings {
  readonly criterion: SplitCriterion;
  /** Nodes at this depth are leaves (root depth 0). */
  readonly maxDepth: number;
  /** A node with fewer distinct training rows is a leaf. */
  readonly minSamplesSplit: number;
  /** Each child of a split keeps at least this many distinct training rows. */
  readonly minSamplesLeaf: number;
  /**
   * Features tried per split, in [1, d]: a split draws features in random order until this many were drawn
   * and one of them varies on the node (scikit-learn's rule: a constant feature counts as drawn).
   */
  readonly maxFeatures: number;
}

/**
 * Nodes with at least this many rows move their rows' codes next to each other before their children are
 * grown, so that a node's rows are read as one block. Smaller nodes only reorder row positions: their rows
 * stay inside a block of fewer than this many rows (≤ 1,024 × d bytes, which stays in a core's cache).
 */
const REGROUP_ROWS = 1024;
/** Bound on the per-bin accumulators a histogram pass fills at once (bins × features tried together). */
const HISTOGRAM_CELLS = 1 << 20;
/** Below this impurity a node is pure (scikit-learn's EPSILON). */
const PURE = 2.220446049250313e-16;

/**
 * Buffers one forest's trees reuse: the sampled rows' codes in node order, and per-bin accumulators that
 * are all zero between two histogram passes.
 */
export interface TreeWorkspace {
  /** Codes of the tree's sampled rows, row-major, regrouped so that each large node's rows are contiguous. */
  readonly codes: Uint8Array | Uint16Array;
  readonly spareCodes: Uint8Array | Uint16Array;
  /** position[i] = row of `codes` holding the i-th row of the node ranges. */
  readonly position: Int32Array;
  /** For each row of `codes`: its training row, weight and weight · label (the positive weight for a 0/1 label). */
  readonly trainingRow: Int32Array;
  readonly weight: Float64Array;
  readonly targetWeight: Float64Array;
  readonly spareTrainingRow: Int32Array;
  readonly spareWeight: Float64Array;
  readonly spareTargetWeight: Float64Array;
  /** Widest feature's bin count: the stride of the per-feature accumulators. */
  readonly binStride: number;
  readonly bitmapWords: number;
  /** Features whose histograms one pass over a node's rows builds together. */
  readonly batchLimit: number;
  readonly batchFeatures: Int32Array;
  /**
   * Per batched feature and bin, three numbers side by side: rows, weight, Σ weight · label. Integers (one
   * cache line) for a 0/1 label, because row weights are bootstrap draws (or 1); doubles for a numeric label.
   */
  readonly binStats: Int32Array | Float64Array;
  /** One bit per bin a node's rows fall in, per batched feature. */
  readonly binBitmap: Int32Array;
  /** Per batched feature, the bins its node rows fall in, then sorted. */
  readonly touchedBins: Int32Array;
  readonly distinctBins: Int32Array;
  readonly featurePool: Int32Array;
}

export function treeWorkspace(bins: FeatureBins, maxFeatures: number, criterion: SplitCriterion = 'gini'): TreeWorkspace {
  const { rows, cols } = bins;
  let binStride = 1;
  for (let j = 0; j < cols; j++) binStride = Math.max(binStride, bins.binCounts[j]);
  const bitmapWords = (binStride + 31) >>> 5;
  const batchLimit = Math.max(1, Math.min(maxFeatures, Math.floor(HISTOGRAM_CELLS / binStride)));
  const codeArray = (length: number) => (bins.codes instanceof Uint8Array ? new Uint8Array(length) : new Uint16Array(length));
  return {
    codes: codeArray(rows * cols),
    spareCodes: codeArray(rows * cols),
    position: new Int32Array(rows),
    trainingRow: new Int32Array(rows),
    weight: new Float64Array(rows),
    targetWeight: new Float64Array(rows),
    spareTrainingRow: new Int32Array(rows),
    spareWeight: new Float64Array(rows),
    spareTargetWeight: new Float64Array(rows),
    binStride,
    bitmapWords,
    batchLimit,
    batchFeatures: new Int32Array(batchLimit),
    binStats: criterion === 'gini' ? new Int32Array(3 * batchLimit * binStride) : new Float64Array(3 * batchLimit * binStride),
    binBitmap: new Int32Array(batchLimit * bitmapWords),
    touchedBins: new Int32Array(batchLimit * binStride),
    distinctBins: new Int32Array(batchLimit),
    featurePool: Int32Array.from({ length: cols }, (_, j) => j),
  };
}

/**
 * Grows one CART tree depth-first, as scikit-learn's BestSplitter: at each node the split maximising the
 * criterion's proxy — −w_L·gini_L − w_R·gini_R (Gini, a 0/1 label), or S_L²/w_L + S_R²/w_R with S = Σ w·y
 * (squared error: the largest drop in weighted variance) — over the tried features and every bin boundary
 * whose children keep `minSamplesLeaf` rows; a split is taken even when it does not lower the impurity, and
 * a node stops at `maxDepth`, below `minSamplesSplit` rows or 2·`minSamplesLeaf`, when pure, or when no
 * tried feature varies on it. The threshold is the midpoint between the largest value left and the smallest
 * value right among the node's rows (scikit-learn's), so with exact bins the tree is scikit-learn's up to
 * ties between features, which the two break by different random orders.
 *
 * @param y each training row's label: 0 or 1 for `gini`, a finite number for `squared-error`
 * @param rowWeight weight of each training row, a whole number (bootstrap draws, or 1); rows of weight 0 are left out
 */
export function growTree(
  bins: FeatureBins,
  y: Uint8Array | Float64Array,
  rowWeight: Float64Array,
  settings: TreeSettings,
  random: SeededRandom,
  workspace: TreeWorkspace,
): DecisionTree {
  const d = bins.cols;
  const { codes, position, trainingRow, weight, targetWeight } = workspace;
  const { maxDepth, minSamplesSplit, minSamplesLeaf, criterion } = settings;

  // The pool's order carries from node to node; reset it so that a tree depends only on its own stream.
  for (let j = 0; j < d; j++) workspace.featurePool[j] = j;
  let sampleCount = 0;
  for (let r = 0; r < bins.rows; r++) {
    if (rowWeight[r] <= 0) continue;
    codes.set(bins.codes.subarray(r * d, (r + 1) * d), sampleCount * d);
    position[sampleCount] = sampleCount;
    trainingRow[sampleCount] = r;
    weight[sampleCount] = rowWeight[r];
    targetWeight[sampleCount] = y[r] * rowWeight[r];
    sampleCount++;
  }

  // A split adds two nodes and a leaf holds at least one row, so there are fewer than 2·rows nodes.
  const capacity = 2 * sampleCount + 1;
  const tree = {
    feature: new Int32Array(capacity).fill(-1),
    threshold: new Float64Array(capacity),
    left: new Int32Array(capacity).fill(-1),
    right: new Int32Array(capacity).fill(-1),
    value: new Float64Array(capacity),
    samples: new Int32Array(capacity),
    weight: new Float64Array(capacity),
    depth: new Int32Array(capacity),
  };

  // Pending nodes: (node, start, end) over `position`; the node's depth is already recorded.
  const stack: number[] = [0, 0, sampleCount];
  let nodeCount = 1;
  while (stack.length > 0) {
    const end = stack.pop()!;
    const start = stack.pop()!;
    const node = stack.pop()!;
    let nodeWeight = 0;
    let nodeTarget = 0;
    let nodeSquares = 0;
    for (let i = start; i < end; i++) {
      const p = position[i];
      nodeWeight += weight[p];
      nodeTarget += targetWeight[p];
      if (criterion === 'squared-error') nodeSquares += targetWeight[p] * y[trainingRow[p]];
    }
    const nodeRows = end - start;
    tree.samples[node] = nodeRows;
    tree.weight[node] = nodeWeight;
    tree.value[node] = nodeWeight > 0 ? nodeTarget / nodeWeight : 0;
    const impurity = nodeWeight <= 0 ? 0 : criterion === 'gini' ? 1 - (nodeTarget * nodeTarget + (nodeWeight - nodeTarget) ** 2) / (nodeWeight * nodeWeight) : nodeSquares / nodeWeight - (nodeTarget / nodeWeight) ** 2;
    if (tree.depth[node] >= maxDepth || nodeRows < minSamplesSplit || nodeRows < 2 * minSamplesLeaf || impurity <= PURE) continue;

    const best = findBestSplit(bins, workspace, settings, random, start, end, nodeWeight, nodeTarget);
    if (best.feature < 0) continue;
    const bestFeature = best.feature;
    const bestCode = best.code;

    // Threshold midway between the node's largest value going left and smallest going right (scikit-learn's
    // midpoint, exactly so when each bin is one value).
    const binOffset = bins.binOffsets[bestFeature];
    const maxLeft = bins.binHigh[binOffset + bestCode];
    const minRight = bins.binLow[binOffset + best.nextCode];
    let cut = maxLeft / 2 + minRight / 2;
    if (cut === minRight || !Number.isFinite(cut)) cut = maxLeft;

    // Partition position[start, end) into codes ≤ bestCode, then the rest.
    let lo = start;
    let hi = end - 1;
    while (lo <= hi) {
      if (codes[position[lo] * d + bestFeature] <= bestCode) lo++;
      else {
        const tmp = position[lo];
        position[lo] = position[hi];
        position[hi] = tmp;
        hi--;
      }
    }
    if (nodeRows >= REGROUP_ROWS) regroup(workspace, d, start, end);

    const leftChild = nodeCount++;
    const rightChild = nodeCount++;
    tree.feature[node] = bestFeature;
    tree.threshold[node] = cut;
    tree.left[node] = leftChild;
    tree.right[node] = rightChild;
    tree.depth[leftChild] = tree.depth[node] + 1;
    tree.depth[rightChild] = tree.depth[node] + 1;
    stack.push(rightChild, lo, end, leftChild, start, lo);
  }

  return {
    nodeCount,
    feature: tree.feature.slice(0, nodeCount),
    threshold: tree.threshold.slice(0, nodeCount),
    left: tree.left.slice(0, nodeCount),
    right: tree.right.slice(0, nodeCount),
    value: tree.value.slice(0, nodeCount),
    samples: tree.samples.slice(0, nodeCount),
    weight: tree.weight.slice(0, nodeCount),
    depth: tree.depth.slice(0, nodeCount),
  };
}

/** The best split found so far at a node: split after bin `code` of `feature`; −1 when none. */
interface SplitCandidate {
  proxy: number;
  feature: number;
  code: number;
  /** The next bin the node's rows fill after `code`: its smallest value bounds the threshold. */
  nextCode: number;
}

/**
 * Draws features as scikit-learn does, one at a time while fewer than maxFeatures were drawn or none varied
 * on the node, and returns the best split over them; the draws made before any result is needed share one
 * pass over the node's rows.
 */
function findBestSplit(
  bins: FeatureBins,
  workspace: TreeWorkspace,
  settings: TreeSettings,
  random: SeededRandom,
  start: number,
  end: number,
  nodeWeight: number,
  nodeTarget: number,
): SplitCandidate {
  const { binCounts } = bins;
  const { batchLimit, batchFeatures, featurePool, binStride, bitmapWords } = workspace;
  const { maxFeatures } = settings;
  const best: SplitCandidate = { proxy: -Infinity, feature: -1, code: -1, nextCode: -1 };
  const nodeRows = end - start;
  const mode = nodeRows >= binStride ? READ_ALL_BINS : nodeRows >= bitmapWords ? BITMAP : LIST;
  let visited = 0;
  let varying = 0;
  let remaining = bins.cols;
  while (remaining > 0 && (visited < maxFeatures || varying === 0)) {
    const toDraw = visited < maxFeatures ? Math.min(maxFeatures - visited, batchLimit) : 1;
    let batch = 0;
    for (let drawn = 0; drawn < toDraw && remaining > 0; drawn++) {
      const pick = random.nextInt(remaining);
      const f = featurePool[pick];
      featurePool[pick] = featurePool[remaining - 1];
      featurePool[remaining - 1] = f;
      remaining--;
      visited++;
      if (binCounts[f] > 1) batchFeatures[batch++] = f;
    }
    if (batch === 0) continue;
    if (mode === READ_ALL_BINS) fillHistograms(workspace, bins.cols, start, end, batch);
    else fillHistogramsNotingBins(workspace, bins.cols, start, end, batch, mode === BITMAP);
    for (let k = 0; k < batch; k++) {
      const distinct = listFilledBins(workspace, k, binCounts[batchFeatures[k]], mode);
      if (distinct > 1) varying++;
      scanSplits(workspace, k, distinct, nodeRows, nodeWeight, nodeTarget, settings.minSamplesLeaf, settings.criterion, best);
    }
  }
  return best;
}

/** How a node lists the bins its rows fill: read every bin (more rows than bins), a bitmap, or a sorted list. */
const READ_ALL_BINS = 0;
const BITMAP = 1;
const LIST = 2;

/** Adds each row of position[start, end) to the histograms of the batched features. */
function fillHistograms(workspace: TreeWorkspace, d: number, start: number, end: number, batch: number): void {
  const { codes, position, weight, targetWeight, batchFeatures, binStats, binStride } = workspace;
  for (let i = start; i < end; i++) {
    const p = position[i];
    const base = p * d;
    const w = weight[p];
    const pw = targetWeight[p];
    for (let k = 0; k < batch; k++) {
      const cell = 3 * (k * binStride + codes[base + batchFeatures[k]]);
      binStats[cell]++;
      binStats[cell + 1] += w;
      binStats[cell + 2] += pw;
    }
  }
}

/** fillHistograms, noting each bin the first time a row fills it (in the bitmap, or appended to the list). */
function fillHistogramsNotingBins(workspace: TreeWorkspace, d: number, start: number, end: number, batch: number, useBitmap: boolean): void {
  const { codes, position, weight, targetWeight, batchFeatures, binStats, binStride, binBitmap, bitmapWords, touchedBins, distinctBins } = workspace;
  for (let i = start; i < end; i++) {
    const p = position[i];
    const base = p * d;
    const w = weight[p];
    const pw = targetWeight[p];
    for (let k = 0; k < batch; k++) {
      const c = codes[base + batchFeatures[k]];
      const cell = 3 * (k * binStride + c);
      if (binStats[cell]++ === 0) {
        if (useBitmap) binBitmap[k * bitmapWords + (c >>> 5)] |= 1 << (c & 31);
        else touchedBins[k * binStride + distinctBins[k]] = c;
        distinctBins[k]++;
      }
      binStats[cell + 1] += w;
      binStats[cell + 2] += pw;
    }
  }
}

/** Lists the bins batched feature k's rows fill, in increasing order, in touchedBins[k·binStride …]; returns how many. */
function listFilledBins(workspace: TreeWorkspace, k: number, binCount: number, mode: number): number {
  const { binStats, binStride, binBitmap, bitmapWords, touchedBins, distinctBins } = workspace;
  const offset = k * binStride;
  let distinct = distinctBins[k];
  distinctBins[k] = 0;
  if (mode === READ_ALL_BINS) {
    distinct = 0;
    for (let c = 0; c < binCount; c++) if (binStats[3 * (offset + c)] > 0) touchedBins[offset + distinct++] = c;
  } else if (mode === BITMAP) {
    let t = offset;
    for (let word = 0; word < bitmapWords; word++) {
      let bits = binBitmap[k * bitmapWords + word];
      if (bits === 0) continue;
      binBitmap[k * bitmapWords + word] = 0;
      while (bits !== 0) {
        const lowest = bits & -bits;
        bits ^= lowest;
        touchedBins[t++] = (word << 5) + 31 - Math.clz32(lowest);
      }
    }
  } else sortAscending(touchedBins, offset, offset + distinct);
  return distinct;
}

/**
 * Scans the splits of batched feature k (after each filled bin but the last, sending codes ≤ that bin left),
 * keeps in `best` the first with the highest proxy of the criterion (scikit-learn's, in its arithmetic order so
 * that ties break alike) whose children keep minSamplesLeaf rows, and zeroes the bins.
 */
function scanSplits(
  workspace: TreeWorkspace,
  k: number,
  distinct: number,
  nodeRows: number,
  nodeWeight: number,
  nodeTarget: number,
  minSamplesLeaf: number,
  criterion: SplitCriterion,
  best: SplitCandidate,
): void {
  const { binStats, binStride, touchedBins, batchFeatures } = workspace;
  const offset = k * binStride;
  let leftRows = 0;
  let leftWeight = 0;
  let leftTarget = 0;
  for (let t = offset; t < offset + distinct; t++) {
    const c = touchedBins[t];
    const cell = 3 * (offset + c);
    leftRows += binStats[cell];
    leftWeight += binStats[cell + 1];
    leftTarget += binStats[cell + 2];
    binStats[cell] = 0;
    binStats[cell + 1] = 0;
    binStats[cell + 2] = 0;
    if (t === offset + distinct - 1 || leftRows < minSamplesLeaf || nodeRows - leftRows < minSamplesLeaf) continue;
    const rightWeight = nodeWeight - leftWeight;
    const rightTarget = nodeTarget - leftTarget;
    let proxy: number;
    if (criterion === 'gini') {
      const giniLeft = 1 - (leftTarget * leftTarget + (leftWeight - leftTarget) ** 2) / (leftWeight * leftWeight);
      const giniRight = 1 - (rightTarget * rightTarget + (rightWeight - rightTarget) ** 2) / (rightWeight * rightWeight);
      proxy = -rightWeight * giniRight - leftWeight * giniLeft;
    } else proxy = (leftTarget * leftTarget) / leftWeight + (rightTarget * rightTarget) / rightWeight;
    if (proxy > best.proxy) {
      best.proxy = proxy;
      best.feature = batchFeatures[k];
      best.code = c;
      best.nextCode = touchedBins[t + 1];
    }
  }
}

/**
 * Moves the rows listed in position[start, end) — a permutation of the code rows start … end − 1 — into
 * that order, so position becomes the identity there and each child's rows are one block.
 */
function regroup(workspace: TreeWorkspace, d: number, start: number, end: number): void {
  const { codes, spareCodes, position, trainingRow, weight, targetWeight, spareTrainingRow, spareWeight, spareTargetWeight } = workspace;
  for (let i = start; i < end; i++) {
    const p = position[i];
    spareCodes.set(codes.subarray(p * d, (p + 1) * d), (i - start) * d);
    spareTrainingRow[i - start] = trainingRow[p];
    spareWeight[i - start] = weight[p];
    spareTargetWeight[i - start] = targetWeight[p];
  }
  const count = end - start;
  codes.set(spareCodes.subarray(0, count * d), start * d);
  trainingRow.set(spareTrainingRow.subarray(0, count), start);
  weight.set(spareWeight.subarray(0, count), start);
  targetWeight.set(spareTargetWeight.subarray(0, count), start);
  for (let i = start; i < end; i++) position[i] = i;
}

/** Sorts values[from, to) in place: insertion sort for the short lists small nodes give, the native sort past that. */
function sortAscending(values: Int32Array, from: number, to: number): void {
  if (to - from > 16) {
    values.subarray(from, to).sort();
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const v = values[i];
    let j = i - 1;
    while (j >= from && values[j] > v) {
      values[j + 1] = values[j];
      j--;
    }
    values[j + 1] = v;
  }
}
