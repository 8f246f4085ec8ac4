/**
 * The input columns of an external model, in the order of its input tensor, each named after the CSV: `age`
 * is the CSV column's number, `Sex=Female` is 1 when the CSV column Sex holds Female and 0 otherwise (the
 * names the engine gives its own design columns). Group attributes are inputs like any other; substituting
 * a group g′ sets their cells to g′'s values before encoding, whatever the encoding.
 */
import { parseDecimal } from '../data/column-type';
import { showCell } from '../data/show-cell';
import type { AuditDataset } from '../data/dataset';
import { AuditInputError } from '../errors';
import { MISSING_LEVEL } from '../learn/feature-encoder';
import { isMissing } from '../data/missing';

export interface InputColumn {
  /** As the model states it: `age`, `Sex=Female`. */
  readonly name: string;
  /** The CSV column it reads. */
  readonly column: string;
  /** For an indicator: the value that makes it 1. Absent for a number. */
  readonly equals?: string;
}

/**
 * Resolves model input names against a CSV header: a name that is a column reads that column's number;
 * otherwise `column=value` (split at the first `=` whose left side is a column) is an indicator.
 *
 * @throws AuditInputError MODEL_MISSING_FEATURE for a name that is neither
 */
export function resolveInputColumns(names: readonly string[], header: readonly string[], source: string): InputColumn[] {
  const known = new Set(header);
  return names.map((name) => {
    if (known.has(name)) return { name, column: name };
    for (let at = name.indexOf('='); at > 0; at = name.indexOf('=', at + 1)) {
      const column = name.slice(0, at);
      if (known.has(column)) return { name, column, equals: name.slice(at + 1) };
    }
    throw new AuditInputError(
      'MODEL_MISSING_FEATURE',
      `The model ${source} needs the input ${showCell(name)}, which is not a column of the data (nor "column=value" of one).`,
      'Audit a CSV that has every column the model reads, or correct the column list (metadata fairuse.columns or --model-columns).',
    );
  });
}

/**
 * The values of a categorical column that reach the model through none of its indicators (`column=value`), when
 * the model takes the column as indicators only; null when it reads the column as a number (or not at all).
 * At most one such value can be the level the model dropped as its reference (all its indicators 0).
 *
 * @example levelsWithoutInput(resolveInputColumns(['Sex=Female', 'Sex=Male'], ['Sex'], 'm'), 'Sex', ['F', 'M']) // => ['F', 'M']
 */
export function levelsWithoutInput(inputs: readonly InputColumn[], column: string, values: Iterable<string>): string[] | null {
  const own = inputs.filter((i) => i.column === column);
  if (own.length === 0 || own.some((i) => i.equals === undefined)) return null;
  const levels = new Set(own.map((i) => i.equals));
  return [...new Set(values)].filter((v) => !levels.has(v)).sort();
}

/**
 * Every value a group attribute takes in the data must reach the model (SPEC §2: h(x, g′) sets the group inputs
 * to g′'s values). A model that takes the attribute as indicators needs one for each value, except one value at
 * most (the reference level it dropped) — and not when no value has one. Otherwise a recoded attribute (F / M in
 * the data, `Sex=Female` / `Sex=Male` in the model) would feed 0 to every indicator on every row: substituting
 * a group would change nothing and every envy gain would be 0.
 *
 * @param valuesOf the distinct values of each group attribute in the data
 * @throws AuditInputError BAD_OPTION naming the values without an input and the model's inputs for the attribute
 */
export function requireGroupInputs(
  inputs: readonly InputColumn[],
  groupAttributes: readonly string[],
  valuesOf: (attribute: number) => Iterable<string>,
  source: string,
): void {
  groupAttributes.forEach((attribute, a) => {
    const values = [...new Set(valuesOf(a))];
    const missing = levelsWithoutInput(inputs, attribute, values);
    if (missing === null || missing.length === 0 || (missing.length === 1 && values.length > 1)) return;
    const own = inputs.filter((i) => i.column === attribute).map((i) => i.name);
    const named = missing.map((v) => showCell(`${attribute}=${v}`, 60));
    throw new AuditInputError(
      'BAD_OPTION',
      `The model ${source} has no input for the group ${missing.length === 1 ? 'value' : 'values'} ${named.join(', ')} (its inputs for ${showCell(attribute)}: ${own.map((n) => showCell(n, 60)).join(', ')}), so it cannot score rows as ${missing.length === 1 ? 'that group' : 'those groups'}.`,
      `Recode ${showCell(attribute)} in the data to the values the model's inputs name (${own.map((n) => showCell(n.slice(attribute.length + 1), 40)).join(', ')}); a model may leave out one value at most, the reference level it dropped.`,
    );
  });
}

/** A categorical input column some of whose levels reach the model through no indicator. */
export interface LevelsWithoutInput {
  readonly column: string;
  /** The levels without an indicator (`missing` for empty cells), sorted. */
  readonly levels: readonly string[];
  /** The model's indicators for the column. */
  readonly inputs: readonly string[];
  /** Cells of the rows asked about that hold one of `levels`: the model gets all zeros for them. */
  readonly cells: number;
}

/**
 * The categorical features whose levels reach the model through none of its indicators, where more than a dropped
 * reference level could explain it: two levels or more without an indicator, or every level. Their cells are fed
 * as all zeros, which a model with a full one-hot never saw in training.
 *
 * @param rows the rows whose cells are counted (the test rows); levels are taken over all rows of the dataset
 */
export function featureLevelsWithoutInput(inputs: readonly InputColumn[], dataset: AuditDataset, rows: Int32Array): LevelsWithoutInput[] {
  const out: LevelsWithoutInput[] = [];
  for (const feature of dataset.features) {
    if (feature.kind !== 'categorical') continue;
    const level = (v: string | null) => v ?? MISSING_LEVEL;
    const values = new Set(feature.values.map(level));
    const levels = levelsWithoutInput(inputs, feature.name, values);
    if (levels === null || levels.length === 0 || (levels.length === 1 && values.size > 1)) continue;
    const unmatched = new Set(levels);
    let cells = 0;
    for (const row of rows) if (unmatched.has(level(feature.values[row]))) cells++;
    out.push({ column: feature.name, levels, inputs: inputs.filter((i) => i.column === feature.name).map((i) => i.name), cells });
  }
  return out;
}

/** The CSV columns the inputs read that are not group attributes, in first-use order: h0's features. */
export function featureColumnsOf(inputs: readonly InputColumn[], groupAttributes: readonly string[]): string[] {
  const out: string[] = [];
  for (const input of inputs) if (!groupAttributes.includes(input.column) && !out.includes(input.column)) out.push(input.column);
  return out;
}

/**
 * Fills the model's input matrix (rows × inputs, row-major, float32 as ONNX takes it) for `rows` of the dataset,
 * every row's group attributes set to `tuple` (values in dataset.groupAttributes order).
 *
 * A missing numeric cell is NaN (models exported with their imputer handle it; others output NaN, which the audit
 * reports); a missing categorical cell matches the indicator `column=missing`.
 *
 * @throws AuditInputError NON_NUMERIC when an input reads a text column (or a text group value) as a number
 */
export function inputMatrix(inputs: readonly InputColumn[], dataset: AuditDataset, rows: Int32Array, tuple: readonly string[], source: string): Float32Array {
  const width = inputs.length;
  const out = new Float32Array(rows.length * width);
  inputs.forEach((input, j) => {
    const a = dataset.groupAttributes.indexOf(input.column);
    if (a >= 0) {
      const value = groupInputValue(input, tuple[a], source);
      for (let r = 0; r < rows.length; r++) out[r * width + j] = value;
      return;
    }
    const feature = dataset.features.find((f) => f.name === input.column);
    if (!feature) throw new RangeError(`inputMatrix: the dataset has no feature ${input.column}`);
    if (feature.kind === 'numeric') {
      const level = input.equals === undefined ? undefined : parseDecimal(input.equals);
      const matchesMissing = input.equals !== undefined && (input.equals === MISSING_LEVEL || isMissing(input.equals));
      for (let r = 0; r < rows.length; r++) {
        const v = feature.values[rows[r]];
        out[r * width + j] = level === undefined ? v : Number.isNaN(v) ? (matchesMissing ? 1 : 0) : v === level ? 1 : 0;
      }
    } else {
      if (input.equals === undefined) {
        const example = feature.values.find((v) => v !== null && Number.isNaN(parseDecimal(v)));
        throw new AuditInputError(
          'NON_NUMERIC',
          `The model ${source} takes ${showCell(input.column)} as a number, but the column holds text${example === undefined ? '' : ` such as ${showCell(example ?? '')}`}.`,
          `Name its levels as inputs instead (${showCell(`${input.column}=<value>`)}), as the model encodes them.`,
        );
      }
      for (let r = 0; r < rows.length; r++) {
        const v = feature.values[rows[r]];
        out[r * width + j] = v === input.equals || (v === null && input.equals === MISSING_LEVEL) ? 1 : 0;
      }
    }
  });
  return out;
}

function groupInputValue(input: InputColumn, value: string, source: string): number {
  if (input.equals !== undefined) return value === input.equals ? 1 : 0;
  const number = parseDecimal(value);
  if (Number.isNaN(number)) {
    throw new AuditInputError(
      'NON_NUMERIC',
      `The model ${source} takes the group attribute ${showCell(input.column)} as a number, but its value ${showCell(value)} is not one.`,
      `Name the model's inputs for its levels as ${showCell(`${input.column}=${value}`)}, …, as the model encodes them.`,
    );
  }
  return number;
}
