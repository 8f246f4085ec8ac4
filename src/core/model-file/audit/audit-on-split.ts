/**
 * A model file audited on one dataset: split it as the engine's own audit would (the model's recorded split when it
 * was trained on it), fit h0 on the train rows, and measure h0 and the file's h on the test rows.
 */
import { type AuditHooks, auditGivenPredictions } from '../../audit/audit';
import type { CsvTable } from '../../data/csv';
import { taskOf } from '../../data/dataset';
import { indexGroups } from '../../data/groups';
import { fitFeatureEncoder } from '../../learn/feature-encoder';
import { fitClass } from '../../learn/learners';
import { resolveOptions } from '../../audit/options';
import type { AuditReport } from '../../report/report';
import { modelAssignment } from '../model-assignment';
import { auditSplit } from '../train-model';
import { explainGivenModel } from './explain-given-model';
import { auditOptionsFor, checkModelTask, type GivenModel, modelReport, recordedSplitColumn, trainedOn } from './given-model';
import { levelWarnings } from './level-warnings';
import { requireRecordedSplit, resolvedSplitOptions } from './model-file-options';
import { loadForModel, requireColumns } from './model-data';
import { scoreEveryGroup, type ScorerFor } from './model-scorers';
import { progressOf } from './progress';

export async function auditOnSplit(given: GivenModel, table: CsvTable, dataSha: string, scorerFor: ScorerFor, hooks: AuditHooks): Promise<AuditReport> {
  const { request, json, roles } = given;
  const modelPath = request.model.path;
  const progress = progressOf(hooks);
  const options = auditOptionsFor(given);
  const trainedOnThis = trainedOn(given, dataSha);
  if (json && trainedOnThis) requireRecordedSplit(json, request);
  const splitColumn = request.load.splitColumn ?? (trainedOnThis ? recordedSplitColumn(given) : undefined);
  requireColumns(given.features, table, modelPath, request.data.path);
  const loadOptions = { label: roles.label, groups: roles.groups, features: given.features, splitColumn, positive: roles.positive };
  const dataset = loadForModel(table, loadOptions, request.load.positive);
  checkModelTask(given, dataset);
  progress({ stage: 'split' });
  const groups = indexGroups(dataset);
  const split = auditSplit(dataset, groups, resolvedSplitOptions(options));
  const encoder = fitFeatureEncoder(dataset.features, split.train);
  progress({ stage: 'fit-generic' });
  const resolved = resolveOptions(options, taskOf(dataset.label));
  const generic = fitClass(given.h0Class, encoder, dataset.label, groups, split.train, split.test, resolved.C, resolved.seed);
  progress({ stage: 'fit-personalized' });
  const scorer = await scorerFor(dataset);
  const asGroup = await scoreEveryGroup(scorer, split.test, groups);
  const { warnings } = given;
  if (json && !trainedOnThis) {
    warnings.push(
      `The model was trained on ${json.training.data} (another file, by its SHA-256): rows it was trained on may be among the test rows here. ` +
        'To audit it on new data, give its training data with --train-data.',
    );
  }
  // An ONNX file does not record its training rows; a split column is the user's word for which rows it never saw.
  if (given.loaded.kind === 'onnx' && splitColumn === undefined) {
    warnings.push(
      `The ONNX model ${modelPath} does not record the rows it was trained on: if they are rows of ${request.data.path}, some may be among the test rows here, ` +
        'which flatters the model. To audit it on data it was not trained on, give its training data with --train-data (every row of the audited file is then a test row), ' +
        'or mark its held-out rows with --split-column.',
    );
  }
  if (given.inputs) warnings.push(...levelWarnings(given.inputs, dataset, split.test, modelPath));
  const assigned = modelAssignment(options.assign, json, groups, modelPath);
  const predictions = assigned.apply({ generic: generic.generic, asGroup });
  const h0 = () => ({ xTrain: encoder.encode(split.train), xTest: encoder.encode(split.test), names: encoder.columnNames });
  const test = { dataset, rows: split.test, groups, scorer };
  const explained = await explainGivenModel(given, generic, h0, test, { dataset, rows: split.train, groups }, assigned);
  const trainingWarnings = json?.training.warnings ?? [];
  const allWarnings = [...generic.warnings, ...trainingWarnings, ...warnings];
  const givenPredictions = { groups, split, predictions, warnings: allWarnings, unseenLevels: encoder.unseenLevels(), ...explained };
  const auditOptions = { ...auditOptionsFor(given, taskOf(dataset.label)), assign: assigned.assign };
  const report = await auditGivenPredictions(dataset, auditOptions, { path: request.data.path, sha256: dataSha }, givenPredictions, hooks);
  return { ...report, model: modelReport(given, false) };
}
