export { type ConstantModel, type ConstantRegressor, type FittedModel, type ProbabilisticModel } from '../forest/probabilistic-model';
export { fitMlp, fitMlpRegressor, MLP_DEFAULTS, type MlpModel, type MlpOptions, mlpModel, type TargetScaling } from './fit-mlp';
export { fitPlatt, type PlattScaling, plattProbability } from './platt';
