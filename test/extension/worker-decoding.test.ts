import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditRejected, startWorkerAudit } from '../../src/extension/worker-client';

const root = resolve(__dirname, '../..');
const workerFile = join(root, 'dist/audit-worker.js');
const work = mkdtempSync(join(tmpdir(), 'fairuse-worker-decoding-'));

describe('the audit worker reads CSV bytes as strict UTF-8', () => {
  it('rejects a Latin-1 CSV with NOT_UTF8, naming the file as the editor shows it and the line', async () => {
    const rows = ['y,sex,x'];
    for (let i = 0; i < 40; i++) rows.push(`${i % 2},${i % 4 < 2 ? 'Féminin' : 'Masculin'},${i % 7}`);
    const csvPath = join(work, 'latin1.csv');
    writeFileSync(csvPath, Uint8Array.from(`${rows.join('\n')}\n`, (c) => c.charCodeAt(0)));
    const request = { type: 'run' as const, csvPath, displayPath: 'data/latin1.csv', run: { load: { label: 'y', groups: ['sex'] }, buckets: [], options: { bootstrap: 10 } } };
    const error = await startWorkerAudit(workerFile, request, () => {}).result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuditRejected);
    expect((error as AuditRejected).code).toBe('NOT_UTF8');
    expect((error as Error).message).toMatch(/^The CSV file 'data\/latin1\.csv' is not UTF-8: line 2 holds the byte 0xE9 \("Féminin" as Windows-1252\)/);
  });
});
