/**
 * An audit spec as text in an editor: parsed with comments and trailing commas allowed (it is the user's
 * file), checked by the engine's rules, and with the offsets diagnostics point at. Pure: no `vscode`.
 */
import { findNodeAtLocation, modify, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { parseAuditSpec, type AuditSpec } from './audit-spec';
import { isAuditInputError } from '../errors';

export interface TextSpan {
  readonly offset: number;
  readonly length: number;
}

export type SpecText =
  | { readonly ok: true; readonly spec: AuditSpec; readonly groupsSpan: TextSpan; readonly groupSpans: readonly TextSpan[] }
  | { readonly ok: false; readonly message: string; readonly span: TextSpan };

/**
 * Parses and checks a spec's text.
 *
 * @param source the spec's path, for messages
 * @returns the spec with the spans of "groups" and of each group entry, or the first problem and where it is
 */
export function readSpecText(text: string, source: string): SpecText {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || !root) {
    const first = errors[0];
    const span = first ? { offset: first.offset, length: Math.max(1, first.length) } : { offset: 0, length: 0 };
    const what = first ? printParseErrorCode(first.error) : 'empty file';
    return { ok: false, message: `${source}: the spec is not valid JSON (${what}). Fix the syntax, or recreate it with "Fair Use: Audit Dataset…".`, span };
  }
  try {
    const spec = parseAuditSpec(valueOf(root), source);
    const groups = findNodeAtLocation(root, ['groups'])!;
    return { ok: true, spec, groupsSpan: propertySpan(groups), groupSpans: (groups.children ?? []).map(spanOf) };
  } catch (error) {
    if (!isAuditInputError(error)) throw error;
    return { ok: false, message: error.message, span: fieldSpan(root, error.problem) };
  }
}

/** The JSON value of a parse tree (jsonc-parser's getNodeValue, without its any). */
function valueOf(node: Node): unknown {
  switch (node.type) {
    case 'object':
      return Object.fromEntries((node.children ?? []).map((p) => [p.children![0].value as string, p.children![1] ? valueOf(p.children![1]) : undefined]));
    case 'array':
      return (node.children ?? []).map(valueOf);
    default:
      return node.value;
  }
}

function spanOf(node: Node): TextSpan {
  return { offset: node.offset, length: node.length };
}

/** From the property's key to the end of its value. */
function propertySpan(value: Node): TextSpan {
  const property = value.parent?.type === 'property' ? value.parent : value;
  return spanOf(property);
}

/** The span of the field a message names (`"alpha"` or `"groups"[1]`), else the start of the file. */
function fieldSpan(root: Node, problem: string): TextSpan {
  const named = /"([A-Za-z$]+)"(?:\[(\d+)\])?/.exec(problem);
  if (named) {
    const [, key, index] = named;
    const node = findNodeAtLocation(root, index === undefined ? [key] : [key, Number(index)]);
    if (node) return index === undefined ? propertySpan(node) : spanOf(node);
    // an unknown or missing field: point at the key if present, else at the opening brace
    const property = root.children?.find((p) => p.children?.[0]?.value === key);
    if (property) return spanOf(property.children![0]);
  }
  return { offset: root.offset, length: 1 };
}

/** Zero-based line and character of an offset, counting \r\n, \n and \r as line breaks (as VS Code does). */
export function lineAndCharacter(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: end - lineStart };
}

/**
 * The edits that record in a spec that `group` is served by `model` ("assign": { group: model }), keeping the
 * user's formatting and comments (jsonc-parser's modify).
 */
export function assignEdits(text: string, group: string, model: 'generic' | 'decoupled'): Array<TextSpan & { readonly content: string }> {
  const indent = /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
  return modify(text, ['assign', group], model, {
    formattingOptions: { insertSpaces: !indent.includes('\t'), tabSize: indent.includes('\t') ? 1 : indent.length, eol: text.includes('\r\n') ? '\r\n' : '\n' },
  });
}
