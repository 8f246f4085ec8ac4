/** Platt's sigmoid: P(y = 1 | score f) = 1 / (1 + exp(a·f + b)). */
export interface PlattScaling {
  readonly a: number;
  readonly b: number;
}

const MAX_ITERATIONS = 100;
const GRADIENT_TOLERANCE = 1e-12;

/**
 * Fits Platt scaling (Platt 1999, with the Newton method and target smoothing of Lin, Lin & Weng 2007) as
 * scikit-learn's `CalibratedClassifierCV(method='sigmoid')` does: targets (n₊ + 1)/(n₊ + 2) for positives and
 * 1/(n₋ + 2) for negatives, (a, b) minimising their cross-entropy with 1 / (1 + exp(a·f + b)), started at
 * a = 0, b = ln((n₋ + 1)/(n₊ + 1)). scikit-learn stops its BFGS at a gradient of 1e-5; this Newton method goes
 * to 1e-12 relative, so the two agree to about 1e-6.
 *
 * @param scores one score per calibration row, finite
 * @param y the rows' labels, 0 or 1
 * @throws RangeError when the lengths differ or there are no rows
 * @example
 * fitPlatt(Float64Array.of(-2, -1, 0, 1, 2, 3), Uint8Array.of(0, 0, 1, 0, 1, 1)); // => { a: -0.535510, b: 0.267755 } (scikit-learn's)
 */
export function fitPlatt(scores: Float64Array, y: Uint8Array): PlattScaling {
  if (scores.length !== y.length) throw new RangeError(`fitPlatt: ${scores.length} scores but ${y.length} labels`);
  if (scores.length === 0) throw new RangeError('fitPlatt requires at least one row');
  const n = scores.length;
  let positives = 0;
  for (let i = 0; i < n; i++) positives += y[i];
  const negatives = n - positives;
  const positiveTarget = (positives + 1) / (positives + 2);
  const negativeTarget = 1 / (negatives + 2);
  const target = (i: number) => (y[i] === 1 ? positiveTarget : negativeTarget);

  // Objective Σ −t·log p − (1 − t)·log(1 − p) with p = σ(−(a f + b)); in terms of u = a f + b it is
  // Σ log(1 + e^u) − (1 − t)·u, so ∂/∂u = σ(u) − (1 − t) and ∂²/∂u² = σ(u)(1 − σ(u)).
  const objective = (a: number, b: number) => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const u = a * scores[i] + b;
      sum += Math.max(u, 0) + Math.log1p(Math.exp(-Math.abs(u))) - (1 - target(i)) * u;
    }
    return sum;
  };
  let a = 0;
  let b = Math.log((negatives + 1) / (positives + 1));
  let value = objective(a, b);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    let ga = 0;
    let gb = 0;
    let haa = 0;
    let hab = 0;
    let hbb = 0;
    for (let i = 0; i < n; i++) {
      const f = scores[i];
      const u = a * f + b;
      const s = u >= 0 ? 1 / (1 + Math.exp(-u)) : Math.exp(u) / (1 + Math.exp(u));
      const residual = s - (1 - target(i));
      const curvature = s * (1 - s);
      ga += residual * f;
      gb += residual;
      haa += curvature * f * f;
      hab += curvature * f;
      hbb += curvature;
    }
    if (Math.max(Math.abs(ga), Math.abs(gb)) <= GRADIENT_TOLERANCE * Math.max(1, n)) break;
    // Lin, Lin & Weng's safeguard: a small ridge keeps the Newton system positive definite.
    haa += 1e-12;
    hbb += 1e-12;
    const det = haa * hbb - hab * hab;
    const da = -(hbb * ga - hab * gb) / det;
    const db = -(haa * gb - hab * ga) / det;
    const slope = ga * da + gb * db;
    // Backtracking line search on the Newton direction.
    let step = 1;
    while (step >= 1e-10) {
      const trial = objective(a + step * da, b + step * db);
      if (trial <= value + 1e-4 * step * slope) {
        a += step * da;
        b += step * db;
        value = trial;
        break;
      }
      step /= 2;
    }
    if (step < 1e-10) break;
  }
  return { a, b };
}

/** P(y = 1) for a score under Platt scaling, without overflow. */
export function plattProbability(platt: PlattScaling, score: number): number {
  const u = platt.a * score + platt.b;
  return u >= 0 ? Math.exp(-u) / (1 + Math.exp(-u)) : 1 / (1 + Math.exp(u));
}
