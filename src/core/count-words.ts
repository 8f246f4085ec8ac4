/**
 * A count with its noun in the right number, for every sentence a user reads: "1 test row", "2 test rows".
 * English plurals of the nouns the reports use only (row, group, value, resample…): an "s" unless told otherwise.
 *
 * @example countOf(1, 'test row') // => '1 test row'
 * @example countOf(3, 'analysis', 'analyses') // => '3 analyses'
 */
export function countOf(count: number, noun: string, plural = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : plural}`;
}
