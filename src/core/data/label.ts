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

/**
 * Reads the label of the kept rows: y ∈ {0, 1} when it has two values, its numbers when it has more.
 *
 * @param name the label column's name
 * @param cells the column's cells (all CSV rows)
 * @param rows the kept rows (none has a missing label)
 * @param requested the positive class the user gave, if any (binary labels only)
 * @throws AuditInputError LABEL_NOT_BINARY for one value, or more than two that are not all numbers;
 *   BAD_OPTION for a positive class that is not a value of a binary label, or given for a regression label
 * @example readLabel('bp', ['120', '135.5', '128'], Int32Array.of(0, 1, 2)).values // => [120, 135.5, 128]
 */
export function readLabel(name: string, cells: readonly string[], rows: Int32Array, requested?: string): Label {
  const distinct = distinctLabelValues(cells, rows);
  if (distinct.length === 2) return binaryLabel(name, cells, rows, distinct as [LabelValue, LabelValue], requested);
  const numeric = distinct.length > 2 && distinct.every((v) => !Number.isNaN(v.number));
  if (!numeric) throw labelNotBinary(name, distinct.map((v) => v.text), distinct.length, rows.length, false);
  if (requested !== undefined) {
    throw new AuditInputError(
      'BAD_OPTION',
      `A positive class (${showCell(requested)}) is given, but the label column ${showCell(name)} is numeric with ${distinct.length} distinct values: it is audited as regression, which has no classes.`,
      'Leave out --positive (or "positive" in the spec).',
    );
  }
  const values = new Float64Array(rows.length);
  for (let r = 0; r < rows.length; r++) values[r] = parseDecimal(cells[rows[r]]);
  const label: NumericLabel = { task: 'regression', name, values };
  return label;
}
