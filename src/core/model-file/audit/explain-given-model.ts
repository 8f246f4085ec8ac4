/**
 * SPEC §9 for the model file: the engine's JSON file as the engine explains its own models (engine-explanations.ts);
 * an ONNX file by occlusion of h0 and h (model-explanations.ts) through the inputs its scorer exposes. Laid out and
 * assigned as the predictions are.
 */
import { MODEL_FILE_UNEXPLAINED } from '../../audit/audit-explanations';
import { resolveOptions } from '../../audit/options';
import { taskOf } from '../../data/dataset';
import type { ExplanationMatrices, Unexplained } from '../../learn/explain/explanations';
import type { ClassFits } from '../../learn/learners';
import type { DenseMatrix } from '../../numeric/matrix';
import { explainEngineModelFile, type RowsOf } from '../engine-explanations';
import type { GroupScorer } from '../group-scorer';
import type { ModelAssignment } from '../model-assignment';
import { explainModelFile } from '../model-explanations';
import { auditOptionsFor, type GivenModel } from './given-model';

/** h0's design on its training rows and on the audited rows, and its column names; built only when explained. */
export type GenericDesigns = () => { readonly xTrain: DenseMatrix; readonly xTest: DenseMatrix; readonly names: readonly string[] };

/** What auditGivenPredictions takes of the explanations: the matrices, or why there are none. */
export interface GivenExplanations {
  readonly explained?: ExplanationMatrices | Unexplained;
  readonly unexplained?: string;
}

/**
 * @param test the audited rows (the test split, or every row of new data), with the model bound to them
 * @param train the rows h0 was trained on, with the model bound to them when they are another dataset's
 */
export async function explainGivenModel(
  given: GivenModel,
  generic: ClassFits,
  h0: GenericDesigns,
  test: RowsOf & { scorer: GroupScorer },
  train: RowsOf & { scorer?: GroupScorer },
  assigned: ModelAssignment,
): Promise<GivenExplanations> {
  const resolved = resolveOptions(auditOptionsFor(given), taskOf(train.dataset.label));
  if (!resolved.explanations) return {};
  let explained: ExplanationMatrices | Unexplained;
  if (given.json) {
    const fitted = { model: generic.genericModel, linear: generic.genericLinear, ...h0() };
    explained = explainEngineModelFile(given.json, fitted, test, train, resolved.explainFraction, given.request.model.path);
  } else {
    const trainInputs = (train.scorer ?? test.scorer).inputs;
    if (!test.scorer.inputs || !trainInputs) return { unexplained: MODEL_FILE_UNEXPLAINED };
    explained = await explainModelFile(
      { model: generic.genericModel, ...h0() },
      { inputs: test.scorer.inputs, rows: test.rows, groups: test.groups },
      { inputs: trainInputs, rows: train.rows, groups: train.groups },
      resolved.explainFraction,
    );
  }
  if ('unavailable' in explained) return { explained };
  // The examples show h as the file serves each group; with groups served by h0 instead they are left out, as in process.
  const { examples, ...matrices } = explained;
  return {
    explained: {
      ...matrices,
      sufficiency: assigned.apply(explained.sufficiency),
      comprehensiveness: assigned.apply(explained.comprehensiveness),
      ...(examples && Object.keys(assigned.assign).length === 0 ? { examples } : {}),
    },
  };
}
