import { checkSameLength, type MetricDefinition } from './metric';

/**
 * Area under the ROC curve as the Mann–Whitney statistic: the chance that a random positive scores above
 * a random negative, ties counted ½ (SPEC §3). NaN when the rows hold one class only.
 *
 * The rows are sorted by score once in `prepare`; each weighted resample is then one sweep over tie
 * blocks, adding for every positive the weight of negatives below it plus half those tied with it.
 *
 * @example SPEC §3 check: y = [0,0,1,1,1,0,1,0,1,1], p = [.05,.15,.35,.4,.62,.7,.7,.9,.95,1] // => 0.6875
 */
export const areaUnderCurve: MetricDefinition = {
  id: 'auc',
  name: 'AUC',
  higherIsBetter: true,
  isFraction: false,
  task: 'classification',
  prepare(y, p) {
    checkSameLength('areaUnderCurve', y, p);
    const n = y.length;
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => p[a] - p[b]);
    const sortedRows = Int32Array.from(order);
    // blockEnd[k] = one past the last sorted position tied with position k's score
    const blockEnd = new Int32Array(n);
    for (let k = n - 1; k >= 0; k--) {
      blockEnd[k] = k + 1 < n && p[sortedRows[k + 1]] === p[sortedRows[k]] ? blockEnd[k + 1] : k + 1;
    }
    return {
      score(weights) {
        let negativesBelow = 0;
        let concordant = 0;
        let positives = 0;
        for (let k = 0; k < n; k = blockEnd[k]) {
          let blockPositives = 0;
          let blockNegatives = 0;
          for (let j = k; j < blockEnd[k]; j++) {
            const row = sortedRows[j];
            const w = weights ? weights[row] : 1;
            if (y[row] === 1) blockPositives += w;
            else blockNegatives += w;
          }
          concordant += blockPositives * (negativesBelow + blockNegatives / 2);
          negativesBelow += blockNegatives;
          positives += blockPositives;
        }
        const negatives = negativesBelow;
        if (positives === 0 || negatives === 0) return NaN;
        return concordant / (positives * negatives);
      },
    };
  },
};
