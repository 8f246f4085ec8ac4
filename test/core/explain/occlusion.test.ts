import { describe, expect, it } from 'vitest';
import { occlusionExplanationQuality } from '../../../src/core/learn/explain/occlusion';
import { explainModelFile } from '../../../src/core/model-file/model-explanations';
import { auditModelFile } from '../../../src/core/model-file/model-audit';
import type { DenseMatrix } from '../../../src/core/numeric/matrix';
import type { GroupIndex } from '../../../src/core/data/groups';
import { onnxRuntimeWeb } from '../../../src/runtime/onnx-runtime';
import { heartRequest } from '../model/helpers';

/** f(z) = z₁ z₂ + z₃, as an asynchronous model (an ONNX session), counting the rows it scores. */
function product() {
  const calls = { rows: 0 };
  const predict = async (x: DenseMatrix) => {
    calls.rows += x.rows;
    return Float64Array.from({ length: x.rows }, (_, r) => x.data[3 * r] * x.data[3 * r + 1] + x.data[3 * r + 2]);
  };
  return { predict, calls };
}

describe('occlusion from the baseline, by hand', () => {
  it('f(z) = z₁ z₂ + z₃, b = 0, z = (2, 4, 5): a = (13 − 5, 13 − 5, 13 − 8), keeps z₁, z₂ (tie: column order)', async () => {
    const { predict, calls } = product();
    const q = await occlusionExplanationQuality(predict, new Float64Array(3), { rows: 1, cols: 3, data: Float64Array.of(2, 4, 5) }, 0.5);
    // z_S = (2, 4, 0) → 8; z_¬S = (0, 0, 5) → 5
    expect(q.sufficiency[0]).toBe(5);
    expect(q.comprehensiveness[0]).toBe(8);
    expect(calls.rows).toBe(3 + 3); // d + 3 evaluations a row
  });

  it('ranks by a_j = f(z) − f(z with z_j at b_j); an input that matters only with another gets no credit', async () => {
    const { predict } = product();
    const q = await occlusionExplanationQuality(predict, new Float64Array(3), { rows: 2, cols: 3, data: Float64Array.of(2, 4, 1, 0, 4, 1) }, 0.34);
    // r = 0.34 keeps ⌈1.02⌉ = 2 inputs. Row 1, z = (2, 4, 1), f = 9: a = (8, 8, 1) keeps z₁, z₂:
    // z_S = (2, 4, 0) → 8, z_¬S = (0, 0, 1) → 1
    expect([q.sufficiency[0], q.comprehensiveness[0]]).toEqual([1, 8]);
    // Row 2, z = (0, 4, 1), f = 1: z₂ matters only with z₁, so a = (0, 0, 1) keeps z₃ and z₁ (the tie at 0 in
    // column order): z_S = (0, 0, 1) → 1, z_¬S = (0, 4, 0) → 0
    expect([q.sufficiency[1], q.comprehensiveness[1]]).toEqual([0, 1]);
  });

  it('an input without a baseline (missing on every training row) is never moved', async () => {
    const { predict } = product();
    const q = await occlusionExplanationQuality(predict, Float64Array.of(0, NaN, 0), { rows: 1, cols: 3, data: Float64Array.of(2, 4, 5) }, 0.5);
    // a = (13 − 5, 0, 13 − 8): keeps z₁, z₃; z_S = (2, 4, 5) → 13; z_¬S = (0, 4, 0) → 0
    expect([q.sufficiency[0], q.comprehensiveness[0]]).toEqual([0, 13]);
  });
});

describe('a model file whose explanations would take too long', () => {
  it('is skipped with one line that gives the count of model evaluations and the limit', async () => {
    const groups = { groups: [{ id: 'g=A', values: { g: 'A' }, tuple: ['A'] }], groupOfRow: Int32Array.of(0, 0) } as unknown as GroupIndex;
    const inputs = { of: (rows: Int32Array) => ({ rows: rows.length, cols: 3, data: new Float64Array(rows.length * 3) }), predict: product().predict };
    const h0 = {
      model: { predict: (x: { data: Float64Array }) => Float64Array.from(x.data) },
      xTrain: { rows: 2, cols: 1, data: Float64Array.of(0, 1) },
      xTest: { rows: 2, cols: 1, data: Float64Array.of(0, 1) },
    };
    const bound = { inputs, rows: Int32Array.of(0, 1), groups };
    // 2 rows × ((1 + 3) + 1 group × (3 + 3)) = 20 evaluations
    expect('method' in (await explainModelFile(h0, bound, bound, 0.5, 20))).toBe(true);
    expect(await explainModelFile(h0, bound, bound, 0.5, 19)).toEqual({
      unavailable:
        "Explaining this model by occlusion would take 2.0e+1 model evaluations (2 test rows × 1 groups × (3 inputs + 3), and h0's), over the limit of 2e+1: no explanation metrics. Use --no-explanations to skip them, or audit fewer rows.",
    });
  });
});

describe('ONNX model files are explained by occlusion; the engine\'s JSON model files as its own models', () => {
  const runtime = { onnx: onnxRuntimeWeb() };
  it('heart-lr.onnx: both metrics for h0 and h, and r = 1 explains everything (sufficiency 0)', async () => {
    const report = await auditModelFile(heartRequest('heart-lr.onnx'), runtime);
    expect(report.explanations?.method).toBe('occlusion');
    expect(report.metrics.comprehensiveness!.rationality.every((r) => r.generic! > 0 && r.personalized! > 0)).toBe(true);
    const all = await auditModelFile(heartRequest('heart-lr.onnx', { options: { bootstrap: 50, explainFraction: 1 } }), runtime);
    for (const row of all.metrics.sufficiency!.rationality) expect([row.generic, row.personalized]).toEqual([0, 0]);
  });

  it('heart-lr.model.json: explained exactly, as the engine explains its own logistic models (not by occlusion)', async () => {
    const report = await auditModelFile(heartRequest('heart-lr.model.json'), runtime);
    expect(report.explanations?.method).toBe('linear-exact');
    expect(report.metrics.sufficiency?.rationality).toHaveLength(report.groups.length);
  });
});
