import { describe, expect, it } from 'vitest';
import { fitForestRegressor } from '../../../src/core/learn/forest';
import { loadRegressionData, mean, meanSquaredError, type RegressionCase, readRegressionJson, regressionSplit, standardDeviation } from './fixtures';

interface TreeCase extends RegressionCase {
  settings: { maxDepth: number; minSamplesSplit: number; minSamplesLeaf: number };
  nodeCountBySeed: number[];
  testPredictionBySeed: number[][];
  agreementWithSeed0: number[];
}

interface ForestCase extends RegressionCase {
  mseBySeed: number[];
  mseBySeedAllFeatures: number[];
}

const DATASETS = ['diabetes', 'friedman'];

/** Fraction of rows where two prediction vectors agree (to 1e-9 relative: leaf means summed in another order). */
function agreement(ours: Float64Array, theirs: number[]): number {
  let same = 0;
  theirs.forEach((v, r) => (same += Math.abs(ours[r] - v) <= 1e-9 * Math.max(1, Math.abs(v)) ? 1 : 0));
  return same / theirs.length;
}

/**
 * One tree on all the training rows, every feature tried, exact splits: scikit-learn's DecisionTreeRegressor.
 * At depth 3 no two features tie and every scikit-learn seed grows one tree: ours must predict every test row
 * as it does. At depth 20 small nodes often split alike on two features, a tie both break at random (its own
 * seeds agree on 83–96% of the test rows): ours must have its node count and agree with one of its seeds at
 * least as well as its seeds agree with each other.
 */
describe.each(DATASETS.flatMap((name) => [`${name}-depth3`, name]))('a single exact regression tree vs scikit-learn DecisionTreeRegressor: %s', (name) => {
  const fixture = readRegressionJson<TreeCase>(`tree-${name}.json`);
  const { xTrain, yTrain, xTest } = regressionSplit(loadRegressionData(fixture.data), fixture);
  const sklearnAgreesWithItself = Math.min(...fixture.agreementWithSeed0);

  it('has scikit-learn\'s node count and predictions, up to ties', () => {
    for (const seed of [0, 1, 2, 3, 4]) {
      const fit = fitForestRegressor(xTrain, yTrain, { trees: 1, bootstrap: false, maxFeatures: 'all', maxBins: Infinity, ...fixture.settings }, seed);
      if (fit.kind !== 'forest') throw new Error('expected a forest');
      expect(fit.trees[0].nodeCount).toBe(fixture.nodeCountBySeed[0]);
      const best = Math.max(...fixture.testPredictionBySeed.map((theirs) => agreement(fit.predict(xTest), theirs)));
      expect(best).toBeGreaterThanOrEqual(sklearnAgreesWithItself);
      if (sklearnAgreesWithItself === 1) expect(best).toBe(1);
    }
  });
});

/**
 * A forest is random, so it cannot equal scikit-learn's: the mean held-out MSE over 10 of our seeds must lie
 * within the seed noise of the mean over scikit-learn's 10 seeds (RandomForestRegressor with the same settings,
 * max_features='sqrt'). The tolerance is chosen from scikit-learn's own spread: 4 standard errors of the
 * difference of two 10-seed means, 4 · sd · √(1/10 + 1/10), with sd the sample standard deviation of
 * scikit-learn's per-seed MSE (diabetes: sd 104 mmol-less units², tolerance 186, 5.1% of its MSE 3,643;
 * friedman: sd 0.22, tolerance 0.39, 7.6% of 5.19). A criterion error — a Gini proxy, a biased leaf mean,
 * splits that do not reduce variance — moves the MSE far more: a single tree on diabetes has MSE ~6,000.
 */
const STANDARD_ERRORS = 4;

describe.each(DATASETS)('forest regressor vs scikit-learn RandomForestRegressor: %s', (name) => {
  const fixture = readRegressionJson<ForestCase>(`forest-${name}.json`);
  const { xTrain, yTrain, xTest, yTest } = regressionSplit(loadRegressionData(fixture.data), fixture);
  const tolerance = STANDARD_ERRORS * standardDeviation(fixture.mseBySeed) * Math.sqrt(1 / 10 + 1 / 10);
  const seeds = Array.from({ length: 10 }, (_, seed) => seed);

  for (const maxBins of [256, Infinity]) {
    it(`mean held-out MSE over 10 seeds within ${STANDARD_ERRORS} standard errors (${maxBins === Infinity ? 'exact' : `${maxBins} bins`})`, () => {
      const ours = seeds.map((seed) => meanSquaredError(yTest, fitForestRegressor(xTrain, yTrain, { maxBins }, seed).predict(xTest)));
      expect(Math.abs(mean(ours) - mean(fixture.mseBySeed))).toBeLessThanOrEqual(tolerance);
    });
  }

  it('beats predicting the training mean, and is deterministic for a seed', () => {
    const first = fitForestRegressor(xTrain, yTrain, {}, 7).predict(xTest);
    const again = fitForestRegressor(xTrain, yTrain, {}, 7).predict(xTest);
    expect(again).toEqual(first);
    const trainMean = mean(Array.from(yTrain));
    expect(meanSquaredError(yTest, first)).toBeLessThan(0.8 * meanSquaredError(yTest, new Float64Array(yTest.length).fill(trainMean)));
  });
});
