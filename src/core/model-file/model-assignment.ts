/**
 * The audit spec's "assign" (SPEC §6) when the personalized model is a file. The audit fits h0 itself, so h0 can
 * serve any group of any model file; a decoupled model can serve a group only when the file holds it (an engine
 * model saved by `fairuse train` with that assignment). The groups a model file already serves with another model
 * (its "assigned") are reported as assigned, as the in-process audit of the same spec reports them.
 */
import { AuditInputError } from '../errors';
import { assignmentOf } from '../audit/group-assignment';
import type { GroupIndex } from '../data/groups';
import { assemble } from '../audit/interventions';
import type { AuditOptions } from '../audit/options';
import type { PredictionMatrix } from '../audit/prediction-matrix';
import { type EngineModel, meets } from './engine-model';

type Assign = AuditOptions['assign'];

export interface ModelAssignment {
  /** What the report's settings.assign says: the file's assignments, overridden by the spec's. */
  readonly assign: Assign;
  /** The model's predictions with the spec's "generic" groups served by the audit's h0. */
  apply(predictions: PredictionMatrix): PredictionMatrix;
}

/**
 * @param requested the spec's "assign" (may be empty)
 * @param model the engine model file, when the model is one
 * @param groups the audited data's groups
 * @throws AuditInputError BAD_OPTION for a group the data does not have, or a "decoupled" assignment the file cannot serve
 */
export function modelAssignment(requested: Assign | undefined, model: EngineModel | undefined, groups: GroupIndex, modelPath: string): ModelAssignment {
  const asked = requested ?? {};
  const spec = assignmentOf(asked, groups);
  const inFile = groups.groups.map((g) => model?.assigned?.find((a) => meets(a.group, g.values))?.serve ?? 'personalized');
  groups.groups.forEach((g, k) => {
    if (spec[k] === 'decoupled' && inFile[k] !== 'decoupled') {
      throw new AuditInputError(
        'BAD_OPTION',
        `"assign" gives ${JSON.stringify(g.id)} its decoupled model, which the model file ${modelPath} does not hold.`,
        'Assign "generic" (the audit fits h0), or save a model that serves the group with its decoupled model: `fairuse train --spec <spec> --save-model m.json`.',
      );
    }
  });
  const assign: Record<string, 'generic' | 'decoupled'> = {};
  groups.groups.forEach((g, k) => {
    const serve = spec[k] === 'personalized' ? inFile[k] : spec[k];
    if (serve !== 'personalized') assign[g.id] = serve;
  });
  const byH0 = spec.map((a) => (a === 'generic' ? 'generic' : 'personalized'));
  return {
    assign,
    apply: (predictions) => (byH0.includes('generic') ? assemble(predictions, byH0, null) : predictions),
  };
}
