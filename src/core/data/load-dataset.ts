/**
 * Parsed CSV columns + the user's choice of roles → the typed `Dataset` the audit reads (SPEC §1).
 */
import { readBinaryLabel } from './binary-label';
import { oneBucketHint, tercileCuts } from './buckets';
import { readLabel } from './label';
import { withRareLabelValues } from './rare-label-values';
import { parseDecimal, scanColumn } from './column-type';
import { notAmongColumns, separatorHint, type CsvTable } from './csv';
import { showCell } from './show-cell';
import type { AuditDataset, Dataset, FeatureColumn, Label } from './dataset';
import type { Task } from './task';
import { closestName } from './closest-name';
import { dataWarnings } from './data-warnings';
import { AuditInputError } from '../errors';
import { isMissing, MISSING_TOKENS } from './missing';
import { countOf } from '../count-words';
import { cellsOf, NumberColumn, type TableColumn } from './number-column';

export interface LoadOptions {
  /** The label column: exactly two distinct values (or, for `loadAuditDataset`, numbers: regression). */
  label: string;
  /** The k ≥ 1 group attribute columns, in the order group ids are written. */
  groups: readonly string[];
  /** Feature columns; when absent or empty, every column but the label, the groups and the split column. */
  features?: readonly string[];
  /** A column marking each row `train` or `test`; when absent the engine splits. */
  splitColumn?: string;
  /** The label value that means y = 1; see `choosePositive` for the default. */
  positive?: string;
  /** What the label is, when the user said so; otherwise its values decide, and a numeric label with few values is refused. */
  task?: Task;
  /** Cell texts that also mean "missing" here (besides empty, NA, N/A, NaN, null, None, ?); applied by prepareTable. */
  missingValues?: readonly string[];
}

type ColumnRole = 'label' | 'group' | 'feature' | 'split';

/** How many column names an UNKNOWN_COLUMN message lists. */
const listedColumns = 12;

const missingTokensText = ['empty', ...MISSING_TOKENS.filter((token) => token !== '')].join(', ').replace(/, ([^,]*)$/, ' or $1');

function unknownColumn(name: string, role: ColumnRole, table: Pick<CsvTable, 'header' | 'format'>): AuditInputError {
  const { header } = table;
  const likely = closestName(name, header);
  const hint = likely === undefined ? '' : `Did you mean ${showCell(likely)}? `;
  const listed = header.slice(0, listedColumns).map((column) => showCell(column, 30));
  const more = header.length > listedColumns ? `, … (${header.length} columns)` : '';
  return new AuditInputError(
    'UNKNOWN_COLUMN',
    `The ${role} column ${showCell(name)} ${notAmongColumns(table)}.`,
    `${separatorHint(header)}${hint}Columns: ${listed.join(', ')}${more}.`,
  );
}

function badOption(problem: string, fix: string): AuditInputError {
  return new AuditInputError('BAD_OPTION', problem, fix);
}

function labelIsGroup(name: string): AuditInputError {
  return new AuditInputError(
    'LABEL_IS_GROUP',
    `The column ${showCell(name)} is given both as the label and as a group attribute.`,
    'Choose a label other than the group attributes: the audit predicts the label from the features, per group.',
  );
}

function groupIsFeature(name: string): AuditInputError {
  return new AuditInputError(
    'GROUP_IS_FEATURE',
    `The group attribute ${showCell(name)} is also listed as a feature.`,
    'Remove it from the features (--features): group attributes are never features of the generic model h0.',
  );
}

function noRows(dropped: number, label: string, groups: readonly string[]): AuditInputError {
  return new AuditInputError(
    'NO_ROWS',
    `All ${countOf(dropped, 'row')} have a missing label (${showCell(label)}) or group value (${groups.map((g) => showCell(g)).join(', ')}), so none is left to audit.`,
    `Fill in those columns, or choose others; a cell counts as missing when it is ${missingTokensText}.`,
  );
}

function tooFewGroups(groups: readonly string[], onlyGroup: string, rows: number, bucketHint?: string): AuditInputError {
  const which = groups.length === 1 ? `attribute ${showCell(groups[0])} takes a single value` : 'attributes take a single combination';
  return new AuditInputError(
    'TOO_FEW_GROUPS',
    `The group ${which}, ${onlyGroup}, on all ${countOf(rows, 'row')} kept; the audit compares at least two groups.`,
    bucketHint ?? 'Choose group attributes whose values differ between rows.',
  );
}

function splitValue(column: string, line: number, value: string): AuditInputError {
  const found = value === '' ? 'no value' : showCell(value);
  return new AuditInputError(
    'SPLIT_VALUES',
    `The split column ${showCell(column)} has ${found} on line ${line}; its values must be train or test.`,
    'Mark every row train or test (letter case does not matter).',
  );
}

function emptySplit(column: string, missingSide: 'train' | 'test', rows: number): AuditInputError {
  return new AuditInputError(
    'EMPTY_SPLIT',
    `The split column ${showCell(column)} marks none of the ${countOf(rows, 'row')} kept as ${missingSide}.`,
    'Mark some rows train and some test: the models are fitted on the train rows and the gains measured on the test rows.',
  );
}

/**
 * A numeric feature with stray words is not guessed to be categorical (issue 14): the first stray cell is named
 * by its spreadsheet row (header = row 1), and by its file line when a quoted line break or a blank line makes
 * the two differ.
 */
function nonNumeric(column: string, row: number, line: number, value: string, numeric: number, present: number): AuditInputError {
  const where = line === row ? `row ${row}` : `row ${row} (line ${line} of the file)`;
  return new AuditInputError(
    'NON_NUMERIC',
    `The feature column ${showCell(column)} holds numbers except for ${present - numeric} of its ${present} values; the first is ${showCell(value)} on ${where}.`,
    'Correct the cell, leave it empty or write NA to mark it missing (or name its text with --missing-values, "missingValues" in the spec), or leave the column out of the features (--features, or "features" in the spec).',
  );
}

/**
 * Builds a dataset with a binary label from a parsed CSV: what model files and `fairuse train` need. An audit
 * with the engine's own models reads regression labels too: `loadAuditDataset`.
 *
 * Rows with a missing label or group value are dropped and counted. Group values are kept as text. A feature is
 * numeric when every non-missing cell is a decimal number (missing → NaN), categorical otherwise (missing → null).
 *
 * @param table the parsed CSV (see `parseCsv`)
 * @param options the roles of the columns
 * @returns the dataset over the kept rows, with each row's CSV line
 * @throws AuditInputError UNKNOWN_COLUMN for a name not in the header; LABEL_IS_GROUP; GROUP_IS_FEATURE;
 *   BAD_OPTION for no label or group, a repeated name, the label or split column among the features, or a
 *   positive class that is not a label value; NO_ROWS when every row is dropped; LABEL_NOT_BINARY;
 *   TOO_FEW_GROUPS when the kept rows form fewer than two intersectional groups; SPLIT_VALUES for a split value
 *   other than train/test; EMPTY_SPLIT when no kept row is train, or none is test; NON_NUMERIC for a feature
 *   whose values are numbers but for a minority of stray cells (see `NUMERIC_SHARE_FOR_TYPO`)
 */
export function loadDataset(table: CsvTable, options: LoadOptions): Dataset {
  return loadWith(table, options, readBinaryLabel);
}

/**
 * Builds the audited dataset from a parsed CSV, as `loadDataset`, but a numeric label with more than two values
 * is a regression label (SPEC §1) rather than an error.
 *
 * @throws AuditInputError as loadDataset; LABEL_NOT_BINARY only for a label with one value, or with more than
 *   two that are not all numbers; BAD_OPTION for a positive class given with a regression label
 */
export function loadAuditDataset(table: CsvTable, options: LoadOptions): AuditDataset {
  return loadWith(table, options, readLabel) as AuditDataset;
}

/** Reads the label; a label that is not binary because of a value written once or twice names that value's lines. */
function readLabelOrPoint<L extends Label>(read: () => L, cells: readonly string[], kept: Int32Array, lines: ArrayLike<number>): L {
  try {
    return read();
  } catch (error) {
    throw error instanceof AuditInputError ? withRareLabelValues(error, cells, kept, lines) : error;
  }
}

type LabelReader<L extends Label> = (name: string, cells: readonly string[], rows: Int32Array, requested?: string, task?: Task) => L;

function loadWith<L extends Label>(table: CsvTable, options: LoadOptions, readLabelCells: LabelReader<L>): Dataset<L> {
  const roles = resolveRoles(table, options);
  const column = (name: string) => table.columns[table.header.indexOf(name)];
  const cells = (name: string) => cellsOf(column(name));

  const labelCells = cells(roles.label);
  const groupCells = roles.groups.map(cells);
  const kept = keptRows(table.rowCount, labelCells, groupCells);
  const droppedRows = table.rowCount - kept.length;
  if (kept.length === 0) throw noRows(droppedRows, roles.label, roles.groups);

  const label = readLabelOrPoint(() => readLabelCells(roles.label, labelCells, kept, options.positive, options.task), labelCells, kept, table.lines);
  const groupValues = groupCells.map((cells) => Array.from(kept, (row) => cells[row]));
  roles.groups.forEach((name, a) => checkNotContinuous(name, groupValues[a]));
  checkTwoGroups(roles.groups, groupValues, table.bucketed);

  const sourceLines = Int32Array.from(kept, (row) => table.lines[row]);
  const split = roles.split === undefined ? undefined : readSplit(roles.split, cells(roles.split), kept, sourceLines);
  const features = roles.features.map((name) => readFeature(name, column(name), kept, sourceLines));

  return {
    rows: kept.length,
    droppedRows,
    label,
    groupAttributes: roles.groups,
    groupValues,
    features,
    ...(split === undefined ? {} : { splitIsTest: split, splitColumn: roles.split }),
    sourceLines,
    warnings: dataWarnings({ rows: kept.length, label, groupAttributes: roles.groups, groupValues, features }, table.bucketed),
  };
}

interface ColumnRoles {
  label: string;
  groups: string[];
  features: string[];
  split?: string;
}

/** Checks the option names against the header and each other; returns them trimmed, features filled in. */
function resolveRoles(table: Pick<CsvTable, 'header' | 'format'>, options: LoadOptions): ColumnRoles {
  const { header } = table;
  const known = new Set(header);
  const checked = (name: string, role: ColumnRole) => {
    if (!known.has(name)) throw unknownColumn(name, role, table);
    return name;
  };
  const noRepeats = (names: readonly string[], role: ColumnRole) => {
    const repeated = names.find((name, i) => names.indexOf(name) !== i);
    if (repeated !== undefined) {
      throw badOption(`The ${role} column ${showCell(repeated)} is listed twice.`, `List each ${role} column once.`);
    }
  };

  const labelName = options.label.trim();
  if (labelName === '') throw badOption('No label column is given.', 'Name the column to predict (--label).');
  const label = checked(labelName, 'label');

  // Empty names are dropped, as a CLI list like "Sex,Age," produces them.
  const groups = nonEmptyNames(options.groups);
  if (groups.length === 0) {
    throw badOption('No group attribute is given.', 'Name at least one categorical column whose groups to audit (--groups).');
  }
  if (groups.includes(label)) throw labelIsGroup(label);
  groups.forEach((name) => checked(name, 'group'));
  noRepeats(groups, 'group');

  const splitName = options.splitColumn?.trim();
  const split = splitName === undefined || splitName === '' ? undefined : checked(splitName, 'split');
  if (split !== undefined && (split === label || groups.includes(split))) {
    throw badOption(
      `The split column ${showCell(split)} is also the label or a group attribute.`,
      'Use a separate column that marks each row train or test.',
    );
  }

  const requested = nonEmptyNames(options.features ?? []);
  if (requested.length === 0) {
    const features = header.filter((name) => name !== label && name !== split && !groups.includes(name));
    return { label, groups, features, split };
  }
  for (const name of requested) {
    if (groups.includes(name)) throw groupIsFeature(name);
    if (name === label) {
      throw badOption(`The label column ${showCell(name)} is listed as a feature.`, 'Remove it from the features (--features).');
    }
    if (name === split) {
      throw badOption(`The split column ${showCell(name)} is listed as a feature.`, 'Remove it from the features (--features).');
    }
    checked(name, 'feature');
  }
  noRepeats(requested, 'feature');
  return { label, groups, features: requested, split };
}

function nonEmptyNames(names: readonly string[]): string[] {
  return names.map((name) => name.trim()).filter((name) => name !== '');
}

/** Positions of the rows whose label and group cells are all present. */
function keptRows(rowCount: number, labelCells: readonly string[], groupCells: ReadonlyArray<readonly string[]>): Int32Array {
  const kept = new Int32Array(rowCount);
  let count = 0;
  for (let row = 0; row < rowCount; row++) {
    if (isMissing(labelCells[row]) || groupCells.some((cells) => isMissing(cells[row]))) continue;
    kept[count++] = row;
  }
  return kept.slice(0, count);
}

/** A group attribute with more distinct numbers than this is a measurement (age, BMI), not a group. */
const MAX_NUMERIC_GROUP_LEVELS = 10;

/**
 * A numeric column with many values as a group attribute would make one group per value (146 ages → 146
 * groups, none large enough to test): refused, with how to bucket it.
 */
function checkNotContinuous(name: string, values: readonly string[]): void {
  const distinct = new Set(values);
  if (distinct.size <= MAX_NUMERIC_GROUP_LEVELS) return;
  for (const v of distinct) if (Number.isNaN(parseDecimal(v))) return;
  const [low, high] = tercileCuts([...distinct].map(parseDecimal).sort((a, b) => a - b));
  const example = `${low}:${high}`;
  throw new AuditInputError(
    'NUMERIC_GROUP',
    `The group column ${showCell(name)} holds ${distinct.size} different numbers: as a group attribute it would make one group per value.`,
    `Bucket it into ranges: --groups ${name}:${example} on the command line (cut points after the colons), or { "column": "${name}", "buckets": [${example.replace(':', ', ')}] } in an audit spec.`,
  );
}

function checkTwoGroups(attributes: readonly string[], groupValues: ReadonlyArray<readonly string[]>, bucketed: CsvTable['bucketed'] = {}): void {
  const rows = groupValues[0].length;
  const same = (row: number) => groupValues.every((values) => values[row] === values[0]);
  for (let row = 1; row < rows; row++) if (!same(row)) return;
  const onlyGroup = attributes.map((name, a) => `${name}=${groupValues[a][0]}`).join(', ');
  const bucketHint = attributes
    .map((name) => (bucketed[name] === undefined ? undefined : oneBucketHint(name, bucketed[name])))
    .find((hint) => hint !== undefined);
  throw tooFewGroups(attributes, showCell(onlyGroup, 80), rows, bucketHint);
}

/** 1 for a test row, 0 for a train row, per kept row. */
function readSplit(name: string, cells: readonly string[], kept: Int32Array, lines: Int32Array): Uint8Array {
  const isTest = new Uint8Array(kept.length);
  let tests = 0;
  for (let r = 0; r < kept.length; r++) {
    const value = cells[kept[r]].toLowerCase();
    if (value === 'test') {
      isTest[r] = 1;
      tests++;
    } else if (value !== 'train') {
      throw splitValue(name, lines[r], cells[kept[r]]);
    }
  }
  if (tests === 0) throw emptySplit(name, 'test', kept.length);
  if (tests === kept.length) throw emptySplit(name, 'train', kept.length);
  return isTest;
}

function readFeature(name: string, column: TableColumn, kept: Int32Array, lines: Int32Array): FeatureColumn {
  // Read from bytes, a numeric column already holds its numbers (NaN when missing), as scanColumn would give them.
  if (column instanceof NumberColumn) return { kind: 'numeric', name, values: kept.length === column.length ? column.values : Float64Array.from(kept, (row) => column.values[row]) };
  const cells = column;
  const numbers = new Float64Array(kept.length);
  const scan = scanColumn(cells, kept, numbers);
  if (scan.kind === 'numeric') return { kind: 'numeric', name, values: numbers };
  if (scan.kind === 'mostly-numeric') {
    const r = scan.firstNonNumeric;
    throw nonNumeric(name, kept[r] + 2, lines[r], cells[kept[r]], scan.numeric, kept.length - scan.missing);
  }
  const values = Array.from(kept, (row) => (isMissing(cells[row]) ? null : cells[row]));
  return { kind: 'categorical', name, values };
}
