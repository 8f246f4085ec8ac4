/**
 * What the report warns about the data itself: input that is valid, so the audit runs, but that is probably not
 * what the user meant (SPEC §1 reads it as written). Each warning names the column and says what to do.
 */
import { numberWithComma, type NumberLike, parseDecimal } from './column-type';
import { oneBucketHint } from './buckets';
import { type CsvTable } from './csv';
import { showCell } from './show-cell';
import type { AuditDataset, FeatureColumn } from './dataset';
import { countOf } from '../count-words';

type CategoricalFeature = Extract<FeatureColumn, { kind: 'categorical' }>;

/** The parts of a dataset the warnings look at. */
export type WarnedDataset = Pick<AuditDataset, 'rows' | 'label' | 'groupAttributes' | 'groupValues' | 'features'>;

/**
 * The warnings about a dataset just read, in the order: label, group attributes, features (each in its order).
 *
 * @param dataset the dataset loadDataset built
 * @param bucketed how numeric group columns were bucketed, if any (see `bucketColumn`)
 * @returns one line per warning, each with its fix; none for clean data
 */
export function dataWarnings(dataset: WarnedDataset, bucketed: CsvTable['bucketed'] = {}): string[] {
  const groupWarnings = dataset.groupAttributes.flatMap((name, a) => {
    const rowsOfValue = new Map<string, number>();
    for (const value of dataset.groupValues[a]) rowsOfValue.set(value, (rowsOfValue.get(value) ?? 0) + 1);
    const bucketHint = bucketed[name] === undefined ? undefined : oneBucketHint(name, bucketed[name]);
    return rowsOfValue.size === 1 ? [oneValueWarning(name, [...rowsOfValue.keys()][0], dataset.rows, bucketHint)] : caseVariantWarnings(name, rowsOfValue);
  });
  const featureWarnings = dataset.features.flatMap((feature) => {
    if (feature.kind === 'numeric') return numericIdentifierWarning(feature.name, feature.values);
    if (isSplitLike(feature)) return [splitLikeWarning(feature.name)];
    // A misread numeric column has many levels too; it is not an identifier.
    const misread = numericLookingWarning(feature);
    return misread === undefined ? identifierWarning(feature, dataset.rows) : [misread];
  });
  return [...labelWarnings(dataset.label), ...groupWarnings, ...featureWarnings];
}

/**
 * A binary label whose positive class only sort order chose (Disease/Healthy → Healthy) is named, with the option
 * that chooses the other. (A numeric label with a few values is no longer guessed: readLabel refuses it unless the
 * user said regression.)
 */
function labelWarnings(label: AuditDataset['label']): string[] {
  if (label.task !== 'regression') {
    // When neither the user nor the values (1/0, true/false, yes/no) said which class is positive, sort order did.
    if (!label.positiveBySortOrder) return [];
    return [
      `The positive class of ${label.name} is "${label.positive}" (of "${label.negative}" and "${label.positive}", the later in sort order): ` +
        `positive rates and a model's probabilities refer to it. If the outcome of interest is "${label.negative}", give --positive "${label.negative}" ("positive" in the spec).`,
    ];
  }
  return [];
}

/**
 * A group attribute with one value among attributes that vary (alone it is TOO_FEW_GROUPS) divides no group:
 * a column of one country, or cut points outside a numeric column's range.
 */
function oneValueWarning(name: string, value: string, rows: number, bucketHint: string | undefined): string {
  const fix = bucketHint ?? 'Leave it out of the groups, or choose an attribute whose values differ between rows.';
  return `The group attribute ${name} takes one value, ${showCell(value)}, on all ${countOf(rows, 'row')} kept: it divides no group. ${fix}`;
}

/**
 * Group values that differ only in letter case or spacing ("male", "Male") are different groups (SPEC §1 takes
 * values as written), which is rarely what the data meant: each such set is named with its rows, fewest first.
 */
function caseVariantWarnings(name: string, rowsOfValue: ReadonlyMap<string, number>): string[] {
  const variantsOfKey = new Map<string, string[]>();
  for (const value of rowsOfValue.keys()) {
    const key = lookAlikeKey(value);
    variantsOfKey.set(key, [...(variantsOfKey.get(key) ?? []), value]);
  }
  const rows = (value: string) => rowsOfValue.get(value) as number;
  return [...variantsOfKey.values()]
    .filter((variants) => variants.length > 1)
    .map((variants) => {
      const listed = variants
        .sort((x, y) => rows(x) - rows(y) || (x < y ? -1 : 1))
        .map((value) => `${showCell(showInvisible(value))} (${countOf(rows(value), 'row')})`);
      const values = `${listed.slice(0, -1).join(', ')} and ${listed[listed.length - 1]}`;
      return `The group attribute ${name} has the values ${values}, which differ only in ${differences(variants)}: they are different groups here; recode them if they are the same.`;
    });
}

// Zero-width and other invisible format characters (U+200B, U+200C, U+200D, U+2060, U+FEFF, soft hyphen…).
const INVISIBLE = /\p{Cf}/gu;

/** The ways two spellings of one group may differ, each with what erases it. */
const SPELLING_DIFFERENCES: ReadonlyArray<readonly [string, (value: string) => string]> = [
  ['letter case', (v) => v.toLowerCase()],
  ['spacing', (v) => v.replace(/\s+/g, ' ')],
  ['Unicode normalization (NFC / NFD)', (v) => v.normalize('NFKC')],
  ['invisible characters', (v) => v.replace(INVISIBLE, '')],
];

/** What two spellings of one group share once case, spacing, Unicode normalization and invisible characters go. */
function lookAlikeKey(value: string): string {
  return SPELLING_DIFFERENCES.reduce((v, [, erase]) => erase(v), value);
}

/** How the spellings differ: each kind that, with all the others erased, still tells them apart. */
function differences(variants: readonly string[]): string {
  const kinds = SPELLING_DIFFERENCES.filter(([kind]) => {
    const others = SPELLING_DIFFERENCES.filter(([k]) => k !== kind);
    return new Set(variants.map((v) => others.reduce((x, [, erase]) => erase(x), v))).size > 1;
  }).map(([kind]) => kind);
  return kinds.length <= 1 ? (kinds[0] ?? 'spelling') : `${kinds.slice(0, -1).join(', ')} and ${kinds[kinds.length - 1]}`;
}

/** Invisible characters and combining marks shown as their \\u escapes, so the two spellings read differently. */
function showInvisible(value: string): string {
  return value.replace(/[\p{Cf}\p{Mn}]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Whether a feature's values are train and test (any letter case), as a split column's are, and nothing else. */
function isSplitLike(feature: CategoricalFeature): boolean {
  const values = new Set<string>();
  for (const value of feature.values) if (value !== null) values.add(value.toLowerCase());
  return values.size === 2 && values.has('train') && values.has('test');
}

/**
 * A train/test column left among the features (no --split-column) tells h0 and h which rows are test rows and
 * leaves the split to the engine: almost surely forgotten (SPEC §1, "splitColumn").
 */
function splitLikeWarning(name: string): string {
  return (
    `The feature ${name} holds only the values train and test: it looks like a train/test split, and is used here as a feature. ` +
    `Give it as the split column (--split-column ${name}, or "splitColumn" in the spec), or leave it out of the features.`
  );
}

/**
 * A numeric feature of more than 20 values, all different whole numbers spread over less than twice as many
 * numbers as there are values (1, 2, 3…, or 1001, 1004, 1005…), is a row number or a patient ID, not a
 * measurement: the model would learn the order the rows were written in.
 */
function numericIdentifierWarning(name: string, values: Float64Array): string[] {
  // One plain loop that stops at the first fraction: TypedArray filter / some with a callback cost seconds on the
  // paper's 468 columns × 25,366 rows, where nearly every column fails on its first value.
  let count = 0;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    if (!Number.isInteger(v)) return [];
    count++;
  }
  if (count <= 20) return [];
  const sorted = new Float64Array(count);
  count = 0;
  for (const v of values) if (!Number.isNaN(v)) sorted[count++] = v;
  sorted.sort();
  for (let k = 1; k < sorted.length; k++) if (sorted[k] === sorted[k - 1]) return [];
  if (sorted[sorted.length - 1] - sorted[0] + 1 >= 2 * sorted.length) return [];
  return [`The feature ${name} holds ${sorted.length} different whole numbers from ${sorted[0]} to ${sorted[sorted.length - 1]}, one per row: it looks like a row number or an identifier, not a measurement, and the models would learn from it. Leave it out (list the features with --features, or "features" in the spec).`];
}

/** A text feature with at least this share of distinct values (and more than 20) looks like an identifier. */
const IDENTIFIER_SHARE = 0.5;

/**
 * A categorical feature whose values are nearly all different (a patient ID, a timestamp) adds one column per
 * value and cannot generalise to test rows: named in a warning, so the user can leave it out.
 */
function identifierWarning(feature: CategoricalFeature, rows: number): string[] {
  const distinct = new Set(feature.values.filter((v) => v !== null)).size;
  if (distinct <= 20 || distinct < IDENTIFIER_SHARE * rows) return [];
  return [`The feature ${feature.name} has ${distinct} different values in ${countOf(rows, 'row')}: it looks like an identifier, adds one input per value and cannot help on test rows. Leave it out (list the features with --features, or "features" in the spec).`];
}

/** More than this share of a categorical feature's cells spelled as numbers: probably a numeric column misread. */
const NUMERIC_LOOKING_SHARE = 0.5;

/** How many of the cells that are no numbers a warning quotes. */
const QUOTED_CELLS = 3;

/**
 * A feature read as categories (SPEC §1: not every cell a number) though most of its cells spell numbers: numbers
 * with a decimal comma ("3,46", quoted in a comma-separated file), or a share of text such as "<18". It gets one
 * level per value instead of a slope; the warning quotes the cells that kept it from being numeric.
 */
function numericLookingWarning(feature: CategoricalFeature): string | undefined {
  let present = 0;
  let numberLike = 0;
  const withComma: Record<NumberLike, { first?: string; cells: number }> = { 'decimal-comma': { cells: 0 }, 'thousands-separator': { cells: 0 } };
  const text = { quoted: [] as string[], cells: 0 };
  for (const cell of feature.values) {
    if (cell === null) continue;
    present++;
    if (!Number.isNaN(parseDecimal(cell))) {
      numberLike++;
      continue;
    }
    const comma = numberWithComma(cell);
    if (comma !== undefined) {
      numberLike++;
      withComma[comma].cells++;
      withComma[comma].first ??= cell;
      continue;
    }
    text.cells++;
    if (text.quoted.length < QUOTED_CELLS && !text.quoted.includes(cell)) text.quoted.push(cell);
  }
  if (present === 0 || numberLike <= NUMERIC_LOOKING_SHARE * present) return undefined;

  const more = (cells: number, shown: number) => (cells > shown ? ` (and ${cells - shown} more)` : '');
  const problems: string[] = [];
  const decimal = withComma['decimal-comma'];
  if (decimal.first !== undefined) problems.push(`${showCell(decimal.first)}${more(decimal.cells, 1)} looks like a decimal comma: save with decimal points`);
  const thousands = withComma['thousands-separator'];
  if (thousands.first !== undefined) problems.push(`${showCell(thousands.first)}${more(thousands.cells, 1)} looks like a thousands separator: save without it`);
  if (text.cells > 0) {
    const quoted = text.quoted.map((cell) => showCell(cell)).join(', ');
    problems.push(`${quoted}${more(text.cells, text.quoted.length)} ${text.cells === 1 ? 'is not a number' : 'are not numbers'}`);
  }
  const levels = new Set(feature.values.filter((v) => v !== null)).size;
  return (
    `The feature ${feature.name} is read as categorical (${levels} levels), but ${numberLike} of its ${present} non-missing cells look like numbers: ${problems.join('; ')}. ` +
    'To use it as a number, correct those cells (or leave them empty or NA, for missing); otherwise each value is a level of its own.'
  );
}
