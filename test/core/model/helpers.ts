import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ModelAuditRequest } from '../../../src/core/model-file/audit/model-audit-request';
import type { AuditReport } from '../../../src/core/report/report';

export const root = resolve(__dirname, '../../..');
export const fixture = (name: string) => join(root, 'test/fixtures/models', name);
export const heartPath = join(root, 'examples/heart.csv');

export function file(path: string, shownAs = path.slice(root.length + 1)): { bytes: Uint8Array; path: string } {
  return { bytes: new Uint8Array(readFileSync(path)), path: shownAs };
}

export function textFile(text: string, path: string): { bytes: Uint8Array; path: string } {
  return { bytes: new TextEncoder().encode(text), path };
}

export function heartRequest(model: string, extra: Partial<ModelAuditRequest> = {}): ModelAuditRequest {
  return { data: file(heartPath), model: file(fixture(model)), load: {}, options: { bootstrap: 200 }, ...extra };
}

/** The parts of a report that hold numbers: metric tables and groups. */
export function numbers(report: AuditReport) {
  return { groups: report.groups, metrics: report.metrics };
}
