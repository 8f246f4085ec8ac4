export { type DecisionTree } from './decision-tree';
export { binFeatures, type FeatureBins } from './feature-bins';
export { combineForests, FOREST_DEFAULTS, fitForest, type ForestModel, type ForestOptions } from './random-forest';
export { type ConstantModel, type ProbabilisticModel } from './probabilistic-model';
