import type { Technique } from '../learn/technique';
import { type ModelFileInput, type ModelKind, readModelFile } from './read-model-file';

/** What a model file states about itself, so a front end knows what it still has to ask the user. */
export interface ModelFileSummary {
  readonly kind: ModelKind;
  readonly label?: string;
  readonly positive?: string;
  readonly groups?: readonly string[];
  /** ONNX: the input columns, when the metadata names them; json: the features' CSV columns. */
  readonly columns?: readonly string[];
  /** ONNX: the input width, when the model fixes it (so many names are needed). */
  readonly inputWidth?: number;
  readonly technique?: Technique;
}

/**
 * Reads a model file's own statement of its label, groups and input columns, without running anything: the
 * editor asks (quick picks) only for what is missing, and saves the answers in the audit spec.
 *
 * @throws AuditInputError as auditModelFile does for an unreadable, unknown or too large file
 */
export function inspectModelFile(model: ModelFileInput, maxModelBytes?: number): ModelFileSummary {
  const loaded = readModelFile(model, maxModelBytes);
  if (loaded.kind === 'predictions') return { kind: 'predictions' };
  if (loaded.kind === 'json') {
    const m = loaded.model;
    return { kind: 'json', label: m.label.column, positive: m.label.positive, groups: m.groupAttributes, columns: m.features.map((f) => f.column), technique: m.technique };
  }
  const { plan } = loaded;
  return {
    kind: 'onnx',
    ...(plan.label === undefined ? {} : { label: plan.label }),
    ...(plan.positive === undefined ? {} : { positive: plan.positive }),
    ...(plan.groups === undefined ? {} : { groups: plan.groups }),
    ...(plan.columns === undefined ? {} : { columns: plan.columns }),
    ...(plan.inputWidth === null ? {} : { inputWidth: plan.inputWidth }),
  };
}
