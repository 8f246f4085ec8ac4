import { describe, expect, it } from 'vitest';
import type * as vscode from 'vscode';
import { ResultsStore } from '../../src/extension/results-store';
import type { AuditReport } from '../../src/core/report/report';
import type { ReportEntry } from '../../src/protocol/webview-protocol';

/** A workspace memento in memory, as VS Code keeps one per workspace. */
function memento(): vscode.Memento {
  const values = new Map<string, unknown>();
  return {
    keys: () => [...values.keys()],
    get: <T>(key: string, fallback?: T) => (values.has(key) ? (values.get(key) as T) : fallback),
    update: async (key: string, value: unknown) => {
      if (value === undefined) values.delete(key);
      else values.set(key, structuredClone(value));
    },
  } as vscode.Memento;
}

function entry(specPath: string, finishedAt: string): ReportEntry {
  return { specPath, finishedAt, report: { dataset: { path: specPath.replace('.fairuse.json', '.csv') } } as unknown as AuditReport };
}

describe('ResultsStore: the report a re-run replaced, for "Compare with Previous Audit"', () => {
  it('keeps, per spec, the entry the latest one replaced, and nothing before a second run', async () => {
    const store = new ResultsStore(memento());
    await store.put(entry('/w/heart.fairuse.json', '2026-01-01T10:00:00.000Z'));
    await store.put(entry('/w/xor.fairuse.json', '2026-01-01T10:05:00.000Z'));
    expect(store.previous('/w/heart.fairuse.json')).toBeUndefined();
    await store.put(entry('/w/heart.fairuse.json', '2026-01-01T11:00:00.000Z'));
    await store.put(entry('/w/heart.fairuse.json', '2026-01-01T12:00:00.000Z'));
    expect(store.get('/w/heart.fairuse.json')?.finishedAt).toBe('2026-01-01T12:00:00.000Z');
    expect(store.previous('/w/heart.fairuse.json')?.finishedAt).toBe('2026-01-01T11:00:00.000Z');
    expect(store.previous('/w/xor.fairuse.json')).toBeUndefined();
  });

  it('does not make an entry its own previous when the same run is stored twice (a restored panel)', async () => {
    const store = new ResultsStore(memento());
    await store.put(entry('/w/heart.fairuse.json', '2026-01-01T10:00:00.000Z'));
    await store.put(entry('/w/heart.fairuse.json', '2026-01-01T11:00:00.000Z'));
    await store.put(entry('/w/heart.fairuse.json', '2026-01-01T11:00:00.000Z'));
    expect(store.previous('/w/heart.fairuse.json')?.finishedAt).toBe('2026-01-01T10:00:00.000Z');
  });

  it('forgets the previous report with the current one (remove, clear)', async () => {
    const store = new ResultsStore(memento());
    for (const at of ['2026-01-01T10:00:00.000Z', '2026-01-01T11:00:00.000Z']) {
      await store.put(entry('/w/a.fairuse.json', at));
      await store.put(entry('/w/b.fairuse.json', at));
    }
    await store.remove('/w/a.fairuse.json');
    expect(store.previous('/w/a.fairuse.json')).toBeUndefined();
    expect(store.previous('/w/b.fairuse.json')).toBeDefined();
    await store.clear();
    expect(store.previous('/w/b.fairuse.json')).toBeUndefined();
  });
});
