/**
 * Where each column name sits in a CSV's first line, so a finding without a spec can point at the group
 * column in the header. Follows RFC 4180 quoting (papaparse's default), on the header line only.
 */
import type { TextSpan } from '../audit/spec-text';

export interface HeaderCell extends TextSpan {
  readonly name: string;
}

/**
 * @param firstLine the CSV's first line, without its line break
 * @param delimiter the field separator
 */
export function headerCells(firstLine: string, delimiter = ','): HeaderCell[] {
  const cells: HeaderCell[] = [];
  let i = 0;
  const line = firstLine.charCodeAt(0) === 0xfeff ? ' ' + firstLine.slice(1) : firstLine; // BOM: keep offsets
  for (;;) {
    const start = i;
    let name = '';
    if (line[i] === '"') {
      i++;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') {
          name += '"';
          i += 2;
        } else if (line[i] === '"') {
          i++;
          break;
        } else name += line[i++];
      }
      while (i < line.length && line[i] !== delimiter) i++;
    } else {
      while (i < line.length && line[i] !== delimiter) name += line[i++];
    }
    cells.push({ name: name.trim(), offset: start, length: i - start });
    if (i >= line.length) return cells;
    i++;
  }
}
