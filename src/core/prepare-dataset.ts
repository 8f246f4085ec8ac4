import { bucketColumn } from './buckets';
import { parseCsv } from './csv';
import type { Dataset } from './dataset';
import { loadDataset } from './load-dataset';
import type { SpecRun } from './audit-spec';

/**
 * CSV text → Dataset, the one path every front end takes: parse, bucket numeric group columns, then
 * type the columns and check the roles.
 */
export function prepareDataset(csvText: string, run: Pick<SpecRun, 'load' | 'buckets'>): Dataset {
  let table = parseCsv(csvText);
  for (const { column, cuts } of run.buckets) table = bucketColumn(table, column, cuts);
  return loadDataset(table, run.load);
}
