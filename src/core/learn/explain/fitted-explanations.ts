/**
 * SPEC §9 for the engine's forests and nets (and any fitted model with an attribution): each model scored with
 * its own baseline b, the mean of the inputs it was trained on, on the inputs it sees as each group.
 */
import type { DenseMatrix } from '../../numeric/matrix';
import type { FittedModel } from '../forest';
import type { RowExplanationQuality } from './linear-explanations';
import { maskedExplanationQuality, type RowAttribution } from './masked-quality';

/** A fitted model with the baseline its attributions start from. */
export interface ExplainedModel {
  readonly model: FittedModel;
  readonly baseline: Float64Array;
}

/** How a model is attributed from a baseline; null when the method cannot explain it. */
export type AttributionOf = (model: FittedModel, baseline: Float64Array) => RowAttribution | null;

/**
 * Sufficiency and comprehensiveness of `explained` on every row of `x` (its inputs as that model sees them).
 *
 * @throws RangeError when the attribution cannot explain the model (a bug: the caller chose the method)
 */
export function explainFitted(explained: ExplainedModel, x: DenseMatrix, fraction: number, attributionOf: AttributionOf): RowExplanationQuality {
  const attribute = attributionOf(explained.model, explained.baseline);
  if (!attribute) throw new RangeError('explainFitted: the attribution cannot explain this model');
  return maskedExplanationQuality((rows) => explained.model.predict(rows), attribute, explained.baseline, x, fraction);
}
