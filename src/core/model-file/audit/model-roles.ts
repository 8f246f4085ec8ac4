/** The columns a model file's audit reads: label, groups and positive class, and an ONNX model's inputs. */
import { showCell } from '../../data/show-cell';
import { AuditInputError } from '../../errors';
import { type InputColumn, resolveInputColumns } from '../input-columns';
import type { OnnxPlan } from '../onnx-model';
import type { LoadedModel } from '../read-model-file';
import type { ModelAuditRequest } from './model-audit-request';

export interface Roles {
  readonly label: string;
  readonly groups: readonly string[];
  readonly positive?: string;
}

/** What the request names, else what the model file states; groups that differ from the model's are refused. */
export function resolveRoles(loaded: LoadedModel, request: ModelAuditRequest): Roles {
  const stated =
    loaded.kind === 'json'
      ? { label: loaded.model.label.column, groups: loaded.model.groupAttributes, positive: loaded.model.label.positive }
      : loaded.kind === 'onnx'
        ? { label: loaded.plan.label, groups: loaded.plan.groups, positive: loaded.plan.positive }
        : {};
  const modelPath = showCell(request.model.path, 80);
  const label = request.load.label ?? stated.label;
  if (label === undefined) throw new AuditInputError('USAGE', `The model file ${modelPath} does not name the label column.`, 'Name it with --label.');
  const given = request.load.groups?.filter((g) => g.trim() !== '');
  const groups = given?.length ? given : stated.groups;
  if (!groups?.length) {
    throw new AuditInputError('USAGE', `The model file ${modelPath} does not name its group attributes.`, 'Name them with --groups (the model inputs that hold group membership).');
  }
  if (given?.length && stated.groups && (given.length !== stated.groups.length || given.some((g) => !stated.groups!.includes(g)))) {
    throw new AuditInputError(
      'BAD_OPTION',
      `The groups ${given.join(', ')} are not those of the model file (${stated.groups.join(', ')}).`,
      'Audit the group attributes the model was built with: leave out --groups to use them.',
    );
  }
  if (request.load.features?.length) {
    throw new AuditInputError(
      'BAD_OPTION',
      'Feature columns (--features) cannot be chosen for a model file.',
      "Leave out --features: the model's inputs decide them, and h0 takes the same features without the group attributes.",
    );
  }
  return { label, groups, positive: request.load.positive ?? stated.positive };
}

/** The columns of an ONNX model's input, from its metadata or the request. */
export function onnxInputs(plan: OnnxPlan, request: ModelAuditRequest, header: readonly string[]): InputColumn[] {
  const names = plan.columns ?? request.modelColumns;
  if (!names?.length) {
    throw new AuditInputError(
      'BAD_MODEL',
      `The ONNX model ${showCell(request.model.path, 80)} does not say which CSV column each of its ${plan.inputWidth ?? ''} inputs is (no fairuse.columns metadata).`.replace('  ', ' '),
      'Name them in order with --model-columns (e.g. age,bmi,Sex=Female,Sex=Male), or add the metadata fairuse.columns when exporting.',
    );
  }
  return resolveInputColumns(names, header, request.model.path);
}
