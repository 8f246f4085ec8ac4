export type Correction = 'bonferroni' | 'holm';

export const CORRECTIONS: readonly Correction[] = ['bonferroni', 'holm'];

/**
 * Family-wise corrected p-values (SPEC §5). Null entries are untested: they are carried through as null
 * and left out of the count m.
 *
 * - Bonferroni: min(1, m·p).
 * - Holm (step-down): sort ascending; the i-th smallest (1-based) gets max over j ≤ i of min(1, (m − j + 1)·p_(j)).
 *
 * @example correctPValues([0.01, 0.04, 0.03, 0.005], 'holm') // => [0.03, 0.06, 0.06, 0.02]
 */
export function correctPValues(pValues: ReadonlyArray<number | null>, method: Correction): Array<number | null> {
  const tested: number[] = [];
  pValues.forEach((p, i) => {
    if (p !== null) tested.push(i);
  });
  const m = tested.length;
  const out: Array<number | null> = pValues.map(() => null);
  if (method === 'bonferroni') {
    for (const i of tested) out[i] = Math.min(1, m * (pValues[i] as number));
    return out;
  }
  // Stable sort keeps equal p-values in input order, so the result does not depend on sort internals.
  const ascending = [...tested].sort((a, b) => (pValues[a] as number) - (pValues[b] as number) || a - b);
  let runningMax = 0;
  ascending.forEach((i, rank) => {
    runningMax = Math.max(runningMax, Math.min(1, (m - rank) * (pValues[i] as number)));
    out[i] = runningMax;
  });
  return out;
}
