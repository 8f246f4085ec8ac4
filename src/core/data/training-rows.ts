/**
 * Every group needs training rows: a split that leaves a group none (`--test-size 0.99`, or a split column that
 * marks all its rows `test`) would give the personalized model nothing to learn the group from, and the audit
 * would report that group's "gain" of a model that never saw it (issue 14, finding 7).
 */
import { AuditInputError } from '../errors';
import type { GroupIndex } from './groups';

/**
 * Fewest training rows a group may have. One is enough for the engine to serve the group (a decoupled model too
 * small to fit falls back to the group's mean, with a warning); none leaves nothing to learn from.
 */
export const MIN_TRAINING_ROWS_PER_GROUP = 1;

/**
 * @param groups the intersectional groups and each row's group
 * @param trainRows the rows of the training split
 * @throws AuditInputError EMPTY_SPLIT naming each group below the minimum with its training and total rows
 * @example checkTrainingRows({ groups: [{ id: 'g=a' }], groupOfRow: Int32Array.of(0, 0) }, [0]) // throws: 1 training row
 */
export function checkTrainingRows(groups: Pick<GroupIndex, 'groups' | 'groupOfRow'>, trainRows: ArrayLike<number>): void {
  const trainCount = new Array<number>(groups.groups.length).fill(0);
  const totalCount = new Array<number>(groups.groups.length).fill(0);
  for (let k = 0; k < trainRows.length; k++) trainCount[groups.groupOfRow[trainRows[k]]]++;
  for (const g of groups.groupOfRow) totalCount[g]++;
  const short = groups.groups
    .map((group, g) => ({ id: group.id, train: trainCount[g], total: totalCount[g] }))
    .filter((g) => g.train < MIN_TRAINING_ROWS_PER_GROUP);
  if (short.length === 0) return;
  const listed = short.slice(0, 5).map((g) => `${JSON.stringify(g.id)} ${g.train} of ${g.total}`).join(', ');
  const more = short.length > 5 ? ` and ${short.length - 5} more` : '';
  throw new AuditInputError(
    'EMPTY_SPLIT',
    `${short.length === 1 ? 'A group has' : `${short.length} groups have`} no training rows after the split (each needs at least ${MIN_TRAINING_ROWS_PER_GROUP}; ${listed}${more}).`,
    'Hold out a smaller fraction (--test-size, e.g. 0.2), mark more of their rows as train in the split column, or merge small groups.',
  );
}
