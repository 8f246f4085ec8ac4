import type { DenseMatrix } from '../matrix';
import type { SeededRandom } from '../random';

/**
 * A fully connected ReLU network with one sigmoid output, its parameters in one vector: layer l (l = 1 … L)
 * has weights W_l, fanIn × fanOut row-major (entry [i · fanOut + o]), then biases b_l (fanOut).
 * P(y = 1 | x) = σ(z(x)), z = W_L·a_{L−1} + b_L, a_l = max(0, W_l·a_{l−1} + b_l), a_0 = the standardised x.
 */
export interface NetworkShape {
  /** Units per layer, input first, output (1) last: e.g. [d, 5, 2, 1]. */
  readonly sizes: readonly number[];
  /** weightOffset[l − 1] = where W_l starts in the parameter vector; biases follow the weights. */
  readonly weightOffset: readonly number[];
  readonly parameterCount: number;
  /** Per input feature: x is standardised as (x − mean) · inverseScale before the first layer. */
  readonly mean: Float64Array;
  readonly inverseScale: Float64Array;
}

export function networkShape(sizes: readonly number[], mean: Float64Array, inverseScale: Float64Array): NetworkShape {
  const weightOffset: number[] = [];
  let count = 0;
  for (let l = 1; l < sizes.length; l++) {
    weightOffset.push(count);
    count += sizes[l - 1] * sizes[l] + sizes[l];
  }
  return { sizes, weightOffset, parameterCount: count, mean, inverseScale };
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

/** Per-row buffers for forward and backward passes. */
export interface NetworkScratch {
  /** activations[l] = a_l of the current row (activations[0] = the standardised input). */
  readonly activations: Float64Array[];
  /** deltas[l] = ∂loss/∂(pre-activation of layer l) for the current row. */
  readonly deltas: Float64Array[];
}

export function networkScratch(shape: NetworkShape): NetworkScratch {
  return {
    activations: shape.sizes.map((size) => new Float64Array(size)),
    deltas: shape.sizes.map((size) => new Float64Array(size)),
  };
}

/** The output logit z for row r of x; leaves every layer's activation in scratch. */
export function forwardRow(shape: NetworkShape, theta: Float64Array, x: DenseMatrix, r: number, scratch: NetworkScratch): number {
  const { sizes, weightOffset, mean, inverseScale } = shape;
  const { activations } = scratch;
  const input = activations[0];
  const base = r * x.cols;
  for (let j = 0; j < x.cols; j++) input[j] = (x.data[base + j] - mean[j]) * inverseScale[j];
  const last = sizes.length - 1;
  for (let l = 1; l <= last; l++) {
    const fanIn = sizes[l - 1];
    const fanOut = sizes[l];
    const w = weightOffset[l - 1];
    const b = w + fanIn * fanOut;
    const from = activations[l - 1];
    const to = activations[l];
    for (let o = 0; o < fanOut; o++) to[o] = theta[b + o];
    for (let i = 0; i < fanIn; i++) {
      const a = from[i];
      if (a === 0) continue;
      const row = w + i * fanOut;
      for (let o = 0; o < fanOut; o++) to[o] += a * theta[row + o];
    }
    if (l < last) for (let o = 0; o < fanOut; o++) if (to[o] < 0) to[o] = 0;
  }
  return activations[last][0];
}

/**
 * scikit-learn's MLPClassifier objective on the rows rows[from, to): the mean log loss of σ(z) plus
 * α · ‖W‖² / (2 · batch size) over the weights (not the biases). Adds its gradient to `gradient` (zeroed
 * here first) and returns the objective.
 */
export function lossAndGradient(
  shape: NetworkShape,
  theta: Float64Array,
  x: DenseMatrix,
  y: Uint8Array,
  rows: Int32Array,
  from: number,
  to: number,
  alpha: number,
  gradient: Float64Array,
  scratch: NetworkScratch,
): number {
  const { sizes, weightOffset } = shape;
  const { activations, deltas } = scratch;
  const last = sizes.length - 1;
  const batch = to - from;
  gradient.fill(0);
  let loss = 0;
  for (let k = from; k < to; k++) {
    const r = rows[k];
    const z = forwardRow(shape, theta, x, r, scratch);
    // log(1 + e^z) − y·z, and its derivative σ(z) − y, without overflow.
    loss += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - y[r] * z;
    deltas[last][0] = (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z))) - y[r];
    for (let l = last; l >= 1; l--) {
      const fanIn = sizes[l - 1];
      const fanOut = sizes[l];
      const w = weightOffset[l - 1];
      const b = w + fanIn * fanOut;
      const delta = deltas[l];
      const input = activations[l - 1];
      for (let o = 0; o < fanOut; o++) gradient[b + o] += delta[o];
      for (let i = 0; i < fanIn; i++) {
        const a = input[i];
        if (a === 0) continue;
        const row = w + i * fanOut;
        for (let o = 0; o < fanOut; o++) gradient[row + o] += a * delta[o];
      }
      if (l > 1) {
        // Back through W_l and the ReLU of layer l − 1 (whose derivative is 0 where its activation is 0).
        const below = deltas[l - 1];
        for (let i = 0; i < fanIn; i++) {
          if (input[i] === 0) {
            below[i] = 0;
            continue;
          }
          let sum = 0;
          const row = w + i * fanOut;
          for (let o = 0; o < fanOut; o++) sum += theta[row + o] * delta[o];
          below[i] = sum;
        }
      }
    }
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
