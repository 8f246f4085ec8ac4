export { type ConstantModel, type ProbabilisticModel } from '../forest/probabilistic-model';
export { fitMlp, MLP_DEFAULTS, type MlpModel, type MlpOptions } from './fit-mlp';
export { fitPlatt, type PlattScaling, plattProbability } from './platt';
