/**
 * A model file's bytes → what they are: the engine's JSON model, an ONNX graph (planned, not yet run) or a
 * predictions table (read once the data file is loaded). The size limit and the format detection live here.
 */
import { decodeText } from '../data/decode-text';
import { parseJsonText } from '../data/json-syntax';
import { isParquet } from '../data/table-bytes';
import { showCell } from '../data/show-cell';
import { AuditInputError } from '../errors';
import { type EngineModel, parseEngineModel } from './engine-model';
import { type OnnxPlan, planOnnx } from './onnx-model';

export type ModelKind = 'json' | 'onnx' | 'predictions';
export const MODEL_KINDS: readonly ModelKind[] = ['json', 'onnx', 'predictions'];

/** The default limit on a model file's size, in MB (--max-model-mb). */
export const DEFAULT_MAX_MODEL_MB = 100;

export interface FileInput {
  /** The file's bytes: the front end reads it; the engine never touches the file system. */
  readonly bytes: Uint8Array;
  /** How the report names it. */
  readonly path: string;
}

/** A model file and, when its name does not tell (.json, .onnx, .csv), its format. */
export type ModelFileInput = FileInput & { readonly kind?: ModelKind };

export type LoadedModel =
  | { readonly kind: 'json'; readonly model: EngineModel }
  | { readonly kind: 'onnx'; readonly plan: OnnxPlan }
  | { readonly kind: 'predictions' };

/** A file size for a message: MB with one decimal, or KB below 0.1 MB. */
export function describeSize(bytes: number): string {
  return bytes >= 0.1 * 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

/** Blanks and a UTF-8 byte-order mark, which may stand before a JSON file's first brace. */
const LEADING_BYTES = new Set([0x20, 0x0a, 0x0d, 0x09, 0xef, 0xbb, 0xbf]);

/** The format of a model file, by its extension, else by its first bytes. */
export function detectModelKind(path: string, bytes: Uint8Array): ModelKind {
  const lower = path.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.onnx')) return 'onnx';
  if (lower.endsWith('.csv') || lower.endsWith('.parquet') || isParquet(bytes, path)) return 'predictions';
  let first = 0;
  while (first < bytes.length && LEADING_BYTES.has(bytes[first])) first++;
  if (bytes[first] === 0x7b /* { */) return 'json';
  // An ONNX ModelProto starts with its ir_version, field 1 as a varint: the byte 0x08.
  if (bytes[0] === 0x08) return 'onnx';
  throw new AuditInputError(
    'UNKNOWN_MODEL_FORMAT',
    `Cannot tell the format of the model file ${showCell(path, 80)}.`,
    'Give a model JSON written by `fairuse train --save-model` (.json), an ONNX model (.onnx) or a predictions CSV (.csv), ' +
      'or name the format with --model-kind json|onnx|predictions.',
  );
}

/**
 * Reads a model file: refuses one over `maxModelBytes` (default DEFAULT_MAX_MODEL_MB MB), detects its format and
 * parses it (a predictions file waits for the data file).
 */
export function readModelFile(model: ModelFileInput, maxModelBytes?: number): LoadedModel {
  const { bytes, path } = model;
  const limit = maxModelBytes ?? DEFAULT_MAX_MODEL_MB * 1024 * 1024;
  if (bytes.length > limit) {
    throw new AuditInputError(
      'MODEL_TOO_LARGE',
      `The model file ${showCell(path, 80)} has ${describeSize(bytes.length)}, over the limit of ${describeSize(limit)}.`,
      'Raise the limit (--max-model-mb, or the fairUse.maxModelMB setting) if the file is what you mean to audit.',
    );
  }
  const kind = model.kind ?? detectModelKind(path, bytes);
  if (kind === 'onnx') return { kind, plan: planOnnx(bytes, path) };
  // A predictions file is read as a table (CSV or Parquet) once the data file is loaded.
  if (kind === 'predictions') return { kind };
  const text = decodeText(bytes, path, 'model file');
  const parsed = parseJsonText(
    text,
    (where) => new AuditInputError('BAD_MODEL', `The model file ${showCell(path, 80)} is not valid JSON (${where}).`, 'Give the file `fairuse train --save-model` wrote, unedited, or an .onnx model.'),
  );
  return { kind, model: parseEngineModel(parsed, path) };
}
