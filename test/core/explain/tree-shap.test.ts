import { describe, expect, it } from 'vitest';
import { forestExplanationTooCostly } from '../../../src/core/learn/explain/model-attribution';
import { forestShapley } from '../../../src/core/learn/explain/tree-shap';
import { type DecisionTree, fitForest, fitForestRegressor, type ForestModel } from '../../../src/core/learn/forest';
import { denseMatrix } from '../../../src/core/numeric/matrix';
import { SeededRandom } from '../../../src/core/numeric/random';

/** A tree from its nodes: [feature, threshold, left, right, value]; feature −1 for a leaf. */
function tree(nodes: Array<[number, number, number, number, number]>): DecisionTree {
  const n = nodes.length;
  return {
    nodeCount: n,
    feature: Int32Array.from(nodes, (v) => v[0]),
    threshold: Float64Array.from(nodes, (v) => v[1]),
    left: Int32Array.from(nodes, (v) => v[2]),
    right: Int32Array.from(nodes, (v) => v[3]),
    value: Float64Array.from(nodes, (v) => v[4]),
    samples: new Int32Array(n),
    weight: new Float64Array(n),
    depth: new Int32Array(n),
  };
}

// x₀ ≤ 0.5 → 0; else x₁ ≤ 0.5 → 0.2, else 1
const stairs = tree([
  [0, 0.5, 1, 2, 0],
  [-1, 0, -1, -1, 0],
  [1, 0.5, 3, 4, 0],
  [-1, 0, -1, -1, 0.2],
  [-1, 0, -1, -1, 1],
]);

describe('exact Shapley values of a tree against one reference point, by hand', () => {
  it('b = (0, 0), z = (1, 1): v(∅) = 0, v({0}) = 0.2, v({1}) = 0, v({0, 1}) = 1, so φ = (0.6, 0.4)', () => {
    const phi = forestShapley([stairs], [0, 0], [1, 1]);
    expect(phi[0]).toBeCloseTo(0.6, 15);
    expect(phi[1]).toBeCloseTo(0.4, 15);
  });

  it('z and b on the same side of every split: nothing to attribute', () => {
    expect(Array.from(forestShapley([stairs], [1, 0], [2, 0.1]))).toEqual([0, 0]);
  });

  it('a feature split twice on the path counts once: x₀ ≤ 0.5 then x₀ ≤ 2', () => {
    // z = (3, ·) goes right twice, b = (0, ·) left: only x₀ decides, φ₀ = f(z) − f(b) = 0.9 − 0.1
    const twice = tree([
      [0, 0.5, 1, 2, 0],
      [-1, 0, -1, -1, 0.1],
      [0, 2, 3, 4, 0],
      [-1, 0, -1, -1, 0.5],
      [-1, 0, -1, -1, 0.9],
    ]);
    const phi = forestShapley([twice], [0, 7], [3, 7]);
    expect(phi[0]).toBeCloseTo(0.8, 15);
    expect(phi[1]).toBe(0);
  });

  it('a forest is the mean of its trees', () => {
    const phi = forestShapley([stairs, stairs, tree([[-1, 0, -1, -1, 0.5]])], [0, 0], [1, 1]);
    expect(phi[0]).toBeCloseTo(0.4, 15);
    expect(phi[1]).toBeCloseTo(0.8 / 3, 15);
  });
});

/** Shapley values by their definition: all 2^d hybrids (z_S, b_¬S) scored by the forest's own predict. */
function bruteForceShapley(model: ForestModel, b: Float64Array, z: Float64Array): Float64Array {
  const d = b.length;
  const subsets = 1 << d;
  const m = denseMatrix(subsets, d);
  for (let s = 0; s < subsets; s++) for (let j = 0; j < d; j++) m.data[s * d + j] = s & (1 << j) ? z[j] : b[j];
  const v = model.predict(m);
  const factorial = (k: number): number => (k <= 1 ? 1 : k * factorial(k - 1));
  const phi = new Float64Array(d);
  for (let s = 0; s < subsets; s++) {
    const size = [...Array(d).keys()].filter((j) => s & (1 << j)).length;
    for (let j = 0; j < d; j++) {
      if (s & (1 << j)) continue;
      phi[j] += ((factorial(size) * factorial(d - size - 1)) / factorial(d)) * (v[s | (1 << j)] - v[s]);
    }
  }
  return phi;
}

describe('exact Shapley values of fitted forests agree with the definition (2^d evaluations)', () => {
  const random = new SeededRandom(8);
  const d = 6;
  const n = 400;
  const x = denseMatrix(n, d);
  const y = new Uint8Array(n);
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = Array.from({ length: d }, () => random.nextFloat() * 2 - 1);
    x.data.set(row, i * d);
    const score = 3 * row[0] * row[1] - 2 * row[2] + (row[3] > 0 ? 1 : -1);
    y[i] = random.nextFloat() < 1 / (1 + Math.exp(-score)) ? 1 : 0;
    v[i] = score + random.nextFloat();
  }
  const b = Float64Array.from({ length: d }, () => 0.05);
  for (const [name, model] of [
    ['classifier', fitForest(x, y, { trees: 20 }, 1)],
    ['regressor', fitForestRegressor(x, v, { trees: 20 }, 1)],
  ] as const) {
    it(`${name}: 30 rows, to 1e-12`, () => {
      const forest = model as ForestModel;
      expect(forest.kind).toBe('forest');
      for (let r = 0; r < 30; r++) {
        const z = x.data.slice(r * d, (r + 1) * d);
        const fast = forestShapley(forest.trees, b, z);
        const slow = bruteForceShapley(forest, b, z);
        for (let j = 0; j < d; j++) expect(fast[j]).toBeCloseTo(slow[j], 12);
        expect(fast.some((a) => Math.abs(a) > 1e-3)).toBe(true);
      }
    });
  }
});

describe('a forest whose explanations would take too long is skipped, saying why', () => {
  it('estimates the nodes walked from the first rows and names the limit', () => {
    const x = denseMatrix(100, 2, new Float64Array(200).fill(1));
    const forest = { kind: 'forest', trees: [stairs, stairs], features: 2, exactSplits: true, predict: () => new Float64Array(0) } as ForestModel;
    // b = (0, 0), z = (1, 1) part at the root: z's way node 2, where they part again (leaves 4 and 3), b's way
    // leaf 1: 5 nodes a tree, 10 a row, 100 rows × 3 models = 3,000.
    expect(forestExplanationTooCostly(forest, new Float64Array(2), x, 3, 3000)).toBeNull();
    expect(forestExplanationTooCostly(forest, new Float64Array(2), x, 3, 2999)).toBe(
      'The explanations of this random forest would walk about 3.0e+3 tree nodes (100 test rows × 3 models × 10 a row), over the limit of 3e+3: no explanation metrics. Use --model lr or nn to have them, or --no-explanations.',
    );
  });
});
