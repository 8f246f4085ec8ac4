/**
 * The predictions file: the prediction matrix of SPEC §4 as a CSV, for a model that cannot run here (a Spark or R
 * pipeline). One column per group g′, `pred@<group id>` (e.g. `pred@Sex=Female, Age=Old`), holds h(x, g′) for
 * every row; `pred@generic` holds h0(x). Rows line up with the data CSV's data rows, in order; or, when the file
 * has a `row` column, each line names its data row (1 = the first row below the header) and may come in any
 * order. A data row without predictions (empty cells, or no line naming it) is not a test row, so a file that
 * holds predictions for the test rows only, as `fairuse train --save-predictions` writes, reproduces the audit.
 * An optional `label` column holds each test row's label as the data writes it: when present it is checked, so a
 * file applied to other data, or to the same data in another row order, is refused instead of misaligned.
 * For a binary label the predictions are probabilities of the positive class; for a numeric label (regression)
 * they are predicted values, any finite number.
 */
import { parseDecimal } from '../data/column-type';
import { cellsOf } from '../data/number-column';
import { type CsvTable, parseCsv } from '../data/csv';
import { showCell } from '../data/show-cell';
import type { Dataset, Label } from '../data/dataset';
import { AuditInputError } from '../errors';
import type { GroupIndex } from '../data/groups';
import { isMissing } from '../data/missing';
import type { PredictionMatrix } from '../audit/prediction-matrix';
import { fromTestMask, type TrainTestSplit } from '../data/split';

export const PREDICTION_PREFIX = 'pred@';
export const GENERIC_COLUMN = `${PREDICTION_PREFIX}generic`;
export const ROW_COLUMN = 'row';
export const LABEL_COLUMN = 'label';

/** Cells that spell a non-finite number: NaN and the infinities, as numpy, pandas and R write them. */
const NON_FINITE = /^[+-]?(nan|inf|infinity)$/i;

function bad(source: string, problem: string, fix: string): AuditInputError {
  return new AuditInputError('BAD_PREDICTIONS', `The predictions file ${source} ${problem}`, fix);
}

/**
 * For each kept row of the dataset, its 0-based position among the data CSV's data rows (before rows with a
 * missing label or group were dropped).
 */
export function dataRowOfKeptRow(dataTable: Pick<CsvTable, 'lines'>, dataset: Pick<Dataset, 'sourceLines'>): Int32Array {
  const rowOfLine = new Map<number, number>();
  dataTable.lines.forEach((line, row) => rowOfLine.set(line, row));
  return Int32Array.from(dataset.sourceLines, (line) => rowOfLine.get(line) as number);
}

/**
 * Reads a predictions file against the dataset it predicts.
 *
 * @param text the predictions CSV, or its table (a Parquet predictions file, read by parseTableBytes)
 * @param dataRows the number of data rows of the data CSV
 * @param keptDataRow see dataRowOfKeptRow
 * @param label the dataset's label: it says the task (probabilities for a binary label, values for a numeric one),
 *   and the file's `label` column, when it has one, is checked against it
 * @returns the test rows (rows with predictions; the others are train rows) and the prediction matrix on them
 * @throws AuditInputError BAD_PREDICTIONS for a missing column, a misaligned or partly filled row, a cell that is
 *   not a number; MODEL_OUTPUT_NAN for NaN or an infinity; MODEL_OUTPUT_NOT_PROBABILITY for a value outside
 *   [0, 1] when the label is binary (the message says the file looks like a regression's)
 */
export function readPredictionsFile(
  text: string | CsvTable,
  source: string,
  dataRows: number,
  keptDataRow: Int32Array,
  groups: GroupIndex,
  label?: Label,
): { split: TrainTestSplit; predictions: PredictionMatrix; warnings: string[] } {
  const table = typeof text === 'string' ? parseCsv(text) : text;
  const columnOf = (name: string): readonly string[] => {
    const j = table.header.indexOf(name);
    if (j < 0) {
      const present = table.header.filter((h) => h.startsWith(PREDICTION_PREFIX));
      throw bad(source, `has no column ${showCell(name, 80)}.`, `Give h0's predictions as ${GENERIC_COLUMN} and h(x, g′) for every group as ${PREDICTION_PREFIX}<group id>, ids as the report writes them (columns found: ${present.map((p) => showCell(p, 60)).join(', ') || 'none'}).`);
    }
    return cellsOf(table.columns[j]);
  };
  const generic = columnOf(GENERIC_COLUMN);
  const asGroup = groups.groups.map((g) => columnOf(`${PREDICTION_PREFIX}${g.id}`));
  const all = [generic, ...asGroup];

  // lineOfDataRow[d] = the predictions line holding data row d, or -1.
  const lineOfDataRow = new Int32Array(dataRows).fill(-1);
  if (table.header.includes(ROW_COLUMN)) {
    const ids = columnOf(ROW_COLUMN);
    ids.forEach((cell, p) => {
      const id = parseDecimal(cell);
      if (id === 0) {
        throw bad(source, `names row 0 on line ${table.lines[p]}; rows are numbered from 1 (the first data row below the header is row 1), so this file looks numbered from 0, as a pandas index is, and every line would be matched to the row after its own.`, 'Add 1 to every row number (in pandas: index + 1), then audit again.');
      }
      if (!Number.isInteger(id) || id < 1 || id > dataRows) {
        throw bad(source, `names row ${showCell(cell)} on line ${table.lines[p]}; rows are numbered 1 to ${dataRows} (the data rows below the header).`, 'Number the rows of the data CSV from 1, as they come after its header.');
      }
      if (lineOfDataRow[id - 1] >= 0) throw bad(source, `names row ${id} twice (lines ${table.lines[lineOfDataRow[id - 1]]} and ${table.lines[p]}).`, 'Give each data row one line.');
      lineOfDataRow[id - 1] = p;
    });
  } else {
    if (table.rowCount !== dataRows) {
      throw bad(source, `has ${table.rowCount} rows and the data ${dataRows}; without a "${ROW_COLUMN}" column they must line up one to one.`, `Write one line per data row, in the data's order (empty cells for rows without predictions), or add a "${ROW_COLUMN}" column with each line's data row number.`);
    }
    for (let d = 0; d < dataRows; d++) lineOfDataRow[d] = d;
  }

  const isTest = new Uint8Array(keptDataRow.length);
  for (let r = 0; r < keptDataRow.length; r++) {
    const p = lineOfDataRow[keptDataRow[r]];
    if (p < 0) continue;
    const filled = all.filter((column) => !isMissing(column[p]) || column[p].toLowerCase() === 'nan').length;
    if (filled === all.length) isTest[r] = 1;
    else if (filled > 0) throw bad(source, `has ${all.length - filled} empty prediction cells on line ${table.lines[p]}.`, 'Fill every prediction column of a test row, or none for a row that is not a test row.');
  }
  const split = fromTestMask(isTest);
  if (split.test.length === 0) throw bad(source, 'has no row with predictions for a row of the data.', 'Check that it belongs to this data CSV.');

  const regression = label?.task === 'regression';
  const read = (column: readonly string[], name: string): Float64Array =>
    Float64Array.from(split.test, (row) => {
      const p = lineOfDataRow[keptDataRow[row]];
      const cell = column[p];
      const where = `in ${showCell(name, 60)} on line ${table.lines[p]} (data row ${keptDataRow[row] + 1})`;
      if (NON_FINITE.test(cell)) {
        throw new AuditInputError('MODEL_OUTPUT_NAN', `The predictions file ${source} holds ${showCell(cell)} ${where}, not a finite number.`, regression ? 'Export a predicted value for every test row.' : 'Export a probability for every test row.');
      }
      const value = parseDecimal(cell);
      if (Number.isNaN(value)) throw bad(source, `holds ${showCell(cell)} ${where}, which is not a number.`, regression ? 'Write predicted values as decimal numbers.' : 'Write probabilities as decimal numbers.');
      if (!regression && (value < 0 || value > 1)) {
        throw new AuditInputError(
          'MODEL_OUTPUT_NOT_PROBABILITY',
          `The predictions file ${source} holds ${cell} ${where}, which is not a probability: the data's label${label ? ` ${showCell(label.name)}` : ''} is binary (a classification), and a value outside [0, 1] is a regression's prediction, a score or a label.`,
          'Export probabilities of the positive class, between 0 and 1; a regression model is audited on a numeric label.',
        );
      }
      return value;
    });
  const predictions = { generic: read(generic, GENERIC_COLUMN), asGroup: asGroup.map((column, g) => read(column, `${PREDICTION_PREFIX}${groups.groups[g].id}`)) };
  // After the values: a file of a regression's predictions on a binary label is refused for what it is.
  const warnings: string[] = [];
  if (label && table.header.includes(LABEL_COLUMN)) {
    checkLabels(columnOf(LABEL_COLUMN), split.test, (row) => lineOfDataRow[keptDataRow[row]], label, source, table.lines, keptDataRow);
  } else if (table.header.includes(ROW_COLUMN)) {
    warnings.push(unverifiedRowsWarning(source));
  }
  return { split, predictions, warnings };
}

/**
 * A file that numbers its rows and has no `label` column cannot be checked: rows numbered from 0 (a pandas index)
 * with only the test rows, for instance, would match every prediction to the next patient without any error.
 */
function unverifiedRowsWarning(source: string): string {
  return `The predictions file ${source} numbers its rows but has no "${LABEL_COLUMN}" column, so nothing checks that each line is matched to the right data row (rows numbered from 0, as a pandas index is, would shift every prediction by one patient). Add a "${LABEL_COLUMN}" column with each row's label, as fairuse train --save-predictions writes, and the audit checks every row.`;
}

/** Every test row's `label` cell names the data's label of that row (as written, or the same number). */
function checkLabels(
  cells: readonly string[],
  testRows: Int32Array,
  lineOf: (row: number) => number,
  label: Label,
  source: string,
  lines: ArrayLike<number>,
  keptDataRow: Int32Array,
): void {
  const same = (cell: string, value: string) => cell === value || (!Number.isNaN(parseDecimal(cell)) && parseDecimal(cell) === parseDecimal(value));
  const misaligned = 'The file belongs to other data, or to this data in another row order: give the data CSV its predictions were made for, or add a "row" column naming each line\'s data row.';
  for (const row of testRows) {
    const p = lineOf(row);
    const cell = cells[p];
    if (isMissing(cell)) continue;
    if (label.task === 'regression') {
      const value = parseDecimal(cell);
      if (value === label.values[row]) continue;
      const problem = Number.isNaN(value)
        ? `holds ${showCell(cell)} in "${LABEL_COLUMN}" on line ${lines[p]}, which is not a number, and the label ${showCell(label.name)} is numeric.`
        : `says the label of data row ${keptDataRow[row] + 1} is ${showCell(cell)} on line ${lines[p]}, but the data says ${label.values[row]}.`;
      throw bad(source, problem, misaligned);
    }
    const expected = label.values[row] === 1 ? label.positive : label.negative;
    const other = label.values[row] === 1 ? label.negative : label.positive;
    if (same(cell, expected)) continue;
    const problem = same(cell, other)
      ? `says the label of data row ${keptDataRow[row] + 1} is ${showCell(cell)} on line ${lines[p]}, but the data says ${showCell(expected)}.`
      : `holds ${showCell(cell)} in "${LABEL_COLUMN}" on line ${lines[p]}, which is not a value of the label ${showCell(label.name)}.`;
    throw bad(source, problem, misaligned);
  }
}

function csvCell(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Writes a predictions file: one line per data row of the data CSV, in order, with the predictions of the test
 * rows (and their label, when given, for the check on reading) and empty cells elsewhere. Numbers are written in
 * full (shortest round-trip form), so reading the file back gives the same doubles.
 */
export function formatPredictionsFile(
  dataRows: number,
  keptDataRow: Int32Array,
  groups: GroupIndex,
  testRows: Int32Array,
  predictions: PredictionMatrix,
  label?: Label,
): string {
  const header = [ROW_COLUMN, ...(label ? [LABEL_COLUMN] : []), GENERIC_COLUMN, ...groups.groups.map((g) => `${PREDICTION_PREFIX}${g.id}`)];
  const first = label ? 2 : 1;
  const cells: string[][] = Array.from({ length: dataRows }, (_, d) => [String(d + 1), ...header.slice(1).map(() => '')]);
  testRows.forEach((row, r) => {
    const line = cells[keptDataRow[row]];
    if (label) line[1] = label.task === 'regression' ? String(label.values[row]) : label.values[row] === 1 ? label.positive : label.negative;
    line[first] = String(predictions.generic[r]);
    predictions.asGroup.forEach((column, g) => (line[first + 1 + g] = String(column[r])));
  });
  return [header, ...cells].map((line) => line.map(csvCell).join(',')).join('\n') + '\n';
}
