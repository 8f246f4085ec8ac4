/** The model file bound to a dataset, scoring its rows as every group (an ONNX session is loaded once). */
import type { AuditDataset } from '../../data/dataset';
import type { GroupIndex } from '../../data/groups';
import { engineModelScorer, type GroupScorer } from '../group-scorer';
import { onnxScorer, type OnnxSession, positiveColumn } from '../onnx-model';
import { type GivenModel, planOf } from './given-model';
import type { ModelAuditRuntime } from './model-audit-request';

export type ScorerFor = (dataset: AuditDataset) => Promise<GroupScorer>;

/** A scorer per dataset; an ONNX model's class order may add a warning to `given.warnings`. */
export function scorersOf(given: GivenModel, runtime: ModelAuditRuntime): ScorerFor {
  const modelPath = given.request.model.path;
  let session: OnnxSession | undefined;
  return async (dataset) => {
    const positiveIndex = positiveIndexOf(given, dataset);
    if (given.json) return engineModelScorer(given.json, dataset, modelPath);
    const plan = planOf(given);
    if (!session) {
      if (!runtime.onnx) throw new Error('auditModelFile: an ONNX model needs runtime.onnx');
      session = await runtime.onnx.load(plan.bytes, plan.inputName, plan.outputName, modelPath);
    }
    return onnxScorer(plan, given.inputs!, dataset, session, positiveIndex, modelPath);
  };
}

/** Which probability column of an ONNX classifier is the data's positive class (0 where there is none to choose). */
function positiveIndexOf(given: GivenModel, dataset: AuditDataset): number {
  const { loaded } = given;
  if (loaded.kind !== 'onnx' || dataset.label.task === 'regression') return 0;
  return positiveColumn(loaded.plan.classLabels, dataset.label.positive, given.warnings, given.request.model.path);
}

/** h(x, g′) on `rows` for every group g′, in the groups' order. */
export async function scoreEveryGroup(scorer: GroupScorer, rows: Int32Array, groups: GroupIndex): Promise<Float64Array[]> {
  const out: Float64Array[] = [];
  for (const group of groups.groups) out.push(await scorer.score(rows, group));
  return out;
}
