/**
 * Which attribution explains a fitted model of the engine (SPEC §9), as a function of one input row: exact
 * Integrated Gradients for the neural net, exact Shapley values against the baseline for a forest; nothing to
 * attribute for a constant model.
 */
import type { FittedModel, ForestModel } from '../forest';
import type { MlpModel } from '../mlp';
import { plattProbability } from '../mlp/platt';
import { sigmoid } from '../../numeric/sigmoid';
import { type ExplainedNet, integratedGradients, type OutputLink } from './integrated-gradients';
import type { RowAttribution } from './masked-quality';
import { forestShapley } from './tree-shap';

/** The attribution of a net (or a constant model) from `baseline`, or null for any other model. */
export function netAttribution(model: FittedModel, baseline: Float64Array): RowAttribution | null {
  const kind = (model as { kind?: string }).kind;
  if (kind === 'constant') return constantAttribution;
  if (kind !== 'mlp') return null;
  const net = explainedNet(model as MlpModel);
  return (z) => integratedGradients(net, baseline, z);
}

/** The attribution of a forest (or a constant model) from `baseline`, or null for any other model. */
export function forestAttribution(model: FittedModel, baseline: Float64Array): RowAttribution | null {
  const kind = (model as { kind?: string }).kind;
  if (kind === 'constant') return constantAttribution;
  if (kind !== 'forest') return null;
  const { trees } = model as ForestModel;
  return (z) => forestShapley(trees, baseline, z);
}

const constantAttribution: RowAttribution = (z) => new Float64Array(z.length);

/** A fitted net with its output link: Platt's sigmoid or σ of the logit for a classifier, z · scale + mean for a regressor. */
export function explainedNet(model: MlpModel): ExplainedNet {
  return { shape: model.shape, parameters: model.parameters, link: outputLink(model) };
}

function outputLink(model: MlpModel): OutputLink {
  const { target, platt } = model;
  if (target) return { value: (z) => z * target.scale + target.mean, slope: () => target.scale };
  if (platt) {
    return {
      value: (z) => plattProbability(platt, z),
      slope: (z) => {
        const p = plattProbability(platt, z);
        return -platt.a * p * (1 - p);
      },
    };
  }
  return {
    value: sigmoid,
    slope: (z) => {
      const p = sigmoid(z);
      return p * (1 - p);
    },
  };
}
