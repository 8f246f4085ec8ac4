import { bucketColumn } from '../data/buckets';
import { type CsvTable, parseCsv } from '../data/csv';
import type { AuditDataset, Dataset } from '../data/dataset';
import { loadAuditDataset, loadDataset } from '../data/load-dataset';
import { withMissingValues } from '../data/missing-values';
import type { SpecRun } from './audit-spec';

/**
 * CSV text → Dataset with a binary label, as model files and `fairuse train` need: parse, bucket numeric group
 * columns, then type the columns and check the roles.
 */
export function prepareDataset(csvText: string, run: Pick<SpecRun, 'load' | 'buckets'>): Dataset {
  return loadDataset(prepareTable(csvText, run.buckets, run.load.missingValues), run.load);
}

/**
 * CSV text → the dataset of an audit with the engine's own models, the path the CLI and the editor's worker
 * take: as `prepareDataset`, but a numeric label with more than two values is a regression label (SPEC §1).
 */
export function prepareAuditDataset(csvText: string | CsvTable, run: Pick<SpecRun, 'load' | 'buckets'>): AuditDataset {
  return loadAuditDataset(prepareTable(csvText, run.buckets, run.load.missingValues), run.load);
}

/** The parsed CSV (or a table read from Parquet) with its numeric group columns bucketed, before the columns are typed. */
export function prepareTable(csvText: string | CsvTable, buckets: SpecRun['buckets'], missingValues?: readonly string[]): CsvTable {
  let table = withMissingValues(typeof csvText === 'string' ? parseCsv(csvText) : csvText, missingValues);
  for (const { column, cuts } of buckets) table = bucketColumn(table, column, cuts);
  return table;
}
