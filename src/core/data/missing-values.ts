/**
 * The user's own missing-value markers (`--missing-values`, "missingValues" in a spec): cells written exactly so
 * (after trimming) are made empty before anything reads the table, so they count as missing like NA or ?.
 */
import type { CsvTable } from './csv';
import { cellsOf, NumberColumn, type TableColumn } from './number-column';
import { parseDecimal } from './column-type';
import { isMissing } from './missing';

export function withMissingValues(table: CsvTable, tokens: readonly string[] | undefined): CsvTable {
  if (tokens === undefined || tokens.length === 0) return table;
  const markers = new Set(tokens.map((token) => token.trim()));
  // A column of numbers holds only numbers and missing cells: a marker that is neither cannot be among its cells.
  const canHoldMarker = [...markers].some((marker) => isMissing(marker) || !Number.isNaN(parseDecimal(marker)));
  const columns = table.columns.map((column): TableColumn => {
    if (column instanceof NumberColumn && !canHoldMarker) return column;
    const cells = cellsOf(column);
    return cells.some((cell) => markers.has(cell)) ? cells.map((cell) => (markers.has(cell) ? '' : cell)) : column;
  });
  return { ...table, columns };
}
