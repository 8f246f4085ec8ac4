/**
 * What the audit needs from an explained model pair (SPEC §9): per test row, sufficiency and comprehensiveness of
 * h0 and of h(·, g′) for every group g′, laid out as the prediction matrix is, so the metric machinery scores them
 * as it scores predictions.
 */
import type { PredictionMatrix } from '../../audit/prediction-matrix';
import type { ExplainedRow } from './examples';

/** How the attributions were computed, as the report names it. */
export type AttributionMethod = 'linear-exact' | 'integrated-gradients' | 'tree-shap' | 'occlusion';

export const ATTRIBUTION_METHOD_NAMES: Readonly<Record<AttributionMethod, string>> = {
  'linear-exact': 'exact attributions of the linear model, |w_j (z_j − b_j)| (Integrated Gradients from the training mean)',
  'integrated-gradients':
    'Integrated Gradients of the neural net from the training mean, exact: analytic gradients summed over the straight-line segments on which its ReLUs do not switch',
  'tree-shap': 'exact Shapley values of the forest against the training mean (interventional TreeSHAP with that one reference point)',
  occlusion: 'occlusion from the training mean, a_j = f(z) − f(z with input j at its mean), for h0 and h alike (model-agnostic: d + 3 model evaluations a row)',
};

export interface ExplanationMatrices {
  readonly method: AttributionMethod;
  /** generic[r] = sufficiency of h0 on test row r; asGroup[g][r] = that of h(·, g). */
  readonly sufficiency: PredictionMatrix;
  readonly comprehensiveness: PredictionMatrix;
  /** The first test row of every group explained by h0 and by h (examples.ts); absent where not computed. */
  readonly examples?: readonly ExplainedRow[];
}

/** An explanation the audit skipped, with the one line the report says instead (e.g. it would take too long). */
export interface Unexplained {
  readonly unavailable: string;
}

/** The default share r of the inputs an explanation keeps (paper 2). */
export const DEFAULT_EXPLAIN_FRACTION = 0.5;
