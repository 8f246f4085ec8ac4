import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decisionFunction, fitLogistic, type LogisticModel, predictProba } from '../../src/core/learn/logistic';
import { type DenseMatrix, denseMatrix } from '../../src/core/numeric/matrix';
import { newtonMinimize } from '../../src/core/learn/newton';
import { conjugateGradientNewtonStep } from '../../src/core/learn/newton-step-cg';
import { choleskyNewtonStep } from '../../src/core/learn/newton-step-cholesky';

/** A fit by scikit-learn, written by scripts/fixtures/make_logistic_fixtures.py. */
interface SklearnFixture {
  name: string;
  sklearnVersion: string;
  C: number | 'inf';
  solver: string;
  coef: number[];
  intercept: number;
  X: number[][];
  y: number[];
}

const FIXTURE_DIR = join(__dirname, '..', 'fixtures', 'sklearn');
const fixtures: SklearnFixture[] = readdirSync(FIXTURE_DIR)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => JSON.parse(readFileSync(join(FIXTURE_DIR, file), 'utf8')) as SklearnFixture);

const COEFFICIENT_TOLERANCE = 1e-4;

function matrixOf(rows: number[][]): DenseMatrix {
  const cols = rows[0].length;
  return denseMatrix(rows.length, cols, Float64Array.from(rows.flat()));
}

function cOf(fixture: SklearnFixture): number {
  return fixture.C === 'inf' ? Infinity : fixture.C;
}

/** Largest |ours − scikit-learn's| over the weights and the intercept. */
function maxCoefficientDifference(weights: Float64Array, intercept: number, fixture: SklearnFixture): number {
  let worst = Math.abs(intercept - fixture.intercept);
  fixture.coef.forEach((c, j) => (worst = Math.max(worst, Math.abs(weights[j] - c))));
  return worst;
}

/**
 * ∇ of Σ_i logloss + ‖w‖²/(2C) at (w, b), written out independently of src/: (w, b) for the weights and the
 * intercept, Σ_i (σ(z_i) − y_i)(x_i, 1) + (w / C, 0).
 */
function penalisedGradient(X: DenseMatrix, y: Uint8Array, C: number, model: LogisticModel): number[] {
  const { rows, cols, data } = X;
  const gradient = new Array<number>(cols + 1).fill(0);
  for (let i = 0; i < rows; i++) {
    let z = model.intercept;
    for (let j = 0; j < cols; j++) z += data[i * cols + j] * model.weights[j];
    const p = 1 / (1 + Math.exp(-z));
    for (let j = 0; j < cols; j++) gradient[j] += (p - y[i]) * data[i * cols + j];
    gradient[cols] += p - y[i];
  }
  if (C !== Infinity) for (let j = 0; j < cols; j++) gradient[j] += model.weights[j] / C;
  return gradient;
}

describe('fitLogistic agrees with scikit-learn (test/fixtures/sklearn)', () => {
  it('finds the committed fixtures', () => {
    expect(fixtures.map((f) => f.name)).toEqual(
      expect.arrayContaining([
        'well-conditioned-C1',
        'well-conditioned-Cinf',
        'ill-conditioned-C1',
        'ill-conditioned-C0.01',
        'ill-conditioned-Cinf',
        'heart-C1',
        'large-n3000-d200-C1',
      ]),
    );
  });

  for (const fixture of fixtures) {
    describe(`${fixture.name} (C = ${fixture.C}, scikit-learn ${fixture.sklearnVersion} ${fixture.solver})`, () => {
      const X = matrixOf(fixture.X);
      const y = Uint8Array.from(fixture.y);
      const C = cOf(fixture);

      it(`matches every coefficient within ${COEFFICIENT_TOLERANCE}`, () => {
        const model = fitLogistic(X, y, { C });
        expect(model.converged).toBe(true);
        expect(maxCoefficientDifference(model.weights, model.intercept, fixture)).toBeLessThan(
          COEFFICIENT_TOLERANCE,
        );
      });

      it('matches with either Newton step (Cholesky and conjugate gradients)', () => {
        const objective = { X, y, l2: C === Infinity ? 0 : 1 / C };
        for (const stepSolver of [choleskyNewtonStep(objective), conjugateGradientNewtonStep(objective)]) {
          const { theta, converged } = newtonMinimize(objective, stepSolver, 1e-8, 100);
          expect(converged).toBe(true);
          const difference = maxCoefficientDifference(theta.subarray(0, X.cols), theta[X.cols], fixture);
          expect(difference).toBeLessThan(COEFFICIENT_TOLERANCE);
        }
      });

      it('stops where the penalised gradient is zero', () => {
        const model = fitLogistic(X, y, { C });
        const gradient = penalisedGradient(X, y, C, model);
        // Rounding alone leaves ~1e-13 · Σ_i |x_ij|; the largest fixture column sums to ~1e6 (a ×1000 column).
        const columnScale = X.data.reduce((m, x) => Math.max(m, Math.abs(x)), 0) * X.rows;
        for (const g of gradient) expect(Math.abs(g)).toBeLessThan(1e-9 * columnScale);
      });
    });
  }
});

describe('predictProba and decisionFunction', () => {
  const model: LogisticModel = {
    weights: Float64Array.of(2, -1),
    intercept: 0.5,
    iterations: 0,
    converged: true,
  };

  it('computes w·x + b per row', () => {
    const X = matrixOf([
      [1, 3],
      [0, 0],
      [-2, 1],
    ]);
    expect(Array.from(decisionFunction(model, X))).toEqual([-0.5, 0.5, -4.5]);
  });

  it('is σ of the decision function, 0.377541 for z = −0.5', () => {
    const X = matrixOf([
      [1, 3],
      [0, 0],
      [-2, 1],
      [0.25, 7],
    ]);
    const z = decisionFunction(model, X);
    const p = predictProba(model, X);
    z.forEach((zi, i) => expect(p[i]).toBeCloseTo(1 / (1 + Math.exp(-zi)), 15));
    expect(p[0]).toBeCloseTo(0.377540668798145, 15);
  });

  it('stays finite and in [0, 1] for |z| in the hundreds', () => {
    const X = matrixOf([
      [400, 0],
      [-400, 0],
      [0, 800],
    ]);
    const p = predictProba(model, X);
    expect(Array.from(p)).toEqual([1, 0, 0]);
  });

  it('throws when X has the wrong number of columns', () => {
    const X = matrixOf([[1, 2, 3]]);
    expect(() => predictProba(model, X)).toThrow(/predictProba requires X with 2 columns/);
    expect(() => decisionFunction(model, X)).toThrow(RangeError);
  });
});

describe('fitLogistic on data without a minimum or with a flat one', () => {
  const separableX = matrixOf([[-2], [-1.5], [-0.5], [0.3], [1], [2.5]]);
  const separableY = Uint8Array.of(0, 0, 0, 1, 1, 1);

  it('returns finite coefficients and converged = false on separable data with C = Infinity', () => {
    const model = fitLogistic(separableX, separableY, { C: Infinity });
    expect(model.converged).toBe(false);
    expect(model.iterations).toBe(100);
    expect(Number.isFinite(model.intercept)).toBe(true);
    expect(Array.from(model.weights).every(Number.isFinite)).toBe(true);
    expect(model.weights[0]).toBeGreaterThan(10); // it kept growing along the separating direction
    const p = predictProba(model, separableX);
    expect(Array.from(p).every((pi) => pi >= 0 && pi <= 1)).toBe(true);
  });

  it('does the same on the conjugate-gradient path', () => {
    const objective = { X: separableX, y: separableY, l2: 0 };
    const result = newtonMinimize(objective, conjugateGradientNewtonStep(objective), 1e-8, 100);
    expect(result.converged).toBe(false);
    expect(Array.from(result.theta).every(Number.isFinite)).toBe(true);
  });

  it('converges on the same separable data once it is penalised', () => {
    const model = fitLogistic(separableX, separableY, { C: 1 });
    expect(model.converged).toBe(true);
    const gradient = penalisedGradient(separableX, separableY, 1, model);
    for (const g of gradient) expect(Math.abs(g)).toBeLessThan(1e-9);
  });

  it('converges to a zero gradient on one-hot columns for every level plus the intercept, unpenalised', () => {
    // Three levels, all kept: the columns sum to the intercept's column of ones, so the Hessian is singular.
    const levels = [0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 0, 1];
    const labels = [0, 1, 1, 1, 0, 1, 0, 1, 0, 1, 0, 0, 0, 1, 1];
    const X = matrixOf(levels.map((level) => [0, 1, 2].map((k) => (k === level ? 1 : 0))));
    const y = Uint8Array.from(labels);
    const model = fitLogistic(X, y, { C: Infinity });
    expect(model.converged).toBe(true);
    for (const g of penalisedGradient(X, y, Infinity, model)) expect(Math.abs(g)).toBeLessThan(1e-9);
    // Each level's fitted probability is its observed positive rate, whatever split of b the solver chose.
    const p = predictProba(model, matrixOf([[1, 0, 0], [0, 1, 0], [0, 0, 1]]));
    expect(p[0]).toBeCloseTo(3 / 6, 9);
    expect(p[1]).toBeCloseTo(3 / 5, 9);
    expect(p[2]).toBeCloseTo(2 / 4, 9);
  });
});

describe('fitLogistic rejects bad input', () => {
  const X = matrixOf([[0], [1], [2]]);

  it('throws when y holds one class only', () => {
    expect(() => fitLogistic(X, Uint8Array.of(1, 1, 1))).toThrow(RangeError);
    expect(() => fitLogistic(X, Uint8Array.of(0, 0, 0))).toThrow(/fitLogistic requires both classes in y/);
  });

  it('throws when X.rows differs from y.length', () => {
    expect(() => fitLogistic(X, Uint8Array.of(0, 1))).toThrow(/fitLogistic requires one label per row of X/);
  });

  it('throws when C is not positive', () => {
    for (const C of [0, -1, NaN]) {
      expect(() => fitLogistic(X, Uint8Array.of(0, 1, 0), { C })).toThrow(/fitLogistic requires C > 0/);
    }
  });

  it('throws on labels other than 0/1, non-finite features and bad tol / maxIter', () => {
    expect(() => fitLogistic(X, Uint8Array.of(0, 2, 1))).toThrow(/labels 0 or 1/);
    expect(() => fitLogistic(matrixOf([[0], [NaN], [2]]), Uint8Array.of(0, 1, 0))).toThrow(/finite features/);
    expect(() => fitLogistic(X, Uint8Array.of(0, 1, 0), { tol: 0 })).toThrow(/tol > 0/);
    expect(() => fitLogistic(X, Uint8Array.of(0, 1, 0), { maxIter: 1.5 })).toThrow(/maxIter/);
  });
});
