/**
 * The label column of an audit (SPEC §1): exactly two distinct values make a binary label (classification);
 * a numeric column with more values is a regression label (paper 2). Anything else is an error. Numbers are
 * compared as numbers: "0", "1", "1.0" are two values, a binary label.
 */
import { binaryLabel, distinctLabelValues, labelNotBinary, type LabelValue } from './binary-label';
import { parseDecimal } from './column-type';
import { showCell } from './show-cell';
import type { Label, NumericLabel } from './dataset';
import { AuditInputError } from '../errors';
import type { Task } from './task';

/** A numeric label with at most this many distinct values could be classes with codes as well as a measurement. */
export const FEW_LABEL_VALUES = 5;

/**
 * Reads the label of the kept rows: y ∈ {0, 1} when it has two values, its numbers when it has more.
 *
 * @param name the label column's name
 * @param cells the column's cells (all CSV rows)
 * @param rows the kept rows (none has a missing label)
 * @param requested the positive class the user gave, if any (binary labels only)
 * @param task what the user said the label is; when absent the values decide, and a numeric label with at most
 *   FEW_LABEL_VALUES values is refused rather than guessed (0/1/2 may be classes with a code, or a score)
 * @throws AuditInputError LABEL_NOT_BINARY for one value, more than two that are not all numbers, or more than two
 *   for a classification; AMBIGUOUS_TASK for a few numeric values and no task; BAD_OPTION for a positive class
 *   that is not a value of a binary label, or given for a regression label
 * @example readLabel('bp', ['120', '135.5', '128', '141', '119', '150'], Int32Array.of(0, 1, 2, 3, 4, 5)).task // => 'regression'
 */
export function readLabel(name: string, cells: readonly string[], rows: Int32Array, requested?: string, task?: Task): Label {
  const distinct = distinctLabelValues(cells, rows);
  const numeric = distinct.length > 1 && distinct.every((v) => !Number.isNaN(v.number));
  if (task !== 'regression' && distinct.length === 2) return binaryLabel(name, cells, rows, distinct as [LabelValue, LabelValue], requested);
  if (task === 'classification' || !numeric) throw labelNotBinary(name, distinct.map((v) => v.text), distinct.length, rows.length, false, task);
  if (task === undefined && distinct.length <= FEW_LABEL_VALUES) throw ambiguousTask(name, distinct);
  if (requested !== undefined) {
    throw new AuditInputError(
      'BAD_OPTION',
      `A positive class (${showCell(requested)}) is given, but the label column ${showCell(name)} is numeric with ${distinct.length} distinct values: it is audited as regression, which has no classes.`,
      'Leave out the positive class (--positive, or "positive" in the spec).',
    );
  }
  const values = new Float64Array(rows.length);
  for (let r = 0; r < rows.length; r++) values[r] = parseDecimal(cells[rows[r]]);
  const label: NumericLabel = { task: 'regression', name, values };
  return label;
}

/** A few numeric values: classes with codes (0/1 with 9 for unknown) or a score? Only the user knows. */
function ambiguousTask(name: string, distinct: readonly LabelValue[]): AuditInputError {
  const counts = [...distinct].sort((a, b) => a.number - b.number).map((v) => `${showCell(v.text)}: ${v.rows} rows`);
  return new AuditInputError(
    'AMBIGUOUS_TASK',
    `The label column ${showCell(name)} is numeric with only ${distinct.length} distinct values (${counts.join(', ')}): classes with codes, or a measurement?`,
    'If it is a measurement or a score, say so: --task regression ("task": "regression" in the spec); if it is a class label, recode it to two values, or leave the other rows\' label empty to drop them.',
  );
}
