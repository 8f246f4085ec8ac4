/** Adam's settings, named and defaulted as scikit-learn's MLPClassifier. */
export interface AdamSettings {
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
}

/**
 * Adam (Kingma & Ba 2015) in scikit-learn's form: the bias corrections fold into the step size,
 * lr_t = lr · √(1 − β₂ᵗ) / (1 − β₁ᵗ), and θ ← θ − lr_t · m / (√v + ε).
 */
export class Adam {
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private t = 0;

  constructor(
    size: number,
    private readonly settings: AdamSettings,
  ) {
    this.m = new Float64Array(size);
    this.v = new Float64Array(size);
  }

  /** Moves theta one step against `gradient`. */
  step(theta: Float64Array, gradient: Float64Array): void {
    const { learningRate, beta1, beta2, epsilon } = this.settings;
    const { m, v } = this;
    this.t++;
    const stepSize = (learningRate * Math.sqrt(1 - beta2 ** this.t)) / (1 - beta1 ** this.t);
    for (let k = 0; k < theta.length; k++) {
      const g = gradient[k];
      m[k] = beta1 * m[k] + (1 - beta1) * g;
      v[k] = beta2 * v[k] + (1 - beta2) * g * g;
      theta[k] -= (stepSize * m[k]) / (Math.sqrt(v[k]) + epsilon);
    }
  }
}
