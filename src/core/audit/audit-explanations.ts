/**
 * Which explanation metrics an audit reports (SPEC §9) and why not, when it cannot: the input testAndReport
 * scores beside the predictions, and the report's `explanations` field.
 */
import type { Assignment, ExplanationsReport } from '../report/report';
import { assemble } from './interventions';
import { ATTRIBUTION_METHOD_NAMES, type ExplanationMatrices, type Unexplained } from '../learn/explain/explanations';

/** The explanation metrics to score, or the sentence the report says instead. */
export type ExplanationInput =
  | { readonly matrices: ExplanationMatrices; readonly fraction: number }
  | { readonly unavailable: string; readonly fraction: number };

export const PREDICTIONS_FILE_UNEXPLAINED = 'A predictions file holds no model, so its predictions cannot be explained: no explanation metrics.';

export const MODEL_FILE_UNEXPLAINED = 'This model file does not expose its inputs, so it cannot be explained: no explanation metrics.';

const MODEL_CLASS_UNEXPLAINED = 'The engine has no attribution for this model class: no explanation metrics.';

/**
 * The explanations of the model pair as served: `explain` of the personalized fit, with the groups the spec
 * assigns to h0 or to their decoupled model taking that model's explanations (as `assemble` does predictions).
 *
 * @param explain the fit's explanations, absent for a model class the engine cannot explain
 * @param decoupledExplain the decoupled fit's explanations, asked for only when a group is assigned to it
 */
export function explanationInput(
  fraction: number,
  explain: ((fraction: number) => ExplanationMatrices | Unexplained) | undefined,
  assignment: readonly Assignment[],
  decoupledExplain: () => ((fraction: number) => ExplanationMatrices | Unexplained) | undefined,
): ExplanationInput {
  if (!explain) return { unavailable: MODEL_CLASS_UNEXPLAINED, fraction };
  const own = explain(fraction);
  if ('unavailable' in own) return { unavailable: own.unavailable, fraction };
  if (assignment.every((a) => a === 'personalized')) return { matrices: own, fraction };
  const decoupled = assignment.includes('decoupled') ? decoupledExplain() : undefined;
  if (assignment.includes('decoupled') && !decoupled) return { unavailable: MODEL_CLASS_UNEXPLAINED, fraction };
  const decoupledMatrices = decoupled ? decoupled(fraction) : null;
  if (decoupledMatrices && 'unavailable' in decoupledMatrices) return { unavailable: decoupledMatrices.unavailable, fraction };
  return {
    matrices: {
      method: own.method,
      sufficiency: assemble(own.sufficiency, assignment, decoupledMatrices ? [...decoupledMatrices.sufficiency.asGroup] : null),
      comprehensiveness: assemble(own.comprehensiveness, assignment, decoupledMatrices ? [...decoupledMatrices.comprehensiveness.asGroup] : null),
    },
    fraction,
  };
}

/** The report's statement of the method and r, or of why there are no explanation metrics. */
export function explanationsReport(input: ExplanationInput): ExplanationsReport {
  if ('unavailable' in input) return { method: null, fraction: input.fraction, unavailable: input.unavailable };
  const { method, examples } = input.matrices;
  return { method, description: ATTRIBUTION_METHOD_NAMES[method], fraction: input.fraction, ...(examples ? { examples } : {}) };
}
