/** σ(z) = 1 / (1 + e^−z), evaluated so that neither branch overflows. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** ln(p / (1 − p)). */
export function logit(p: number): number {
  return Math.log(p / (1 - p));
}
