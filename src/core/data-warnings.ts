/**
 * What the report warns about the data itself: input that is valid, so the audit runs, but that is probably not
 * what the user meant (SPEC §1 reads it as written). Each warning names the column and says what to do.
 */
import type { AuditDataset } from './dataset';

/** The parts of a dataset the warnings look at. */
export type WarnedDataset = Pick<AuditDataset, 'rows' | 'label' | 'features'>;

/**
 * The warnings about a dataset just read, in the order: label, then features in header order.
 *
 * @param dataset the dataset loadDataset built
 * @returns one line per warning, each with its fix; none for clean data
 */
export function dataWarnings(dataset: WarnedDataset): string[] {
  return [...labelWarnings(dataset.label), ...identifierWarnings(dataset)];
}

/** A numeric label with at most this many distinct values is more likely classes (with a code) than a measurement. */
export const FEW_LABEL_VALUES = 5;

/**
 * A numeric label with a few values is audited as a regression (SPEC §1), as it should be for a score of 1 to 5;
 * but 0/1 with a stray "9" for unknown is a binary label gone wrong. The counts let the user tell which.
 */
function labelWarnings(label: AuditDataset['label']): string[] {
  if (label.task !== 'regression') return [];
  const rowsOfValue = new Map<number, number>();
  for (const y of label.values) rowsOfValue.set(y, (rowsOfValue.get(y) ?? 0) + 1);
  if (rowsOfValue.size > FEW_LABEL_VALUES) return [];
  const counts = [...rowsOfValue].sort(([x], [y]) => x - y).map(([value, rows]) => `${value}: ${rows}`);
  return [
    `The label ${label.name} has only ${rowsOfValue.size} distinct values (${counts.join(', ')}); it is audited as a regression. ` +
      'If it is a class label with a code for unknown, drop those rows (an empty or NA label drops a row) or recode it to two values.',
  ];
}

/** A text feature with at least this share of distinct values (and more than 20) looks like an identifier. */
const IDENTIFIER_SHARE = 0.5;

/**
 * A categorical feature whose values are nearly all different (a patient ID, a timestamp) adds one column per
 * value and cannot generalise to test rows: named in a warning, so the user can leave it out.
 */
function identifierWarnings(dataset: WarnedDataset): string[] {
  const out: string[] = [];
  for (const feature of dataset.features) {
    if (feature.kind !== 'categorical') continue;
    const distinct = new Set(feature.values.filter((v) => v !== null)).size;
    if (distinct > 20 && distinct >= IDENTIFIER_SHARE * dataset.rows) {
      out.push(`The feature ${feature.name} has ${distinct} different values in ${dataset.rows} rows: it looks like an identifier, adds one input per value and cannot help on test rows. Leave it out (list the features with --features, or "features" in the spec).`);
    }
  }
  return out;
}
