import type { Label } from './dataset';
import { SeededRandom } from '../numeric/random';

export interface TrainTestSplit {
  /** Row indices, ascending. */
  readonly train: Int32Array;
  readonly test: Int32Array;
}

/**
 * A seeded train/test split stratified by (group, label) (SPEC §1): within each stratum the rows are
 * shuffled and round(testSize · n_stratum) of them go to test.
 *
 * The partition depends only on the seed and on which rows share a stratum, never on how the group or label
 * values are spelled or sorted: each stratum's rows, in file order, are shuffled by a generator of their own,
 * seeded from the seed and the index of the stratum's first row (renaming `Male`/`Female` to
 * `Amale`/`Bfemale` gives the same partition).
 *
 * @param stratumOfRow any number that is equal for rows of one group (e.g. the group's index)
 * @param label the label's part of the stratum (0/1; all 0 to stratify by group only)
 * @param testSize fraction of each stratum held out, 0 < testSize < 1
 */
export function stratifiedSplit(
  stratumOfRow: Int32Array,
  label: Uint8Array,
  testSize: number,
  seed: number,
): TrainTestSplit {
  if (!(testSize > 0 && testSize < 1)) {
    throw new RangeError(`stratifiedSplit requires 0 < testSize < 1 (got ${testSize})`);
  }
  // Map insertion order is the order of each stratum's first row, so no value's spelling enters.
  const strata = new Map<number, number[]>();
  for (let i = 0; i < label.length; i++) {
    const key = stratumOfRow[i] * 2 + label[i];
    let rows = strata.get(key);
    if (!rows) strata.set(key, (rows = []));
    rows.push(i);
  }
  const isTest = new Uint8Array(label.length);
  for (const stratumRows of strata.values()) {
    const rows = Int32Array.from(stratumRows);
    new SeededRandom(seed, rows[0]).shuffle(rows);
    const nTest = Math.round(testSize * rows.length);
    for (let r = 0; r < nTest; r++) isTest[rows[r]] = 1;
  }
  return fromTestMask(isTest);
}

/** The split a 0/1 test mask describes (a user's split column, SPEC §1). */
export function fromTestMask(isTest: Uint8Array): TrainTestSplit {
  const train: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < isTest.length; i++) (isTest[i] ? test : train).push(i);
  return { train: Int32Array.from(train), test: Int32Array.from(test) };
}

/**
 * The label's part of the split's strata: y for a binary label, so the split is stratified by (group, label)
 * (SPEC §1); all 0 for a regression label, whose split is stratified by group only *(fixed here)*.
 */
export function labelStrata(label: Label): Uint8Array {
  return label.task === 'regression' ? new Uint8Array(label.values.length) : label.values;
}
