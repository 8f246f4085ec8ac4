import { describe, expect, it } from 'vitest';
import { compareGains } from '../../../src/core/report/compare-gains';
import { envy, FEMALE_OLD, FEMALE_YOUNG, fixtureReport, MALE_OLD, MALE_YOUNG, rationality, section } from './report-fixture';

const earlier = fixtureReport();
// Later: Female/Old's violation is resolved, Male/Old's harm became a violation, Male/Young lost its gain;
// the envy violation persists. Brier is unchanged; the seed moved.
const later = fixtureReport({
  settings: { ...earlier.settings, seed: 7 },
  metrics: {
    ...earlier.metrics,
    error: section(
      [rationality(FEMALE_OLD, 0.2, 0.2, 'none'), rationality(FEMALE_YOUNG, 0.3, 0.3, 'untested'), rationality(MALE_OLD, 0.2, 0.3, 'violation'), rationality(MALE_YOUNG, 0.3, 0.28, 'none')],
      [envy(FEMALE_OLD, MALE_OLD, 0.219, 0.15, 'violation'), envy(MALE_OLD, FEMALE_OLD, 0.25, 0.3, 'none')],
    ),
  },
});

describe('compareGains: two audits of the same data, group by group', () => {
  it('gives every group of every shared metric its gain and verdict before and now, and the change', () => {
    const c = compareGains(earlier, later);
    expect(c.metric).toBe('error');
    expect(c.metrics.map((m) => m.metric)).toEqual(['error', 'brier']);
    const error = c.metrics[0].rationality.map((m) => [m.group, m.old.verdict, m.new.verdict, m.change]);
    expect(error).toEqual([
      [FEMALE_OLD, 'violation', 'none', 'resolved'],
      [FEMALE_YOUNG, 'untested', 'untested', 'unchanged'],
      [MALE_OLD, 'none', 'violation', 'new'],
      [MALE_YOUNG, 'gain', 'none', 'changed'],
    ]);
    // The fixture's gains are generic − personalized: 0.193 − 0.219 before, 0.2 − 0.2 now.
    expect(c.metrics[0].rationality[0].old.gain).toBeCloseTo(-0.026, 12);
    expect(c.metrics[0].rationality[0].new.gain).toBe(0);
    expect(c.metrics[0].envy.map((e) => [e.group, e.reportedAs, e.status])).toEqual([[FEMALE_OLD, MALE_OLD, 'persisting']]);
    // Brier: Male/Young's violation is in both.
    expect(c.metrics[1].rationality.map((m) => m.change)).toEqual(['unchanged', 'unchanged', 'unchanged', 'persisting']);
    expect(c.metrics[1].envy).toEqual([]);
    expect(c.hasNewViolation).toBe(true);
    expect(c.settingsChanged).toEqual([{ setting: 'seed', old: 1, new: 7 }]);
  });

  it('reversed, the new violation is resolved and the resolved one new', () => {
    const c = compareGains(later, earlier);
    expect(c.metrics[0].rationality.map((m) => m.change)).toEqual(['new', 'unchanged', 'resolved', 'changed']);
    expect(c.hasNewViolation).toBe(true);
  });

  it('an audit compared with itself has no change, and no new violation', () => {
    const c = compareGains(earlier, earlier);
    expect(c.metrics.flatMap((m) => m.rationality.map((r) => r.change)).filter((x) => x !== 'unchanged' && x !== 'persisting')).toEqual([]);
    expect(c.hasNewViolation).toBe(false);
  });

  it('leaves out a metric only one audit has, and says so', () => {
    const { brier: _dropped, ...onlyError } = later.metrics;
    const c = compareGains(earlier, { ...later, metrics: onlyError });
    expect(c.metrics.map((m) => m.metric)).toEqual(['error']);
    expect(c.metricsSkipped).toEqual(['brier']);
  });

  it('refuses audits of other groups, naming the difference', () => {
    const other = fixtureReport({ groups: earlier.groups.slice(1) });
    expect(() => compareGains(earlier, other)).toThrow(/different groups: Sex=Female, Age=Old only in OLD/);
  });
});
