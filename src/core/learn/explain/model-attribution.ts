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

/** Tree nodes the explanations of one audit may walk (about 10–30 s on one core); more and they are skipped. */
export const FOREST_VISIT_LIMIT = 2e9;

/**
 * Why a forest's explanations are skipped, or null when they fit FOREST_VISIT_LIMIT: the nodes walked per row,
 * measured on the first rows of `x` for h0, times the rows and the models explained.
 *
 * @param models the models explained on every row of x: h0 and one per group
 * @param limit the most nodes to walk (FOREST_VISIT_LIMIT; smaller in tests)
 */
export function forestExplanationTooCostly(
  h0: FittedModel,
  baseline: Float64Array,
  x: { rows: number; cols: number; data: Float64Array },
  models: number,
  limit = FOREST_VISIT_LIMIT,
): string | null {
  const trees = (h0 as Partial<ForestModel>).trees;
  if (!trees || x.rows === 0) return null;
  const sample = Math.min(16, x.rows);
  const visits = { count: 0 };
  for (let r = 0; r < sample; r++) forestShapley(trees, baseline, x.data.subarray(r * x.cols, (r + 1) * x.cols), visits);
  const perRow = visits.count / sample;
  const total = perRow * x.rows * models;
  if (total <= limit) return null;
  return (
    `The explanations of this random forest would walk about ${total.toExponential(1)} tree nodes (${x.rows} test rows × ${models} models × ${Math.round(perRow)} a row), ` +
    `over the limit of ${limit.toExponential(0)}: no explanation metrics. Use --model lr or nn to have them, or --no-explanations.`
  );
}
