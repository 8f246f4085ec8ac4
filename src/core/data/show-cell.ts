/**
 * How a cell or column name is shown in a message: double-quoted, escaped onto one line, at most `maxLength`
 * characters.
 */
export function showCell(text: string, maxLength = 40): string {
  const shown = text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
  return JSON.stringify(shown);
}
