import { choleskyInPlace, choleskySolveInPlace } from '../numeric/cholesky';
import { hessian, hessianWeights, type LogisticObjective } from './logistic-objective';
import type { NewtonStepSolver } from './newton';

/** First ridge tried, relative to the largest Hessian diagonal entry, when the Hessian is singular. */
const FIRST_RIDGE = 1e-12;

/**
 * The exact Newton step of SPEC §2's logistic objective: the full Hessian, factored by Cholesky. Costs
 * {@link hessianWork} per step, which is small when d is small or the rows are sparse (one-hot features).
 *
 * Without a penalty the Hessian is singular when columns are linearly dependent (one-hot dummies for every
 * level plus the intercept) or when the rows' weights underflow (separable data). Then a ridge μI is added,
 * from 1e-12 of the largest diagonal entry upward by factors of 100, which turns the step into a
 * Levenberg–Marquardt step: still a descent direction, still the Newton step in the well-determined directions.
 */
export function choleskyNewtonStep(objective: LogisticObjective): NewtonStepSolver {
  const { rows: n, cols: d } = objective.X;
  const p = d + 1;
  const weights = new Float64Array(n);
  const h = new Float64Array(p * p);
  const factor = new Float64Array(p * p);
  const scratchIndex = new Int32Array(d);
  const scratchValue = new Float64Array(d);
  return {
    solve(margins, gradient, _relativeGradient, step) {
      hessianWeights(margins, weights);
      hessian(objective, weights, h, scratchIndex, scratchValue);
      let largestDiagonal = 0;
      for (let j = 0; j < p; j++) largestDiagonal = Math.max(largestDiagonal, h[j * p + j]);
      let ridge = 0;
      for (;;) {
        factor.set(h);
        for (let j = 0; j < p; j++) factor[j * p + j] += ridge;
        if (choleskyInPlace(factor, p)) break;
        if (!(largestDiagonal > 0) || ridge > largestDiagonal) {
          step.fill(0); // every row weight underflowed: no curvature left to step on
          return false;
        }
        ridge = ridge === 0 ? FIRST_RIDGE * largestDiagonal : ridge * 100;
      }
      for (let j = 0; j < p; j++) step[j] = -gradient[j];
      choleskySolveInPlace(factor, p, step);
      return true;
    },
  };
}
