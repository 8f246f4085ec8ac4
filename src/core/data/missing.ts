/**
 * Which cell texts mean "no value" (SPEC §1: rows with a missing label or group are dropped, missing features are
 * imputed). The tokens are those pandas and the UCI repository write: '', 'NA', 'N/A', 'NaN', 'null', 'None' and
 * the UCI '?'. Letters are matched case-insensitively ('na', 'NULL', 'none' are missing too).
 */

/** The missing-value tokens as usually written; '' is the empty cell. */
export const MISSING_TOKENS: readonly string[] = ['', 'NA', 'N/A', 'NaN', 'null', 'None', '?'];

const missingTokens = new Set(MISSING_TOKENS.map((token) => token.toLowerCase()));
const longestToken = 4;

/**
 * Whether a cell marks a missing value.
 *
 * @param cell the cell text, already trimmed of surrounding whitespace (as `parseCsv` returns it)
 * @returns true for '', '?' and any casing of NA, N/A, NaN, null, None; false otherwise
 * @example isMissing('N/A'); // => true
 * @example isMissing('0'); // => false
 */
export function isMissing(cell: string): boolean {
  if (cell.length === 0) return true;
  // Most cells are longer than any token or start with a digit: skip the lower-casing for them.
  if (cell.length > longestToken) return false;
  const first = cell.charCodeAt(0);
  if (first >= 48 && first <= 57) return false; // no token starts with a digit
  return missingTokens.has(cell.toLowerCase());
}
