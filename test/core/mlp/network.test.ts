import { describe, expect, it } from 'vitest';
import { denseMatrix } from '../../../src/core/numeric/matrix';
import { initialParameters, lossAndGradient, networkScratch, networkShape, outputLogits } from '../../../src/core/learn/mlp/network';
import { SeededRandom } from '../../../src/core/numeric/random';

function data(n: number, d: number, seed: number) {
  const random = new SeededRandom(seed);
  const x = denseMatrix(n, d, Float64Array.from({ length: n * d }, () => 4 * random.nextFloat() - 2));
  const y = Uint8Array.from({ length: n }, () => (random.nextFloat() < 0.4 ? 1 : 0));
  return { x, y };
}

describe('lossAndGradient', () => {
  for (const hidden of [[5, 2], [3], [], [4, 3, 2]]) {
    it(`matches central finite differences (hidden layers [${hidden}])`, () => {
      const d = 6;
      const { x, y } = data(25, d, 2);
      const mean = Float64Array.from({ length: d }, (_, j) => 0.1 * j);
      const inverseScale = Float64Array.from({ length: d }, (_, j) => 1 + 0.2 * j);
      const shape = networkShape([d, ...hidden, 1], mean, inverseScale);
      const theta = initialParameters(shape, new SeededRandom(3));
      const rows = Int32Array.from({ length: 25 }, (_, i) => i);
      const scratch = networkScratch(shape);
      const gradient = new Float64Array(theta.length);
      const alpha = 0.3;
      lossAndGradient(shape, theta, x, y, rows, 2, 22, alpha, gradient, scratch);
      const h = 1e-6;
      const spare = new Float64Array(theta.length);
      for (let k = 0; k < theta.length; k++) {
        const saved = theta[k];
        theta[k] = saved + h;
        const up = lossAndGradient(shape, theta, x, y, rows, 2, 22, alpha, spare, scratch);
        theta[k] = saved - h;
        const down = lossAndGradient(shape, theta, x, y, rows, 2, 22, alpha, spare, scratch);
        theta[k] = saved;
        // A ReLU kink between ±h would break the comparison; with random inputs none falls that close.
        expect(Math.abs(gradient[k] - (up - down) / (2 * h))).toBeLessThan(1e-7);
      }
    });
  }

  it('is the mean log loss plus α‖W‖²/(2·batch), as scikit-learn’s MLPClassifier', () => {
    const d = 3;
    const { x, y } = data(10, d, 4);
    const shape = networkShape([d, 2, 1], new Float64Array(d), new Float64Array(d).fill(1));
    const theta = initialParameters(shape, new SeededRandom(5));
    const rows = Int32Array.from({ length: 10 }, (_, i) => i);
    const scratch = networkScratch(shape);
    let logLoss = 0;
    const logits = outputLogits(shape, theta, x);
    for (let r = 0; r < 10; r++) {
      const p = 1 / (1 + Math.exp(-logits[r]));
      logLoss -= y[r] * Math.log(p) + (1 - y[r]) * Math.log(1 - p);
    }
    // Weights: W1 is theta[0..6), b1 theta[6..8), W2 theta[8..10), b2 theta[10].
    const squaredWeights = [0, 1, 2, 3, 4, 5, 8, 9].reduce((s, k) => s + theta[k] ** 2, 0);
    const value = lossAndGradient(shape, theta, x, y, rows, 0, 10, 0.5, new Float64Array(theta.length), scratch);
    expect(value).toBeCloseTo(logLoss / 10 + (0.5 * squaredWeights) / 20, 12);
  });
});

describe('initialParameters', () => {
  it('draws every layer uniform in ±√(6 / (fanIn + fanOut)) (Glorot, as scikit-learn for ReLU)', () => {
    const shape = networkShape([40, 5, 2, 1], new Float64Array(40), new Float64Array(40));
    const theta = initialParameters(shape, new SeededRandom(1));
    expect(theta.length).toBe(40 * 5 + 5 + 5 * 2 + 2 + 2 + 1);
    const layer1 = theta.subarray(0, 205);
    expect(Math.max(...layer1.map(Math.abs))).toBeLessThanOrEqual(Math.sqrt(6 / 45));
    expect(Math.max(...layer1.map(Math.abs))).toBeGreaterThan(0.9 * Math.sqrt(6 / 45));
  });
});
