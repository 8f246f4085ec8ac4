import { METRIC_IDS } from '../core/audit/metrics/metric';
import { isAsIf, type PanelState, type PreviousAudit } from './webview-protocol';

/**
 * A structural check of what getState returned (a state saved by an older version of the panel, or
 * nothing): enough that the renderers can walk it without throwing.
 */
export function isPanelState(value: unknown): value is PanelState {
  if (typeof value !== 'object' || value === null) return false;
  const state = value as Record<string, unknown>;
  if (!(state.metric === null || (typeof state.metric === 'string' && (METRIC_IDS as readonly string[]).includes(state.metric)))) return false;
  if (!(state.focusGroup === null || typeof state.focusGroup === 'string')) return false;
  if (!(state.asIf === undefined || isAsIf(state.asIf))) return false;
  if (!(state.previous === undefined || isPreviousAudit(state.previous))) return false;
  if (state.entry === null) return true;
  if (typeof state.entry !== 'object' || state.entry === undefined) return false;
  const entry = state.entry as Record<string, unknown>;
  const report = entry.report as Record<string, unknown> | undefined;
  return typeof entry.finishedAt === 'string' && typeof report === 'object' && report !== null && report.schemaVersion === 1 &&
    Array.isArray(report.groups) && Array.isArray(report.warnings) && typeof report.metrics === 'object' && report.metrics !== null &&
    typeof report.dataset === 'object' && typeof report.settings === 'object';
}

/** A structural check of the comparison with the previous audit, as saved with the state or sent by the host. */
export function isPreviousAudit(value: unknown): value is PreviousAudit {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Record<string, unknown>;
  if (typeof p.name !== 'string' || typeof p.finishedAt !== 'string') return false;
  if (p.ok === false) return typeof p.problem === 'string';
  if (p.ok !== true || typeof p.sentence !== 'string' || !Array.isArray(p.settings)) return false;
  const comparison = p.comparison as Record<string, unknown> | null | undefined;
  return typeof comparison === 'object' && comparison !== null && Array.isArray(comparison.metrics) && Array.isArray(comparison.settingsChanged) &&
    comparison.metrics.every((m: unknown) => {
      const moves = m as Record<string, unknown> | null;
      return typeof moves === 'object' && moves !== null && typeof moves.metric === 'string' && (METRIC_IDS as readonly string[]).includes(moves.metric) &&
        Array.isArray(moves.rationality) && Array.isArray(moves.envy);
    });
}
