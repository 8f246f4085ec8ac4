import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../src/core/numeric/random';
import { auditSimulated, simulateExplanations } from '../../../scripts/calibration/scenarios';

// SPEC §9's metrics go through SPEC §5's bootstrap and tests as per-row values: under the shared-shift exact null
// (scripts/calibration/scenarios.ts, simulateExplanations) the audit must hold its level. 60 datasets × 4 groups ×
// 200 rows, B = 200, α = 0.1 with Bonferroni: the Monte Carlo SE of a family-wise rate of 0.1 is 0.039, so 0.2 is
// 2.5 SE above; 240 intervals give a coverage SE of 0.019 at 0.9, so 0.8 is five below.
describe('the explanation metrics under the shared-shift exact null (SPEC §5, §9)', () => {
  const DATASETS = 60;
  const metricIds = ['sufficiency', 'comprehensiveness'] as const;
  const tally = Object.fromEntries(metricIds.map((id) => [id, { any: 0, anyEnvy: 0, covered: 0, intervals: 0 }]));
  for (let k = 0; k < DATASETS; k++) {
    const groups = simulateExplanations(200, new SeededRandom(41, k));
    const report = auditSimulated(groups, metricIds, { resamples: 200, seed: 700 + k, alpha: 0.1, correction: 'bonferroni' });
    for (const id of metricIds) {
      if (report[id].rationality.some((r) => r.verdict === 'violation')) tally[id].any++;
      if (report[id].envy.some((r) => r.verdict === 'violation')) tally[id].anyEnvy++;
      for (const row of report[id].rationality) {
        tally[id].intervals++;
        if (row.ci && row.ci[0] <= 0 && 0 <= row.ci[1]) tally[id].covered++;
      }
    }
  }

  it.each(metricIds)('%s: false violations in at most 20% of audits, rationality and envy', (id) => {
    expect(tally[id].any / DATASETS).toBeLessThanOrEqual(0.2);
    expect(tally[id].anyEnvy / DATASETS).toBeLessThanOrEqual(0.2);
  });

  it.each(metricIds)('%s: the 90%% intervals cover the true gain 0 in 80–100%% of groups', (id) => {
    expect(tally[id].covered / tally[id].intervals).toBeGreaterThanOrEqual(0.8);
  });
});
