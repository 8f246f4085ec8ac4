import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startWorkerAudit } from '../../src/extension/worker-client';
import type { AuditReport } from '../../src/core/report/report';

const root = resolve(__dirname, '../..');
const workerFile = join(root, 'dist/audit-worker.js');
const heartCsv = join(root, 'examples/heart.csv');
const heartParquet = join(root, 'test/fixtures/parquet/heart.parquet');

function workerAudit(csvPath: string): Promise<AuditReport> {
  const request = { type: 'run' as const, csvPath, displayPath: csvPath, run: { load: { label: 'Disease', groups: ['Sex', 'Age'] }, buckets: [], options: { bootstrap: 100, technique: 'all' as const } } };
  return startWorkerAudit(workerFile, request, () => {}).result;
}

/** The report less what names the file (its path and hash). */
const withoutFile = (report: AuditReport) => JSON.parse(JSON.stringify(report), (key, value) => (key === 'path' || key === 'sha256' ? undefined : value));

describe('the audit worker reads data files as the CLI does', () => {
  it('reads a CSV in chunks and records the hash of its bytes', async () => {
    const report = await workerAudit(heartCsv);
    expect(report.dataset.sha256).toBe(createHash('sha256').update(readFileSync(heartCsv)).digest('hex'));
    expect(report.dataset.rows).toBe(303);
  });

  it('audits the heart example as Parquet (written by DuckDB) number for number as the CSV', async () => {
    const [fromCsv, fromParquet] = [await workerAudit(heartCsv), await workerAudit(heartParquet)];
    expect(fromParquet.dataset.sha256).toBe(createHash('sha256').update(readFileSync(heartParquet)).digest('hex'));
    expect(withoutFile(fromParquet)).toEqual(withoutFile(fromCsv));
  });
});
