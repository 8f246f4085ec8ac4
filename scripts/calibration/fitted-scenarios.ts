/**
 * Calibration with fitted non-linear regressors (issue 18), for `npm run calibration:fitted`. The truth is
 * y = f(x) + ε, f non-linear (f(x) = 2 sin(1.5 x₁) + x₂² / 2 + x₃ x₄, x ~ N(0, I₄)), ε ~ N(0, 1) independent of x.
 * The engine's forest or net regressor is fitted on TRAIN_ROWS rows; GROUPS groups of test rows are drawn from
 * the same distribution (the groups change nothing), and the audit's own bootstrap and tests run on them.
 *
 * - `mirror`: an exact null in which h and h0 share their errors. With d(x) = f̂(x) − f(x) the fitted model's
 *   error, h(·, g′) = f + s(g′)·d and, on group g's rows, h0 = f − s(g)·d (s = ±1 by the group's parity, as the
 *   shared-shift scenario). Then y − h = ε − s·d and y − h0 = ε + s·d: ε is symmetric and independent of x, so the
 *   two residuals are equal in distribution up to sign, and every MSE and MAE gain is exactly 0, while both
 *   models carry the fitted model's error d(x) (heavy-tailed, heteroscedastic) and the same ε.
 * - `refit`: h0 and h are the same learner fitted, with different seeds, on independent training samples
 *   (h0 on sample A, h(·, g′) on sample B₊ or B₋ by the sign of g′). The gains are 0 in expectation over
 *   datasets (exchangeability) but not for a given fit, so each comparison's true gain is computed given the fits:
 *   over TRUTH_ROWS fresh x with ε integrated exactly (MSE: E[(f − h)²] + 1; MAE: E|N(f − h, 1)|). A violation
 *   is false when the comparison's true gain is ≥ 0.
 */
import { fitForestRegressor } from '../../src/core/learn/forest';
import { fitMlpRegressor } from '../../src/core/learn/mlp';
import { type DenseMatrix, denseMatrix } from '../../src/core/numeric/matrix';
import { type SeededRandom } from '../../src/core/numeric/random';
import type { GroupPredictions } from '../../src/core/audit/bootstrap';
import { GROUPS } from './scenarios';

export type FittedLearner = 'forest' | 'net';
export type FittedScenario = 'mirror' | 'refit';

const FEATURES = 4;
export const TRAIN_ROWS = 800;
const TRUTH_ROWS = 20_000;

const signOf = (g: number) => (g % 2 === 0 ? 1 : -1);

function normalOf(random: SeededRandom): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random.nextFloat())) * Math.cos(2 * Math.PI * random.nextFloat());
}

function truthOf(x: DenseMatrix): Float64Array {
  const f = new Float64Array(x.rows);
  for (let r = 0; r < x.rows; r++) {
    const [x1, x2, x3, x4] = x.data.subarray(r * FEATURES, r * FEATURES + FEATURES);
    f[r] = 2 * Math.sin(1.5 * x1) + (x2 * x2) / 2 + x3 * x4;
  }
  return f;
}

function drawX(rows: number, normal: () => number): DenseMatrix {
  return denseMatrix(rows, FEATURES, Float64Array.from({ length: rows * FEATURES }, normal));
}

/** The learner fitted on a fresh training sample: its predictions as a function of x. */
function fitOnFreshSample(learner: FittedLearner, normal: () => number, seed: number): (x: DenseMatrix) => Float64Array {
  const x = drawX(TRAIN_ROWS, normal);
  const f = truthOf(x);
  const y = Float64Array.from(f, (v) => v + normal());
  const model = learner === 'forest' ? fitForestRegressor(x, y, {}, seed) : fitMlpRegressor(x, y, {}, seed);
  return (z) => model.predict(z);
}

/** E|N(μ, 1)| = μ(2Φ(μ) − 1) + 2φ(μ). */
function meanAbsNormal(mu: number): number {
  const phi = Math.exp(-(mu * mu) / 2) / Math.sqrt(2 * Math.PI);
  return mu * erf(mu / Math.SQRT2) + 2 * phi;
}

/** Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7). */
function erf(z: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(z));
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const value = 1 - poly * Math.exp(-z * z);
  return z >= 0 ? value : -value;
}

/** A dataset: every group's test rows and predictions, and each comparison's true gain per metric. */
export interface FittedDataset {
  readonly groups: GroupPredictions[];
  /** trueGain[metric](a, b) = R(a) − R(b) for the models a, b ∈ {generic, +, −}; 0 under `mirror`. */
  readonly rationalityTruth: Record<'mse' | 'mae', number[]>;
  readonly envyTruth: Record<'mse' | 'mae', number[][]>;
}

export function simulateFitted(learner: FittedLearner, scenario: FittedScenario, rowsPerGroup: number, random: SeededRandom, seed: number): FittedDataset {
  const normal = normalOf(random);
  if (scenario === 'mirror') {
    const fitted = fitOnFreshSample(learner, normal, seed);
    const groups = Array.from({ length: GROUPS }, (_, g) => {
      const x = drawX(rowsPerGroup, normal);
      const f = truthOf(x);
      const fHat = fitted(x);
      const y = Float64Array.from(f, (v) => v + normal());
      const shifted = (sign: number) => Float64Array.from(f, (v, i) => v + sign * (fHat[i] - v));
      return { y, generic: shifted(-signOf(g)), asGroup: Array.from({ length: GROUPS }, (_, h) => shifted(signOf(h))), truthful: g };
    });
    const zeros = () => new Array<number>(GROUPS).fill(0);
    return { groups, rationalityTruth: { mse: zeros(), mae: zeros() }, envyTruth: { mse: groups.map(zeros), mae: groups.map(zeros) } };
  }
  const models = {
    generic: fitOnFreshSample(learner, normal, seed),
    plus: fitOnFreshSample(learner, normal, seed + 1),
    minus: fitOnFreshSample(learner, normal, seed + 2),
  };
  const truthX = drawX(TRUTH_ROWS, normal);
  const truthF = truthOf(truthX);
  const risk = Object.fromEntries(
    Object.entries(models).map(([name, model]) => {
      const p = model(truthX);
      let mse = 0;
      let mae = 0;
      for (let i = 0; i < p.length; i++) {
        const bias = truthF[i] - p[i];
        mse += bias * bias + 1;
        mae += meanAbsNormal(bias);
      }
      return [name, { mse: mse / p.length, mae: mae / p.length }];
    }),
  ) as Record<keyof typeof models, { mse: number; mae: number }>;
  const own = (g: number) => (signOf(g) > 0 ? risk.plus : risk.minus);
  const groups = Array.from({ length: GROUPS }, (_, g) => {
    const x = drawX(rowsPerGroup, normal);
    const y = Float64Array.from(truthOf(x), (v) => v + normal());
    const byGroup = { plus: models.plus(x), minus: models.minus(x) };
    return { y, generic: models.generic(x), asGroup: Array.from({ length: GROUPS }, (_, h) => (signOf(h) > 0 ? byGroup.plus : byGroup.minus)), truthful: g };
  });
  const truth = (metric: 'mse' | 'mae') => ({
    rationality: groups.map((_, g) => risk.generic[metric] - own(g)[metric]),
    envy: groups.map((_, g) => groups.map((__, h) => own(h)[metric] - own(g)[metric])),
  });
  const mse = truth('mse');
  const mae = truth('mae');
  return { groups, rationalityTruth: { mse: mse.rationality, mae: mae.rationality }, envyTruth: { mse: mse.envy, mae: mae.envy } };
}
