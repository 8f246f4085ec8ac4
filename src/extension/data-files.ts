/**
 * The data files the editor audits: CSV and Parquet, as the command line does (src/files/data-table-file.ts reads
 * both). The Explorer's menu offers "Audit Dataset…" on both (package.json, menus).
 */
import { profileColumns, type ColumnProfile } from '../core/data/column-profile';
import { readDataTable } from '../files/data-table-file';

/** A data file's name: `.csv` or `.parquet`, any letter case. */
export const DATA_FILE = /\.(csv|parquet)$/i;

/** The file dialogs' filter for data files. */
export const DATA_FILE_FILTERS: Record<string, string[]> = { 'Data (CSV, Parquet)': ['csv', 'parquet'] };

/**
 * The profiles of a data file's columns, for the picks: read in chunks (a CSV) as an audit reads it.
 * @throws AuditInputError as readDataTable
 */
export async function readColumnProfiles(path: string): Promise<ColumnProfile[]> {
  return profileColumns((await readDataTable(path)).table);
}
