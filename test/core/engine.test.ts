import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/core/engine';
import { AuditCancelledError } from '../../src/core/audit/audit';
import { parseCsv } from '../../src/core/data/csv';

const root = resolve(__dirname, '../..');
const heartText = readFileSync(join(root, 'examples/heart.csv'), 'utf8');
const heartRun = { load: { label: 'Disease', groups: ['Sex', 'Age'] }, buckets: [], options: { bootstrap: 20, explanations: false }, sources: { bootstrap: 'spec' as const } };

describe('audit(request, hooks): the one engine entry', () => {
  it('audits the same data alike as text or as a parsed table, and names the options\' sources', async () => {
    const data = { path: 'heart.csv', sha256: 'x' };
    const fromText = await audit({ kind: 'trained', data: { ...data, content: heartText }, run: heartRun });
    const fromTable = await audit({ kind: 'trained', data: { ...data, content: parseCsv(heartText) }, run: heartRun });
    expect(fromTable).toEqual(fromText);
    expect(fromText.dataset).toMatchObject({ path: 'heart.csv', sha256: 'x', label: 'Disease', groupAttributes: ['Sex', 'Age'] });
    // Without settings, the run's sources stand as the front end recorded them.
    expect(fromText.settings.sources).toEqual({ bootstrap: 'spec' });
  });

  it('puts the editor\'s settings under the run, keeping only those that fit the label\'s task', async () => {
    const bp = readFileSync(join(root, 'examples/blood-pressure.csv'), 'utf8');
    const run = { load: { label: 'systolic_bp', groups: ['sex'] }, buckets: [], options: { bootstrap: 20, explanations: false } };
    // The error rate and an ε in probability units mean nothing for a numeric label: the regression's defaults apply.
    const report = await audit({ kind: 'trained', data: { content: bp, path: 'bp.csv' }, run, settings: { metric: 'error', epsilon: 0.01, alpha: 0.1 } });
    expect(report.dataset.task).toBe('regression');
    expect(report.settings.metric).toBe('mse');
    expect(report.settings.alpha).toBe(0.1);
    expect(report.settings.sources).toMatchObject({ alpha: 'settings' });
    expect(report.settings.sources).not.toHaveProperty('metric');
  });

  it('tells of many groups before the long work, only when asked to', async () => {
    const rows = ['y,ga,gb,x'];
    for (let g = 0; g < 66; g++) for (let i = 0; i < 6; i++) rows.push(`${i % 2},a${g % 11},b${Math.floor(g / 11)},${(i * 7 + g) % 11}`);
    const run = { load: { label: 'y', groups: ['ga', 'gb'] }, buckets: [], options: { bootstrap: 2, explanations: false } };
    const notices: string[] = [];
    const stages: string[] = [];
    await audit({ kind: 'trained', data: { content: rows.join('\n'), path: 'g.csv' }, run }, {
      onNotice: (n) => notices.push(`${n.message} | ${n.expected}`),
      onProgress: (p) => stages.push(p.stage),
    });
    expect(notices).toEqual([expect.stringMatching(/^The audit has 66 groups \(more than 64\).* \| \d+ (s|min)$/)]);
    expect(stages[0]).toBe('split');
  });

  it('audits a model file through the same entry, and stops when cancelled', async () => {
    const bytes = (path: string) => new Uint8Array(readFileSync(join(root, path)));
    const request = {
      kind: 'model-file' as const,
      data: { bytes: bytes('examples/heart.csv'), path: 'heart.csv' },
      model: { bytes: bytes('test/fixtures/models/heart-lr.model.json'), path: 'm.json' },
      load: {},
      options: { bootstrap: 20, explanations: false },
    };
    const report = await audit(request);
    expect(report.model).toMatchObject({ source: 'json', path: 'm.json', newData: false });
    await expect(audit(request, { isCancelled: () => true })).rejects.toBeInstanceOf(AuditCancelledError);
  });
});
