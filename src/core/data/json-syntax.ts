/**
 * Where a JSON file stops being JSON, without quoting it. V8's own message quotes the text ("Unexpected token 'r',
 * "root:x:0:0:…" is not valid JSON"), which echoed the first line of any file named as a spec (/etc/shadow
 * included, issue 14 finding 4) and could span lines; this names the line, the column and what was expected.
 */
import { type ParseError, parse, printParseErrorCode } from 'jsonc-parser';

/**
 * The first syntax error of `text` as JSON, as `line 3, column 7 (ValueExpected)`; undefined when there is none.
 * Comments and trailing commas, which jsonc-parser would accept, count as errors here, as they do for JSON.parse.
 *
 * @example jsonSyntaxError('{\n  "a": }'); // => 'line 2, column 8 (ValueExpected)'
 */
export function jsonSyntaxError(text: string): string | undefined {
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (first === undefined) return undefined;
  const before = text.slice(0, first.offset);
  const line = before.split('\n').length;
  const column = first.offset - (before.lastIndexOf('\n') + 1) + 1;
  return `line ${line}, column ${column} (${printParseErrorCode(first.error)})`;
}

/**
 * JSON.parse, with a syntax error described by jsonSyntaxError (never by V8's message, which quotes the file).
 * @throws the error `fail` makes from that description
 */
export function parseJsonText(text: string, fail: (where: string) => Error): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw fail(jsonSyntaxError(text) ?? 'not JSON');
  }
}
