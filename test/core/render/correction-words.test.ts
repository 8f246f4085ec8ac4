import { describe, expect, it } from 'vitest';
import { correctPValues } from '../../../src/core/audit/stats/correction';
import { correctionWords } from '../../../src/core/report/render/correction-words';
import { rationalityTable } from '../../../src/core/report/render/tables';
import { fixtureReport } from '../report/report-fixture';

describe('the p-value note says the correction in plain words', () => {
  it('Bonferroni: each p-value multiplied by the number of groups tested', () => {
    expect(correctionWords('bonferroni', 3, 0.1)).toBe('each multiplied by 3, the number of groups tested (Bonferroni correction, capped at 1), so that the chance of a false alarm in any group stays within α = 0.1');
    // What the words say is what the code does: 0.02 × 3.
    expect(correctPValues([0.02, 0.5, 0.9], 'bonferroni')[0]).toBeCloseTo(0.06, 12);
  });

  it('Holm: the smallest multiplied by m, the next by m − 1, never below the one before', () => {
    expect(correctionWords('holm', 4, 0.05)).toBe("adjusted for testing 4 groups by Holm's method (the smallest multiplied by 4, the next by 3, and so on; never below the one before, capped at 1), so that the chance of a false alarm in any group stays within α = 0.05");
    expect(correctionWords('holm', 2, 0.1)).toContain('the smallest multiplied by 2, the other by 1;');
    // Sorted: 0.01 × 4 = 0.04; 0.02 × 3 = 0.06; 0.025 × 2 = 0.05, raised to the 0.06 before it; 0.5 × 1.
    const holm = correctPValues([0.01, 0.02, 0.025, 0.5], 'holm').map((p) => Number(p!.toFixed(12)));
    expect(holm).toEqual([0.04, 0.06, 0.06, 0.5]);
  });

  it('one or no group tested: nothing to adjust', () => {
    expect(correctionWords('bonferroni', 1, 0.1)).toBe('not adjusted: one group was tested (Bonferroni correction over 1 group)');
    expect(correctionWords('holm', 0, 0.1)).toBe('no group was tested');
  });

  it('the gain table (every medium) uses it, and plain column names', () => {
    const table = rationalityTable(fixtureReport(), 'error');
    // The fixture's error rate has four groups, one untested.
    expect(table.note).toBe('p-values: exact one-sided McNemar test, each multiplied by 3, the number of groups tested (Bonferroni correction, capped at 1), so that the chance of a false alarm in any group stays within α = 0.1.');
    expect(table.header.slice(2, 4)).toEqual(['Without groups', 'With groups']);
    expect(`${table.title} ${table.header.join(' ')} ${table.note}`).not.toMatch(/\bh0\b|generic|-corrected/i);
  });
});
