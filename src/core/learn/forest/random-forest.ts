import type { DenseMatrix } from '../../numeric/matrix';
import { SeededRandom } from '../../numeric/random';
import { type DecisionTree, meanLeafValue } from './decision-tree';
import { binFeatures } from './feature-bins';
import { growTree, type SplitCriterion, treeWorkspace, type TreeSettings } from './grow-tree';
import {
  type ConstantModel,
  type ConstantRegressor,
  checkRegressionData,
  checkTrainingData,
  constantModel,
  constantRegressorFor,
  type ProbabilisticModel,
} from './probabilistic-model';

export interface ForestOptions {
  /** Number of trees. Default 100 (paper 1, Appendix G.2.2). */
  trees?: number;
  /**
   * Index of the first tree: the fit grows trees firstTree … firstTree + trees − 1, tree t from stream t of
   * the seed. Default 0. Lets a caller grow one forest in parts (e.g. one per worker thread) and join them
   * with combineForests: trees 0–49 and 50–99 joined are the 100-tree forest.
   */
  firstTree?: number;
  /** Depth of the deepest leaf (root 0). Default 20 (paper 1). */
  maxDepth?: number;
  /** A node with fewer distinct training rows is not split. Default 5 (paper 1). */
  minSamplesSplit?: number;
  /** Every leaf keeps at least this many distinct training rows. Default 2 (paper 1). */
  minSamplesLeaf?: number;
  /**
   * Features tried per split: 'sqrt' = max(1, ⌊√d⌋), 'all' = d, or a count in [1, d]. Default 'sqrt',
   * scikit-learn's RandomForestClassifier default (the paper keeps it).
   */
  maxFeatures?: 'sqrt' | 'all' | number;
  /** Each tree fits a bootstrap sample of n rows drawn with replacement. Default true (scikit-learn's). */
  bootstrap?: boolean;
  /**
   * Bins per feature for split finding (see binFeatures): thresholds are then searched among ≤ maxBins
   * quantile edges per feature instead of between every two distinct values. Default 256; Infinity = exact
   * (up to 65,536 distinct values per feature), as scikit-learn. A feature with ≤ maxBins distinct values
   * (binary, one-hot, small integers) is split exactly either way. Measured by scripts/bench-models.ts on
   * 25,366 × 468 continuous features: 256 bins fit in 0.45× the time of exact splits and lose 0.006 of
   * held-out AUC (0.775 vs 0.781, 12 seeds each; 1,024 bins: 0.779 in 0.7× the time); on the fixtures
   * (≤ 1,050 rows) binned and exact forests agree with scikit-learn's alike.
   */
  maxBins?: number;
}

export const FOREST_DEFAULTS = {
  trees: 100,
  firstTree: 0,
  maxDepth: 20,
  minSamplesSplit: 5,
  minSamplesLeaf: 2,
  maxFeatures: 'sqrt',
  bootstrap: true,
  maxBins: 256,
} as const satisfies Required<ForestOptions>;

/** A fitted forest: P(y = 1) per row for a classifier (fitForest), the predicted value for a regressor. */
export interface ForestModel extends ProbabilisticModel {
  readonly kind: 'forest';
  readonly trees: readonly DecisionTree[];
  /** Number of feature columns the forest was fitted on; predict requires the same. */
  readonly features: number;
  /** True when binning lost no candidate threshold (every feature had at most maxBins distinct values). */
  readonly exactSplits: boolean;
}

/**
 * Fits a random forest classifier as scikit-learn's `RandomForestClassifier(n_estimators=100, max_depth=20,
 * min_samples_split=5, min_samples_leaf=2)`, the settings of paper 1 (Appendix G.2.2): bootstrap samples,
 * ⌊√d⌋ features tried per split, Gini impurity. P(y = 1) is the mean over the trees of the positive fraction
 * of the leaf a row lands in (scikit-learn's `predict_proba`). Split finding runs on ≤ 256 quantile bins per
 * feature (see binFeatures; exact when a feature has ≤ 256 distinct values).
 *
 * Tree t draws from `new SeededRandom(seed, t)`, so the forest is the same for a seed however its trees are
 * scheduled (see firstTree and combineForests). When the training labels hold one class, returns the constant model at the smoothed base rate.
 *
 * @param x n × d training features, finite (d = 0 allowed: every tree is a leaf)
 * @param y n labels, each 0 or 1
 * @param onTree called after each tree with (trees done, trees in all)
 * @throws RangeError when x.rows ≠ y.length or is 0, a label is not 0/1, a value of x is not finite, or an
 *   option is out of range (trees, maxDepth, minSamplesLeaf ≥ 1, minSamplesSplit ≥ 2, maxFeatures in [1, d])
 * @example
 * // test/fixtures/forest/forest-breast-cancer.json (the Wisconsin data, 398 training rows, 30 features):
 * fitForest(xTrain, yTrain, {}, seed).predict(xTest); // => held-out AUC 0.997 over 5 seeds (scikit-learn: 0.997)
 */
export function fitForest(
  x: DenseMatrix,
  y: Uint8Array,
  options: ForestOptions,
  seed: number,
  onTree?: (done: number, total: number) => void,
): ForestModel | ConstantModel {
  const settings = resolveForestOptions(options, x.cols, 'gini');
  const positives = checkTrainingData('fitForest', x, y);
  if (positives === 0 || positives === y.length) return constantModel(positives, y.length);
  return growForest(x, y, settings, seed, onTree);
}

/**
 * Fits a random forest regressor as scikit-learn's `RandomForestRegressor(n_estimators=100, max_depth=20,
 * min_samples_split=5, min_samples_leaf=2, max_features='sqrt')`: fitForest's trees and defaults with
 * variance-reduction splits (the squared-error criterion), each leaf holding the mean label of its training
 * rows, the prediction the mean over the trees of the leaf a row lands in. ⌊√d⌋ features per split as the
 * classifier (paper 1's setting) rather than scikit-learn's regressor default of all d: see docs/regression.md.
 * When the training labels are fewer than two or all equal, returns the constant model at their mean.
 *
 * @param x n × d training features, finite
 * @param y n finite labels
 * @throws RangeError as fitForest, with "finite labels" for the labels
 * @example
 * // test/fixtures/forest/regressor-diabetes.json (scikit-learn's diabetes data, 353 training rows, 10 features):
 * fitForestRegressor(xTrain, yTrain, {}, seed).predict(xTest); // => mean held-out MSE 3,618 over seeds 0–9 (scikit-learn's: 3,643)
 */
export function fitForestRegressor(
  x: DenseMatrix,
  y: Float64Array,
  options: ForestOptions,
  seed: number,
  onTree?: (done: number, total: number) => void,
): ForestModel | ConstantRegressor {
  const settings = resolveForestOptions(options, x.cols, 'squared-error');
  checkRegressionData('fitForestRegressor', x, y);
  return constantRegressorFor(y) ?? growForest(x, y, settings, seed, onTree);
}

/** The trees of a forest, tree t from stream firstTree + t of the seed, on labels already checked. */
function growForest(
  x: DenseMatrix,
  y: Uint8Array | Float64Array,
  settings: ResolvedForestOptions,
  seed: number,
  onTree?: (done: number, total: number) => void,
): ForestModel {
  const bins = binFeatures(x, settings.maxBins);
  const workspace = treeWorkspace(bins, settings.maxFeatures, settings.criterion);
  const n = x.rows;
  const rowWeight = new Float64Array(n);
  const trees: DecisionTree[] = [];
  for (let t = 0; t < settings.trees; t++) {
    const random = new SeededRandom(seed, settings.firstTree + t);
    if (settings.bootstrap) {
      rowWeight.fill(0);
      for (let draw = 0; draw < n; draw++) rowWeight[random.nextInt(n)]++;
    } else rowWeight.fill(1);
    trees.push(growTree(bins, y, rowWeight, settings, random, workspace));
    onTree?.(t + 1, settings.trees);
  }
  return forestModel(trees, x.cols, bins.exact);
}

/**
 * One forest from forests grown in parts on the same data, options and seed with consecutive firstTree
 * ranges: its trees in the order given, P(y = 1) the mean over all of them.
 *
 * @throws RangeError when no forest is given or they were fitted on different numbers of features
 */
export function combineForests(parts: readonly ForestModel[]): ForestModel {
  if (parts.length === 0) throw new RangeError('combineForests requires at least one forest');
  const features = parts[0].features;
  if (parts.some((part) => part.features !== features)) throw new RangeError('combineForests requires forests fitted on the same features');
  return forestModel(
    parts.flatMap((part) => part.trees),
    features,
    parts.every((part) => part.exactSplits),
  );
}

function forestModel(trees: readonly DecisionTree[], features: number, exactSplits: boolean): ForestModel {
  return {
    kind: 'forest',
    trees,
    features,
    exactSplits,
    predict(rowsToScore: DenseMatrix): Float64Array {
      if (rowsToScore.cols !== features) throw new RangeError(`ForestModel.predict: the forest was fitted on ${features} features, got ${rowsToScore.cols}`);
      return meanLeafValue(trees, rowsToScore);
    },
  };
}

type ResolvedForestOptions = TreeSettings & { readonly trees: number; readonly firstTree: number; readonly bootstrap: boolean; readonly maxBins: number };

function resolveForestOptions(options: ForestOptions, d: number, criterion: SplitCriterion): ResolvedForestOptions {
  const o = { ...FOREST_DEFAULTS, ...stripUndefined(options) };
  const positiveInteger = (name: string, value: number, min: number) => {
    if (!Number.isInteger(value) || value < min) throw new RangeError(`fitForest requires ${name} to be an integer ≥ ${min} (got ${value})`);
  };
  positiveInteger('trees', o.trees, 1);
  positiveInteger('firstTree', o.firstTree, 0);
  if (o.maxDepth !== Infinity) positiveInteger('maxDepth', o.maxDepth, 1);
  positiveInteger('minSamplesSplit', o.minSamplesSplit, 2);
  positiveInteger('minSamplesLeaf', o.minSamplesLeaf, 1);
  let maxFeatures: number;
  if (o.maxFeatures === 'sqrt') maxFeatures = Math.max(1, Math.floor(Math.sqrt(d)));
  else if (o.maxFeatures === 'all') maxFeatures = Math.max(1, d);
  else {
    maxFeatures = o.maxFeatures;
    if (!Number.isInteger(maxFeatures) || maxFeatures < 1 || maxFeatures > Math.max(1, d)) {
      throw new RangeError(`fitForest requires maxFeatures to be 'sqrt', 'all' or an integer in [1, ${d}] (got ${o.maxFeatures})`);
    }
  }
  return { ...o, maxFeatures, criterion };
}

function stripUndefined<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<T>;
}
