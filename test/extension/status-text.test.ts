import { describe, expect, it } from 'vitest';
import type { Headline } from '../../src/core/report/headline';
import { statusBarText } from '../../src/extension/status-text';

const headline = (h: Partial<Headline>): Headline => ({ state: 'no-violation', sentence: '', metric: 'error', violations: 0, reasons: [], ...h });

describe('statusBarText', () => {
  it('says each of the three states with its own icon', () => {
    expect(statusBarText(headline({ state: 'violation', violations: 1 }), 'heart.csv')).toBe('$(error) Fair Use: 1 violation in heart.csv');
    expect(statusBarText(headline({ state: 'violation', violations: 3 }), 'heart.csv')).toBe('$(error) Fair Use: 3 violations in heart.csv');
    expect(statusBarText(headline({ state: 'inconclusive', neededGroupSize: 4025 }), 'heart.csv')).toBe('$(warning) Fair Use: inconclusive for heart.csv, the data cannot tell (groups need about 4025 test rows)');
    expect(statusBarText(headline({}), 'heart.csv')).toBe('$(check) Fair Use: no violation in heart.csv');
  });

  it('does not let a file name draw an icon', () => {
    expect(statusBarText(headline({}), '$(bug).csv')).toBe('$(check) Fair Use: no violation in $\u200b(bug).csv');
  });
});
