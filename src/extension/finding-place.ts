/**
 * Where in the workspace each Problems row points, so that rows differ by place as well as by text:
 * - a group's finding: the group's own entry in the spec when the spec names the group (its "assign" entry);
 *   else the group's first attribute in the CSV header line; else the model file; else the spec's "groups";
 * - the inconclusive headline: the group columns in the CSV header (they are what is too many, or too small);
 *   else the spec's "groups".
 * Pure (no `vscode`): the texts are read by diagnostics.ts.
 */
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { headerCells } from '../core/data/csv-header';
import type { Finding } from './findings';
import type { SpecText, TextSpan } from '../core/audit/spec-text';

export type PlaceFile = 'spec' | 'data' | 'model';

export interface Place {
  readonly file: PlaceFile;
  /** In the file's text; null = its first character. */
  readonly span: TextSpan | null;
}

export interface PlaceSources {
  /** The spec's text and its reading, when the audit ran from a spec that still reads. */
  readonly spec?: { readonly text: string; readonly parsed: Extract<SpecText, { ok: true }> };
  /** The CSV's first line, when it could be read. */
  readonly csvHeader?: string;
  /** True when the audit read a model file. */
  readonly model: boolean;
  /** The report's group attributes, in order. */
  readonly groupAttributes: readonly string[];
}

export function placeOf(finding: Finding, sources: PlaceSources): Place {
  if (finding.group !== '' && sources.spec) {
    const named = assignSpan(sources.spec.text, finding.group);
    if (named) return { file: 'spec', span: named };
  }
  // Group ids join `attribute=value` in the order of the report's attributes: the first one starts every id.
  const attribute = sources.groupAttributes[0];
  const cell = sources.csvHeader === undefined || attribute === undefined ? undefined : headerCells(sources.csvHeader).find((c) => c.name === attribute);
  if (cell) return { file: 'data', span: { offset: cell.offset, length: cell.length } };
  if (finding.group !== '' && sources.model) return { file: 'model', span: null };
  if (sources.spec) return { file: 'spec', span: sources.spec.parsed.groupsSpan };
  return { file: 'data', span: null };
}

/** The "assign" entry of a group in the spec's text ("Sex=Female, Age=Old": "generic"), key to value. */
export function assignSpan(specText: string, group: string): TextSpan | undefined {
  const root = parseTree(specText, [], { allowTrailingComma: true, disallowComments: false });
  const value = root && findNodeAtLocation(root, ['assign', group]);
  const property = value?.parent;
  return property ? { offset: property.offset, length: property.length } : undefined;
}
