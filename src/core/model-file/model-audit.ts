/**
 * The audit of a model the user brings (paper 1: fair use "can be checked by training one additional model"):
 * the engine trains only the generic model h0 — on the same features minus the group attributes — and scores the
 * user's personalized model h with every group substituted. Three kinds of model file:
 *
 * - `json`: the engine's model file (engine-model.ts); on the data it was trained on, the audit holds out the
 *   same rows as in training, so it reproduces the in-process audit;
 * - `onnx`: any ONNX binary classifier with one float input (onnx-model.ts), run by an injected runtime;
 * - `predictions`: a CSV of h0's and h(·, g′)'s predictions (predictions-file.ts): no model runs at all.
 *
 * On one dataset, the engine splits it as for its own audits (seeded, stratified, or --split-column), fits h0 on
 * the train rows and measures both models on the test rows (audit/audit-on-split.ts). With training data
 * (`trainData`), every row of the audited data is a test row (an audit on new data), h0 is fitted on the training
 * data, and the report sets the gains on the training data beside those on the new data (audit/audit-on-new-data.ts).
 */
import type { AuditHooks } from '../audit/audit';
import { withOptionSources } from '../audit/option-layers';
import { sha256 } from '../data/sha256';
import type { AuditReport } from '../report/report';
import { auditOnNewData } from './audit/audit-on-new-data';
import { auditOnSplit } from './audit/audit-on-split';
import { auditPredictionsFile } from './audit/audit-predictions-file';
import { givenModel } from './audit/given-model';
import type { ModelAuditRequest, ModelAuditRuntime } from './audit/model-audit-request';
import { readTable } from './audit/model-data';
import { engineModelOf, genericClassFor, modelFileOptions, refuseInterventions } from './audit/model-file-options';
import { resolveRoles } from './audit/model-roles';
import { scorersOf } from './audit/model-scorers';
import { readModelFile } from './read-model-file';
import { savedReading } from './saved-reading';

/**
 * Audits a model file (see the file comment).
 *
 * @param request the files' bytes and the audit's settings
 * @param runtime the ONNX runtime, for ONNX models
 * @param hooks progress and cancellation, as for runAudit
 * @returns the report, with `model` (and `comparison` when trainData is given)
 * @throws AuditInputError for every problem with the files or settings (codes in errors.ts)
 */
export async function auditModelFile(request: ModelAuditRequest, runtime: ModelAuditRuntime = {}, hooks: AuditHooks = {}): Promise<AuditReport> {
  const loaded = readModelFile(request.model, request.maxModelBytes);
  refuseInterventions(request, loaded);
  const h0Class = genericClassFor(request, loaded);
  const roles = resolveRoles(loaded, request);
  const dataSha = sha256(request.data.bytes);
  // An engine model's data is read as its training data was: cut at the same points, with the same missing texts.
  const reading = savedReading({ buckets: request.buckets, missingValues: request.load.missingValues }, engineModelOf(loaded));
  const table = await readTable(request.data, reading.buckets, reading.missingValues);
  let report: AuditReport;
  if (loaded.kind === 'predictions') {
    report = await auditPredictionsFile(request, roles, table, dataSha, hooks);
  } else {
    const given = givenModel(request, loaded, roles, h0Class, table.header);
    const scorerFor = scorersOf(given, runtime);
    report = request.trainData
      ? await auditOnNewData(given, table, dataSha, { file: request.trainData, reading }, scorerFor, hooks)
      : await auditOnSplit(given, table, dataSha, scorerFor, hooks);
  }
  return withOptionSources(report, modelFileOptions(request, engineModelOf(loaded), report.dataset.task).sources);
}
