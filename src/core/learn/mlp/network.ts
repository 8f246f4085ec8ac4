import type { DenseMatrix } from '../../numeric/matrix';
import type { SeededRandom } from '../../numeric/random';

/**
 * A fully connected ReLU network with one linear output z, its parameters in one vector: layer l (l = 1 … L)
 * has weights W_l, fanOut × fanIn row-major (entry [o · fanIn + i] joins unit i below to unit o), then
 * biases b_l (fanOut). z = W_L·a_{L−1} + b_L, a_l = max(0, W_l·a_{l−1} + b_l), and a_0 = the standardised x,
 * (x − mean) · inverseScale. With the log loss, P(y = 1 | x) = σ(z(x)) (MLPClassifier); with the squared loss,
 * z is the prediction (MLPRegressor's identity output).
 */
export interface NetworkShape {
  /** Units per layer, input first, output (1) last: e.g. [d, 5, 2, 1]. */
  readonly sizes: readonly number[];
  /** weightOffset[l − 1] = where W_l starts in the parameter vector; b_l follows it. */
  readonly weightOffset: readonly number[];
  readonly parameterCount: number;
  readonly mean: Float64Array;
  readonly inverseScale: Float64Array;
  /** What training minimises: `log` for a 0/1 label (sigmoid output), `squared` for a numeric one (identity). */
  readonly loss: NetworkLoss;
}

export type NetworkLoss = 'log' | 'squared';

export function networkShape(sizes: readonly number[], mean: Float64Array, inverseScale: Float64Array, loss: NetworkLoss = 'log'): NetworkShape {
  const weightOffset: number[] = [];
  let count = 0;
  for (let l = 1; l < sizes.length; l++) {
    weightOffset.push(count);
    count += sizes[l - 1] * sizes[l] + sizes[l];
  }
  return { sizes, weightOffset, parameterCount: count, mean, inverseScale, loss };
}

/**
 * Glorot-uniform initial parameters as scikit-learn's MLPClassifier draws them for ReLU: every weight and
 * bias of layer l uniform in ±√(6 / (fanIn + fanOut)).
 */
export function initialParameters(shape: NetworkShape, random: SeededRandom): Float64Array {
  const theta = new Float64Array(shape.parameterCount);
  const { sizes, weightOffset } = shape;
  for (let l = 1; l < sizes.length; l++) {
    const bound = Math.sqrt(6 / (sizes[l - 1] + sizes[l]));
    const end = weightOffset[l - 1] + sizes[l - 1] * sizes[l] + sizes[l];
    for (let k = weightOffset[l - 1]; k < end; k++) theta[k] = (2 * random.nextFloat() - 1) * bound;
  }
  return theta;
}

/**
 * Buffers for passes over rows. The standardisation is folded into the first layer (W₁ · diag(inverseScale),
 * b₁ − that · mean), so a row is read straight from x, never copied or rescaled.
 */
export interface NetworkScratch {
  /** activations[l] = a_l of the current row, l ≥ 1. */
  readonly activations: Float64Array[];
  /** deltas[l] = ∂loss/∂(pre-activation of layer l) for the current row. */
  readonly deltas: Float64Array[];
  readonly foldedWeights: Float64Array;
  readonly foldedBias: Float64Array;
  /** Σ over the batch of δ₁ ⊗ x (raw x), and Σ δ₁, turned into the first layer's gradient at the end. */
  readonly rawFirstGradient: Float64Array;
  readonly firstDeltaSum: Float64Array;
}

export function networkScratch(shape: NetworkShape): NetworkScratch {
  const { sizes } = shape;
  const first = sizes[0] * sizes[1];
  return {
    activations: sizes.map((size) => new Float64Array(size)),
    deltas: sizes.map((size) => new Float64Array(size)),
    foldedWeights: new Float64Array(first),
    foldedBias: new Float64Array(sizes[1]),
    rawFirstGradient: new Float64Array(first),
    firstDeltaSum: new Float64Array(sizes[1]),
  };
}

/** The output logit z of every row of x (P(y = 1) = σ(z) before any calibration). */
export function outputLogits(shape: NetworkShape, theta: Float64Array, x: DenseMatrix, scratch = networkScratch(shape)): Float64Array {
  foldStandardization(shape, theta, scratch);
  const out = new Float64Array(x.rows);
  for (let r = 0; r < x.rows; r++) out[r] = forwardRow(shape, theta, x.data, r * x.cols, scratch);
  return out;
}

/**
 * scikit-learn's objective on the rows rows[from, to): the mean log loss of σ(z) (MLPClassifier) or half the
 * mean squared error of z (MLPRegressor), by shape.loss, plus α · ‖W‖² / (2 · batch size) over the weights
 * (not the biases). Writes its gradient into `gradient` and returns the objective.
 */
export function lossAndGradient(
  shape: NetworkShape,
  theta: Float64Array,
  x: DenseMatrix,
  y: Uint8Array | Float64Array,
  rows: Int32Array,
  from: number,
  to: number,
  alpha: number,
  gradient: Float64Array,
  scratch: NetworkScratch,
): number {
  const { sizes, weightOffset, mean, inverseScale } = shape;
  const { activations, deltas, rawFirstGradient, firstDeltaSum } = scratch;
  const last = sizes.length - 1;
  const d = sizes[0];
  const hidden1 = sizes[1];
  const batch = to - from;
  foldStandardization(shape, theta, scratch);
  gradient.fill(0);
  rawFirstGradient.fill(0);
  firstDeltaSum.fill(0);
  let loss = 0;
  for (let k = from; k < to; k++) {
    const r = rows[k];
    const base = r * x.cols;
    const z = forwardRow(shape, theta, x.data, base, scratch);
    if (shape.loss === 'log') {
      // log(1 + e^z) − y·z, and its derivative σ(z) − y, without overflow.
      loss += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - y[r] * z;
      deltas[last][0] = (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z))) - y[r];
    } else {
      // (z − y)² / 2, scikit-learn's squared_loss, and its derivative z − y.
      const residual = z - y[r];
      loss += (residual * residual) / 2;
      deltas[last][0] = residual;
    }
    for (let l = last; l >= 2; l--) {
      const fanIn = sizes[l - 1];
      const fanOut = sizes[l];
      const w = weightOffset[l - 1];
      const b = w + fanIn * fanOut;
      const delta = deltas[l];
      const input = activations[l - 1];
      for (let o = 0; o < fanOut; o++) {
        const g = delta[o];
        if (g === 0) continue;
        gradient[b + o] += g;
        const row = w + o * fanIn;
        for (let i = 0; i < fanIn; i++) gradient[row + i] += g * input[i];
      }
      // Back through W_l and the ReLU of layer l − 1, whose derivative is 0 where its activation is 0.
      const below = deltas[l - 1];
      for (let i = 0; i < fanIn; i++) {
        let sum = 0;
        if (input[i] > 0) for (let o = 0; o < fanOut; o++) sum += theta[w + o * fanIn + i] * delta[o];
        below[i] = sum;
      }
    }
    const delta1 = deltas[1];
    for (let o = 0; o < hidden1; o++) {
      const g = delta1[o];
      if (g === 0) continue;
      firstDeltaSum[o] += g;
      const row = o * d;
      for (let i = 0; i < d; i++) rawFirstGradient[row + i] += g * x.data[base + i];
    }
  }
  // ∂/∂W₁[o, i] = Σ δ_o · (x_i − mean_i) · inverseScale_i = inverseScale_i · (Σ δ_o x_i − mean_i · Σ δ_o).
  const w1 = weightOffset[0];
  for (let o = 0; o < hidden1; o++) {
    for (let i = 0; i < d; i++) gradient[w1 + o * d + i] = inverseScale[i] * (rawFirstGradient[o * d + i] - mean[i] * firstDeltaSum[o]);
    gradient[w1 + hidden1 * d + o] = firstDeltaSum[o];
  }

  let squaredWeights = 0;
  for (let l = 1; l <= last; l++) {
    const w = weightOffset[l - 1];
    const end = w + sizes[l - 1] * sizes[l];
    for (let k = w; k < end; k++) squaredWeights += theta[k] * theta[k];
  }
  for (let k = 0; k < gradient.length; k++) gradient[k] /= batch;
  for (let l = 1; l <= last; l++) {
    const w = weightOffset[l - 1];
    const end = w + sizes[l - 1] * sizes[l];
    for (let k = w; k < end; k++) gradient[k] += (alpha * theta[k]) / batch;
  }
  return loss / batch + (alpha * squaredWeights) / (2 * batch);
}

/** W₁ · diag(inverseScale) and b₁ − W₁ · diag(inverseScale) · mean, for forwardRow. */
function foldStandardization(shape: NetworkShape, theta: Float64Array, scratch: NetworkScratch): void {
  const { sizes, weightOffset, mean, inverseScale } = shape;
  const { foldedWeights, foldedBias } = scratch;
  const d = sizes[0];
  const w = weightOffset[0];
  for (let o = 0; o < sizes[1]; o++) {
    let bias = theta[w + sizes[1] * d + o];
    for (let i = 0; i < d; i++) {
      const weight = theta[w + o * d + i] * inverseScale[i];
      foldedWeights[o * d + i] = weight;
      bias -= weight * mean[i];
    }
    foldedBias[o] = bias;
  }
}

/** The output logit for the row starting at data[base]; leaves every layer's activation in scratch. */
function forwardRow(shape: NetworkShape, theta: Float64Array, data: Float64Array, base: number, scratch: NetworkScratch): number {
  const { sizes, weightOffset } = shape;
  const { activations, foldedWeights, foldedBias } = scratch;
  const last = sizes.length - 1;
  const d = sizes[0];
  const first = activations[1];
  for (let o = 0; o < sizes[1]; o++) {
    const sum = foldedBias[o] + dot(foldedWeights, o * d, data, base, d);
    first[o] = last > 1 && sum < 0 ? 0 : sum;
  }
  for (let l = 2; l <= last; l++) {
    const fanIn = sizes[l - 1];
    const w = weightOffset[l - 1];
    const b = w + fanIn * sizes[l];
    const input = activations[l - 1];
    const output = activations[l];
    for (let o = 0; o < sizes[l]; o++) {
      let sum = theta[b + o];
      for (let i = 0; i < fanIn; i++) sum += theta[w + o * fanIn + i] * input[i];
      output[o] = l < last && sum < 0 ? 0 : sum;
    }
  }
  return activations[last][0];
}

/**
 * Σ_i a[aFrom + i] · b[bFrom + i] for i < length, in four interleaved partial sums: a single running sum
 * waits on each addition, and this dot product (d inputs × first-layer units per row) is most of training.
 */
function dot(a: Float64Array, aFrom: number, b: Float64Array, bFrom: number, length: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < length; i += 4) {
    s0 += a[aFrom + i] * b[bFrom + i];
    s1 += a[aFrom + i + 1] * b[bFrom + i + 1];
    s2 += a[aFrom + i + 2] * b[bFrom + i + 2];
    s3 += a[aFrom + i + 3] * b[bFrom + i + 3];
  }
  for (; i < length; i++) s0 += a[aFrom + i] * b[bFrom + i];
  return s0 + s1 + (s2 + s3);
}
