import type { NetworkShape } from './network';

/**
 * The net at one input point, for attributions (SPEC §9): every layer's pre-activation, and the gradient of the
 * output logit z with respect to the raw input x (the standardisation (x − mean) · inverseScale included).
 * One row at a time and unfolded: explanations evaluate a few points per row, training evaluates millions.
 */

/**
 * preActivations[l − 1][o] = Σ_i W_l[o, i] a_{l−1}[i] + b_l[o] at input x, for l = 1 … L (the last is the logit z).
 *
 * @param x the raw input, length shape.sizes[0]
 */
export function preActivations(shape: NetworkShape, theta: Float64Array, x: ArrayLike<number>): Float64Array[] {
  const { sizes, weightOffset, mean, inverseScale } = shape;
  const last = sizes.length - 1;
  let input = Float64Array.from({ length: sizes[0] }, (_, i) => (x[i] - mean[i]) * inverseScale[i]);
  const out: Float64Array[] = [];
  for (let l = 1; l <= last; l++) {
    const fanIn = sizes[l - 1];
    const fanOut = sizes[l];
    const w = weightOffset[l - 1];
    const b = w + fanIn * fanOut;
    const h = new Float64Array(fanOut);
    for (let o = 0; o < fanOut; o++) {
      let sum = theta[b + o];
      for (let i = 0; i < fanIn; i++) sum += theta[w + o * fanIn + i] * input[i];
      h[o] = sum;
    }
    out.push(h);
    input = h.map((v) => (v > 0 ? v : 0));
  }
  return out;
}

/**
 * ∂z/∂x at input x: back-propagation of 1 from the logit through the ReLUs active at x (a unit at exactly 0
 * counts as inactive, as training's derivative does) and the standardisation.
 *
 * @param layers preActivations(shape, theta, x), when the caller has them
 */
export function logitGradient(shape: NetworkShape, theta: Float64Array, x: ArrayLike<number>, layers = preActivations(shape, theta, x)): Float64Array {
  const { sizes, weightOffset, inverseScale } = shape;
  const last = sizes.length - 1;
  let delta = Float64Array.of(1);
  for (let l = last; l >= 1; l--) {
    const fanIn = sizes[l - 1];
    const fanOut = sizes[l];
    const w = weightOffset[l - 1];
    const below = new Float64Array(fanIn);
    for (let i = 0; i < fanIn; i++) {
      // Below layer l sits the ReLU of layer l − 1 (none below layer 1: the input).
      if (l > 1 && !(layers[l - 2][i] > 0)) continue;
      let sum = 0;
      for (let o = 0; o < fanOut; o++) sum += theta[w + o * fanIn + i] * delta[o];
      below[i] = sum;
    }
    delta = below;
  }
  for (let i = 0; i < delta.length; i++) delta[i] *= inverseScale[i];
  return delta;
}
