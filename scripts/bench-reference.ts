/**
 * The benchmarks' same-run reference: 200 passes of a dense matrix-vector product over a rows × features matrix.
 * This machine's timings are noisy, so the benchmarks report their times as ratios to this one, measured in the
 * same run.
 */
export function referenceMs(rows: number, features: number): number {
  const data = new Float64Array(rows * features).map((_, k) => (k % 7) / 7);
  const w = new Float64Array(features).fill(0.01);
  const out = new Float64Array(rows);
  const start = performance.now();
  for (let pass = 0; pass < 200; pass++) {
    for (let r = 0; r < rows; r++) {
      let z = 0;
      const base = r * features;
      for (let j = 0; j < features; j++) z += data[base + j] * w[j];
      out[r] = z;
    }
  }
  return performance.now() - start + out[0] * 0;
}
