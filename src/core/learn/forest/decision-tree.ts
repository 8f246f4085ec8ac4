import type { DenseMatrix } from '../../numeric/matrix';

/**
 * A fitted tree as flat arrays, node 0 the root. An internal node sends row x to `left` when
 * x[feature] ≤ threshold, else to `right`; a leaf has feature −1 and holds the weighted mean label of the
 * training rows that reached it: for a 0/1 label the fraction of positives (scikit-learn's classifier
 * `tree_.value` normalised), for a numeric label their mean (the regressor's `tree_.value`).
 */
export interface DecisionTree {
  readonly nodeCount: number;
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Σ w·y / Σ w over the training rows that reached the node: P(y = 1) for a 0/1 label, else the mean label. */
  readonly value: Float64Array;
  /** Distinct training rows that reached the node (scikit-learn's `n_node_samples`: a bootstrap repeat counts once). */
  readonly samples: Int32Array;
  /** Their weight: bootstrap draws (scikit-learn's `weighted_n_node_samples`). */
  readonly weight: Float64Array;
  /** 0 at the root. */
  readonly depth: Int32Array;
}

/**
 * Rows scored per tree before moving to the next tree: 128 rows of 468 doubles stay in a core's cache while
 * every tree walks them.
 */
const ROW_BLOCK = 128;

/**
 * The mean over `trees` of the leaf value each row of `x` lands in: scikit-learn's forest `predict_proba` for
 * a 0/1 label, its regressor's `predict` for a numeric one.
 */
export function meanLeafValue(trees: readonly DecisionTree[], x: DenseMatrix): Float64Array {
  const { rows, cols, data } = x;
  const out = new Float64Array(rows);
  for (let blockStart = 0; blockStart < rows; blockStart += ROW_BLOCK) {
    const blockEnd = Math.min(rows, blockStart + ROW_BLOCK);
    for (const { feature, threshold, left, right, value } of trees) {
      for (let r = blockStart; r < blockEnd; r++) {
        const base = r * cols;
        let node = 0;
        while (feature[node] >= 0) node = data[base + feature[node]] <= threshold[node] ? left[node] : right[node];
        out[r] += value[node];
      }
    }
  }
  for (let r = 0; r < rows; r++) out[r] /= trees.length;
  return out;
}
