import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/core/audit/audit';
import { parseCsv } from '../../src/core/data/csv';
import { loadDataset } from '../../src/core/data/load-dataset';
import { SeededRandom } from '../../src/core/numeric/random';

/** Group B's label depends on x the other way round: only a model that lets the group change the slope helps B. */
function reversedCsv(): string {
  const random = new SeededRandom(21);
  const lines = ['y,g,x,z'];
  for (const [g, n, sign] of [['A', 500, 1], ['B', 300, -1]] as const) {
    for (let i = 0; i < n; i++) {
      const x = random.nextFloat() * 4 - 2;
      const z = random.nextFloat();
      lines.push(`${random.nextFloat() < 1 / (1 + Math.exp(-3 * sign * x)) ? 1 : 0},${g},${x.toFixed(4)},${z.toFixed(4)}`);
    }
  }
  return lines.join('\n');
}

const audit = (extra: Record<string, unknown>) =>
  runAudit(loadDataset(parseCsv(reversedCsv()), { label: 'y', groups: ['g'] }), { bootstrap: 200, ...extra }, { path: 'reversed.csv' });

describe('model classes (paper 1, Appendix G)', () => {
  it('a random forest with the group as an input learns B\'s reversed slope (1hot), where the logistic model cannot', async () => {
    const [rf, lr] = await Promise.all([audit({ modelClass: 'rf' }), audit({ modelClass: 'lr' })]);
    expect(rf.settings.model).toBe('rf');
    const rfB = rf.metrics.error!.rationality.find((r) => r.group === 'g=B')!;
    const lrB = lr.metrics.error!.rationality.find((r) => r.group === 'g=B')!;
    expect(rfB.verdict).toBe('gain');
    expect(rfB.gain!).toBeGreaterThan(0.2);
    expect(lrB.verdict).not.toBe('gain');
  });

  it('a neural net with decoupled models gains for B too, and both classes are deterministic per seed', async () => {
    const [nn, again] = await Promise.all([audit({ modelClass: 'nn', technique: 'dcp' }), audit({ modelClass: 'nn', technique: 'dcp' })]);
    expect(nn.metrics.error!.rationality.find((r) => r.group === 'g=B')!.verdict).toBe('gain');
    expect(JSON.stringify(nn)).toBe(JSON.stringify(again));
    const [rf1, rf2] = await Promise.all([audit({ modelClass: 'rf', seed: 3 }), audit({ modelClass: 'rf', seed: 3 })]);
    expect(JSON.stringify(rf1)).toBe(JSON.stringify(rf2));
  });

  it('rejects an unknown model class', async () => {
    await expect(audit({ modelClass: 'svm' })).rejects.toThrow(/model 'svm'.*lr, rf, nn/);
  });
});

describe('model classes on a group with one class', () => {
  it('warns that the decoupled forest of an all-negative group is constant (SPEC §2)', async () => {
    const lines = ['y,g,x'];
    const random = new SeededRandom(2);
    for (let i = 0; i < 300; i++) {
      const x = random.nextFloat() * 2 - 1;
      lines.push(`${x > 0 ? 1 : 0},A,${x.toFixed(3)}`);
    }
    for (let i = 0; i < 60; i++) lines.push(`0,B,${(random.nextFloat() * 2 - 1).toFixed(3)}`);
    const report = await runAudit(loadDataset(parseCsv(lines.join('\n')), { label: 'y', groups: ['g'] }), { bootstrap: 50, modelClass: 'rf', technique: 'dcp' }, { path: 'x.csv' });
    expect(report.warnings.some((w) => w.includes('decoupled model of g=B') && w.includes('all negative') && w.includes('constant'))).toBe(true);
  });
});
