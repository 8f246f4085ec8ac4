import { describe, expect, it } from 'vitest';
import { activeAsIf, activeIntervention, activeMetric, availableMetrics, EMPTY_STATE, reduce, withAsIf, withMetric } from '../../webview/state';
import { isPanelState } from '../../src/protocol/panel-state';
import { entryOf, heartInterventionsReport, heartReport } from './fixtures';

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
    for (const bad of [undefined, null, 42, {}, { entry: null, metric: 'rmse', focusGroup: null }, { entry: { report: {} }, metric: null, focusGroup: null }]) {
      expect(isPanelState(bad)).toBe(false);
    }
  });

  it('keeps "as if" for a re-sent entry and a focus, drops it for a new audit; a missing field is the original', async () => {
    const report = await heartInterventionsReport();
    const entry = entryOf(report);
    let state = reduce(EMPTY_STATE, { type: 'show', entry });
    expect(activeAsIf(state)).toBe('original');
    expect(activeIntervention(state)).toBeNull();
    state = withAsIf(state, 'selected');
    expect(activeAsIf(state)).toBe('selected');
    expect(activeIntervention(state)).toBe(report.interventions!.items[2]);
    state = reduce(state, { type: 'show', entry });
    expect(state.asIf).toBe('selected');
    state = reduce(state, { type: 'focus', group: report.groups[0].id });
    expect(state.asIf).toBe('selected');
    expect(reduce(state, { type: 'show', entry: entryOf(report, { finishedAt: '2025-03-01T00:00:00.000Z' }) })).not.toHaveProperty('asIf');
    expect(withAsIf(state, 'original')).toEqual({ entry, metric: null, focusGroup: report.groups[0].id });
    // a report without interventions shows the original whatever the state says
    expect(activeAsIf({ ...state, entry: entryOf(await heartReport()) })).toBe('original');
  });

  it('accepts a saved "as if" choice and rejects one of the wrong shape', async () => {
    const state = reduce(EMPTY_STATE, { type: 'show', entry: entryOf(await heartInterventionsReport()) });
    for (const asIf of ['original', 'generic', 'decoupled', 'selected']) expect(isPanelState(JSON.parse(JSON.stringify({ ...state, asIf })))).toBe(true);
    for (const asIf of ['h0', 1, null]) expect(isPanelState({ ...state, asIf })).toBe(false);
  });
});
