/**
 * `fairuse train`: fits the generic and the personalized model exactly as an audit does (same split, encoding and
 * solver: the steps of runAudits), and returns the personalized model as a model file, with the prediction matrix
 * on the test rows for a predictions file.
 */
import { type AuditDataset, taskOf } from '../data/dataset';
import { fitFeatureEncoder, type FeatureEncoder } from '../learn/feature-encoder';
import { type GroupIndex, indexGroups } from '../data/groups';
import { fitGenericWith, fitPersonalized, groupDummies, type GenericFit, type LinearModel, LOGISTIC_LEARNER, RIDGE_LEARNER } from '../learn/models';
import { fitClass } from '../learn/learners';
import type { Labels } from '../data/task';
import { type AuditOptions, resolveOptions } from '../audit/options';
import type { PredictionMatrix } from '../audit/prediction-matrix';
import { AuditInputError } from '../errors';
import { fromTestMask, labelStrata, stratifiedSplit, type TrainTestSplit } from '../data/split';
import { assignmentOf } from '../audit/group-assignment';
import { assemble } from '../audit/interventions';
import { describeEncoding } from '../learn/feature-encoder';
import { type AssignedGroup, ENGINE_MODEL_FORMAT, ENGINE_MODEL_VERSION, type EngineModel, type EngineModelClass, type GroupCondition, type TrainingRecord, type TrainingSplit } from './engine-model';
import { saveFit } from './saved-fit';
import { countOf } from '../count-words';

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
  /** How numeric group attributes were bucketed and which texts were read as missing: saved for the file's audits. */
  readonly buckets?: TrainingRecord['buckets'];
  readonly missingValues?: TrainingRecord['missingValues'];
}

/** The train rows of the split an audit of `dataset` with these options uses (SPEC §1). */
export function auditSplit(dataset: AuditDataset, groups: GroupIndex, options: Pick<AuditOptions, 'testSize' | 'seed'>): TrainTestSplit {
  const split = dataset.splitIsTest
    ? fromTestMask(dataset.splitIsTest)
    : stratifiedSplit(groups.groupOfRow, labelStrata(dataset.label), options.testSize, options.seed);
  if (split.train.length === 0 || split.test.length === 0) {
    throw new AuditInputError('EMPTY_SPLIT', `The split leaves ${countOf(split.train.length, 'training row')} and ${countOf(split.test.length, 'test row')}.`, 'Use more rows or a --test-size that leaves rows on both sides.');
  }
  return split;
}

const coefficients = (m: LinearModel) => ({ weights: Array.from(m.weights), intercept: m.intercept });

/**
 * Trains the personalized model of `options.technique` on the training rows of the audit's split. Groups that
 * `options.assign` gives h0 or their decoupled model are served by that model, in the file and in the predictions,
 * as the audit of the same spec assembles them (SPEC §6). A binary label gives a logistic model (`--model lr`); a
 * numeric label a ridge, forest or net regressor (`--model lr|rf|nn`, docs/regression.md), fitted as the audit
 * fits it (learners.ts), so auditing the file reproduces the in-process audit.
 *
 * @param createdBy written into the file (e.g. "fairuse 0.1.0")
 * @throws AuditInputError BAD_OPTION for a forest or net on a binary label, or "assign" with a forest or net
 */
export function trainEngineModel(dataset: AuditDataset, partialOptions: Partial<AuditOptions>, data: TrainingData, createdBy?: string): EngineTraining {
  const task = taskOf(dataset.label);
  const options = resolveOptions(partialOptions, task);
  if (options.modelClass !== 'lr' && task === 'classification') {
    throw new AuditInputError('BAD_OPTION', `The model file format holds logistic regressions for a binary label, not --model ${options.modelClass}.`, 'Train with --model lr to save a model file; audit forests and nets of a binary label in process.');
  }
  const groups = indexGroups(dataset);
  const split = auditSplit(dataset, groups, options);
  const encoder = fitFeatureEncoder(dataset.features, split.train);
  const trained =
    options.modelClass === 'lr'
      ? dataset.label.task === 'regression'
        ? linearModel('ridge-regression', fitGenericWith(RIDGE_LEARNER, encoder, dataset.label.values, split.train, split.test, options.C), encoder, groups, split, options)
        : linearModel('logistic-regression', fitGenericWith(LOGISTIC_LEARNER, encoder, dataset.label.values, split.train, split.test, options.C), encoder, groups, split, options)
      : treeOrNetModel(options.modelClass, encoder, dataset, groups, split, options);

  const trainingSplit: TrainingSplit = dataset.splitColumn ? { splitColumn: dataset.splitColumn } : { seed: options.seed, testSize: options.testSize };
  const label = dataset.label.task === 'regression' ? { column: dataset.label.name } : { column: dataset.label.name, positive: dataset.label.positive, negative: dataset.label.negative };
  const model: EngineModel = {
    format: ENGINE_MODEL_FORMAT,
    formatVersion: ENGINE_MODEL_VERSION,
    modelClass: trained.modelClass,
    label,
    groupAttributes: dataset.groupAttributes,
    technique: options.technique,
    features: describeEncoding(dataset.features, split.train),
    ...trained.personalized,
    ...(trained.assigned.length ? { assigned: trained.assigned } : {}),
    training: {
      data: data.path,
      sha256: data.sha256,
      rows: dataset.rows,
      trainRows: split.train.length,
      C: Number.isFinite(options.C) ? options.C : 'Infinity',
      split: trainingSplit,
      ...(trained.warnings.length ? { warnings: trained.warnings } : {}),
      ...(data.buckets?.length ? { buckets: data.buckets.map(({ column, cuts }) => ({ column, cuts: [...cuts] })) } : {}),
      ...(data.missingValues?.length ? { missingValues: [...data.missingValues] } : {}),
    },
    ...(createdBy ? { createdBy } : {}),
  };
  return { model, groups, split, predictions: trained.predictions };
}

/** What a model class contributes to the file: its personalized part, assigned groups, warnings and predictions. */
interface TrainedPart {
  readonly modelClass: EngineModelClass;
  readonly personalized: Pick<EngineModel, 'groupColumns' | 'weights' | 'intercept' | 'fit' | 'groupModels'>;
  readonly assigned: readonly AssignedGroup[];
  /** The personalized fit's warnings (h0's come back when an audit refits h0), and those of the models serving assigned groups. */
  readonly warnings: readonly string[];
  readonly predictions: PredictionMatrix;
}

/** A logistic (binary label) or ridge (numeric label) personalized model, with the spec's assigned groups. */
function linearModel<Y extends Labels>(
  modelClass: EngineModelClass,
  generic: GenericFit<Y>,
  encoder: FeatureEncoder,
  groups: GroupIndex,
  split: TrainTestSplit,
  options: AuditOptions,
): TrainedPart {
  const personalized = fitPersonalized(options.technique, encoder, generic, groups, split.train, options.C);
  let coefficientsOfModel: TrainedPart['personalized'];
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
  const fittedPredictions = { generic: generic.testProbabilities, asGroup: personalized.asGroup };
  const predictions = assigned.length ? assemble(fittedPredictions, assignment, decoupled?.asGroup ?? null) : fittedPredictions;
  return { modelClass, personalized: coefficientsOfModel, assigned, warnings: [...personalized.warnings, ...assignedWarnings], predictions };
}

const SAVED_CLASS = { rf: 'random-forest-regressor', nn: 'neural-net-regressor' } as const;

/** A forest or net regressor, fitted by the audit's own learners (same seeds, roles and designs). */
function treeOrNetModel(modelClass: 'rf' | 'nn', encoder: FeatureEncoder, dataset: AuditDataset, groups: GroupIndex, split: TrainTestSplit, options: AuditOptions): TrainedPart {
  if (Object.keys(options.assign).length > 0) {
    throw new AuditInputError('BAD_OPTION', `"assign" is saved in a model file for linear models only, not --model ${modelClass}.`, 'Audit the assignment in process (fairuse audit --spec), or train with --model lr to save it.');
  }
  const fits = fitClass(modelClass, encoder, dataset.label, groups, split.train, split.test, options.C, options.seed);
  const personalized = fits.personalized(options.technique);
  const fitted = personalized.fitted!;
  const part: TrainedPart['personalized'] =
    fitted.technique === 'dcp'
      ? { groupModels: groups.groups.map((g, k) => ({ group: g.values, fit: saveFit(fitted.models[k]) })) }
      : { groupColumns: groupDummies(groups, fitted.technique).conditions, fit: saveFit(fitted.model) };
  return {
    modelClass: SAVED_CLASS[modelClass],
    personalized: part,
    assigned: [],
    warnings: personalized.warnings,
    predictions: { generic: fits.generic, asGroup: personalized.asGroup },
  };
}

/** The model file's text: JSON, two-space indented, with a final newline. */
export function formatEngineModel(model: EngineModel): string {
  return `${JSON.stringify(model, null, 2)}\n`;
}
