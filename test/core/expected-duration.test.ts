import { describe, expect, it } from 'vitest';
import { expectedAuditSeconds, MANY_GROUPS, manyGroupsNotice } from '../../src/core/audit/expected-duration';

describe('the many-groups notice (issue 14, item 10)', () => {
  it('says nothing up to 64 groups, and from 65 names the count, the estimate and what it is estimated from', () => {
    expect(MANY_GROUPS).toBe(64);
    expect(manyGroupsNotice({ rows: 100_000, groups: 64, resamples: 1000 })).toBeUndefined();
    const notice = manyGroupsNotice({ rows: 10_000, groups: 65, resamples: 1000 })!;
    expect(notice).toMatch(/^The audit has 65 groups \(more than 64\): .*expected about \d+ (s|min) \(an estimate from 10,000 rows × 65 groups × 1,000 resamples; forests and nets take longer\)\.$/);
  });

  it('grows with the work: twice the resamples never expect less, and a huge audit reads in hours', () => {
    const seconds = (text: string) => {
      const [, value, unit] = /expected about ([\d.]+) (s|min|h)/.exec(text)!;
      return Number(value) * { s: 1, min: 60, h: 3600 }[unit as 's' | 'min' | 'h'];
    };
    const small = seconds(manyGroupsNotice({ rows: 10_000, groups: 128, resamples: 500 })!);
    const large = seconds(manyGroupsNotice({ rows: 10_000, groups: 128, resamples: 1000 })!);
    expect(large).toBeGreaterThan(small);
    expect(manyGroupsNotice({ rows: 1_000_000, groups: 2000, resamples: 1000 })).toMatch(/expected about \d+\.\d h/);
  });
});

describe('expectedAuditSeconds', () => {
  it('matches its doc example, worked by hand: 1 + 1000 × 128 × (128 × 8.3e-6 + 10,000 × 5.5e-8)', () => {
    // 128 × 8.3e-6 = 1.0624e-3; 10,000 × 5.5e-8 = 5.5e-4; sum 1.6124e-3; × 128,000 = 206.39; + 1
    expect(expectedAuditSeconds({ rows: 10_000, groups: 128, resamples: 1000 })).toBeCloseTo(207.39, 2);
  });
});
