import { describe, expect, it } from 'vitest';
import { integratedGradients, type OutputLink, pathBreakpoints } from '../../../src/core/learn/explain/integrated-gradients';
import { explainedNet } from '../../../src/core/learn/explain/model-attribution';
import { fitMlp, fitMlpRegressor, type MlpModel } from '../../../src/core/learn/mlp';
import { networkShape } from '../../../src/core/learn/mlp/network';
import { denseMatrix, type DenseMatrix } from '../../../src/core/numeric/matrix';
import { SeededRandom } from '../../../src/core/numeric/random';

const identity: OutputLink = { value: (z) => z, slope: () => 1 };
const sigma = (z: number) => 1 / (1 + Math.exp(-z));
const logistic: OutputLink = { value: sigma, slope: (z) => sigma(z) * (1 - sigma(z)) };

/** z = relu(x₁ − x₂): one hidden unit with weights (1, −1), no standardisation. */
function differenceNet(link: OutputLink) {
  const shape = networkShape([2, 1, 1], new Float64Array(2), Float64Array.of(1, 1), 'squared');
  // W₁ = [1, −1], b₁ = 0, W₂ = [1], b₂ = 0
  return { shape, parameters: Float64Array.of(1, -1, 0, 1, 0), link };
}

describe('Integrated Gradients of a ReLU net, by hand', () => {
  it('a path on which the unit stays on: a = (x − b) ⊙ ∇z', () => {
    expect(Array.from(integratedGradients(differenceNet(identity), [0, 0], [2, 1]))).toEqual([2, -1]);
  });

  it('a path that switches the unit on at α = 1/3: only the last 2/3 of the path counts', () => {
    // pre-activation along b = (0, 1) → x = (2, 0): 3α − 1
    const net = differenceNet(identity);
    expect(pathBreakpoints(net, [0, 1], [2, 0])).toEqual([0, 1 / 3, 1]);
    const a = integratedGradients(net, [0, 1], [2, 0]);
    expect(a[0]).toBeCloseTo(4 / 3, 14);
    expect(a[1]).toBeCloseTo(2 / 3, 14);
  });

  it('through a sigmoid output: ∫ σ′(3α − 1) dα over [1/3, 1] = (σ(2) − σ(0)) / 3', () => {
    const a = integratedGradients(differenceNet(logistic), [0, 1], [2, 0]);
    const integral = (sigma(2) - 0.5) / 3;
    expect(a[0]).toBeCloseTo(2 * integral, 14);
    expect(a[1]).toBeCloseTo(integral, 14);
  });

  it('a path on which the unit never switches on attributes nothing', () => {
    expect(Array.from(integratedGradients(differenceNet(identity), [0, 1], [0, 2]))).toEqual([0, 0]);
  });
});

/** A net with random weights, standardisation and a Platt-like link, to test completeness on. */
function randomNet(seed: number, sizes: number[]) {
  const random = new SeededRandom(seed);
  const d = sizes[0];
  const mean = Float64Array.from({ length: d }, () => random.nextFloat() * 4 - 2);
  const inverseScale = Float64Array.from({ length: d }, () => 0.2 + random.nextFloat() * 3);
  const shape = networkShape(sizes, mean, inverseScale);
  const parameters = Float64Array.from({ length: shape.parameterCount }, () => 2 * random.nextFloat() - 1);
  const a = -1.7;
  const platt = (z: number) => 1 / (1 + Math.exp(a * z + 0.3));
  return { net: { shape, parameters, link: { value: platt, slope: (z: number) => -a * platt(z) * (1 - platt(z)) } }, random };
}

function logitOf(net: ReturnType<typeof randomNet>['net'], x: ArrayLike<number>): number {
  // An independent forward pass: standardise, then relu layers, then the linear output.
  const { sizes, weightOffset, mean, inverseScale } = net.shape;
  let a = Array.from({ length: sizes[0] }, (_, i) => (x[i] - mean[i]) * inverseScale[i]);
  for (let l = 1; l < sizes.length; l++) {
    const w = weightOffset[l - 1];
    const next = [];
    for (let o = 0; o < sizes[l]; o++) {
      let s = net.parameters[w + sizes[l - 1] * sizes[l] + o];
      for (let i = 0; i < sizes[l - 1]; i++) s += net.parameters[w + o * sizes[l - 1] + i] * a[i];
      next.push(l < sizes.length - 1 ? Math.max(0, s) : s);
    }
    a = next;
  }
  return a[0];
}

describe('completeness: the attributions sum to f(x) − f(b)', () => {
  for (const sizes of [[4, 5, 2, 1], [6, 8, 1], [3, 7, 5, 3, 1]]) {
    it(`random nets ${sizes.join('-')}, 200 random paths each`, () => {
      const { net, random } = randomNet(sizes.length * 7 + sizes[0], sizes);
      let switched = 0;
      for (let t = 0; t < 200; t++) {
        const b = Array.from({ length: sizes[0] }, () => random.nextFloat() * 6 - 3);
        const x = Array.from({ length: sizes[0] }, () => random.nextFloat() * 6 - 3);
        const a = integratedGradients(net, b, x);
        const total = a.reduce((s, v) => s + v, 0);
        expect(total).toBeCloseTo(net.link.value(logitOf(net, x)) - net.link.value(logitOf(net, b)), 12);
        if (pathBreakpoints(net, b, x).length > 2) switched++;
      }
      expect(switched).toBeGreaterThan(100); // the paths do cross switching points
    });
  }
});

/** Integrated Gradients by brute force: a midpoint Riemann sum of central finite differences of model.predict. */
function numericalIg(model: MlpModel, b: Float64Array, x: Float64Array, steps: number): Float64Array {
  const d = b.length;
  const h = 1e-6;
  const out = new Float64Array(d);
  // every point the sum needs, as one matrix: for each step, 2d rows (x_j ± h)
  const m: DenseMatrix = denseMatrix(steps * 2 * d, d);
  for (let s = 0; s < steps; s++) {
    const alpha = (s + 0.5) / steps;
    for (let j = 0; j < d; j++) {
      for (let sign = 0; sign < 2; sign++) {
        const row = (s * 2 * d + 2 * j + sign) * d;
        for (let i = 0; i < d; i++) m.data[row + i] = b[i] + alpha * (x[i] - b[i]);
        m.data[row + j] += sign === 0 ? h : -h;
      }
    }
  }
  const f = model.predict(m);
  for (let s = 0; s < steps; s++) for (let j = 0; j < d; j++) out[j] += (f[s * 2 * d + 2 * j] - f[s * 2 * d + 2 * j + 1]) / (2 * h) / steps;
  for (let j = 0; j < d; j++) out[j] *= x[j] - b[j];
  return out;
}

function data(n: number, seed: number) {
  const random = new SeededRandom(seed);
  const d = 5;
  const x = denseMatrix(n, d);
  const y = new Uint8Array(n);
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = [100 * (2 * random.nextFloat() - 1), 2 * random.nextFloat() - 1, random.nextFloat(), random.nextFloat() < 0.5 ? 1 : 0, 3 + random.nextFloat()];
    x.data.set(row, i * d);
    const score = row[0] / 50 - 2 * row[1] + row[3] * row[2] * 3 - 1;
    y[i] = random.nextFloat() < sigma(score) ? 1 : 0;
    v[i] = 10 * score + random.nextFloat();
  }
  return { x, y, v };
}

describe('exact Integrated Gradients agree with a numerical one on fitted nets', () => {
  const { x, y, v } = data(600, 3);
  const classifier = fitMlp(x, y, { hiddenLayers: [8, 4] }, 5) as MlpModel;
  const regressor = fitMlpRegressor(x, v, { hiddenLayers: [8, 4] }, 5) as MlpModel;
  const baseline = Float64Array.from({ length: 5 }, (_, j) => {
    let s = 0;
    for (let r = 0; r < x.rows; r++) s += x.data[r * 5 + j];
    return s / x.rows;
  });
  for (const [name, model] of [['classifier with Platt scaling', classifier], ['regressor', regressor]] as const) {
    it(`${name}: 20 rows, 4,000 steps of central differences, to 1e-4 of the output's range`, () => {
      expect(model.kind).toBe('mlp');
      const net = explainedNet(model);
      const scale = name === 'regressor' ? 30 : 1;
      let explained = 0;
      for (let r = 0; r < 20; r++) {
        const row = x.data.slice(r * 5, r * 5 + 5);
        const exact = integratedGradients(net, baseline, row);
        const numerical = numericalIg(model, baseline, row, 4000);
        for (let j = 0; j < 5; j++) expect(Math.abs(exact[j] - numerical[j])).toBeLessThan(1e-4 * scale);
        const [fx, fb] = model.predict(denseMatrix(2, 5, Float64Array.of(...row, ...baseline)));
        expect(exact.reduce((s, a) => s + a, 0)).toBeCloseTo(fx - fb, 10);
        if (exact.some((a) => Math.abs(a) > 1e-3 * scale)) explained++;
      }
      expect(explained).toBeGreaterThanOrEqual(18); // the paths run through live units
    });
  }
});
