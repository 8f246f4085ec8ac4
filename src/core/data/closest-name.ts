/** Suggestions for a mistyped name: a column of the CSV header, an option of the command line. */

/** The candidate equal to `name` but for letter case, else one within two edits of it (a typo), if any. */
export function closestName(name: string, header: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  const sameButCase = header.find((column) => column.toLowerCase() === lower);
  if (sameButCase !== undefined) return sameButCase;
  let best: string | undefined;
  let bestDistance = 3;
  for (const column of header) {
    const distance = editDistance(lower, column.toLowerCase(), bestDistance);
    if (distance < bestDistance) [best, bestDistance] = [column, distance];
  }
  return best;
}

/** Levenshtein distance between a and b, or `cap` when it is at least `cap`. */
function editDistance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) >= cap) return cap;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(substitution, previous[j] + 1, current[j - 1] + 1);
    }
    if (Math.min(...current) >= cap) return cap;
    previous = current;
  }
  return Math.min(previous[b.length], cap);
}
