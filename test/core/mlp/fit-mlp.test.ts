import { describe, expect, it } from 'vitest';
import { denseMatrix } from '../../../src/core/numeric/matrix';
import { fitMlp, MLP_DEFAULTS, type MlpModel } from '../../../src/core/learn/mlp';
import { holdOut } from '../../../src/core/learn/mlp/fit-mlp';
import { SeededRandom } from '../../../src/core/numeric/random';
import SKLEARN_DEFAULTS from '../../fixtures/sklearn-defaults.json';

function net(model: ReturnType<typeof fitMlp>): MlpModel {
  if (model.kind !== 'mlp') throw new Error(`expected a net, got a ${model.kind} model`);
  return model;
}

/** Features on very different scales (so standardisation matters); y depends on the first two. */
function data(n: number, seed: number) {
  const random = new SeededRandom(seed);
  const d = 4;
  const x = denseMatrix(n, d);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const a = 2 * random.nextFloat() - 1;
    const b = 2 * random.nextFloat() - 1;
    x.data.set([1000 * a, b, 5, random.nextFloat()], i * d);
    y[i] = random.nextFloat() < 1 / (1 + Math.exp(-(3 * a - 2 * b))) ? 1 : 0;
  }
  return { x, y };
}

describe('fitMlp', () => {
  const { x, y } = data(500, 1);

  it('takes scikit-learn\'s MLPClassifier defaults where paper 1 (Appendix G.2.1) names none', () => {
    // scikit-learn's own get_params(), written by scripts/fixtures/make_default_fixtures.py.
    const theirs = SKLEARN_DEFAULTS.MLPClassifier;
    expect(MLP_DEFAULTS.learningRate).toBe(theirs.learning_rate_init);
    expect(MLP_DEFAULTS.alpha).toBe(theirs.alpha);
    expect(MLP_DEFAULTS.maxEpochs).toBe(theirs.max_iter);
    expect(MLP_DEFAULTS.tol).toBe(theirs.tol);
    expect(MLP_DEFAULTS.patience).toBe(theirs.n_iter_no_change);
    // batch_size 'auto' is min(200, n_samples): the engine's 200 is the same cap.
    expect(theirs.batch_size).toBe('auto');
    expect(MLP_DEFAULTS.batchSize).toBe(200);
    expect(theirs.solver).toBe('adam');
    expect(theirs.activation).toBe('relu');
  });

  it('learns the signal and predicts probabilities in [0, 1]', () => {
    const model = net(fitMlp(x, y, {}, 3));
    expect(model.shape.sizes).toEqual([4, 5, 2, 1]);
    expect(model.platt).not.toBeNull();
    const p = model.predict(x);
    let correct = 0;
    p.forEach((v, r) => {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
      correct += (v >= 0.5 ? 1 : 0) === y[r] ? 1 : 0;
    });
    expect(correct / x.rows).toBeGreaterThan(0.7);
  });

  it('is deterministic per seed and differs between seeds', () => {
    const a = fitMlp(x, y, { maxEpochs: 20 }, 7).predict(x);
    expect(Array.from(fitMlp(x, y, { maxEpochs: 20 }, 7).predict(x))).toEqual(Array.from(a));
    expect(Array.from(fitMlp(x, y, { maxEpochs: 20 }, 8).predict(x))).not.toEqual(Array.from(a));
  });

  it('stops when the loss stops improving, and says whether it did', () => {
    // Epoch 1 improves on Infinity; epochs 2, 3, 4 do not improve by tol = 10, and the third of them is more
    // than patience = 2 (scikit-learn's n_iter_no_change rule).
    const early = net(fitMlp(x, y, { tol: 10, patience: 2 }, 1));
    expect(early.epochs).toBe(4);
    expect(early.converged).toBe(true);
    const capped = net(fitMlp(x, y, { maxEpochs: 4 }, 1));
    expect(capped.epochs).toBe(4);
    expect(capped.converged).toBe(false);
  });

  it('skips Platt scaling when no rows are held out, and then outputs σ(z)', () => {
    expect(net(fitMlp(x, y, { calibrationFraction: 0, maxEpochs: 5 }, 1)).platt).toBeNull();
  });

  it('standardises by the training rows, so a feature’s unit does not matter', () => {
    const rescaled = denseMatrix(x.rows, x.cols, x.data.map((v, k) => (k % x.cols === 0 ? v / 1000 : v)));
    const a = fitMlp(x, y, { maxEpochs: 30 }, 2).predict(x);
    const b = fitMlp(rescaled, y, { maxEpochs: 30 }, 2).predict(rescaled);
    a.forEach((v, r) => expect(v).toBeCloseTo(b[r], 8));
  });

  it('returns the constant smoothed base rate when the labels hold one class', () => {
    const model = fitMlp(x, new Uint8Array(x.rows).fill(1), {}, 1);
    expect(model.kind).toBe('constant');
    expect(model.predict(denseMatrix(2, 4))[0]).toBe(501 / 502);
  });

  it('with no features (d = 0) learns the base rate through its biases', () => {
    const labels = Uint8Array.from({ length: 400 }, (_, i) => (i % 4 === 0 ? 1 : 0));
    const p = fitMlp(denseMatrix(400, 0), labels, { calibrationFraction: 0, maxEpochs: 200, learningRate: 0.01 }, 1).predict(denseMatrix(1, 0));
    expect(p[0]).toBeCloseTo(0.25, 1);
  });

  it('handles constant features (standard deviation 0)', () => {
    const constant = denseMatrix(x.rows, 2, new Float64Array(2 * x.rows).fill(4));
    const p = fitMlp(constant, y, { maxEpochs: 10 }, 1).predict(constant);
    expect(p.every((v) => Number.isFinite(v) && v === p[0])).toBe(true);
  });

  it('rejects bad input with a message naming the requirement', () => {
    const small = denseMatrix(3, 1, Float64Array.of(1, 2, 3));
    expect(() => fitMlp(small, Uint8Array.of(0, 1), {}, 1)).toThrow(/3 rows but y has 2/);
    expect(() => fitMlp(small, Uint8Array.of(0, 1, 2), {}, 1)).toThrow(/labels of 0 or 1/);
    expect(() => fitMlp(denseMatrix(3, 1, Float64Array.of(1, Infinity, 3)), Uint8Array.of(0, 1, 0), {}, 1)).toThrow(/finite/);
    expect(() => fitMlp(small, Uint8Array.of(0, 1, 0), { hiddenLayers: [0] }, 1)).toThrow(/hiddenLayers/);
    expect(() => fitMlp(small, Uint8Array.of(0, 1, 0), { calibrationFraction: 1 }, 1)).toThrow(/calibrationFraction/);
    expect(() => fitMlp(small, Uint8Array.of(0, 1, 0), { learningRate: 0 }, 1)).toThrow(/learningRate/);
    expect(() => fitMlp(denseMatrix(0, 1), new Uint8Array(0), {}, 1)).toThrow(/at least one/);
    expect(() => fitMlp(x, y, { maxEpochs: 1 }, 1).predict(denseMatrix(1, 3))).toThrow(/fitted on 4 features, got 3/);
  });
});

describe('holdOut', () => {
  it('holds out round(20%) of each class, at random, and keeps every row once', () => {
    const y = Uint8Array.from({ length: 103 }, (_, i) => (i < 33 ? 1 : 0));
    const { fitRows, calibrationRows } = holdOut(y, 0.2, new SeededRandom(1));
    const positivesHeld = Array.from(calibrationRows).filter((r) => y[r] === 1).length;
    expect(positivesHeld).toBe(7); // round(0.2 · 33)
    expect(calibrationRows.length - positivesHeld).toBe(14); // round(0.2 · 70)
    expect([...fitRows, ...calibrationRows].sort((a, b) => a - b)).toEqual(Array.from({ length: 103 }, (_, i) => i));
    expect(Array.from(holdOut(y, 0.2, new SeededRandom(2)).calibrationRows)).not.toEqual(Array.from(calibrationRows));
  });

  it('never holds out a class’s last row, so the net sees both classes', () => {
    const { fitRows, calibrationRows } = holdOut(Uint8Array.of(1, 0, 0, 0, 0, 0), 0.5, new SeededRandom(1));
    expect(Array.from(fitRows)).toContain(0);
    expect(calibrationRows.length).toBe(3);
  });
});
