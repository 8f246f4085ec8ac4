/**
 * The audit spec's "assign" (SPEC §6): which groups a model serves with h0 or their decoupled model instead of h.
 */
import { AuditInputError } from '../errors';
import type { GroupIndex } from '../data/groups';
import type { AuditOptions } from './options';
import type { Assignment } from '../report/report';

/**
 * The user's assignments as one entry per group of `groups`, in their order ('personalized' when not named).
 *
 * @throws AuditInputError BAD_OPTION when "assign" names a group the data does not have
 */
export function assignmentOf(assign: AuditOptions['assign'], groups: GroupIndex): Assignment[] {
  const ids = groups.groups.map((g) => g.id);
  for (const id of Object.keys(assign)) {
    if (!ids.includes(id)) {
      throw new AuditInputError('BAD_OPTION', `"assign" names the group ${JSON.stringify(id)}, which the data does not have.`, `Use group ids as the report writes them: ${ids.map((i) => JSON.stringify(i)).join(', ')}.`);
    }
  }
  return ids.map((id) => assign[id] ?? 'personalized');
}
