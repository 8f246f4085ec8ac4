export { type DecisionTree } from './decision-tree';
export { binFeatures, type FeatureBins } from './feature-bins';
export { combineForests, FOREST_DEFAULTS, fitForest, fitForestRegressor, type ForestModel, type ForestOptions } from './random-forest';
export { type ConstantModel, type ConstantRegressor, type FittedModel, type ProbabilisticModel } from './probabilistic-model';
