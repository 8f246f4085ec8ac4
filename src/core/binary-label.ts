/**
 * The label column as y ∈ {0, 1} (SPEC §1: binary classification when the label has exactly two distinct values).
 */
import { showCell } from './csv';
import type { BinaryLabel } from './dataset';
import { AuditInputError } from './errors';
import { parseDecimal } from './column-type';

/** How many of a non-binary label's values a message lists. */
const shownLabelValues = 5;

/**
 * Why a label is not one the audit can use. `numeric` labels with more than two values are regression labels:
 * an audit with the engine's own models takes them (`readLabel`), model files and `fairuse train` do not.
 */
export function labelNotBinary(name: string, distinct: readonly string[], count: number, rows: number, numeric: boolean): AuditInputError {
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

/**
 * Reads the label of the kept rows as 0/1.
 *
 * @param name the label column's name
 * @param cells the column's cells (all CSV rows)
 * @param rows the kept rows (none has a missing label)
 * @param requested the positive class the user gave, if any
 * @returns the label: its positive and negative values and y per kept row
 * @throws AuditInputError LABEL_NOT_BINARY when the kept rows hold one value or more than two (the message says
 *   when they are numbers: a regression label, which `readLabel` takes);
 *   BAD_OPTION when `requested` is not one of the two
 */
export function readBinaryLabel(name: string, cells: readonly string[], rows: Int32Array, requested?: string): BinaryLabel {
  const distinct = new Set<string>();
  for (const row of rows) distinct.add(cells[row]);
  if (distinct.size !== 2) {
    const values = [...distinct];
    throw labelNotBinary(name, values, distinct.size, rows.length, values.every((v) => !Number.isNaN(parseDecimal(v))));
  }
  const [a, b] = [...distinct];
  const { positive, negative } = choosePositive(a, b, requested, name);
  const values = new Uint8Array(rows.length);
  for (let r = 0; r < rows.length; r++) values[r] = cells[rows[r]] === positive ? 1 : 0;
  return { name, positive, negative, values, ...(requested === undefined && positiveBySortOrder(a, b) ? { positiveBySortOrder: true } : {}) };
}

/** Whether `choosePositive` falls back to sort order for these two values (no word pair, not two numbers). */
function positiveBySortOrder(a: string, b: string): boolean {
  const pair = [a.toLowerCase(), b.toLowerCase()].sort().join('/');
  if (positiveWords.some(([yes, no]) => [yes, no].sort().join('/') === pair)) return false;
  return Number.isNaN(parseDecimal(a)) || Number.isNaN(parseDecimal(b));
}
