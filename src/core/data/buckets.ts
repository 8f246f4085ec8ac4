import { parseDecimal } from './column-type';
import { cellsOf } from './number-column';
import { type BucketedColumn, type CsvTable, notAmongColumns } from './csv';
import { showCell } from './show-cell';
import { AuditInputError } from '../errors';
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

const decimal = '[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?';
const below = new RegExp(`^<(${decimal})$`);
const between = new RegExp(`^(${decimal})-(${decimal})$`);
const above = new RegExp(`^(${decimal})\\+$`);

/**
 * The range of numbers a bucket label stands for, the inverse of `bucketLabels`: "<30" → [-Infinity, 30],
 * "30-60" → [30, 60], "60+" → [60, Infinity]; a plain number n is [n, n]. Undefined for any other text.
 *
 * @example bucketRange('25-30'); // => [25, 30]
 * @example bucketRange('Male'); // => undefined
 */
export function bucketRange(label: string): readonly [number, number] | undefined {
  const number = parseDecimal(label);
  if (!Number.isNaN(number)) return [number, number];
  const low = below.exec(label);
  if (low) return [-Infinity, Number(low[1])];
  const high = above.exec(label);
  if (high) return [Number(high[1]), Infinity];
  const both = between.exec(label);
  if (both && Number(both[1]) < Number(both[2])) return [Number(both[1]), Number(both[2])];
  return undefined;
}

/** The bucket label of one number. */
export function bucketOf(value: number, cuts: readonly number[], labels: readonly string[]): string {
  let k = 0;
  while (k < cuts.length && value >= cuts[k]) k++;
  return labels[k];
}


/**
 * Two cut points that split a column's distinct values into thirds (one point for two values): a first bucketing
 * to suggest in a message.
 *
 * @param sortedDistinct the column's distinct numbers, ascending
 * @example tercileCuts([1, 2, 3, 4, 5, 6]); // => [3, 5]
 */
export function tercileCuts(sortedDistinct: readonly number[]): number[] {
  if (sortedDistinct.length < 2) return [];
  if (sortedDistinct.length === 2) return [sortedDistinct[1]];
  const third = (k: number) => sortedDistinct[Math.floor((k * sortedDistinct.length) / 3)];
  return [third(1), third(2)];
}

/**
 * What to tell about a group attribute whose cut points put every value in one bucket, the fix first; undefined
 * when its values fill more than one bucket.
 */
export function oneBucketHint(column: string, bucketed: BucketedColumn): string | undefined {
  if (bucketed.bucketsUsed !== 1) return undefined;
  const oneBucket = `Its cut points (${bucketed.cuts.join(', ')}) put every row in one bucket`;
  const cuts = bucketed.suggestedCuts;
  if (cuts.length === 0) return `${oneBucket}: every value is ${bucketed.min}.`;
  return `${oneBucket}: its values range from ${bucketed.min} to ${bucketed.max}; choose cut points inside that range, e.g. ${column}:${cuts.join(':')} in --groups ("buckets": [${cuts.join(', ')}] in an audit spec).`;
}

/**
 * The table with numeric `column` replaced by bucket labels, so a numeric attribute (age) can be a
 * group attribute (age group). Missing cells stay missing; a non-numeric cell is an input error. The table
 * records how the column was bucketed (`CsvTable.bucketed`) for the messages about the group attribute.
 */
export function bucketColumn(table: CsvTable, column: string, cuts: readonly number[]): CsvTable {
  if (cuts.length === 0 || cuts.some((c, k) => !Number.isFinite(c) || (k > 0 && c <= cuts[k - 1]))) {
    throw new AuditInputError('BAD_OPTION', `The bucket cut points of ${showCell(column)} are [${cuts.join(', ')}].`, 'Give one or more finite numbers in increasing order, e.g. 30,60.');
  }
  const index = table.header.indexOf(column);
  if (index < 0) {
    throw new AuditInputError('UNKNOWN_COLUMN', `The column ${showCell(column)} to bucket ${notAmongColumns(table)}.`, 'Check the spelling of the column name.');
  }
  const labels = bucketLabels(cuts);
  const numbers = new Set<number>();
  const bucketed = cellsOf(table.columns[index]).map((cell, row) => {
    if (isMissing(cell)) return cell;
    const value = parseDecimal(cell);
    if (Number.isNaN(value)) {
      throw new AuditInputError('NON_NUMERIC', `Line ${table.lines[row]} of column ${showCell(column)} holds ${showCell(cell)}, which is not a number to bucket.`, 'Correct the cell, leave it empty to mark it missing, or do not bucket this column.');
    }
    numbers.add(value);
    return bucketOf(value, cuts, labels);
  });
  const columns = table.columns.slice();
  columns[index] = bucketed;
  const sorted = [...numbers].sort((a, b) => a - b);
  const bucketsUsed = new Set(sorted.map((value) => bucketOf(value, cuts, labels))).size;
  const [min, max] = sorted.length ? [sorted[0], sorted[sorted.length - 1]] : [NaN, NaN];
  const info: BucketedColumn = { cuts, min, max, bucketsUsed, suggestedCuts: tercileCuts(sorted) };
  return { ...table, columns, bucketed: { ...table.bucketed, [column]: info } };
}
