/**
 * A model file audited on new data: h0 is fitted on the model's training data, every row of the audited data is a
 * test row, and the report sets the gains on the training data beside those on the new data (paper 1, Figures 6
 * and 7).
 */
import { type AuditHooks, auditGivenPredictions } from '../../audit/audit';
import { resolveOptions } from '../../audit/options';
import type { CsvTable } from '../../data/csv';
import { taskOf } from '../../data/dataset';
import { indexGroups } from '../../data/groups';
import { sha256 } from '../../data/sha256';
import { describeEncoding, encoderFor, fitFeatureEncoder } from '../../learn/feature-encoder';
import { fitClass } from '../../learn/learners';
import type { AuditReport } from '../../report/report';
import { modelAssignment } from '../model-assignment';
import type { FileInput } from '../read-model-file';
import type { savedReading } from '../saved-reading';
import { auditSplit } from '../train-model';
import { compareOnData } from './data-comparison';
import { explainGivenModel } from './explain-given-model';
import { auditOptionsFor, checkModelTask, type GivenModel, modelReport, recordedSplitColumn, trainedOn } from './given-model';
import { levelWarnings } from './level-warnings';
import { resolvedSplitOptions } from './model-file-options';
import { allRows, loadForModel, loadWithFeatures, readTable, requireColumns } from './model-data';
import { scoreEveryGroup, type ScorerFor } from './model-scorers';
import { progressOf } from './progress';

/** How the data files are read (saved-reading.ts): the same for the training data as for the audited data. */
type DataReading = ReturnType<typeof savedReading>;

export async function auditOnNewData(
  given: GivenModel,
  table: CsvTable,
  dataSha: string,
  training: { readonly file: FileInput; readonly reading: DataReading },
  scorerFor: ScorerFor,
  hooks: AuditHooks,
): Promise<AuditReport> {
  const { request, json, roles, features, warnings } = given;
  const modelPath = request.model.path;
  const progress = progressOf(hooks);
  const options = auditOptionsFor(given);
  const trainFile = training.file;
  const trainSha = sha256(trainFile.bytes);
  const trainTable = await readTable(trainFile, training.reading.buckets, training.reading.missingValues, 'training CSV');
  requireColumns(features, trainTable, modelPath, trainFile.path);
  requireColumns(features, table, modelPath, request.data.path);
  const trainSplitColumn = request.load.splitColumn ?? (trainedOn(given, trainSha) ? recordedSplitColumn(given) : undefined);
  const trainLoad = { label: roles.label, groups: roles.groups, features, splitColumn: trainSplitColumn, positive: roles.positive };
  const trainSet = loadForModel(trainTable, trainLoad, request.load.positive);
  checkModelTask(given, trainSet);
  const positive = trainSet.label.task === 'regression' ? undefined : trainSet.label.positive;
  const dataset = loadWithFeatures(table, { label: roles.label, groups: roles.groups, features, positive });
  checkModelTask(given, dataset);
  progress({ stage: 'split' });
  const trainGroups = indexGroups(trainSet);
  const groups = indexGroups(dataset);
  // The model's own training rows: its recorded split on the file it was trained on, or the user's split column.
  const trainRows =
    trainedOn(given, trainSha) || trainSet.splitIsTest ? auditSplit(trainSet, trainGroups, resolvedSplitOptions(options)).train : allRows(trainSet.rows);
  if (trainedOn(given, dataSha)) warnings.push(`The data audited as new is the file the model was trained on (${json!.training.data}).`);

  progress({ stage: 'fit-generic' });
  const encoder = fitFeatureEncoder(trainSet.features, trainRows);
  const resolved = resolveOptions(options, taskOf(trainSet.label));
  const generic = fitClass(given.h0Class, encoder, trainSet.label, trainGroups, trainRows, trainRows, resolved.C, resolved.seed);
  const newRows = allRows(dataset.rows);
  const newEncoder = encoderFor(describeEncoding(trainSet.features, trainRows), dataset.features, trainFile.path);
  const genericOnNew = generic.genericModel.predict(newEncoder.encode(newRows));

  progress({ stage: 'fit-personalized' });
  const scorerNew = await scorerFor(dataset);
  const scorerTrain = await scorerFor(trainSet);
  const asGroupNew = await scoreEveryGroup(scorerNew, newRows, groups);
  const asGroupTrain = await scoreEveryGroup(scorerTrain, trainRows, trainGroups);

  if (given.inputs) warnings.push(...levelWarnings(given.inputs, dataset, newRows, modelPath));
  const noRows = new Int32Array(0);
  const assignedNew = modelAssignment(options.assign, json, groups, modelPath);
  // The spec names the audited data's groups; the training data may lack some of them.
  const trainIds = new Set(trainGroups.groups.map((g) => g.id));
  const assignTrain = Object.fromEntries(Object.entries(options.assign ?? {}).filter(([id]) => trainIds.has(id)));
  const assignedTrain = modelAssignment(assignTrain, json, trainGroups, modelPath);
  const h0 = () => ({ xTrain: encoder.encode(trainRows), xTest: newEncoder.encode(newRows), names: newEncoder.columnNames });
  const newTest = { dataset, rows: newRows, groups, scorer: scorerNew };
  const newReport = await auditGivenPredictions(
    dataset,
    { ...auditOptionsFor(given, taskOf(dataset.label)), assign: assignedNew.assign },
    { path: request.data.path, sha256: dataSha },
    {
      groups,
      split: { train: noRows, test: newRows },
      predictions: assignedNew.apply({ generic: genericOnNew, asGroup: asGroupNew }),
      warnings: [...generic.warnings, ...(json?.training.warnings ?? []), ...warnings],
      unseenLevels: newEncoder.unseenLevels(),
      ...(await explainGivenModel(given, generic, h0, newTest, { dataset: trainSet, rows: trainRows, groups: trainGroups, scorer: scorerTrain }, assignedNew)),
    },
    hooks,
  );
  const trainReport = await auditGivenPredictions(
    trainSet,
    { ...auditOptionsFor(given, taskOf(trainSet.label)), assign: assignedTrain.assign },
    { path: trainFile.path },
    {
      groups: trainGroups,
      split: { train: noRows, test: trainRows },
      predictions: assignedTrain.apply({ generic: generic.generic, asGroup: asGroupTrain }),
      warnings: [],
    },
    hooks,
  );
  const nTrainOf = new Map(trainReport.groups.map((g) => [g.id, g.nTest]));
  const groupsWithTrainRows = newReport.groups.map((g) => ({ ...g, nTrain: nTrainOf.get(g.id) ?? 0 }));
  const report: AuditReport = { ...newReport, groups: groupsWithTrainRows, model: modelReport(given, true) };
  return { ...report, comparison: compareOnData(trainReport, newReport, { path: trainFile.path, sha256: trainSha, rows: trainRows.length }) };
}
