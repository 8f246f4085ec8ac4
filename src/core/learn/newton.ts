import { type LogisticObjective, valueAndGradient } from './logistic-objective';

/** Computes a Newton step: an exact or approximate solution of H(θ) step = −∇f(θ). */
export interface NewtonStepSolver {
  /**
   * @param margins z = Xw + b at θ, from which the Hessian is built
   * @param gradient ∇f(θ)
   * @param relativeGradient ‖∇f(θ)‖∞ / ‖∇f(0)‖∞, for solvers that may stop early while far from the optimum
   * @param step output, length d + 1
   * @returns whether `step` solves the system to the solver's own accuracy target, so that its size measures
   *   the distance to the optimum (false when an iterative solver ran out of iterations)
   */
  solve(margins: Float64Array, gradient: Float64Array, relativeGradient: number, step: Float64Array): boolean;
}

export interface NewtonResult {
  /** (w_1 … w_d, b). */
  readonly theta: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
}

/** Armijo's sufficient-decrease constant. */
const ARMIJO = 1e-4;
const MAX_HALVINGS = 60;
/** The last Newton step must be below this many times tol, relative to θ, for convergence. */
const STEP_TOLERANCE_FACTOR = 100;
/** Objective changes below this fraction of f are rounding noise, not information about the step. */
const ROUNDING = 1e-13;

/**
 * Minimises the logistic objective of SPEC §2 by damped Newton steps from θ = 0, backtracking each step until
 * f decreases enough (Armijo), so every accepted step lowers f.
 *
 * Converged means both: the relative gradient ‖∇f(θ)‖∞ / ‖∇f(0)‖∞ ≤ tol (SPEC §2), and the last full Newton
 * step, solved accurately, moved no coefficient by more than 100·tol·(1 + ‖θ‖∞). The step is the second test
 * because the gradient alone is not enough on ill-conditioned data: a column on a scale of 1000 inflates
 * ‖∇f(0)‖, and a nearly collinear pair leaves a direction where a small gradient still means an error of 1e-3
 * in the coefficients (measured on test/fixtures/sklearn/ill-conditioned-Cinf); a Newton step estimates that
 * error directly, and Newton's fast local convergence leaves far less after it.
 * With no penalty, a θ that classifies every row correctly is never converged: the data are separable, f has
 * no minimum, and θ only grows along the separating direction until maxIter.
 * When no step lowers f any more (the double-precision limit) the loop stops, converged when the gradient
 * test holds.
 */
export function newtonMinimize(
  objective: LogisticObjective,
  stepSolver: NewtonStepSolver,
  tol: number,
  maxIter: number,
): NewtonResult {
  const { rows: n, cols: d } = objective.X;
  const p = d + 1;
  let theta = new Float64Array(p);
  let trial = new Float64Array(p);
  let gradient = new Float64Array(p);
  let trialGradient = new Float64Array(p);
  let margins = new Float64Array(n);
  let trialMargins = new Float64Array(n);
  const step = new Float64Array(p);

  let value = valueAndGradient(objective, theta, gradient, margins);
  const initialGradientNorm = maxAbs(gradient);
  const stepTol = STEP_TOLERANCE_FACTOR * tol;
  let iterations = 0;
  let lastStepSmall = false;

  const isMinimum = (gradientSmall: boolean): boolean =>
    gradientSmall && !(objective.l2 === 0 && separates(margins, objective.y));
  const finish = (gradientSmall: boolean): NewtonResult => ({ theta, iterations, converged: isMinimum(gradientSmall) });

  for (;;) {
    const gradientNorm = maxAbs(gradient);
    const relativeGradient = initialGradientNorm > 0 ? gradientNorm / initialGradientNorm : 0;
    const gradientSmall = relativeGradient <= tol;
    if ((lastStepSmall || gradientNorm === 0) && isMinimum(gradientSmall)) return finish(true);
    if (iterations >= maxIter) return finish(false);

    const stepSolved = stepSolver.solve(margins, gradient, relativeGradient, step);
    const slope = dot(gradient, step);
    if (!(slope < 0)) return finish(gradientSmall);

    let alpha = 1;
    let accepted = false;
    for (let halving = 0; halving <= MAX_HALVINGS; halving++) {
      for (let j = 0; j < p; j++) trial[j] = theta[j] + alpha * step[j];
      const trialValue = valueAndGradient(objective, trial, trialGradient, trialMargins);
      const sufficientDecrease = trialValue <= value + ARMIJO * alpha * slope;
      // Next to the optimum f's change drowns in rounding; then a smaller gradient is the evidence of progress.
      const flatButCloser =
        Math.abs(trialValue - value) <= ROUNDING * Math.abs(value) && maxAbs(trialGradient) < gradientNorm;
      if (sufficientDecrease || flatButCloser) {
        value = trialValue;
        accepted = true;
        break;
      }
      alpha /= 2;
    }
    if (!accepted) return finish(gradientSmall);

    [theta, trial] = [trial, theta];
    [gradient, trialGradient] = [trialGradient, gradient];
    [margins, trialMargins] = [trialMargins, margins];
    iterations++;
    lastStepSmall = stepSolved && alpha === 1 && maxAbs(step) <= stepTol * (1 + maxAbs(theta));
  }
}

/** True when every row is on its label's side of the boundary: z > 0 for y = 1 and z < 0 for y = 0. */
function separates(margins: Float64Array, y: Uint8Array): boolean {
  for (let i = 0; i < margins.length; i++) {
    if (y[i] === 1 ? !(margins[i] > 0) : !(margins[i] < 0)) return false;
  }
  return true;
}

export function maxAbs(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) {
    const a = Math.abs(v[i]);
    if (a > m) m = a;
  }
  return m;
}

export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
