/**
 * Guesses about a CSV's columns for the quick picks of "Audit Dataset…": which columns mark a train/test split
 * (offered as the split, never as a label, group or feature), and which binary column is likely the outcome.
 * Pure: no `vscode`, so the guesses are unit-tested.
 */
import type { ColumnProfile } from '../core/data/column-profile';
import { SAMPLE_VALUES } from '../core/data/column-profile';

/** Names people give a column that says which rows train and which test. */
const SPLIT_NAME = /^(split|data_?split|set|subset|fold|partition|sample|train_?test|is_?(train|test)|usage)$/i;

/** The values the engine reads in a split column (load-dataset.ts's readSplit, any letter case). */
const SPLIT_VALUES = new Set(['train', 'test']);

/** Personal characteristics: a column named so is a group attribute, not an outcome. */
const GROUP_NAME = /(^|[^a-z])(sex|gender|race|ethnic|ethnicity|age|agegroup|age_group|religion|nationality|marital|disability|hiv|insurance|language|country|region)([^a-z]|$)/i;

/** Words an outcome column's name is made of (a binary column named so is the likely label). */
const OUTCOME_NAME = /(outcome|label|target|class|disease|diagnos|death|died|dead|mortality|surviv|readmi|default|churn|fraud|event|response|result|positive|sick|cancer|diabetes|^y$)/i;

/**
 * A column whose non-missing values are exactly `train` and `test` (any case): one the engine can use as the
 * split (`splitColumn`).
 *
 * @example isSplitColumn({ name: 'split', kind: 'categorical', distinct: 2, missing: 0, isBinary: true, sampleValues: ['train', 'test'] }); // => true
 */
export function isSplitColumn(profile: ColumnProfile): boolean {
  if (profile.distinct > SAMPLE_VALUES) return false;
  const values = new Set(profile.sampleValues.map((v) => v.trim().toLowerCase()));
  return values.size === SPLIT_VALUES.size && [...values].every((v) => SPLIT_VALUES.has(v));
}

/**
 * A column that says how rows were split rather than anything about them: train/test values, or a split-like
 * name (`split`, `fold`, `is_test`…) with few values. Never a feature, label or group in the editor's picks.
 */
export function isSplitLike(profile: ColumnProfile): boolean {
  if (isSplitColumn(profile)) return true;
  if (!SPLIT_NAME.test(profile.name.trim())) return false;
  const values = profile.sampleValues.map((v) => v.trim().toLowerCase());
  return profile.distinct <= SAMPLE_VALUES && values.some((v) => v === 'train' || v === 'test' || v === 'valid' || v === 'validation' || v === 'val');
}

/** Whether a column's name reads as a personal characteristic (sex, age, race…). */
export function isGroupLikeName(name: string): boolean {
  return GROUP_NAME.test(name);
}

/**
 * The column the label pick preselects: a binary column named like an outcome that is not a group attribute;
 * else a binary non-group column at either end of the header (where datasets put the label); else the first
 * binary non-group column; undefined when there is none.
 *
 * @param profiles the candidate columns, split-like ones already removed
 * @example likelyLabel(profilesOf('Sex,Age,Chol,Disease')); // => the profile of Disease
 */
export function likelyLabel(profiles: readonly ColumnProfile[]): ColumnProfile | undefined {
  const candidates = profiles.filter((p) => p.isBinary && !isGroupLikeName(p.name) && !isSplitLike(p));
  if (candidates.length === 0) return undefined;
  const named = candidates.find((p) => OUTCOME_NAME.test(p.name));
  if (named) return named;
  const first = profiles[0];
  const last = profiles[profiles.length - 1];
  return candidates.find((p) => p === last) ?? candidates.find((p) => p === first) ?? candidates[0];
}
