import { describe, expect, it } from 'vitest';
import { activeMetric, availableMetrics, EMPTY_STATE, isPanelState, reduce, withMetric } from '../../webview/state';
import { entryOf, heartReport } from './fixtures';

describe('panel state', () => {
  it('shows the decisive metric first, then the user’s choice, which survives a re-sent entry', async () => {
    const report = await heartReport();
    const entry = entryOf(report);
    expect(availableMetrics(report)[0]).toBe(report.settings.metric);
    expect(availableMetrics(report).sort()).toEqual(Object.keys(report.metrics).sort());
    let state = reduce(EMPTY_STATE, { type: 'show', entry });
    expect(activeMetric(state)).toBe(report.settings.metric);
    state = withMetric(state, 'ece');
    state = reduce(state, { type: 'show', entry });
    expect(activeMetric(state)).toBe('ece');
    state = reduce(state, { type: 'show', entry, metric: 'auc', focusGroup: report.groups[1].id });
    expect(state).toMatchObject({ metric: 'auc', focusGroup: report.groups[1].id });
    state = reduce(state, { type: 'focus', group: report.groups[2].id });
    expect(state).toMatchObject({ metric: 'auc', focusGroup: report.groups[2].id });
    expect(reduce(state, { type: 'clear' })).toEqual(EMPTY_STATE);
  });

  it('falls back to the decisive metric when the chosen one is not in the report', async () => {
    const report = await heartReport();
    const metrics = { error: report.metrics.error };
    const state = { entry: entryOf({ ...report, metrics }), metric: 'auc' as const, focusGroup: null };
    expect(activeMetric(state)).toBe('error');
  });

  it('accepts a saved state that went through JSON, and rejects what is not one', async () => {
    const state = reduce(EMPTY_STATE, { type: 'show', entry: entryOf(await heartReport()) });
    expect(isPanelState(JSON.parse(JSON.stringify(state)))).toBe(true);
    expect(isPanelState(EMPTY_STATE)).toBe(true);
    for (const bad of [undefined, null, 42, {}, { entry: null, metric: 'mse', focusGroup: null }, { entry: { report: {} }, metric: null, focusGroup: null }]) {
      expect(isPanelState(bad)).toBe(false);
    }
  });
});
