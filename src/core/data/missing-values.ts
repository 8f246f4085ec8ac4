/**
 * The user's own missing-value markers (`--missing-values`, "missingValues" in a spec): cells written exactly so
 * (after trimming) are made empty before anything reads the table, so they count as missing like NA or ?.
 */
import type { CsvTable } from './csv';

export function withMissingValues(table: CsvTable, tokens: readonly string[] | undefined): CsvTable {
  if (tokens === undefined || tokens.length === 0) return table;
  const markers = new Set(tokens.map((token) => token.trim()));
  const columns = table.columns.map((cells) => (cells.some((cell) => markers.has(cell)) ? cells.map((cell) => (markers.has(cell) ? '' : cell)) : cells));
  return { ...table, columns };
}
