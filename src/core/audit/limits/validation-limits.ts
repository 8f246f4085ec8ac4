/**
 * How much a dataset can validate (paper 2, SPEC §7): a lower bound on the probability of error of any test of
 * "personalization helps every group by at least ε", the largest number of binary group attributes whose
 * benefit n rows can validate, and the smallest equal group size at which a gain of ε can be told from noise.
 */
import { lambertW } from './lambert-w';

/** A group's size and, for regression, the standard deviation of its per-person gain. */
export interface GroupSize {
  readonly m: number;
  readonly sigma?: number;
}

/**
 * P_e ≥ 1 − (1 / (2√d)) · sqrt((1/d) Σ_j c_j^{m_j} − 1), clamped to [0, 1], with c_j = 1 + 4ε² for
 * classification and c_j^{m_j} = exp(m_j ε² / σ_j²) for regression (when every group has a σ; ε is then in
 * the loss's unit and may exceed ½). A group with σ_j = 0 — every person gains the same — makes the bound 0.
 * Computed in log space: c^m overflows for large groups, where the bound is 0 anyway.
 *
 * @example errorProbabilityBound([4079, 1676, 5490, 2092].map((m) => ({ m })), 0.01) // => 0.5263…
 */
export function errorProbabilityBound(groups: readonly GroupSize[], epsilon: number): number {
  const d = groups.length;
  if (d === 0) throw new RangeError('errorProbabilityBound needs at least one group');
  const regression = groups.every((g) => g.sigma !== undefined);
  checkEpsilon(epsilon, regression);
  const logTerms = groups.map((g) => {
    if (!(g.m >= 0)) throw new RangeError(`group size must be ≥ 0, got ${g.m}`);
    if (regression) {
      if (!(g.sigma! >= 0)) throw new RangeError(`σ must be ≥ 0, got ${g.sigma}`);
      return g.m === 0 ? 0 : (g.m * epsilon * epsilon) / (g.sigma! * g.sigma!);
    }
    return g.m * Math.log1p(4 * epsilon * epsilon);
  });
  const maxLog = Math.max(...logTerms);
  if (maxLog === Infinity) return 0;
  // (1/d) Σ e^{t_j} − 1, without overflow: e^{max} · mean(e^{t_j − max}) − 1
  const meanScaled = logTerms.reduce((s, t) => s + Math.exp(t - maxLog), 0) / d;
  const logMean = maxLog + Math.log(meanScaled);
  if (logMean > 700) return 0;
  const excess = Math.expm1(logMean);
  const bound = 1 - Math.sqrt(Math.max(0, excess)) / (2 * Math.sqrt(d));
  return Math.min(1, Math.max(0, bound));
}

/**
 * k_max = W(n · ln(1 + 4ε²)) / ln 2 (classification) or W(n ε² / σ²) / ln 2 (regression, when σ is given):
 * the largest number of binary attributes for n rows in equal groups at P_e = ½. σ = 0 (every person gains the
 * same) gives the value at the largest double, about 1014, rather than infinity.
 *
 * @example maxAttributes(8e9, 0.01) // => 17.9706…
 * @example maxAttributes(8e9, 0.01, 0.1) // => 22.3031…
 */
export function maxAttributes(n: number, epsilon: number, sigma?: number): number {
  checkEpsilon(epsilon, sigma !== undefined);
  if (!(n > 0)) throw new RangeError(`n must be > 0, got ${n}`);
  if (sigma !== undefined && !(sigma >= 0)) throw new RangeError(`σ must be ≥ 0, got ${sigma}`);
  const z = sigma === undefined ? n * Math.log1p(4 * epsilon * epsilon) : (n * epsilon * epsilon) / (sigma * sigma);
  return lambertW(Math.min(z, Number.MAX_VALUE)) / Math.LN2;
}

/**
 * The smallest size m of d equal groups at which the bound drops to ½, i.e. a test could tell a gain of ε
 * from none more often than a coin: c^m = 1 + d, so m = ln(1 + d) / ln(1 + 4ε²) (or ln(1 + d) σ² / ε²).
 */
export function minGroupSizeFor(d: number, epsilon: number, sigma?: number): number {
  checkEpsilon(epsilon, sigma !== undefined);
  if (!(d >= 1)) throw new RangeError(`d must be ≥ 1, got ${d}`);
  if (sigma !== undefined && !(sigma >= 0)) throw new RangeError(`σ must be ≥ 0, got ${sigma}`);
  const perRow = sigma === undefined ? Math.log1p(4 * epsilon * epsilon) : (epsilon * epsilon) / (sigma * sigma);
  return Math.max(1, Math.ceil(Math.log1p(d) / perRow));
}

/** ε is a difference of 0-1 losses below ½ for classification; for regression any positive amount of the loss. */
function checkEpsilon(epsilon: number, regression: boolean): void {
  if (regression) {
    if (!(epsilon > 0 && Number.isFinite(epsilon))) throw new RangeError(`ε must be > 0, got ${epsilon}`);
  } else if (!(epsilon > 0 && epsilon < 0.5)) {
    throw new RangeError(`ε must be in (0, 0.5), got ${epsilon}`);
  }
}
