/**
 * How an engine model file's data is read: its numeric group attributes cut at the training's cut points and the
 * training's missing-value texts, unless the audit gives its own. The model's group columns name the buckets
 * ("age=40-65"), so cuts chosen anew (from the audited data's terciles, say) would match none of them.
 */
import { AuditInputError } from '../errors';
import type { EngineModel } from './engine-model';

type Buckets = ReadonlyArray<{ readonly column: string; readonly cuts: readonly number[] }>;

/**
 * @param given the audit's buckets and missing-value texts (command line or spec), possibly none
 * @param model the engine model file, when the audited model is one
 * @throws AuditInputError BAD_OPTION when the audit cuts a column the model was trained on at other points
 */
export function savedReading(
  given: { readonly buckets?: Buckets; readonly missingValues?: readonly string[] },
  model: EngineModel | undefined,
): { buckets: Buckets; missingValues: readonly string[] | undefined } {
  const saved = model?.training.buckets ?? [];
  const buckets = given.buckets ?? [];
  for (const { column, cuts } of buckets) {
    const trained = saved.find((b) => b.column === column);
    if (trained && (trained.cuts.length !== cuts.length || trained.cuts.some((c, i) => c !== cuts[i]))) {
      throw new AuditInputError(
        'BAD_OPTION',
        `The model was trained with ${column} cut at ${trained.cuts.join(', ')}, and this audit cuts it at ${cuts.join(', ')}: its group columns name the training's buckets.`,
        `Leave out the cut points (the model file's are used), or give ${column}:${trained.cuts.join(':')}.`,
      );
    }
  }
  const missing = saved.filter((b) => !buckets.some((g) => g.column === b.column));
  return {
    buckets: [...buckets, ...missing],
    missingValues: given.missingValues ?? model?.training.missingValues,
  };
}
