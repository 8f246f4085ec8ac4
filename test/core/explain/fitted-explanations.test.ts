import { describe, expect, it } from 'vitest';
import { runAudit } from '../../../src/core/audit/audit';
import { prepareAuditDataset } from '../../../src/core/audit/prepare-dataset';
import { maskedExplanationQuality } from '../../../src/core/learn/explain/masked-quality';
import type { DenseMatrix } from '../../../src/core/numeric/matrix';
import { SeededRandom } from '../../../src/core/numeric/random';

describe('sufficiency and comprehensiveness of a black-box model with an attribution', () => {
  // f(z) = z₁ z₂ + z₃, from b = (0, 0, 0)
  const predict = (x: DenseMatrix) => Float64Array.from({ length: x.rows }, (_, r) => x.data[3 * r] * x.data[3 * r + 1] + x.data[3 * r + 2]);
  const x: DenseMatrix = { rows: 2, cols: 3, data: Float64Array.of(2, 4, 5, 1, 1, 1) };

  it('keeps the top ⌈r·d⌉ inputs by |a_j|, by hand', () => {
    // r = 0.5 keeps ⌈1.5⌉ = 2 of 3: |a| = (3, 1, 2) keeps z₁ and z₃.
    const q = maskedExplanationQuality(predict, () => Float64Array.of(3, -1, 2), new Float64Array(3), x, 0.5);
    // row 1: f = 13, z_S = (2, 0, 5) → 5, z_¬S = (0, 4, 0) → 0
    expect(q.sufficiency[0]).toBe(8);
    expect(q.comprehensiveness[0]).toBe(13);
    // row 2: f = 2, z_S = (1, 0, 1) → 1, z_¬S = (0, 1, 0) → 0
    expect(q.sufficiency[1]).toBe(1);
    expect(q.comprehensiveness[1]).toBe(2);
  });

  it('breaks equal magnitudes by column order, and masks to the baseline, not to 0', () => {
    // |a| all equal: r = 0.34 keeps ⌈1.02⌉ = 2, the first two columns; b = (1, 1, 1)
    const q = maskedExplanationQuality(predict, () => Float64Array.of(1, -1, 1), Float64Array.of(1, 1, 1), x, 0.34);
    // row 1: z_S = (2, 4, 1) → 9, z_¬S = (1, 1, 5) → 6
    expect(q.sufficiency[0]).toBe(4);
    expect(q.comprehensiveness[0]).toBe(7);
  });

  it('refuses a baseline of the wrong length', () => {
    expect(() => maskedExplanationQuality(predict, () => new Float64Array(3), new Float64Array(2), x, 0.5)).toThrow(/3 baseline values; got 2/);
  });
});

function csv(regression: boolean): string {
  const random = new SeededRandom(4);
  const lines = ['y,g,x1,x2,x3'];
  for (const [g, n, sign] of [['A', 400, 1], ['B', 250, -1]] as const) {
    for (let i = 0; i < n; i++) {
      const x = [random.nextFloat() * 4 - 2, random.nextFloat() * 4 - 2, random.nextFloat()];
      const score = 2 * sign * x[0] + x[1] - x[2];
      const y = regression ? 50 + 10 * score + random.nextFloat() : random.nextFloat() < 1 / (1 + Math.exp(-score)) ? 1 : 0;
      lines.push(`${regression ? y.toFixed(3) : y},${g},${x.map((v) => v.toFixed(4)).join(',')}`);
    }
  }
  return lines.join('\n');
}

describe('--model nn and rf audits report the explanation metrics (exact Integrated Gradients, exact Shapley values)', () => {
  for (const [modelClass, method] of [['nn', 'integrated-gradients'], ['rf', 'tree-shap']] as const) for (const regression of [false, true]) {
    for (const technique of ['1hot', 'all', 'dcp'] as const) {
      it(`${modelClass}, ${regression ? 'regression' : 'classification'}, ${technique}`, async () => {
        const dataset = prepareAuditDataset(csv(regression), { load: { label: 'y', groups: ['g'] }, buckets: [] });
        const report = await runAudit(dataset, { modelClass, technique, bootstrap: 50 }, { path: 'nn.csv' });
        expect(report.explanations?.method).toBe(method);
        for (const metric of ['sufficiency', 'comprehensiveness'] as const) {
          for (const row of report.metrics[metric]!.rationality) {
            expect(Number.isFinite(row.generic)).toBe(true);
            expect(row.generic!).toBeGreaterThanOrEqual(0);
          }
        }
        // Keeping every input explains everything: r = 1 gives sufficiency 0 for h0 and h.
        const all = await runAudit(dataset, { modelClass, technique, bootstrap: 50, explainFraction: 1 }, { path: 'nn.csv' });
        for (const row of all.metrics.sufficiency!.rationality) expect([row.generic, row.personalized]).toEqual([0, 0]);
        expect(all.metrics.comprehensiveness!.rationality.some((row) => row.generic! > 0.01)).toBe(true);
      });
    }
  }
});

describe('the report\'s row-level examples: the first test row of each group under h0 and h', () => {
  // Per model, prediction − Σ a_j is the same on every row (completeness: f(b) for IG and Shapley values; the
  // linear model's score at b, before the link). 3 features + 2 dummies: every input is listed.
  const logit = (p: number) => Math.log(p / (1 - p));
  for (const [modelClass, link] of [['lr', logit], ['nn', (p: number) => p], ['rf', (p: number) => p]] as const) {
    it(`${modelClass}, 1hot: one example per group, inputs by decreasing |a_j|, complete`, async () => {
      const dataset = prepareAuditDataset(csv(false), { load: { label: 'y', groups: ['g'] }, buckets: [] });
      const report = await runAudit(dataset, { modelClass, bootstrap: 20 }, { path: 'nn.csv' });
      const examples = report.explanations!.examples!;
      expect(examples.map((e) => e.group)).toEqual(['g=A', 'g=B']);
      expect(examples[1].h.top.map((t) => t.input).sort()).toEqual(['g=A', 'g=B', 'x1', 'x2', 'x3']);
      for (const model of ['h0', 'h'] as const) {
        const rest = examples.map((e) => link(e[model].prediction) - e[model].top.reduce((s, t) => s + t.attribution, 0));
        expect(rest[0]).toBeCloseTo(rest[1], 9);
        for (const e of examples) {
          const sizes = e[model].top.map((t) => Math.abs(t.attribution));
          expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
        }
      }
      const assigned = await runAudit(dataset, { modelClass, bootstrap: 20, assign: { 'g=A': 'generic' } }, { path: 'nn.csv' });
      expect(assigned.explanations!.examples).toBeUndefined();
    });
  }
});
