/** The audited data (and training data) of a model file's audit: the table, the dataset, and their checks. */
import { bucketColumn } from '../../data/buckets';
import type { CsvTable } from '../../data/csv';
import { type AuditDataset, taskOf } from '../../data/dataset';
import { loadAuditDataset, type LoadOptions } from '../../data/load-dataset';
import { withMissingValues } from '../../data/missing-values';
import { showCell } from '../../data/show-cell';
import { parseTableBytes } from '../../data/table-bytes';
import type { Task } from '../../data/task';
import { AuditInputError } from '../../errors';
import type { FileInput } from '../read-model-file';
import type { Buckets } from './model-audit-request';

/** A data file's table (CSV or Parquet) with its missing-value texts applied and its numeric group columns bucketed. */
export async function readTable(file: FileInput, buckets: Buckets | undefined, missingValues: readonly string[] | undefined, what = 'CSV file'): Promise<CsvTable> {
  let table = withMissingValues(await parseTableBytes(file.bytes, file.path, what), missingValues);
  for (const { column, cuts } of buckets ?? []) table = bucketColumn(table, column, cuts);
  return table;
}

/**
 * loadAuditDataset (a binary label, or a numeric one: regression) with exactly `features` (none at all when
 * empty, where loadAuditDataset would take every column).
 */
export function loadWithFeatures(table: CsvTable, options: LoadOptions): AuditDataset {
  if ((options.features ?? []).length > 0) return loadAuditDataset(table, options);
  const roles = [options.label, ...options.groups, ...(options.splitColumn ? [options.splitColumn] : [])];
  // A name not in the header fails in loadAuditDataset, with the whole header in the message.
  if (roles.some((name) => !table.header.includes(name))) return loadAuditDataset(table, options);
  const reduced: CsvTable = { ...table, header: roles, columns: roles.map((name) => table.columns[table.header.indexOf(name)]) };
  return loadAuditDataset(reduced, { ...options, features: [] });
}

/**
 * loadWithFeatures, where the positive class the model states does not hide that the data's label is numeric
 * (requireTask then says so). A positive class the user gave stands.
 */
export function loadForModel(table: CsvTable, options: LoadOptions, userPositive: string | undefined): AuditDataset {
  if (userPositive !== undefined || options.positive === undefined) return loadWithFeatures(table, options);
  try {
    return loadWithFeatures(table, options);
  } catch (error) {
    if (!(error instanceof AuditInputError && error.code === 'BAD_OPTION')) throw error;
    const numeric = loadWithFeatures(table, { ...options, positive: undefined });
    if (numeric.label.task === 'regression') return numeric;
    throw error;
  }
}

/** Every feature the model reads must be a column of the CSV. */
export function requireColumns(columns: readonly string[], table: CsvTable, modelPath: string, dataPath: string): void {
  const missing = columns.filter((column) => !table.header.includes(column));
  if (missing.length === 0) return;
  const named = `${missing.slice(0, 5).map((c) => showCell(c)).join(', ')}${missing.length > 5 ? ', …' : ''}`;
  throw new AuditInputError(
    'MODEL_MISSING_FEATURE',
    `The model ${showCell(modelPath, 80)} needs the feature${missing.length > 1 ? 's' : ''} ${named}, not in the columns of ${showCell(dataPath, 80)}.`,
    'Audit a CSV that has every column the model was trained on, with the same names.',
  );
}

const TASK_WORDS: Readonly<Record<Task, string>> = { classification: 'binary (a classification)', regression: 'numeric (a regression)' };
const MODEL_TASK_WORDS: Readonly<Record<Task, string>> = {
  classification: 'a binary classifier (probabilities)',
  regression: 'a regression model (predicted values)',
};

/** The model's task must be the data's: a classifier's probabilities are no predictions of a number, and back. */
export function requireTask(dataset: AuditDataset, modelTask: Task, modelPath: string, what: string): void {
  const task = taskOf(dataset.label);
  if (task === modelTask) return;
  throw new AuditInputError(
    'BAD_MODEL',
    `The label ${showCell(dataset.label.name)} is ${TASK_WORDS[task]}, but the model ${showCell(modelPath, 80)} is ${MODEL_TASK_WORDS[modelTask]}${what ? ` (${what})` : ''}.`,
    task === 'regression'
      ? 'Audit a regressor on a numeric label, or give the binary label the model was trained on.'
      : 'Audit a classifier on a binary label, or give the numeric label the model was trained on.',
  );
}

/** Every row of a dataset of `count` rows, in order. */
export function allRows(count: number): Int32Array {
  return Int32Array.from({ length: count }, (_, i) => i);
}
