import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { progressLines, progressText } from '../../src/cli/progress';
import { type AuditProgress, runAudit } from '../../src/core/audit/audit';
import { parseCsv } from '../../src/core/data/csv';
import { loadDataset } from '../../src/core/data/load-dataset';

describe('the CLI progress line', () => {
  it('counts bootstrap resamples of B (n/B), as the editor does, though the engine counts over all groups', async () => {
    const heart = loadDataset(parseCsv(readFileSync(join(__dirname, '../../examples/heart.csv'), 'utf8')), { label: 'Disease', groups: ['Sex', 'Age'], features: ['ExerciseAngina'] });
    const events: AuditProgress[] = [];
    // 4 groups, all tested (minimum group size 1): the engine counts 4 × 100 resamples for the predictions and as
    // many for each of the two explanation metrics (SPEC §9).
    await runAudit(heart, { bootstrap: 100, minGroupSize: 1 }, { path: 'heart.csv' }, { onProgress: (p) => events.push(p) });
    const bootstrap = events.filter((p) => p.stage === 'bootstrap').map((p) => progressText(p, { resamples: 100 }));
    expect(events.find((p) => p.stage === 'bootstrap')!.total).toBe(1200);
    expect(bootstrap[0]).toBe('bootstrap 0/100');
    expect(bootstrap.at(-1)).toBe('bootstrap 100/100');
    expect(bootstrap.every((text) => /^bootstrap (\d+)\/100$/.test(text) && Number(text.split(' ')[1].split('/')[0]) <= 100)).toBe(true);
  });

  it('names the stage otherwise, and a model file is scored rather than trained', () => {
    expect(progressText({ stage: 'fit-generic' }, { resamples: 1000 })).toBe('training the generic model h0');
    expect(progressText({ stage: 'fit-personalized' }, { resamples: 1000 })).toBe('training the personalized model');
    expect(progressText({ stage: 'fit-personalized' }, { resamples: 1000, modelFile: true })).toBe('scoring the model file as every group');
    expect(progressText({ stage: 'bootstrap', done: 1000, total: 4000 }, { resamples: 1000 })).toBe('bootstrap 250/1000');
  });
});

describe('progress lines for a log (--progress without a terminal)', () => {
  it('writes each stage once and the bootstrap at each tenth of B, not at every event', () => {
    const written: string[] = [];
    const lines = progressLines({ resamples: 1000 }, (line) => written.push(line));
    lines.update({ stage: 'split' });
    lines.update({ stage: 'fit-generic' });
    // 4 groups × 1000 resamples, reported every 50 resamples of the total: 81 events, 11 tenths (0 … 10)
    for (let done = 0; done <= 4000; done += 50) lines.update({ stage: 'bootstrap', done, total: 4000 });
    lines.update({ stage: 'report' });
    expect(written).toEqual([
      'splitting…\n',
      'training the generic model h0…\n',
      ...Array.from({ length: 11 }, (_, k) => `bootstrap ${k * 100}/1000…\n`),
      'writing the report…\n',
    ]);
  });
});
