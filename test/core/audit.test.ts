import { describe, expect, it } from 'vitest';
import { runAudit, runAudits } from '../../src/core/audit/audit';
import { parseCsv } from '../../src/core/data/csv';
import { loadDataset } from '../../src/core/data/load-dataset';
import { SeededRandom } from '../../src/core/numeric/random';
import type { AuditReport } from '../../src/core/report/report';

/**
 * A dataset where group B's label depends on x the other way round: a model without the group
 * attribute gets B wrong, so personalization must show a significant gain for B. Group C is tiny.
 */
function syntheticCsv(options: { tinyGroupRows: number; oneClassGroup?: boolean; splitColumn?: boolean }): string {
  const random = new SeededRandom(11);
  const lines = [`y,g,x,color${options.splitColumn ? ',part' : ''}`];
  const add = (g: string, n: number, label: (x: number) => number) => {
    for (let i = 0; i < n; i++) {
      const x = random.nextFloat() * 4 - 2;
      const y = label(x);
      const color = random.nextFloat() < 0.5 ? 'red' : 'blue';
      lines.push(`${y},${g},${x.toFixed(4)},${color}${options.splitColumn ? `,${i % 5 === 0 ? 'test' : 'train'}` : ''}`);
    }
  };
  add('A', 400, (x) => (random.nextFloat() < 1 / (1 + Math.exp(-3 * x)) ? 1 : 0));
  add('B', 200, (x) => (random.nextFloat() < 1 / (1 + Math.exp(3 * x)) ? 1 : 0));
  add('C', options.tinyGroupRows, (x) => (options.oneClassGroup ? 0 : x > 0 ? 1 : 0));
  return lines.join('\n');
}

async function audit(csv: string, extra: Record<string, unknown> = {}, splitColumn?: string): Promise<AuditReport> {
  const dataset = loadDataset(parseCsv(csv), { label: 'y', groups: ['g'], splitColumn });
  return runAudit(dataset, { bootstrap: 300, ...extra }, { path: 'synthetic.csv' });
}

describe('runAudit on synthetic data', () => {
  it('finds the gain of the group whose relation to x is reversed (dcp learns its own slope)', async () => {
    const report = await audit(syntheticCsv({ tinyGroupRows: 30 }), { technique: 'dcp' });
    const b = report.metrics.error!.rationality.find((r) => r.group === 'g=B')!;
    expect(b.gain!).toBeGreaterThan(0.3);
    expect(b.verdict).toBe('gain');
    expect(b.ci![0]).toBeGreaterThan(0);
    expect(report.metrics.auc!.rationality.find((r) => r.group === 'g=B')!.verdict).toBe('gain');
  });

  it('shows the Figure 3 failure mode: an intercept per group (all) cannot fix a reversed slope', async () => {
    const report = await audit(syntheticCsv({ tinyGroupRows: 30 }), { technique: 'all' });
    const b = report.metrics.error!.rationality.find((r) => r.group === 'g=B')!;
    expect(b.verdict).not.toBe('gain');
    expect(Math.abs(b.gain!)).toBeLessThan(0.1);
  });

  it('reports a group with too few test rows as untested, left out of the correction', async () => {
    const report = await audit(syntheticCsv({ tinyGroupRows: 20 }));
    const c = report.groups.find((g) => g.id === 'g=C')!;
    expect(c.nTest).toBeLessThan(10);
    for (const metric of Object.values(report.metrics)) {
      const row = metric!.rationality.find((r) => r.group === 'g=C')!;
      expect(row.verdict).toBe('untested');
      expect(row.pHarm).toBeNull();
      expect(metric!.envy.filter((e) => e.group === 'g=C').every((e) => e.verdict === 'untested')).toBe(true);
    }
    expect(report.warnings.some((w) => w.includes('g=C') && w.includes('not tested'))).toBe(true);
    // the envy pairs of the tested groups A and B (against each other and against C) are tested
    expect(report.metrics.error!.envy.filter((e) => e.verdict !== 'untested').map((e) => `${e.group}>${e.reportedAs}`)).toEqual([
      'g=A>g=B', 'g=A>g=C', 'g=B>g=A', 'g=B>g=C',
    ]);
  });

  it('leaves AUC untested for a group whose test rows hold one class, and tests the other metrics', async () => {
    const report = await audit(syntheticCsv({ tinyGroupRows: 100, oneClassGroup: true }), { technique: 'dcp' });
    expect(report.metrics.auc!.rationality.find((r) => r.group === 'g=C')!.verdict).toBe('untested');
    expect(report.metrics.error!.rationality.find((r) => r.group === 'g=C')!.verdict).not.toBe('untested');
    expect(report.warnings.some((w) => w.includes('g=C') && w.includes('one class'))).toBe(true);
    // its decoupled model is the constant smoothed base rate, with a warning
    expect(report.warnings.some((w) => w.includes('decoupled model of g=C') && w.includes('constant'))).toBe(true);
  });

  it('honours a split column', async () => {
    const report = await audit(syntheticCsv({ tinyGroupRows: 50, splitColumn: true }), {}, 'part');
    expect(report.settings.splitColumn).toBe('part');
    expect(report.settings.testSize).toBeUndefined();
    expect(report.groups.find((g) => g.id === 'g=A')!.nTest).toBe(80);
    expect(report.dataset.features).toEqual(['x', 'color']);
  });

  it('audits several techniques against one h0 exactly as separate audits do', async () => {
    const csv = syntheticCsv({ tinyGroupRows: 60 });
    const dataset = loadDataset(parseCsv(csv), { label: 'y', groups: ['g'] });
    const together = await runAudits(dataset, { bootstrap: 100 }, ['1hot', 'dcp'], { path: 's.csv' });
    const dcpAlone = await runAudit(dataset, { bootstrap: 100, technique: 'dcp' }, { path: 's.csv' });
    expect(JSON.stringify(together[1])).toBe(JSON.stringify(dcpAlone));
    expect(together[0].metrics.error!.overall.generic).toBe(dcpAlone.metrics.error!.overall.generic);
  });

  it('Holm never rejects less than Bonferroni', async () => {
    const csv = syntheticCsv({ tinyGroupRows: 60 });
    const bonferroni = await audit(csv, { correction: 'bonferroni' });
    const holm = await audit(csv, { correction: 'holm' });
    for (const id of ['error', 'auc', 'ece'] as const) {
      bonferroni.metrics[id]!.envy.forEach((row, k) => {
        const h = holm.metrics[id]!.envy[k];
        if (row.pHarm !== null) expect(h.pHarm!).toBeLessThanOrEqual(row.pHarm + 1e-15);
      });
    }
  });

  it('stops with AuditCancelledError when cancelled', async () => {
    const dataset = loadDataset(parseCsv(syntheticCsv({ tinyGroupRows: 30 })), { label: 'y', groups: ['g'] });
    let calls = 0;
    await expect(runAudit(dataset, { bootstrap: 500 }, { path: 's' }, { isCancelled: () => ++calls > 3 })).rejects.toThrow(/cancelled/);
  });
});
