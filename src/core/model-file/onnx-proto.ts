/**
 * What the audit reads from an ONNX file before running it: the metadata, the graph's inputs and outputs, and its
 * nodes' types and class labels. ONNX files are Protocol Buffers (onnx.proto3, ModelProto); this reader decodes
 * only the fields named below and skips every other field by its wire type, so it never interprets the weights.
 * The runtime (onnxruntime-web) does the computing; nothing here executes anything.
 */
import { AuditInputError } from '../errors';

/** onnx.proto TensorProto.DataType values the audit names. */
export const ONNX_FLOAT = 1;
export const ONNX_INT64 = 7;
export const ONNX_STRING = 8;
export const ONNX_DOUBLE = 11;

export interface OnnxValueInfo {
  readonly name: string;
  /** `tensor` with an element type and a shape; `sequence` / `map` / `other` (skl2onnx's ZipMap gives a sequence of maps). */
  readonly kind: 'tensor' | 'sequence' | 'map' | 'other';
  /** TensorProto.DataType of a tensor's elements; 0 when unknown or not a tensor. */
  readonly elemType: number;
  /** A tensor's dimensions: a number when fixed, null when symbolic or unknown; null for no shape at all. */
  readonly shape: ReadonlyArray<number | null> | null;
}

export interface OnnxNode {
  readonly opType: string;
  readonly domain: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  /** Integer list attributes (classlabels_ints, classlabels_int64s, …). */
  readonly ints: Readonly<Record<string, readonly number[]>>;
  /** String list attributes (classlabels_strings, …). */
  readonly strings: Readonly<Record<string, readonly string[]>>;
}

export interface OnnxModelInfo {
  readonly irVersion: number;
  /** metadata_props, key → value. */
  readonly metadata: ReadonlyMap<string, string>;
  /** Graph inputs that are not initializers (older files list the weights among the inputs). */
  readonly inputs: readonly OnnxValueInfo[];
  readonly outputs: readonly OnnxValueInfo[];
  readonly nodes: readonly OnnxNode[];
}

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_BYTES = 2;
const WIRE_FIXED32 = 5;

/** One decoded field: its number, and either a varint value or the bytes of a length-delimited value. */
interface Field {
  readonly number: number;
  readonly wire: number;
  readonly value: number;
  readonly bytes: Uint8Array;
}

function notOnnx(source: string, detail: string): AuditInputError {
  return new AuditInputError('BAD_MODEL', `${source} is not a readable ONNX model (${detail}).`, 'Export the model again as ONNX (e.g. skl2onnx, torch.onnx.export), or give a model JSON or a predictions CSV.');
}

/** The fields of one protobuf message, in file order. */
function fields(bytes: Uint8Array, source: string): Field[] {
  const out: Field[] = [];
  let at = 0;
  const varint = (): number => {
    let value = 0;
    let scale = 1;
    for (let k = 0; k < 10; k++) {
      if (at >= bytes.length) throw notOnnx(source, 'truncated number');
      const byte = bytes[at++];
      value += (byte & 0x7f) * scale;
      scale *= 128;
      if (byte < 0x80) return value;
    }
    throw notOnnx(source, 'malformed number');
  };
  while (at < bytes.length) {
    const key = varint();
    const number = Math.floor(key / 8);
    const wire = key % 8;
    if (number === 0) throw notOnnx(source, 'field number 0');
    if (wire === WIRE_VARINT) {
      out.push({ number, wire, value: varint(), bytes: EMPTY });
    } else if (wire === WIRE_BYTES) {
      const length = varint();
      if (at + length > bytes.length) throw notOnnx(source, 'truncated field');
      out.push({ number, wire, value: length, bytes: bytes.subarray(at, at + length) });
      at += length;
    } else if (wire === WIRE_FIXED64 || wire === WIRE_FIXED32) {
      const size = wire === WIRE_FIXED64 ? 8 : 4;
      if (at + size > bytes.length) throw notOnnx(source, 'truncated field');
      out.push({ number, wire, value: 0, bytes: bytes.subarray(at, at + size) });
      at += size;
    } else {
      throw notOnnx(source, `unsupported wire type ${wire}`);
    }
  }
  return out;
}

const EMPTY = new Uint8Array(0);
const utf8 = new TextDecoder('utf-8');

function text(field: Field): string {
  return utf8.decode(field.bytes);
}

function messages(list: readonly Field[], number: number): Uint8Array[] {
  return list.filter((f) => f.number === number && f.wire === WIRE_BYTES).map((f) => f.bytes);
}

function firstText(list: readonly Field[], number: number): string {
  const field = list.find((f) => f.number === number && f.wire === WIRE_BYTES);
  return field ? text(field) : '';
}

/** Repeated int64: packed (one length-delimited run of varints) or one varint per element. */
function repeatedInts(list: readonly Field[], number: number, source: string): number[] {
  const values: number[] = [];
  for (const f of list) {
    if (f.number !== number) continue;
    if (f.wire === WIRE_VARINT) values.push(signed(f.value));
    else if (f.wire === WIRE_BYTES) {
      // A packed run is a sequence of bare varints: decode it as fields of a message would not work, so walk it.
      let at = 0;
      while (at < f.bytes.length) {
        let value = 0;
        let scale = 1;
        for (;;) {
          if (at >= f.bytes.length) throw notOnnx(source, 'truncated packed list');
          const byte = f.bytes[at++];
          value += (byte & 0x7f) * scale;
          scale *= 128;
          if (byte < 0x80) break;
        }
        values.push(signed(value));
      }
    }
  }
  return values;
}

/** A negative int64 is written as its 64-bit two's complement; as a double that is ≥ 2^63. */
function signed(value: number): number {
  return value >= 2 ** 63 ? value - 2 ** 64 : value;
}

function valueInfo(bytes: Uint8Array, source: string): OnnxValueInfo {
  const info = fields(bytes, source);
  const name = firstText(info, 1);
  const [type] = messages(info, 2);
  if (!type) return { name, kind: 'other', elemType: 0, shape: null };
  const typeFields = fields(type, source);
  const [tensor] = messages(typeFields, 1);
  if (tensor) {
    const tensorFields = fields(tensor, source);
    const elemType = tensorFields.find((f) => f.number === 1 && f.wire === WIRE_VARINT)?.value ?? 0;
    const [shapeBytes] = messages(tensorFields, 2);
    const shape = shapeBytes === undefined ? null : messages(fields(shapeBytes, source), 1).map((dim) => {
      const fixed = fields(dim, source).find((f) => f.number === 1 && f.wire === WIRE_VARINT);
      return fixed ? signed(fixed.value) : null;
    });
    return { name, kind: 'tensor', elemType, shape };
  }
  if (messages(typeFields, 4).length) return { name, kind: 'sequence', elemType: 0, shape: null };
  if (messages(typeFields, 5).length) return { name, kind: 'map', elemType: 0, shape: null };
  return { name, kind: 'other', elemType: 0, shape: null };
}

function node(bytes: Uint8Array, source: string): OnnxNode {
  const list = fields(bytes, source);
  const ints: Record<string, number[]> = {};
  const strings: Record<string, string[]> = {};
  for (const attribute of messages(list, 5)) {
    const attributeFields = fields(attribute, source);
    const name = firstText(attributeFields, 1);
    const intValues = repeatedInts(attributeFields, 8, source);
    if (intValues.length) ints[name] = intValues;
    const stringValues = messages(attributeFields, 9).map((b) => utf8.decode(b));
    if (stringValues.length) strings[name] = stringValues;
  }
  return {
    opType: firstText(list, 4),
    domain: firstText(list, 7),
    inputs: list.filter((f) => f.number === 1 && f.wire === WIRE_BYTES).map(text),
    outputs: list.filter((f) => f.number === 2 && f.wire === WIRE_BYTES).map(text),
    ints,
    strings,
  };
}

/**
 * Reads an ONNX ModelProto's metadata, graph inputs/outputs and nodes.
 *
 * @param bytes the .onnx file
 * @param source the file's name, for messages
 * @throws AuditInputError BAD_MODEL when the bytes are not a protobuf ModelProto with a graph
 */
export function readOnnxModel(bytes: Uint8Array, source: string): OnnxModelInfo {
  const model = fields(bytes, source);
  // A message field that occurs twice is merged (its repeated fields concatenated): read every graph field.
  const graphs = messages(model, 7).map((g) => fields(g, source));
  if (graphs.length === 0) throw notOnnx(source, 'no graph');
  const graph = graphs.flat();
  const irVersion = model.find((f) => f.number === 1 && f.wire === WIRE_VARINT)?.value ?? 0;
  const metadata = new Map<string, string>();
  for (const entry of messages(model, 14)) {
    const entryFields = fields(entry, source);
    metadata.set(firstText(entryFields, 1), firstText(entryFields, 2));
  }
  const initializers = new Set([...messages(graph, 5), ...messages(graph, 15)].map((t) => firstText(fields(t, source), 8)));
  return {
    irVersion,
    metadata,
    inputs: messages(graph, 11).map((b) => valueInfo(b, source)).filter((v) => !initializers.has(v.name)),
    outputs: messages(graph, 12).map((b) => valueInfo(b, source)),
    nodes: messages(graph, 1).map((b) => node(b, source)),
  };
}

function varintBytes(value: number): number[] {
  const out: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest % 128) | 0x80);
    rest = Math.floor(rest / 128);
  }
  out.push(rest);
  return out;
}

function lengthDelimited(fieldNumber: number, payload: readonly number[]): number[] {
  return [...varintBytes(fieldNumber * 8 + WIRE_BYTES), ...varintBytes(payload.length), ...payload];
}

/**
 * The model with one more graph output: the tensor `name` of element type `elemType`, so the runtime can fetch
 * an intermediate result. The audit uses it to read the probability tensor that skl2onnx's ZipMap turns into a
 * sequence of maps, which onnxruntime-web cannot return. It appends a second `graph` field holding only that
 * output; protobuf merges repeated message fields, so the graph is otherwise unchanged.
 */
export function withExtraOutput(bytes: Uint8Array, name: string, elemType: number): Uint8Array {
  const tensorType = [...varintBytes(1 * 8 + WIRE_VARINT), ...varintBytes(elemType)];
  const typeProto = lengthDelimited(1, tensorType);
  const info = [...lengthDelimited(1, [...new TextEncoder().encode(name)]), ...lengthDelimited(2, typeProto)];
  const graph = lengthDelimited(12, info);
  const extra = lengthDelimited(7, graph);
  const out = new Uint8Array(bytes.length + extra.length);
  out.set(bytes, 0);
  out.set(extra, bytes.length);
  return out;
}
