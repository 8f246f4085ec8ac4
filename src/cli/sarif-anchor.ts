import { relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SarifAnchor } from '../core/report/sarif';
import { headerCells } from '../core/data/csv-header';
import { lineAndCharacter, readSpecText } from '../core/audit/spec-text';

/**
 * Where the SARIF results point, as the Problems panel's findings do: the spec's "groups" entry when the audit
 * came from a spec, else the first group attribute's cell in the data file's header. Paths are relative to the
 * working directory (the repository root in CI), so code-scanning tools match them to files.
 *
 * @param file the spec's or the data file's path and text (for the data file, its first line is enough)
 * @param groupAttribute the column the header cell names (data file only)
 */
export function sarifAnchor(file: { readonly path: string; readonly text: string; readonly isSpec: boolean }, groupAttribute: string | undefined): SarifAnchor {
  const uri = relativeUri(file.path);
  if (file.isSpec) {
    const spec = readSpecText(file.text, file.path);
    if (!spec.ok) return { uri, startLine: 1 };
    const start = lineAndCharacter(file.text, spec.groupsSpan.offset);
    return { uri, startLine: start.line + 1, startColumn: start.character + 1 };
  }
  const end = file.text.search(/[\r\n]/);
  const firstLine = end < 0 ? file.text : file.text.slice(0, end);
  const cell = headerCells(firstLine).find((c) => c.name === groupAttribute);
  return cell ? { uri, startLine: 1, startColumn: cell.offset + 1, endColumn: cell.offset + cell.length + 1 } : { uri, startLine: 1 };
}

/** A path below the working directory as a relative URI reference; one outside it as an absolute file: URI. */
function relativeUri(path: string): string {
  const rel = relative(process.cwd(), path);
  if (rel === '' || rel.startsWith('..') || /^[a-zA-Z]:/.test(rel) || rel.startsWith(sep)) return pathToFileURL(path).href;
  return rel.split(sep).map(encodeURIComponent).join('/');
}
