import { describe, expect, it } from 'vitest';
import {
  explanationCost,
  explanationCostText,
  explanationNotice,
  explanationSeconds,
  explanationSizeOf,
  explanationsNeedNotice,
} from '../../src/core/audit/explanation-cost';
import type { AuditDataset } from '../../src/core/data/dataset';

const size = { testRows: 2000, trainRows: 8000, groups: 9, inputs: 30 };

describe('explanationSeconds', () => {
  it('costs each method per test row and model as measured', () => {
    // 2,000 rows × 10 models × 30 inputs = 600,000 input attributions.
    expect(explanationSeconds({ ...size, method: 'linear-exact' })).toBeCloseTo(600_000 * 1e-7, 12);
    expect(explanationSeconds({ ...size, method: 'integrated-gradients' })).toBeCloseTo(600_000 * 1.1e-6, 12);
    // 100 trees × 1.2 × √8000 = 10,733 nodes a row; × 20,000 explanations × 40 ns = 8.59 s.
    expect(explanationSeconds({ ...size, method: 'tree-shap' })).toBeCloseTo(8.5865, 3);
    expect(explanationSeconds({ ...size, method: 'occlusion' })).toBe(0);
  });

  it('counts a forest the engine will skip (over its node limit) as free', () => {
    // 200,000 rows × 10 models × 100 × 1.2 × √800,000 nodes > 2e9.
    const huge = { method: 'tree-shap' as const, testRows: 200_000, trainRows: 800_000, groups: 9, inputs: 30 };
    expect(explanationSeconds(huge)).toBeGreaterThan(1000);
    expect(explanationCost(huge, { rows: 1_000_000, groups: 9, resamples: 1000 }).explanationSeconds).toBe(0);
  });
});

describe('explanationsNeedNotice', () => {
  it('asks only above 10 s and above 3 times the rest', () => {
    expect(explanationsNeedNotice({ explanationSeconds: 40, restSeconds: 12 })).toBe(true);
    expect(explanationsNeedNotice({ explanationSeconds: 36, restSeconds: 12 })).toBe(false);
    expect(explanationsNeedNotice({ explanationSeconds: 10, restSeconds: 1 })).toBe(false);
    expect(explanationsNeedNotice({ explanationSeconds: 10.5, restSeconds: 1 })).toBe(true);
  });
});

describe('explanationCostText', () => {
  it('says the method, the work and both durations', () => {
    expect(explanationCostText({ ...size, method: 'tree-shap' }, { explanationSeconds: 17.2, restSeconds: 3.1 })).toBe(
      'explanations will take about 20 s (TreeSHAP on 2,000 test rows × 10 models; the rest of the audit about 5 s)',
    );
  });
});

/** n rows, groups g0…g(m−1) in turn, a numeric x, a categorical c with `levels` levels and missing cells; the first `test` rows are test rows. */
function dataset(n: number, m: number, levels: number, test?: number): AuditDataset {
  return {
    rows: n,
    droppedRows: 0,
    label: { name: 'y', positive: '1', negative: '0', values: new Uint8Array(n).map((_, i) => i % 2) },
    groupAttributes: ['g'],
    groupValues: [Array.from({ length: n }, (_, i) => `g${i % m}`)],
    features: [
      { kind: 'numeric', name: 'x', values: new Float64Array(n) },
      { kind: 'categorical', name: 'c', values: Array.from({ length: n }, (_, i) => (i % (levels + 1) === levels ? null : `c${i % (levels + 1)}`)) },
    ],
    sourceLines: new Int32Array(n),
    ...(test === undefined ? {} : { splitIsTest: new Uint8Array(n).map((_, i) => (i < test ? 1 : 0)), splitColumn: 'split' }),
  };
}

describe('explanationSizeOf', () => {
  const options = { modelClass: 'nn' as const, technique: '1hot' as const, testSize: 0.2, explanations: true };
  it('counts the test rows, the encoded inputs and the group columns before any fit', () => {
    // 1 numeric + 4 levels + missing = 6 design columns, + 3 group columns for 1hot; 20% of 1,000 rows.
    expect(explanationSizeOf(dataset(1000, 3, 4), options, 3)).toEqual({ method: 'integrated-gradients', testRows: 200, trainRows: 800, groups: 3, inputs: 9 });
    // dcp models see no group columns; a split column gives the test rows.
    expect(explanationSizeOf(dataset(1000, 3, 4, 150), { ...options, technique: 'dcp', modelClass: 'rf' }, 3)).toEqual({ method: 'tree-shap', testRows: 150, trainRows: 850, groups: 3, inputs: 6 });
    expect(explanationSizeOf(dataset(1000, 3, 4), { ...options, explanations: false }, 3)).toBeNull();
  });
});

describe('explanationNotice', () => {
  // 20,000 rows, 50 groups, a categorical of 499 levels: 4,000 test rows × 51 models × 551 inputs × 1.1 µs = 124 s
  // for the net; the bootstrap (B = 100) about 1 + 100 × 50 × (50 × 8.3e-6 + 20,000 × 5.5e-8) = 8.6 s.
  const big = dataset(20_000, 50, 499);
  it('speaks for a net whose explanations dwarf the bootstrap, with the way to skip them', () => {
    const notice = explanationNotice(big, { modelClass: 'nn', bootstrap: 100 }, 50);
    expect(notice).toEqual({
      estimate: 'explanations will take about 3 min (Integrated Gradients on 4,000 test rows × 51 models; the rest of the audit about 10 s)',
      message: 'explanations will take about 3 min (Integrated Gradients on 4,000 test rows × 51 models; the rest of the audit about 10 s); --no-explanations skips them',
      expected: '3 min',
      canSkip: true,
    });
  });
  it('is silent for a linear model and with explanations off, and names no way out when an explanation metric decides', () => {
    // The linear model: 4,000 × 51 × 551 × 0.1 µs = 11 s, under 3 times the rest.
    expect(explanationNotice(big, { bootstrap: 100 }, 50)).toBeUndefined();
    expect(explanationNotice(big, { modelClass: 'nn', bootstrap: 100, explanations: false }, 50)).toBeUndefined();
    const deciding = explanationNotice(big, { modelClass: 'nn', bootstrap: 100, metric: 'sufficiency' }, 50);
    expect(deciding?.canSkip).toBe(false);
    expect(deciding?.message).toBe(deciding?.estimate);
  });
});
