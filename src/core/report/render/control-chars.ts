/**
 * Text from a data file (cells, column names, paths) must not drive the terminal or reorder what a reader sees:
 * an ANSI escape in a CSV cell could clear the screen or recolour a verdict, a carriage return could overwrite
 * "violation" with "gain", a bidirectional override could reverse a group name (issue 14, finding 5). Every
 * front end that prints or writes text shows such characters as their `\u001b` escape instead.
 */

// C0 controls (tab and line breaks included: one cell, one line), DEL, C1 controls, and the bidirectional
// embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), and the line / paragraph separators.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * The text with every control character shown as `\uXXXX`.
 * @example showControl('a\x1b[2Jb'); // => 'a\\u001b[2Jb'
 */
export function showControl(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Whether the text holds a character showControl would escape. */
export function hasControl(text: string): boolean {
  CONTROL.lastIndex = 0;
  return new RegExp(CONTROL.source).test(text);
}
