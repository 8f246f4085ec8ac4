/**
 * Integrated Gradients (Sundararajan, Taly & Yan 2017) for the engine's ReLU net, exactly (SPEC §9):
 *   a_j(x) = (x_j − b_j) · ∫₀¹ ∂f/∂x_j (b + α (x − b)) dα,   f = link(z), z the net's output logit.
 * Along the straight path from b to x every pre-activation is piecewise linear in α: it bends only where a unit
 * below it switches on or off. So the path splits into segments on which the active units, hence ∂z/∂x = g, are
 * fixed and z is linear in α; on such a segment ∫ link′(z(α)) dα = (link(z_end) − link(z_start)) / (dz/dα).
 * Summing over segments gives the integral without a Riemann sum, and completeness
 * Σ_j a_j = f(x) − f(b) holds to rounding (Σ_j (x_j − b_j) g_j = dz/dα on each segment).
 */
import { logitGradient, preActivations } from '../mlp/input-gradient';
import type { NetworkShape } from '../mlp/network';

/** The net's output as a function of its logit z: the prediction and its derivative. */
export interface OutputLink {
  value(z: number): number;
  slope(z: number): number;
}

export interface ExplainedNet {
  readonly shape: NetworkShape;
  readonly parameters: Float64Array;
  readonly link: OutputLink;
}

/**
 * The α in [0, 1] where the path b + α (x − b) crosses a hidden unit's switching point, with 0 and 1, ascending.
 * Layer by layer: between two consecutive points found so far the layers below l are linear, so a unit of
 * layer l is linear there too, and changes sign at most once, where its values at the two ends say.
 */
export function pathBreakpoints(net: ExplainedNet, baseline: ArrayLike<number>, x: ArrayLike<number>): number[] {
  const { shape, parameters } = net;
  const d = shape.sizes[0];
  const point = new Float64Array(d);
  const at = (alpha: number): Float64Array[] => {
    for (let j = 0; j < d; j++) point[j] = baseline[j] + alpha * (x[j] - baseline[j]);
    return preActivations(shape, parameters, point);
  };
  let alphas = [0, 1];
  for (let l = 0; l < shape.sizes.length - 2; l++) {
    const values = alphas.map((alpha) => at(alpha)[l]);
    const crossings: number[] = [];
    for (let k = 0; k + 1 < alphas.length; k++) {
      const [from, to] = [values[k], values[k + 1]];
      for (let o = 0; o < from.length; o++) {
        if ((from[o] < 0 && to[o] > 0) || (from[o] > 0 && to[o] < 0)) {
          crossings.push(alphas[k] + ((alphas[k + 1] - alphas[k]) * from[o]) / (from[o] - to[o]));
        }
      }
    }
    if (crossings.length) alphas = [...new Set([...alphas, ...crossings])].sort((a, b) => a - b);
  }
  return alphas;
}

/**
 * a_j(x) of every input, from baseline b: exact Integrated Gradients of f = link(z) as described above.
 *
 * @param baseline b, length shape.sizes[0]
 * @param x the explained input, same length
 * @example
 * // z = relu(x₁ − x₂) with identity link, from b = (0, 0) to x = (2, 1): a = (2, −1), summing to z(x) − z(b) = 1
 */
export function integratedGradients(net: ExplainedNet, baseline: ArrayLike<number>, x: ArrayLike<number>): Float64Array {
  const { shape, parameters, link } = net;
  const d = shape.sizes[0];
  const attributions = new Float64Array(d);
  const alphas = pathBreakpoints(net, baseline, x);
  const point = new Float64Array(d);
  const move = (alpha: number): Float64Array => {
    for (let j = 0; j < d; j++) point[j] = baseline[j] + alpha * (x[j] - baseline[j]);
    return point;
  };
  const logitAt = (alpha: number): number => {
    const layers = preActivations(shape, parameters, move(alpha));
    return layers[layers.length - 1][0];
  };
  let zStart = logitAt(alphas[0]);
  for (let k = 0; k + 1 < alphas.length; k++) {
    const width = alphas[k + 1] - alphas[k];
    const zEnd = logitAt(alphas[k + 1]);
    if (width > 0) {
      const gradient = logitGradient(shape, parameters, move((alphas[k] + alphas[k + 1]) / 2));
      const rise = zEnd - zStart;
      // ∫ link′(z(α)) dα over the segment; a flat segment (rise ≈ 0) has link′ constant on it.
      const weight =
        Math.abs(rise) > 1e-12 * (1 + Math.abs(zStart)) ? ((link.value(zEnd) - link.value(zStart)) * width) / rise : link.slope((zStart + zEnd) / 2) * width;
      for (let j = 0; j < d; j++) attributions[j] += gradient[j] * weight;
    }
    zStart = zEnd;
  }
  for (let j = 0; j < d; j++) attributions[j] *= x[j] - baseline[j];
  return attributions;
}
