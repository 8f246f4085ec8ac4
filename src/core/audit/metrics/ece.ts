import { checkSameLength, type MetricDefinition } from './metric';

const BINS = 10;

/**
 * The ECE bin of a probability: b = min(10, max(1, ⌈10·p⌉)), 0-based here. Computed in double precision
 * on purpose, as numpy does in the authors' code: 0.3 lands in bin 3 but 0.1 × 3 in bin 4 (SPEC §3).
 */
export function eceBin(p: number): number {
  return Math.min(BINS, Math.max(1, Math.ceil(BINS * p))) - 1;
}

/**
 * Expected calibration error with 10 equal-width bins: Σ_b (n_b / n) · |mean_b(p) − mean_b(y)| (SPEC §3).
 * Per bin that is |Σ p − Σ y| / n, which is what a weighted resample needs.
 *
 * @example SPEC §3 check: y = [0,0,1,1,1,0,1,0,1,1], p = [.05,.15,.35,.4,.62,.7,.7,.9,.95,1] // => 0.242
 */
export const expectedCalibrationError: MetricDefinition = {
  id: 'ece',
  name: 'ECE',
  higherIsBetter: false,
  isFraction: true,
  task: 'classification',
  prepare(y, p) {
    checkSameLength('expectedCalibrationError', y, p);
    const n = y.length;
    const bins = new Uint8Array(n);
    for (let i = 0; i < n; i++) bins[i] = eceBin(p[i]);
    const sumP = new Float64Array(BINS);
    const sumY = new Float64Array(BINS);
    return {
      score(weights) {
        sumP.fill(0);
        sumY.fill(0);
        let total = 0;
        for (let i = 0; i < n; i++) {
          const w = weights ? weights[i] : 1;
          if (w === 0) continue;
          sumP[bins[i]] += w * p[i];
          sumY[bins[i]] += w * y[i];
          total += w;
        }
        if (total === 0) return NaN;
        let gap = 0;
        for (let b = 0; b < BINS; b++) gap += Math.abs(sumP[b] - sumY[b]);
        return gap / total;
      },
    };
  },
};
