/**
 * A data file's bytes → its table, whatever its format: Parquet (by the `PAR1` mark or a `.parquet` name, see
 * parquet.ts) or CSV text (strict UTF-8; numeric columns straight into numbers by csv-bytes.ts, else csv.ts). The
 * one entry the model-file audit reads data, training and predictions files through.
 */
import { type CsvTable, parseCsv } from './csv';
import { readCsvBytes } from './csv-bytes';
import { decodeText } from './decode-text';
import { isParquet, parseParquet } from './parquet';

/**
 * @param bytes the whole file
 * @param path the file as the user named it, for messages
 * @param what what the file is, for messages ("CSV file", "predictions file", "training CSV")
 * @throws AuditInputError as parseParquet, or as decodeText and parseCsv
 */
export async function parseTableBytes(bytes: Uint8Array, path: string, what = 'CSV file'): Promise<CsvTable> {
  if (isParquet(bytes, path)) return parseParquet(bytes, path, what.replace(/CSV file|CSV$/, 'file').replace(/^file$/, 'data file'));
  // The byte reader makes no cell strings for numeric columns; what it declines, papaparse reads (csv-bytes.ts).
  return readCsvBytes(bytes) ?? parseCsv(decodeText(bytes, path, what));
}

export { isParquet } from './parquet';
