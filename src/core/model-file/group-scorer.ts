/**
 * Scoring with group substitution (SPEC §2, §4): a personalized model h, asked for h(x, g′) — every row's own
 * features x with its group attributes set to g′'s values. The audit needs it for every group g′ on every test
 * row: the prediction matrix. Model files of every kind are bound to a dataset as a GroupScorer.
 */
import { showCell } from '../data/show-cell';
import type { Dataset } from '../data/dataset';
import { AuditInputError } from '../errors';
import type { Group } from '../data/groups';
import type { DenseMatrix } from '../numeric/matrix';
import { predictAsGroup, type PersonalizedModel } from '../learn/models';
import { encoderFor } from '../learn/feature-encoder';
import { type EngineModel, type GroupCondition, meets } from './engine-model';

export interface GroupScorer {
  /** h(x_r, g′) for every row r of `rows` (positions in the bound dataset), in that order. */
  score(rows: Int32Array, asGroup: Group): Promise<Float64Array>;
  /** Categorical cells with a level the model never saw, counted while scoring. */
  unseenLevels(): number;
  /** The model as a black box over its own inputs, for a model-agnostic attribution (SPEC §9); absent: not explained. */
  readonly inputs?: ModelInputs;
}

/** A model file's inputs for rows scored as a group, and the model on any matrix of such inputs. */
export interface ModelInputs {
  /** The rows' inputs as the model sees them with their group attributes set to `asGroup`'s, rows × inputs. */
  of(rows: Int32Array, asGroup: Group): DenseMatrix;
  /** The model's prediction for every row of `x` (rows × inputs). */
  predict(x: DenseMatrix): Promise<Float64Array>;
}

function unknownGroup(source: string, group: Group, what: string): AuditInputError {
  return new AuditInputError(
    'BAD_OPTION',
    `The model ${source} has ${what} for the group ${showCell(group.id, 80)}, so it cannot score rows as that group.`,
    'Audit data whose groups the model was trained on, or train the model on data that has this group.',
  );
}

/**
 * Binds the engine's model file to a dataset. The arithmetic is the engine's own (`predictAsGroup`), so a model
 * saved by `fairuse train` scores exactly as the in-process model did.
 */
export function engineModelScorer(model: EngineModel, dataset: Dataset, source: string): GroupScorer {
  const encoder = encoderFor(model.features, dataset.features, source);
  let cached: { rows: Int32Array; x: DenseMatrix } | undefined;
  const design = (rows: Int32Array): DenseMatrix => {
    if (cached?.rows !== rows) cached = { rows, x: encoder.encode(rows) };
    return cached.x;
  };
  const personalizedFor = (group: Group): PersonalizedModel => {
    // A group the model serves with h0 or its decoupled model (SPEC §6): that model, whatever the technique.
    const served = model.assigned?.find((a) => meets(a.group, group.values));
    if (served) return { technique: 'dcp', models: [{ weights: Float64Array.from(served.weights), intercept: served.intercept }] };
    if (model.technique === 'dcp') {
      const own = (model.groupModels ?? []).find((m) => meets(m.group, group.values));
      if (!own) throw unknownGroup(source, group, 'no decoupled model');
      return { technique: 'dcp', models: [{ weights: Float64Array.from(own.weights), intercept: own.intercept }] };
    }
    const conditions = model.groupColumns as readonly GroupCondition[];
    const active = conditions.flatMap((c, k) => (meets(c, group.values) ? [k] : []));
    const covered = model.technique === 'all' ? active.length === 1 : model.groupAttributes.every((a) => active.some((k) => a in conditions[k]));
    if (!covered) throw unknownGroup(source, group, 'no group column');
    return {
      technique: model.technique,
      model: { weights: Float64Array.from(model.weights as readonly number[]), intercept: model.intercept as number },
      groupColumns: [active],
      dummyNames: conditions.map((c) => Object.entries(c).map(([a, v]) => `${a}=${v}`).join(', ')),
    };
  };
  return {
    async score(rows, asGroup) {
      return predictAsGroup(personalizedFor(asGroup), design(rows), 0);
    },
    unseenLevels: () => encoder.unseenLevels(),
  };
}
