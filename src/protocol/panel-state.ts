import { METRIC_IDS } from '../core/audit/metrics/metric';
import { isAsIf, type PanelState } from './webview-protocol';

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
  if (state.entry === null) return true;
  if (typeof state.entry !== 'object' || state.entry === undefined) return false;
  const entry = state.entry as Record<string, unknown>;
  const report = entry.report as Record<string, unknown> | undefined;
  return typeof entry.finishedAt === 'string' && typeof report === 'object' && report !== null && report.schemaVersion === 1 &&
    Array.isArray(report.groups) && Array.isArray(report.warnings) && typeof report.metrics === 'object' && report.metrics !== null &&
    typeof report.dataset === 'object' && typeof report.settings === 'object';
}
