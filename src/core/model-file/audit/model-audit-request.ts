import type { LayeredOptions } from '../../audit/option-layers';
import type { AuditOptions } from '../../audit/options';
import type { OnnxRuntime } from '../onnx-model';
import type { FileInput, ModelFileInput } from '../read-model-file';

/** Column roles; with a model file, label, groups and positive default to what the model states. */
export interface ModelLoadOptions {
  readonly label?: string;
  readonly groups?: readonly string[];
  /** Not allowed with a model file: the model's inputs decide h0's features. */
  readonly features?: readonly string[];
  readonly splitColumn?: string;
  readonly positive?: string;
  /** Cell texts that also mean "missing" (data/missing-values.ts). */
  readonly missingValues?: readonly string[];
}

/** Numeric group columns to bucket, as in audit specs. */
export type Buckets = ReadonlyArray<{ readonly column: string; readonly cuts: readonly number[] }>;

export interface ModelAuditRequest {
  /** The audited CSV. */
  readonly data: FileInput;
  /** The model file; `kind` when its name does not tell (.json, .onnx, .csv). */
  readonly model: ModelFileInput;
  /** The model's training CSV: makes this an audit on new data, with h0 fitted on it. Not with predictions. */
  readonly trainData?: FileInput;
  readonly load: ModelLoadOptions;
  readonly buckets?: Buckets;
  readonly options: Partial<AuditOptions>;
  /** Where each of `options` came from (audit/option-layers.ts); an option without one counts as the spec's. */
  readonly sources?: LayeredOptions['sources'];
  /** The editor's settings, under everything else; their metric and ε apply only where they fit the label's task. */
  readonly settings?: Partial<AuditOptions>;
  /** ONNX input column names in order, when the model's metadata has no fairuse.columns. */
  readonly modelColumns?: readonly string[];
  /** Default DEFAULT_MAX_MODEL_MB MB. */
  readonly maxModelBytes?: number;
}

export interface ModelAuditRuntime {
  /** Needed for ONNX models only (onnxRuntimeWeb() from src/runtime/onnx-runtime.ts, which the CLI and the worker pass in). */
  readonly onnx?: OnnxRuntime;
}
