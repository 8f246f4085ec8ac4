/**
 * A JSON or ONNX model file read and checked against the request and the data's header: what every step of its
 * audit asks of it (its features, h0's class and options, its task, its record of the data it was trained on).
 */
import type { AuditOptions } from '../../audit/options';
import type { AuditDataset } from '../../data/dataset';
import { taskOf } from '../../data/dataset';
import { sha256 } from '../../data/sha256';
import type { Task } from '../../data/task';
import type { ModelClass } from '../../learn/model-class';
import type { ModelReport } from '../../report/report';
import { type EngineModel, isRegressionModel } from '../engine-model';
import { featureColumnsOf, type InputColumn } from '../input-columns';
import type { OnnxPlan } from '../onnx-model';
import type { LoadedModel } from '../read-model-file';
import type { ModelAuditRequest } from './model-audit-request';
import { checkTechnique, modelFileOptions } from './model-file-options';
import { requireTask } from './model-data';
import { onnxInputs, type Roles } from './model-roles';

type ModelOfFile = Exclude<LoadedModel, { readonly kind: 'predictions' }>;

export interface GivenModel {
  readonly request: ModelAuditRequest;
  readonly loaded: ModelOfFile;
  /** The engine's model, for a JSON file. */
  readonly json?: EngineModel;
  /** The ONNX model's input columns, for an ONNX file. */
  readonly inputs?: readonly InputColumn[];
  /** The data columns the model reads, group attributes left out: h0's features. */
  readonly features: readonly string[];
  readonly roles: Roles;
  readonly h0Class: ModelClass;
  /** What the audit found to warn of, in the order found: scoring adds to it (an ONNX model's class order). */
  readonly warnings: string[];
}

/**
 * @throws AuditInputError for an ONNX model without named inputs, or a JSON model asked for another technique
 */
export function givenModel(request: ModelAuditRequest, loaded: ModelOfFile, roles: Roles, h0Class: ModelClass, header: readonly string[]): GivenModel {
  const json = loaded.kind === 'json' ? loaded.model : undefined;
  const inputs = loaded.kind === 'onnx' ? onnxInputs(loaded.plan, request, header) : undefined;
  const features = json ? json.features.map((f) => f.column) : featureColumnsOf(inputs!, roles.groups);
  const warnings: string[] = [];
  for (const attribute of inputs ? roles.groups : []) {
    if (!inputs!.some((i) => i.column === attribute)) {
      warnings.push(`The model ${request.model.path} has no input for the group attribute ${attribute}: substituting it changes nothing, so its envy-freeness gains are 0.`);
    }
  }
  if (json) checkTechnique(request.options, json);
  return { request, loaded, json, inputs, features, roles, h0Class, warnings };
}

/** The audit's options for a label of this task (unknown: the settings' metric and ε wait until it is known). */
export function auditOptionsFor(given: GivenModel, task?: Task): Partial<AuditOptions> {
  return { ...modelFileOptions(given.request, given.json, task).options, modelClass: given.h0Class };
}

/** The model's task must be the data's; a graph that does not say (plain MatMul, Add) is read as the data's. */
export function checkModelTask(given: GivenModel, dataset: AuditDataset): void {
  const { json } = given;
  const modelTask: Task = json ? (isRegressionModel(json.modelClass) ? 'regression' : 'classification') : (planOf(given).task ?? taskOf(dataset.label));
  requireTask(dataset, modelTask, given.request.model.path, json ? json.modelClass : '');
}

export function planOf(given: GivenModel): OnnxPlan {
  return (given.loaded as { plan: OnnxPlan }).plan;
}

/** Whether a data file (by its SHA-256) is the one the engine's model records it was trained on. */
export function trainedOn(given: GivenModel, sha: string): boolean {
  return given.json !== undefined && given.json.training.sha256 === sha;
}

/** The split column the engine's model was trained with, if it was split by one. */
export function recordedSplitColumn(given: GivenModel): string | undefined {
  const split = given.json?.training.split;
  return split && 'splitColumn' in split ? split.splitColumn : undefined;
}

/** The report's `model` section. */
export function modelReport(given: GivenModel, newData: boolean): ModelReport {
  const { json, loaded, request } = given;
  return {
    source: loaded.kind,
    path: request.model.path,
    sha256: sha256(request.model.bytes),
    ...(json ? { technique: json.technique, trainedOn: { path: json.training.data, sha256: json.training.sha256 } } : {}),
    ...(loaded.kind === 'onnx' ? { inputs: given.inputs!.map((i) => i.name), output: loaded.plan.outputName } : {}),
    newData,
  };
}
