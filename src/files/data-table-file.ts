/**
 * A data file's table, read the one way the CLI and the editor's worker read it: a CSV in chunks, numeric columns
 * straight into numbers (large-csv-file.ts), never whole; a Parquet file (by a `.parquet` name or its `PAR1`
 * mark) whole, since its footer, at the end, says where every column is (hyparquet reads from the bytes), within
 * the memory wall of input-file.ts.
 */
import { parseTableBytes } from '../core/data/table-bytes';
import { sha256 } from '../core/data/sha256';
import { readInputFile } from './input-file';
import { type LargeCsv, readLargeCsv } from './large-csv-file';

/**
 * @param path the file to read
 * @param displayPath the file as messages name it (the editor shows a workspace-relative path)
 * @throws AuditInputError as readLargeCsv, or as readInputFile and parseParquet
 */
export async function readDataTable(path: string, displayPath = path): Promise<LargeCsv> {
  const csv = /\.parquet$/i.test(path) ? undefined : await readLargeCsv(path, 'CSV file', displayPath);
  if (csv !== undefined) return csv;
  const bytes = await readInputFile(path, 'data file');
  return { table: await parseTableBytes(bytes, displayPath), head: '', sha256: sha256(bytes) };
}
