/**
 * The label column as y ∈ {0, 1} (SPEC §1: binary classification when the label has exactly two distinct values).
 */
import { showCell } from './show-cell';
import type { BinaryLabel } from './dataset';
import { AuditInputError } from '../errors';
import type { Task } from './task';
import { parseDecimal } from './column-type';

/** How many of a non-binary label's values a message lists. */
const shownLabelValues = 5;

/**
 * Why a label is not one the audit can use. `numeric` labels with more than two values are regression labels:
 * an audit with the engine's own models takes them (`readLabel`), model files and `fairuse train` do not.
 */
export function labelNotBinary(name: string, distinct: readonly string[], count: number, rows: number, numeric: boolean, task?: Task): AuditInputError {
  const shown = distinct.slice(0, shownLabelValues).map((value) => showCell(value)).join(', ');
  const more = count > shownLabelValues ? ', …' : '';
  const values = count === 1 ? `1 distinct value (${shown})` : `${count} distinct values (${shown}${more})`;
  const kept = `in the ${rows === 1 ? '1 row' : `${rows} rows`} kept`;
  if (numeric && count > 2) {
    return new AuditInputError(
      'LABEL_NOT_BINARY',
      `The label column ${showCell(name)} is numeric with ${values} ${kept}: a regression label, and model files (and fairuse train) are binary classifiers.`,
      'Audit it with the engine\'s own models (fairuse audit without --model-file), or choose a label column with two classes.',
    );
  }
  if (task === 'classification' && count > 2) {
    return new AuditInputError(
      'LABEL_NOT_BINARY',
      `The label column ${showCell(name)} has ${values} ${kept}; a classification needs exactly two.`,
      'Recode it to two values, or leave the other rows\' label empty to drop them; if it is a measurement, say regression instead (--task regression).',
    );
  }
  if (task === 'regression') {
    return new AuditInputError(
      'LABEL_NOT_BINARY',
      `The label column ${showCell(name)} has ${values} ${kept}; a regression needs numbers in at least two distinct values.`,
      'Choose a numeric label column, or leave out --task regression ("task" in the spec) if this is a class label.',
    );
  }
  return new AuditInputError(
    'LABEL_NOT_BINARY',
    `The label column ${showCell(name)} has ${values} ${kept}; the audit needs a binary label (two values) or a numeric one with more values (regression).`,
    count === 1 ? 'Choose a label column whose values differ between rows.' : 'Choose a label column with two classes or with numbers, or recode this one.',
  );
}

function positiveNotALabelValue(requested: string, name: string, a: string, b: string): AuditInputError {
  return new AuditInputError(
    'BAD_OPTION',
    `The positive class ${showCell(requested)} is not a value of the label column ${showCell(name)}, whose values are ${showCell(a)} and ${showCell(b)}.`,
    'Give one of those two values as the positive class (--positive).',
  );
}

/** Pairs of words whose first member is the positive class, compared in lower case. */
const positiveWords: ReadonlyArray<readonly [string, string]> = [
  ['true', 'false'],
  ['yes', 'no'],
];

/**
 * Which of a label's two values is the positive class (y = 1), when the user did not say:
 * - true/false and yes/no, in any letter case: "true" and "yes";
 * - two decimal numbers: the larger ("1" for 0/1, "+1" or "1" for -1/+1, "2" for 1/2);
 * - otherwise the value that sorts later by UTF-16 code units, so the same in every locale
 *   ("yes" over "no", ">50K" over "<=50K", "M" over "B", but also "Healthy" over "Disease": give `requested`).
 *
 * @param a one label value, as written in the CSV
 * @param b the other value (a ≠ b)
 * @param requested the positive class the user gave; matched exactly, else ignoring letter case
 * @returns the positive value and the negative one
 * @throws AuditInputError BAD_OPTION when `requested` is neither `a` nor `b`
 * @example choosePositive('0', '1'); // => { positive: '1', negative: '0' }
 */
export function choosePositive(a: string, b: string, requested?: string, labelName = 'label'): { positive: string; negative: string } {
  const pick = (positive: string) => ({ positive, negative: positive === a ? b : a });
  if (requested !== undefined) {
    const wanted = requested.trim();
    if (wanted === a || wanted === b) return pick(wanted);
    const matches = [a, b].filter((value) => value.toLowerCase() === wanted.toLowerCase());
    if (matches.length === 1) return pick(matches[0]);
    throw positiveNotALabelValue(requested, labelName, a, b);
  }
  const lowerA = a.toLowerCase();
  const lowerB = b.toLowerCase();
  for (const [yes, no] of positiveWords) {
    if (lowerA === yes && lowerB === no) return pick(a);
    if (lowerB === yes && lowerA === no) return pick(b);
  }
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  if (!Number.isNaN(x) && !Number.isNaN(y) && x !== y) return pick(x > y ? a : b);
  return pick(a > b ? a : b);
}

/** One distinct value of a label column: a cell text, or for a numeric label a number ("1" and "1.0" are one). */
export interface LabelValue {
  /** As written in the CSV; for a number written several ways, the way written most often (on a tie, first). */
  readonly text: string;
  /** The value as a number; NaN when some cell of the label is not a decimal number. */
  readonly number: number;
  /** How many kept rows hold it. */
  readonly rows: number;
}

/**
 * The distinct values of a label on the kept rows, in order of first appearance. When every cell is a decimal
 * number, values are compared as numbers (SPEC §1 counts values, not spellings): "0", "1", "1.0" are two values.
 *
 * @param cells the column's cells (all CSV rows)
 * @param rows the kept rows (none has a missing label)
 * @example distinctLabelValues(['0', '1', '1.0', '1'], Int32Array.of(0, 1, 2, 3)); // => [{ text: '0', number: 0, rows: 1 }, { text: '1', number: 1, rows: 3 }]
 */
export function distinctLabelValues(cells: readonly string[], rows: Int32Array): LabelValue[] {
  const rowsOfText = new Map<string, number>();
  for (const row of rows) rowsOfText.set(cells[row], (rowsOfText.get(cells[row]) ?? 0) + 1);
  const texts = [...rowsOfText];
  const numbers = texts.map(([text]) => parseDecimal(text));
  if (numbers.some(Number.isNaN)) return texts.map(([text, count]) => ({ text, number: NaN, rows: count }));
  const byNumber = new Map<number, { text: string; written: number; rows: number }>();
  texts.forEach(([text, count], k) => {
    const value = byNumber.get(numbers[k]);
    if (value === undefined) {
      byNumber.set(numbers[k], { text, written: count, rows: count });
      return;
    }
    value.rows += count;
    if (count > value.written) [value.text, value.written] = [text, count];
  });
  return [...byNumber].map(([number, { text, rows: count }]) => ({ text, number, rows: count }));
}

/**
 * Reads the label of the kept rows as 0/1.
 *
 * @param name the label column's name
 * @param cells the column's cells (all CSV rows)
 * @param rows the kept rows (none has a missing label)
 * @param requested the positive class the user gave, if any; for a numeric label, any spelling of the number
 * @returns the label: its positive and negative values (as written most often) and y per kept row
 * @throws AuditInputError LABEL_NOT_BINARY when the kept rows hold one value or more than two (the message says
 *   when they are numbers: a regression label, which `readLabel` takes);
 *   BAD_OPTION when `requested` is not one of the two
 */
export function readBinaryLabel(name: string, cells: readonly string[], rows: Int32Array, requested?: string): BinaryLabel {
  const values = distinctLabelValues(cells, rows);
  if (values.length !== 2) {
    throw labelNotBinary(name, values.map((v) => v.text), values.length, rows.length, values.every((v) => !Number.isNaN(v.number)));
  }
  return binaryLabel(name, cells, rows, values as [LabelValue, LabelValue], requested);
}

/** The 0/1 label of a column with exactly two distinct values (see `distinctLabelValues`). */
export function binaryLabel(
  name: string,
  cells: readonly string[],
  rows: Int32Array,
  values: readonly [LabelValue, LabelValue],
  requested?: string,
): BinaryLabel {
  const [a, b] = values;
  const isNumeric = !Number.isNaN(a.number);
  // "--positive 1" picks the number 1 however the cells write it.
  const requestedNumber = requested === undefined || !isNumeric ? NaN : parseDecimal(requested.trim());
  const wanted = values.find((v) => v.number === requestedNumber)?.text ?? requested;
  const { positive, negative } = choosePositive(a.text, b.text, wanted, name);
  const y = new Uint8Array(rows.length);
  if (isNumeric) {
    const positiveNumber = positive === a.text ? a.number : b.number;
    for (let r = 0; r < rows.length; r++) y[r] = parseDecimal(cells[rows[r]]) === positiveNumber ? 1 : 0;
  } else {
    for (let r = 0; r < rows.length; r++) y[r] = cells[rows[r]] === positive ? 1 : 0;
  }
  return { name, positive, negative, values: y, ...(requested === undefined && positiveBySortOrder(a.text, b.text) ? { positiveBySortOrder: true } : {}) };
}

/** Whether `choosePositive` falls back to sort order for these two values (no word pair, not two numbers). */
function positiveBySortOrder(a: string, b: string): boolean {
  const pair = [a.toLowerCase(), b.toLowerCase()].sort().join('/');
  if (positiveWords.some(([yes, no]) => [yes, no].sort().join('/') === pair)) return false;
  return Number.isNaN(parseDecimal(a)) || Number.isNaN(parseDecimal(b));
}
