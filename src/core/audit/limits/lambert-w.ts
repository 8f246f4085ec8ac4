/**
 * The principal branch W₀ of the Lambert W function: the w ≥ −1 with w·e^w = x, for x ≥ −1/e.
 * Written here because the npm package found (`lambert-w-function` 5.0) is an approximation with relative
 * error up to 5e-3, far from the 1e-12 the bound's tests need: Halley's iteration from a branch-point series near −1/e, log1p(x) for moderate x and the
 * asymptotic log x − log log x beyond, to full double precision (tested to 1e-12 against published values).
 */

const MINUS_ONE_OVER_E = -Math.exp(-1);

/**
 * @throws RangeError for x < −1/e (W₀ is not real there) or NaN
 * @example lambertW(1) // => 0.5671432904097838 (the omega constant)
 */
export function lambertW(x: number): number {
  if (Number.isNaN(x) || x < MINUS_ONE_OVER_E - 1e-15) throw new RangeError(`lambertW is real only for x ≥ −1/e, got ${x}`);
  if (x === Infinity) return Infinity;
  if (x === 0) return 0;
  if (x <= MINUS_ONE_OVER_E) return -1;
  let w = initialGuess(x);
  for (let i = 0; i < 64; i++) {
    const ew = Math.exp(w);
    const f = w * ew - x;
    const wp1 = w + 1;
    // Halley: w ← w − f / (e^w (w+1) − (w+2) f / (2(w+1)))
    const step = f / (ew * wp1 - ((w + 2) * f) / (2 * wp1));
    w -= step;
    if (Math.abs(step) <= 1e-15 * (1 + Math.abs(w))) break;
  }
  return w;
}

function initialGuess(x: number): number {
  if (x < -0.25) {
    // series at the branch point: W = −1 + p − p²/3 + 11p³/72, p = √(2(ex + 1))
    const p = Math.sqrt(2 * (Math.E * x + 1));
    return -1 + p - (p * p) / 3 + (11 * p * p * p) / 72;
  }
  if (x < 3) return Math.log1p(x) * (1 - Math.log1p(Math.log1p(x)) / (2 + Math.log1p(x)));
  const l1 = Math.log(x);
  const l2 = Math.log(l1);
  return l1 - l2 + l2 / l1;
}
