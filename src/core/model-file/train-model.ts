/**
 * `fairuse train`: fits the generic and the personalized model exactly as an audit does (same split, encoding and
 * solver: the steps of runAudits), and returns the personalized model as a model file, with the prediction matrix
 * on the test rows for a predictions file.
 */
import type { Dataset } from '../data/dataset';
import { fitFeatureEncoder } from '../learn/feature-encoder';
import { type GroupIndex, indexGroups } from '../data/groups';
import { fitGeneric, fitPersonalized, groupDummies, type LinearModel } from '../learn/models';
import { type AuditOptions, resolveOptions } from '../audit/options';
import type { PredictionMatrix } from '../audit/prediction-matrix';
import { AuditInputError } from '../errors';
import { fromTestMask, stratifiedSplit, type TrainTestSplit } from '../data/split';
import { assignmentOf } from '../audit/group-assignment';
import { assemble } from '../audit/interventions';
import { describeEncoding } from '../learn/feature-encoder';
import { type AssignedGroup, ENGINE_MODEL_FORMAT, ENGINE_MODEL_VERSION, type EngineModel, type GroupCondition, type TrainingSplit } from './engine-model';

export interface EngineTraining {
  readonly model: EngineModel;
  readonly groups: GroupIndex;
  readonly split: TrainTestSplit;
  /** h0 and h(·, g′) on the test rows, as the audit computes them. */
  readonly predictions: PredictionMatrix;
}

/** The data the model is trained on, as the user named it, and the SHA-256 of its bytes. */
export interface TrainingData {
  readonly path: string;
  readonly sha256: string;
}

/** The train rows of the split an audit of `dataset` with these options uses (SPEC §1). */
export function auditSplit(dataset: Dataset, groups: GroupIndex, options: Pick<AuditOptions, 'testSize' | 'seed'>): TrainTestSplit {
  const split = dataset.splitIsTest ? fromTestMask(dataset.splitIsTest) : stratifiedSplit(groups.groupOfRow, dataset.label.values, options.testSize, options.seed);
  if (split.train.length === 0 || split.test.length === 0) {
    throw new AuditInputError('EMPTY_SPLIT', `The split leaves ${split.train.length} training and ${split.test.length} test rows.`, 'Use more rows or a --test-size that leaves rows on both sides.');
  }
  return split;
}

const coefficients = (m: LinearModel) => ({ weights: Array.from(m.weights), intercept: m.intercept });

/**
 * Trains the personalized model of `options.technique` on the training rows of the audit's split. Groups that
 * `options.assign` gives h0 or their decoupled model are served by that model, in the file and in the predictions,
 * as the audit of the same spec assembles them (SPEC §6).
 *
 * @param createdBy written into the file (e.g. "fairuse 0.1.0")
 */
export function trainEngineModel(dataset: Dataset, partialOptions: Partial<AuditOptions>, data: TrainingData, createdBy?: string): EngineTraining {
  const options = resolveOptions(partialOptions);
  if (options.modelClass !== 'lr') {
    throw new AuditInputError('BAD_OPTION', `The model file format holds logistic regressions only, not --model ${options.modelClass}.`, 'Train with --model lr to save a model file; audit forests and nets in process.');
  }
  const groups = indexGroups(dataset);
  const split = auditSplit(dataset, groups, options);
  const encoder = fitFeatureEncoder(dataset.features, split.train);
  const generic = fitGeneric(encoder, dataset.label.values, split.train, split.test, options.C);
  const personalized = fitPersonalized(options.technique, encoder, generic, groups, split.train, options.C);
  const attributes = dataset.groupAttributes;

  let coefficientsOfModel: Pick<EngineModel, 'groupColumns' | 'weights' | 'intercept' | 'groupModels'>;
  const fitted = personalized.model;
  if (fitted.technique === 'dcp') {
    coefficientsOfModel = { groupModels: groups.groups.map((g, k) => ({ group: g.values, ...coefficients(fitted.models[k]) })) };
  } else {
    const groupColumns: GroupCondition[] = groupDummies(groups, fitted.technique).conditions;
    coefficientsOfModel = { groupColumns, ...coefficients(fitted.model) };
  }
  const assignment = assignmentOf(options.assign, groups);
  const wantsDecoupled = assignment.includes('decoupled');
  const decoupled = wantsDecoupled ? (personalized.model.technique === 'dcp' ? personalized : fitPersonalized('dcp', encoder, generic, groups, split.train, options.C)) : null;
  const assigned: AssignedGroup[] = [];
  assignment.forEach((serve, g) => {
    if (serve === 'personalized') return;
    const served = serve === 'generic' ? generic.model : (decoupled?.model as Extract<typeof fitted, { technique: 'dcp' }>).models[g];
    assigned.push({ group: groups.groups[g].values, serve, ...coefficients(served) });
  });
  const servedIds = groups.groups.filter((_, g) => assignment[g] === 'decoupled').map((g) => g.id);
  // Warnings of the models that serve assigned groups: h0's, and the decoupled fits of those groups only.
  const assignedWarnings = [
    ...(assignment.includes('generic') ? generic.warnings : []),
    ...(decoupled && decoupled !== personalized ? decoupled.warnings.filter((w) => servedIds.some((id) => w.includes(`decoupled model of ${id} `) || w.startsWith(`Group ${id} has`))) : []),
  ];

  const trainingSplit: TrainingSplit = dataset.splitColumn ? { splitColumn: dataset.splitColumn } : { seed: options.seed, testSize: options.testSize };
  // h0's warnings come back when an audit refits h0; the personalized fit's travel with the model.
  const warnings = [...personalized.warnings, ...assignedWarnings];
  const model: EngineModel = {
    format: ENGINE_MODEL_FORMAT,
    formatVersion: ENGINE_MODEL_VERSION,
    modelClass: 'logistic-regression',
    label: { column: dataset.label.name, positive: dataset.label.positive, negative: dataset.label.negative },
    groupAttributes: attributes,
    technique: options.technique,
    features: describeEncoding(dataset.features, split.train),
    ...coefficientsOfModel,
    ...(assigned.length ? { assigned } : {}),
    training: {
      data: data.path,
      sha256: data.sha256,
      rows: dataset.rows,
      trainRows: split.train.length,
      C: Number.isFinite(options.C) ? options.C : 'Infinity',
      split: trainingSplit,
      ...(warnings.length ? { warnings } : {}),
    },
    ...(createdBy ? { createdBy } : {}),
  };
  const fittedPredictions = { generic: generic.testProbabilities, asGroup: personalized.asGroup };
  const predictions = assigned.length ? assemble(fittedPredictions, assignment, decoupled?.asGroup ?? null) : fittedPredictions;
  return { model, groups, split, predictions };
}

/** The model file's text: JSON, two-space indented, with a final newline. */
export function formatEngineModel(model: EngineModel): string {
  return `${JSON.stringify(model, null, 2)}\n`;
}
