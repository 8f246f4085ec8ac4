/**
 * A summary of each CSV column, for choosing roles before an audit: the editor offers binary columns first as
 * the label and low-cardinality text columns first as group attributes. Typing is `scanColumn`'s, the same as
 * `loadDataset` applies to features.
 */
import { parseDecimal, scanColumn } from './column-type';
import { cellsOf } from './number-column';
import type { CsvTable } from './csv';
import { isMissing } from './missing';

export interface ColumnProfile {
  name: string;
  /** `numeric` also for a column whose values are numbers but for a few typos (loadDataset rejects it as a feature). */
  kind: 'numeric' | 'categorical';
  /** Distinct non-missing cell texts ("1" and "1.0" count twice). */
  distinct: number;
  /** Cells that mark a missing value (see `isMissing`). */
  missing: number;
  /** Exactly two distinct non-missing values, numbers compared as numbers ("0", "1", "1.0"): a candidate label. */
  isBinary: boolean;
  /** The first distinct non-missing values in file order, at most `SAMPLE_VALUES`. */
  sampleValues: string[];
}

/** How many distinct values a profile shows. */
export const SAMPLE_VALUES = 5;

/**
 * Profiles every column of a parsed CSV.
 *
 * @param table the parsed CSV (see `parseCsv`)
 * @returns one profile per column, in header order; never throws
 * @example profileColumns(parseCsv('y,g\n0,a\n1,b\n1,a\n'))[0];
 *   // => { name: 'y', kind: 'numeric', distinct: 2, missing: 0, isBinary: true, sampleValues: ['0', '1'] }
 */
export function profileColumns(table: CsvTable): ColumnProfile[] {
  return table.header.map((name, j) => profileColumn(name, cellsOf(table.columns[j])));
}

function profileColumn(name: string, cells: readonly string[]): ColumnProfile {
  const scan = scanColumn(cells);
  const seen = new Set<string>();
  const sampleValues: string[] = [];
  for (const cell of cells) {
    if (seen.has(cell) || isMissing(cell)) continue;
    seen.add(cell);
    if (sampleValues.length < SAMPLE_VALUES) sampleValues.push(cell);
  }
  // As the label reader counts them: a numeric column's values are its distinct numbers.
  const values = scan.kind === 'numeric' ? new Set([...seen].map(parseDecimal)).size : seen.size;
  return {
    name,
    kind: scan.kind === 'categorical' ? 'categorical' : 'numeric',
    distinct: seen.size,
    missing: scan.missing,
    isBinary: values === 2,
    sampleValues,
  };
}
