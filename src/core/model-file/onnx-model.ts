/**
 * An ONNX model as the audit uses it: one float tensor input [N, d] whose d columns are CSV columns or indicators
 * (see input-columns.ts), and an output holding the probability of the positive class — a [N] or [N, 1] tensor,
 * an [N, 2] tensor of class probabilities, or skl2onnx's ZipMap (a sequence of maps), read through the tensor
 * that feeds it — or, for a regressor on a numeric label, the predicted value, [N] or [N, 1]. The column order and
 * the group attributes come from the model's metadata_props where present:
 *
 * - `fairuse.columns`: JSON array of the input's column names, in order (`["age", "Sex=Female", …]`)
 * - `fairuse.groups`: JSON array of the group attributes (`["Sex", "Age"]`)
 * - `fairuse.label`, `fairuse.positive`: the label column and its positive value
 * - `fairuse.output`: the name of the output to read, when the graph has several
 *
 * and otherwise from the user (--model-columns, --groups, --label). The runtime is injected (OnnxRuntime), so this
 * file holds no I/O.
 */
import { showCell } from '../data/show-cell';
import type { AuditDataset } from '../data/dataset';
import type { Task } from '../data/task';
import { AuditInputError } from '../errors';
import type { Group } from '../data/groups';
import type { GroupScorer } from './group-scorer';
import { inputMatrix, type InputColumn, requireGroupInputs } from './input-columns';
import { ONNX_DOUBLE, ONNX_FLOAT, type OnnxModelInfo, type OnnxNode, readOnnxModel, withExtraOutput } from './onnx-proto';

/** The metadata_props keys the audit reads. */
export const ONNX_METADATA = {
  columns: 'fairuse.columns',
  groups: 'fairuse.groups',
  label: 'fairuse.label',
  positive: 'fairuse.positive',
  output: 'fairuse.output',
} as const;

/** A loaded model, ready to run on float32 rows. */
export interface OnnxSession {
  run(input: Float32Array, rows: number, cols: number): Promise<{ readonly data: ArrayLike<number>; readonly dims: readonly number[] }>;
}

/** Loads a model into a runtime (onnxruntime-web in the CLI and the editor; see src/runtime/onnx-runtime.ts). */
export interface OnnxRuntime {
  load(bytes: Uint8Array, inputName: string, outputName: string, source: string): Promise<OnnxSession>;
}

export interface OnnxPlan {
  /** The model to load: the file, or the file with the tensor behind a ZipMap added as an output. */
  readonly bytes: Uint8Array;
  readonly inputName: string;
  /** The input width when the model fixes it. */
  readonly inputWidth: number | null;
  readonly outputName: string;
  /** The classes in the order of the probability columns, when the graph names them. */
  readonly classLabels: readonly string[] | null;
  /**
   * What the graph says it is: a classifier (a classifier operator, ZipMap, Sigmoid or Softmax, class labels) or a
   * regressor (a regressor operator: LinearRegressor, TreeEnsembleRegressor, …); null for a plain graph (MatMul,
   * Add), which is read as the data's task.
   */
  readonly task: Task | null;
  /** From the metadata, each absent when the model does not say. */
  readonly columns?: readonly string[];
  readonly groups?: readonly string[];
  readonly label?: string;
  readonly positive?: string;
}

function badModel(source: string, problem: string, fix: string): AuditInputError {
  return new AuditInputError('BAD_MODEL', `The ONNX model ${source} ${problem}`, fix);
}

function jsonList(info: OnnxModelInfo, key: string, source: string): string[] | undefined {
  const text = info.metadata.get(key);
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (!Array.isArray(value) || value.length === 0 || value.some((v) => typeof v !== 'string' || v === '')) {
    throw badModel(source, `has metadata ${key} = ${showCell(text, 60)}, which is not a JSON array of names.`, `Write it as a JSON array, e.g. ["age", "Sex=Female"].`);
  }
  return value as string[];
}

const CLASS_LABEL_ATTRIBUTES = ['classlabels_strings', 'classlabels_ints', 'classlabels_int64s'];

/** The class labels of the node that produces `tensor`, looking back through up to four single-input steps. */
function classLabelsOf(nodes: readonly OnnxNode[], tensor: string): readonly string[] | null {
  let name = tensor;
  for (let step = 0; step < 5; step++) {
    const producer = nodes.find((n) => n.outputs.includes(name));
    if (!producer) return null;
    for (const attribute of CLASS_LABEL_ATTRIBUTES) {
      const labels = producer.strings[attribute] ?? producer.ints[attribute]?.map(String);
      if (labels?.length) return labels;
    }
    if (producer.inputs.length === 0) return null;
    name = producer.inputs[0];
  }
  return null;
}

/**
 * Reads what the audit needs from an ONNX file and picks the output to read.
 *
 * @throws AuditInputError BAD_MODEL when the file is not ONNX, has no single float tensor input, or has no
 *   output that can hold a probability
 */
export function planOnnx(bytes: Uint8Array, source: string): OnnxPlan {
  const info = readOnnxModel(bytes, source);
  if (info.inputs.length !== 1) {
    throw badModel(source, `has ${info.inputs.length} inputs (${info.inputs.map((i) => i.name).join(', ') || 'none'}); the audit feeds one float tensor [rows, columns].`, 'Export the model with a single input that concatenates the features (skl2onnx: one FloatTensorType([None, d])).');
  }
  const [input] = info.inputs;
  if (input.kind !== 'tensor' || input.elemType !== ONNX_FLOAT) {
    throw badModel(source, `takes ${showCell(input.name)} as ${input.kind === 'tensor' ? `a tensor of element type ${input.elemType}` : `a ${input.kind}`}; the audit feeds float32 (element type 1).`, 'Export the model with a float input (skl2onnx: FloatTensorType).');
  }
  if (input.shape !== null && input.shape.length !== 2) {
    throw badModel(source, `takes a tensor of rank ${input.shape.length}; the audit feeds a matrix [rows, columns].`, 'Export the model with a 2-D input [None, d].');
  }
  const outputs = info.outputs;
  const wanted = info.metadata.get(ONNX_METADATA.output);
  let outputName: string;
  let modelBytes = bytes;
  const zipMapOf = (name: string) => info.nodes.find((n) => n.opType === 'ZipMap' && n.outputs.includes(name));
  const pick = (name: string): void => {
    const zipMap = zipMapOf(name);
    if (zipMap) {
      outputName = zipMap.inputs[0];
      modelBytes = withExtraOutput(bytes, outputName, ONNX_FLOAT);
    } else {
      outputName = name;
    }
  };
  const isFloatTensor = (o: OnnxModelInfo['outputs'][number]) => o.kind === 'tensor' && (o.elemType === ONNX_FLOAT || o.elemType === ONNX_DOUBLE);
  if (wanted !== undefined) {
    const output = outputs.find((o) => o.name === wanted);
    if (!output || (!isFloatTensor(output) && !zipMapOf(wanted))) {
      throw badModel(source, `names the output ${showCell(wanted)} in ${ONNX_METADATA.output}, but has no such float output.`, `Outputs: ${outputs.map((o) => o.name).join(', ')}.`);
    }
    pick(wanted);
  } else {
    const zipMapped = outputs.find((o) => zipMapOf(o.name));
    const floats = outputs.filter(isFloatTensor);
    if (zipMapped) pick(zipMapped.name);
    else if (floats.length === 1) pick(floats[0].name);
    else {
      const probability = floats.filter((o) => /prob/i.test(o.name));
      if (probability.length !== 1) {
        throw badModel(
          source,
          floats.length === 0 ? `has no float tensor output (outputs: ${outputs.map((o) => `${o.name} (${o.kind})`).join(', ')}).` : `has ${floats.length} float outputs (${floats.map((o) => o.name).join(', ')}) and none is clearly the probability.`,
          `Export the model with a probability output, or name it in the metadata ${ONNX_METADATA.output}.`,
        );
      }
      pick(probability[0].name);
    }
  }
  const width = input.shape?.[1] ?? null;
  const text = (key: string) => info.metadata.get(key);
  return {
    bytes: modelBytes,
    inputName: input.name,
    inputWidth: width !== null && width > 0 ? width : null,
    outputName: outputName!,
    classLabels: classLabelsOf(info.nodes, outputName!),
    task: taskOfGraph(info.nodes, classLabelsOf(info.nodes, outputName!)),
    ...optional('columns', jsonList(info, ONNX_METADATA.columns, source)),
    ...optional('groups', jsonList(info, ONNX_METADATA.groups, source)),
    ...optional('label', text(ONNX_METADATA.label)),
    ...optional('positive', text(ONNX_METADATA.positive)),
  };
}

/** ai.onnx.ml regressors and classifiers (scikit-learn, XGBoost and LightGBM exports), and the probability steps. */
const REGRESSOR_OPS = new Set(['LinearRegressor', 'TreeEnsembleRegressor', 'SVMRegressor']);
const CLASSIFIER_OPS = new Set(['LinearClassifier', 'TreeEnsembleClassifier', 'SVMClassifier', 'ZipMap', 'Sigmoid', 'Softmax']);

function taskOfGraph(nodes: readonly OnnxNode[], classLabels: readonly string[] | null): Task | null {
  if (classLabels !== null || nodes.some((n) => CLASSIFIER_OPS.has(n.opType))) return 'classification';
  if (nodes.some((n) => REGRESSOR_OPS.has(n.opType))) return 'regression';
  return null;
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/**
 * Which column of a two-class probability output is the positive class: the class whose label is the data's
 * positive value, else (two classes, neither named like it) the second, as scikit-learn orders 0/1.
 */
export function positiveColumn(classLabels: readonly string[] | null, positive: string, warnings: string[], source: string): number {
  if (classLabels === null) return 1;
  const exact = classLabels.indexOf(positive);
  if (exact >= 0) return exact;
  const numeric = classLabels.findIndex((label) => Number(label) === Number(positive) && label.trim() !== '' && positive.trim() !== '');
  if (numeric >= 0) return numeric;
  if (classLabels.length === 2) {
    const warning = `The classes of the model ${source} are ${classLabels.join(' and ')}, and neither is the label's positive value ${showCell(positive)}: the audit reads the probability of class ${classLabels[1]} as that of ${showCell(positive)}.`;
    if (!warnings.includes(warning)) warnings.push(warning);
    return 1;
  }
  throw badModel(source, `predicts ${classLabels.length} classes (${classLabels.join(', ')}); the audit needs a binary classifier.`, 'Audit a two-class model.');
}

/**
 * The probability of the positive class per row, from a raw output, checked: every value a number in [0, 1], and
 * for two columns a distribution (p0 + p1 = 1 within 1e-4, float32 rounding).
 *
 * @throws AuditInputError MODEL_OUTPUT_NAN; MODEL_OUTPUT_NOT_PROBABILITY for a value outside [0, 1], rows that
 *   do not sum to 1, or an output shape that is not [N], [N, 1] or [N, 2]
 */
export function probabilitiesFromOutput(
  output: { readonly data: ArrayLike<number>; readonly dims: readonly number[] },
  rows: number,
  positiveIndex: number,
  source: string,
): Float64Array {
  const { data, dims } = output;
  const columns = dims.length === 1 ? 1 : dims.length === 2 ? dims[1] : -1;
  if (dims[0] !== rows || (columns !== 1 && columns !== 2) || data.length !== rows * columns) {
    throw new AuditInputError('MODEL_OUTPUT_NOT_PROBABILITY', `The ONNX model ${source} returned an output of shape [${dims.join(', ')}] for ${rows} rows; the audit reads [N], [N, 1] or [N, 2] probabilities.`, 'Export a binary classifier whose output is the probability (skl2onnx: predict_proba).');
  }
  const out = new Float64Array(rows);
  const tolerance = 1e-6;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const v = data[r * columns + c];
      if (Number.isNaN(v)) {
        throw new AuditInputError('MODEL_OUTPUT_NAN', `The ONNX model ${source} returned NaN on row ${r + 1} of the rows scored.`, 'Check for missing values in the data: the model gets NaN for a missing number unless it imputes it itself.');
      }
      if (!(v >= -tolerance && v <= 1 + tolerance)) {
        throw new AuditInputError('MODEL_OUTPUT_NOT_PROBABILITY', `The ONNX model ${source} returned ${v} on row ${r + 1}, which is not a probability.`, 'Export the probability output (a sigmoid or softmax), not the raw score or logit.');
      }
    }
    if (columns === 2) {
      const sum = data[r * 2] + data[r * 2 + 1];
      if (Math.abs(sum - 1) > 1e-4) {
        throw new AuditInputError('MODEL_OUTPUT_NOT_PROBABILITY', `The ONNX model ${source} returned two columns summing to ${sum} on row ${r + 1}; class probabilities sum to 1.`, 'Export the class probabilities (predict_proba), or name the right output in the metadata fairuse.output.');
      }
    }
    out[r] = Math.min(1, Math.max(0, data[r * columns + (columns === 2 ? positiveIndex : 0)]));
  }
  return out;
}

/**
 * A regressor's predicted value per row, from a raw output of shape [N] or [N, 1], checked finite.
 *
 * @throws AuditInputError MODEL_OUTPUT_NAN for NaN or an infinity, naming the row; BAD_MODEL for another shape
 */
export function valuesFromOutput(output: { readonly data: ArrayLike<number>; readonly dims: readonly number[] }, rows: number, source: string): Float64Array {
  const { data, dims } = output;
  const oneColumn = dims.length === 1 || (dims.length === 2 && dims[1] === 1);
  if (dims[0] !== rows || !oneColumn || data.length !== rows) {
    throw badModel(source, `returned an output of shape [${dims.join(', ')}] for ${rows} rows; a regressor's output is one value per row, [N] or [N, 1].`, 'Export a single-target regressor, or name its output in the metadata fairuse.output.');
  }
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const v = data[r];
    if (!Number.isFinite(v)) {
      throw new AuditInputError('MODEL_OUTPUT_NAN', `The ONNX model ${source} returned ${v} on row ${r + 1} of the rows scored, not a finite number.`, 'Check for missing values in the data: the model gets NaN for a missing number unless it imputes it itself.');
    }
    out[r] = v;
  }
  return out;
}

/**
 * Binds a loaded ONNX model to a dataset. Each call scores the rows with the group attributes set to one group.
 *
 * @throws AuditInputError MODEL_INPUT_WIDTH when the model fixes a width other than the number of columns;
 *   BAD_OPTION when a group value of the data has no input (requireGroupInputs), as the engine's model file does
 */
export function onnxScorer(
  plan: OnnxPlan,
  inputs: readonly InputColumn[],
  dataset: AuditDataset,
  session: OnnxSession,
  positiveIndex: number,
  source: string,
): GroupScorer {
  if (plan.inputWidth !== null && plan.inputWidth !== inputs.length) {
    throw widthMismatch(source, plan.inputWidth, inputs.length);
  }
  requireGroupInputs(inputs, dataset.groupAttributes, (a) => dataset.groupValues[a], source);
  // A numeric label reads predicted values; a binary one probabilities (the task was checked against the graph's).
  const predictionsOf = (output: { readonly data: ArrayLike<number>; readonly dims: readonly number[] }, rows: number) =>
    dataset.label.task === 'regression' ? valuesFromOutput(output, rows, source) : probabilitiesFromOutput(output, rows, positiveIndex, source);
  return {
    async score(rows, asGroup: Group) {
      const tuple = dataset.groupAttributes.map((a) => asGroup.values[a]);
      const x = inputMatrix(inputs, dataset, rows, tuple, source);
      return predictionsOf(await session.run(x, rows.length, inputs.length), rows.length);
    },
    unseenLevels: () => 0,
    inputs: {
      of: (rows, asGroup) => {
        const tuple = dataset.groupAttributes.map((a) => asGroup.values[a]);
        return { rows: rows.length, cols: inputs.length, data: Float64Array.from(inputMatrix(inputs, dataset, rows, tuple, source)) };
      },
      predict: async (x) => predictionsOf(await session.run(Float32Array.from(x.data), x.rows, x.cols), x.rows),
    },
  };
}

export function widthMismatch(source: string, expected: number, given: number): AuditInputError {
  return new AuditInputError(
    'MODEL_INPUT_WIDTH',
    `The ONNX model ${source} takes ${expected} input columns, but ${given} are named.`,
    'Name one column per input, in order (metadata fairuse.columns or --model-columns).',
  );
}
