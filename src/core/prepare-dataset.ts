import { bucketColumn } from './buckets';
import { type CsvTable, parseCsv } from './csv';
import type { Dataset } from './dataset';
import { loadDataset } from './load-dataset';
import type { SpecRun } from './audit-spec';

/**
 * CSV text → Dataset, the one path every front end takes: parse, bucket numeric group columns, then
 * type the columns and check the roles.
 */
export function prepareDataset(csvText: string, run: Pick<SpecRun, 'load' | 'buckets'>): Dataset {
  return loadDataset(prepareTable(csvText, run.buckets), run.load);
}

/** The parsed CSV with its numeric group columns bucketed, before the columns are typed. */
export function prepareTable(csvText: string, buckets: SpecRun['buckets']): CsvTable {
  let table = parseCsv(csvText);
  for (const { column, cuts } of buckets) table = bucketColumn(table, column, cuts);
  return table;
}
