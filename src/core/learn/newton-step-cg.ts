import { hessianDiagonal, hessianTimes, hessianWeights, type LogisticObjective } from './logistic-objective';
import { dot, type NewtonStepSolver } from './newton';

/** Most conjugate-gradient iterations (Hessian-vector products) spent on one Newton step. */
const MAX_CG_ITERATIONS = 250;
/** Largest forcing term: far from the optimum a step that halves the residual is good enough. */
const MAX_FORCING = 0.5;

/**
 * The truncated Newton step of SPEC §2's logistic objective: H step = −g solved by conjugate gradients,
 * preconditioned by the Hessian's diagonal, with Hessian-vector products (one pass over X each) instead of the
 * Hessian itself. CG stops once ‖residual‖ ≤ η‖g‖ with η = min(0.5, √relativeGradient) (Eisenstat–Walker):
 * rough steps far from the optimum, exact ones near it, which keeps Newton's fast local convergence.
 * The diagonal preconditioner makes the iteration count independent of the columns' scales.
 */
export function conjugateGradientNewtonStep(objective: LogisticObjective): NewtonStepSolver {
  const { rows: n, cols: d } = objective.X;
  const p = d + 1;
  const maxIterations = Math.min(2 * p, MAX_CG_ITERATIONS);
  const weights = new Float64Array(n);
  const diagonal = new Float64Array(p);
  const residual = new Float64Array(p);
  const preconditioned = new Float64Array(p);
  const direction = new Float64Array(p);
  const hessianDirection = new Float64Array(p);
  return {
    solve(margins, gradient, relativeGradient, step) {
      hessianWeights(margins, weights);
      hessianDiagonal(objective, weights, diagonal);
      for (let j = 0; j < p; j++) if (!(diagonal[j] > 0)) diagonal[j] = 1; // an all-zero column, unpenalised
      step.fill(0);
      for (let j = 0; j < p; j++) {
        residual[j] = -gradient[j];
        preconditioned[j] = residual[j] / diagonal[j];
        direction[j] = preconditioned[j];
      }
      const target = Math.min(MAX_FORCING, Math.sqrt(relativeGradient)) * Math.sqrt(dot(gradient, gradient));
      let residualDotPreconditioned = dot(residual, preconditioned);
      for (let k = 0; k < maxIterations; k++) {
        hessianTimes(objective, weights, direction, hessianDirection);
        const curvature = dot(direction, hessianDirection);
        if (!(curvature > 0)) {
          // No curvature left along this direction (weights underflowed on separable data): keep what we have,
          // or the preconditioned gradient step if we have nothing.
          if (k === 0) step.set(preconditioned);
          return false;
        }
        const stepLength = residualDotPreconditioned / curvature;
        for (let j = 0; j < p; j++) {
          step[j] += stepLength * direction[j];
          residual[j] -= stepLength * hessianDirection[j];
        }
        if (Math.sqrt(dot(residual, residual)) <= target) return true;
        for (let j = 0; j < p; j++) preconditioned[j] = residual[j] / diagonal[j];
        const next = dot(residual, preconditioned);
        const beta = next / residualDotPreconditioned;
        residualDotPreconditioned = next;
        for (let j = 0; j < p; j++) direction[j] = preconditioned[j] + beta * direction[j];
      }
      return false;
    },
  };
}
