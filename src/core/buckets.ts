import { parseDecimal } from './column-type';
import { showCell, type CsvTable } from './csv';
import { AuditInputError } from './errors';
import { isMissing } from './missing';

/**
 * The labels of the buckets that ascending cut points make: [30, 60] → "<30", "30-60", "60+".
 * A value v falls in the first bucket whose upper cut is > v, so a cut point belongs to the bucket above it.
 *
 * @example bucketLabels([30, 60]) // => ['<30', '30-60', '60+']
 */
export function bucketLabels(cuts: readonly number[]): string[] {
  if (cuts.length === 0) throw new RangeError('bucketLabels requires at least one cut point');
  return [`<${cuts[0]}`, ...cuts.slice(1).map((cut, k) => `${cuts[k]}-${cut}`), `${cuts[cuts.length - 1]}+`];
}

/** The bucket label of one number. */
export function bucketOf(value: number, cuts: readonly number[], labels: readonly string[]): string {
  let k = 0;
  while (k < cuts.length && value >= cuts[k]) k++;
  return labels[k];
}

/**
 * The table with numeric `column` replaced by bucket labels, so a numeric attribute (age) can be a
 * group attribute (age group). Missing cells stay missing; a non-numeric cell is an input error.
 */
export function bucketColumn(table: CsvTable, column: string, cuts: readonly number[]): CsvTable {
  if (cuts.length === 0 || cuts.some((c, k) => !Number.isFinite(c) || (k > 0 && c <= cuts[k - 1]))) {
    throw new AuditInputError('BAD_OPTION', `The bucket cut points of ${showCell(column)} are [${cuts.join(', ')}].`, 'Give one or more finite numbers in increasing order, e.g. 30,60.');
  }
  const index = table.header.indexOf(column);
  if (index < 0) {
    throw new AuditInputError('UNKNOWN_COLUMN', `The column ${showCell(column)} to bucket is not in the CSV header.`, 'Check the spelling of the column name.');
  }
  const labels = bucketLabels(cuts);
  const bucketed = table.columns[index].map((cell, row) => {
    if (isMissing(cell)) return cell;
    const value = parseDecimal(cell);
    if (Number.isNaN(value)) {
      throw new AuditInputError('NON_NUMERIC', `Line ${table.lines[row]} of column ${showCell(column)} holds ${showCell(cell)}, which is not a number to bucket.`, 'Correct the cell, leave it empty to mark it missing, or do not bucket this column.');
    }
    return bucketOf(value, cuts, labels);
  });
  const columns = table.columns.slice();
  columns[index] = bucketed;
  return { ...table, columns };
}
