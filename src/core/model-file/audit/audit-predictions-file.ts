/** The audit of a predictions file: h0's and h(·, g′)'s predictions read from a table; no model runs at all. */
import { type AuditHooks, auditGivenPredictions } from '../../audit/audit';
import { PREDICTIONS_FILE_UNEXPLAINED } from '../../audit/audit-explanations';
import type { CsvTable } from '../../data/csv';
import { taskOf } from '../../data/dataset';
import { indexGroups } from '../../data/groups';
import { sha256 } from '../../data/sha256';
import { parseTableBytes } from '../../data/table-bytes';
import { AuditInputError } from '../../errors';
import type { AuditReport } from '../../report/report';
import { modelAssignment } from '../model-assignment';
import { dataRowOfKeptRow, readPredictionsFile } from '../predictions-file';
import { progressOf } from './progress';
import type { ModelAuditRequest } from './model-audit-request';
import { modelFileOptions } from './model-file-options';
import { loadWithFeatures } from './model-data';
import type { Roles } from './model-roles';

/** The rows with predictions are the test rows; there is no training data to give and no split to choose. */
export async function auditPredictionsFile(
  request: ModelAuditRequest,
  roles: Roles,
  table: CsvTable,
  dataSha: string,
  hooks: AuditHooks,
): Promise<AuditReport> {
  const modelPath = request.model.path;
  if (request.trainData) {
    throw new AuditInputError('BAD_OPTION', 'Training data (--train-data) cannot be given with a predictions file.', "Leave it out: the predictions file holds h0's predictions too.");
  }
  if (request.load.splitColumn) {
    throw new AuditInputError('BAD_OPTION', 'A split column cannot be given with a predictions file.', 'Leave it out: the rows with predictions are the test rows.');
  }
  const dataset = loadWithFeatures(table, { label: roles.label, groups: roles.groups, positive: roles.positive });
  const groups = indexGroups(dataset);
  progressOf(hooks)({ stage: 'split' });
  const predictionsTable = await parseTableBytes(request.model.bytes, modelPath, 'predictions file');
  const read = readPredictionsFile(predictionsTable, modelPath, table.rowCount, dataRowOfKeptRow(table, dataset), groups, dataset.label);
  const { split, predictions } = read;
  const assigned = modelAssignment(request.options.assign, undefined, groups, modelPath);
  const options = { ...modelFileOptions(request, undefined, taskOf(dataset.label)).options, assign: assigned.assign };
  const given = { groups, split, predictions: assigned.apply(predictions), warnings: read.warnings, unexplained: PREDICTIONS_FILE_UNEXPLAINED };
  const report = await auditGivenPredictions(dataset, options, { path: request.data.path, sha256: dataSha }, given, hooks);
  return { ...report, model: { source: 'predictions', path: modelPath, sha256: sha256(request.model.bytes), newData: false } };
}
