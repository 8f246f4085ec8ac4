import { describe, expect, it } from 'vitest';
import { runAudit } from '../../../src/core/audit/audit';
import { parseCsv } from '../../../src/core/data/csv';
import { loadDataset } from '../../../src/core/data/load-dataset';
import { SeededRandom } from '../../../src/core/numeric/random';
import { explanationDisagreements } from '../../../src/core/report/render/explanation-tables';

/**
 * Paper 2, Theorem 3, planted: group A (large) depends on x1 alone, so h0 leans on x1 and its explanations are
 * sufficient with half of the four inputs. Group B depends on x1 reversed and on x2, x3, x4 equally: its own
 * decoupled model is far more accurate for B, but spreads its weight over all four inputs, so keeping the top two
 * leaves much of the prediction unexplained: B gains accuracy and loses sufficiency.
 */
function plantedCsv(): string {
  const random = new SeededRandom(20250612);
  const normal = () => {
    const u = 1 - random.nextFloat();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextFloat());
  };
  const lines = ['y,g,x1,x2,x3,x4'];
  const add = (g: string, n: number, logit: (x: number[]) => number) => {
    for (let i = 0; i < n; i++) {
      const x = [normal(), normal(), normal(), normal()];
      const y = random.nextFloat() < 1 / (1 + Math.exp(-logit(x))) ? 1 : 0;
      lines.push(`${y},${g},${x.map((v) => v.toFixed(4)).join(',')}`);
    }
  };
  add('A', 2000, (x) => 4 * x[0]);
  add('B', 500, (x) => -2 * x[0] + 2 * x[1] + 2 * x[2] + 2 * x[3]);
  return lines.join('\n');
}

describe('a planted divergence of accuracy and explanations (paper 2, Theorem 3)', () => {
  it('reports that B gains accuracy and loses sufficiency, and says so in one sentence', async () => {
    const dataset = loadDataset(parseCsv(plantedCsv()), { label: 'y', groups: ['g'] });
    const report = await runAudit(dataset, { technique: 'dcp', bootstrap: 300 }, { path: 'planted.csv' });
    const verdict = (metric: 'error' | 'sufficiency', group: string) => report.metrics[metric]!.rationality.find((r) => r.group === group)!.verdict;
    expect(verdict('error', 'g=B')).toBe('gain');
    expect(verdict('sufficiency', 'g=B')).toBe('violation');
    expect(verdict('error', 'g=A')).not.toBe('gain');
    expect(verdict('sufficiency', 'g=A')).not.toBe('violation');
    expect(explanationDisagreements(report)).toEqual([expect.stringMatching(/^g=B: more accurate, explanations less sufficient/)]);
  });
});
