import { describe, expect, it } from 'vitest';
import { activeMetric, EMPTY_STATE, reduce, withMetric } from '../../webview/state';
import { entryOf, heartReport } from './fixtures';

describe('panel state for a new audit', () => {
  it('opens on the metric the host sends, or on the decisive metric when it sends none, not the last one picked', async () => {
    const report = await heartReport();
    const first = { ...entryOf(report), finishedAt: '2026-11-23T10:00:00.000Z' };
    const second = { ...entryOf(report), finishedAt: '2026-11-23T10:05:00.000Z' };
    let state = withMetric(reduce(EMPTY_STATE, { type: 'show', entry: first }), 'auc');
    expect(activeMetric(state)).toBe('auc');
    // Another audit: the host decided to open it on its decisive metric (metric left out).
    state = reduce(state, { type: 'show', entry: second });
    expect(report.settings.metric).not.toBe('auc');
    expect(activeMetric(state)).toBe(report.settings.metric);
    // A re-run of the same audit: the host sends the metric the user was reading.
    state = reduce(withMetric(state, 'ece'), { type: 'show', entry: { ...second, finishedAt: '2026-11-23T10:09:00.000Z' }, metric: 'ece' });
    expect(activeMetric(state)).toBe('ece');
  });
});
