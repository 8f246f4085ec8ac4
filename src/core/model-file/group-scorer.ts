/**
 * Scoring with group substitution (SPEC §2, §4): a personalized model h, asked for h(x, g′) — every row's own
 * features x with its group attributes set to g′'s values. The audit needs it for every group g′ on every test
 * row: the prediction matrix. Model files of every kind are bound to a dataset as a GroupScorer.
 */
import { showCell } from '../data/show-cell';
import { AuditInputError } from '../errors';
import type { Group } from '../data/groups';
import type { DenseMatrix } from '../numeric/matrix';
import { predictAsGroup, type PersonalizedModel } from '../learn/models';
import { encoderFor } from '../learn/feature-encoder';
import type { FittedModel } from '../learn/forest';
import type { AuditDataset } from '../data/dataset';
import { type EngineModel, type GroupCondition, isLinearModel, meets } from './engine-model';
import { loadFit } from './saved-fit';

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
 * Binds the engine's model file to a dataset. The arithmetic is the engine's own (`predictAsGroup`; a saved
 * forest's or net's own predict), so a model saved by `fairuse train` scores exactly as the in-process model did.
 */
export function engineModelScorer(model: EngineModel, dataset: AuditDataset, source: string): GroupScorer {
  if (!isLinearModel(model.modelClass)) return savedFitScorer(model, dataset, source);
  const predict = model.modelClass === 'ridge-regression' ? (z: number) => z : undefined;
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
      if (!own?.weights) throw unknownGroup(source, group, 'no decoupled model');
      return { technique: 'dcp', models: [{ weights: Float64Array.from(own.weights), intercept: own.intercept as number }] };
    }
    const conditions = model.groupColumns as readonly GroupCondition[];
    const active = activeColumns(model, group, source);
    return {
      technique: model.technique,
      model: { weights: Float64Array.from(model.weights as readonly number[]), intercept: model.intercept as number },
      groupColumns: [active],
      dummyNames: conditions.map((c) => Object.entries(c).map(([a, v]) => `${a}=${v}`).join(', ')),
    };
  };
  return {
    async score(rows, asGroup) {
      return predictAsGroup(personalizedFor(asGroup), design(rows), 0, predict);
    },
    unseenLevels: () => encoder.unseenLevels(),
  };
}

/** The active group columns of a group, or an error when the model has none that cover it. */
function activeColumns(model: EngineModel, group: Group, source: string): number[] {
  const conditions = model.groupColumns as readonly GroupCondition[];
  const active = conditions.flatMap((c, k) => (meets(c, group.values) ? [k] : []));
  const covered = model.technique === 'all' ? active.length === 1 : model.groupAttributes.every((a) => active.some((k) => a in conditions[k]));
  if (!covered) throw unknownGroup(source, group, 'no group column');
  return active;
}

/**
 * A saved forest or net (saved-fit.ts): `1hot` / `all` read the features' design columns then the group columns,
 * set for the substituted group, as the in-process fit's design (learners.ts); `dcp` the group's own model.
 */
function savedFitScorer(model: EngineModel, dataset: AuditDataset, source: string): GroupScorer {
  const encoder = encoderFor(model.features, dataset.features, source);
  const loaded = new Map<unknown, FittedModel>();
  const fitted = (saved: NonNullable<EngineModel['fit']>, inputs: number): FittedModel => {
    if (!loaded.has(saved)) loaded.set(saved, loadFit(saved, inputs));
    return loaded.get(saved)!;
  };
  return {
    async score(rows, asGroup) {
      if (model.technique === 'dcp') {
        const own = (model.groupModels ?? []).find((m) => meets(m.group, asGroup.values));
        if (!own?.fit) throw unknownGroup(source, asGroup, 'no decoupled model');
        const x = encoder.encode(rows);
        return fitted(own.fit, x.cols).predict(x);
      }
      const groupColumns = (model.groupColumns as readonly GroupCondition[]).length;
      const x = encoder.encode(rows, groupColumns);
      const width = x.cols - groupColumns;
      for (const column of activeColumns(model, asGroup, source)) for (let r = 0; r < rows.length; r++) x.data[r * x.cols + width + column] = 1;
      return fitted(model.fit!, x.cols).predict(x);
    },
    unseenLevels: () => encoder.unseenLevels(),
  };
}
