/**
 * The spread of the per-person gain that SPEC §7's regression bound needs: in group j, each test row's loss under
 * h0 minus its loss under h(·, j), for the decisive metric's per-row loss (squared error for MSE, absolute error
 * for MAE). Its standard deviation σ_j enters c_j^{m_j} = exp(m_j ε² / σ_j²).
 */
import type { GroupPredictions } from '../bootstrap';

export interface GainSpread {
  /** σ_j per group, the sample standard deviation (n − 1) of its rows' gains; null for fewer than 2 test rows. */
  readonly perGroup: ReadonlyArray<number | null>;
  /**
   * The pooled within-group σ, √(Σ_j (m_j − 1) σ_j² / Σ_j (m_j − 1)), for k_max and the equal group size;
   * null when no group has 2 test rows.
   */
  readonly pooled: number | null;
}

/**
 * @param groups each group's test rows and predictions (its own personalized column is asGroup[truthful])
 * @param rowLoss the decisive metric's loss of one prediction
 * @example
 * // one group, losses under h0 [4, 1, 0] and under h [1, 1, 1]: gains [3, 0, −1], σ = √(26 / 6) = 2.0817…
 */
export function gainSpread(groups: readonly GroupPredictions[], rowLoss: (y: number, p: number) => number): GainSpread {
  let pooledSquares = 0;
  let pooledDegrees = 0;
  const perGroup = groups.map((group) => {
    const m = group.y.length;
    if (m < 2) return null;
    const own = group.asGroup[group.truthful];
    const gains = new Float64Array(m);
    let sum = 0;
    for (let i = 0; i < m; i++) {
      gains[i] = rowLoss(group.y[i], group.generic[i]) - rowLoss(group.y[i], own[i]);
      sum += gains[i];
    }
    const mean = sum / m;
    let squares = 0;
    for (let i = 0; i < m; i++) squares += (gains[i] - mean) * (gains[i] - mean);
    pooledSquares += squares;
    pooledDegrees += m - 1;
    return Math.sqrt(squares / (m - 1));
  });
  return { perGroup, pooled: pooledDegrees > 0 ? Math.sqrt(pooledSquares / pooledDegrees) : null };
}
