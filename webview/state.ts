/**
 * The panel's state and how host messages and user choices change it. Pure: the webview saves the
 * result with setState, so after a window reload it renders from the saved state alone.
 */
import type { MetricId } from '../src/core/audit/metrics/metric';
import { metricOrder } from '../src/core/report/render/tables';
import type { AuditReport, Intervention } from '../src/core/report/report';
import type { AsIf, HostMessage, PanelState } from '../src/protocol/webview-protocol';

export const EMPTY_STATE: PanelState = { entry: null, metric: null, focusGroup: null };

/** The metrics the report holds, the decisive one first (the order of the Markdown report). */
export function availableMetrics(report: AuditReport): MetricId[] {
  return metricOrder(report);
}

/** The metric on screen: the chosen one if the report has it, else the report's decisive metric. */
export function activeMetric(state: PanelState): MetricId | null {
  if (!state.entry) return null;
  const metrics = availableMetrics(state.entry.report);
  if (state.metric && metrics.includes(state.metric)) return state.metric;
  return metrics[0] ?? null;
}

/** The intervention the tabs show, or null for the audited model (also when the report lacks the chosen one). */
export function activeIntervention(state: PanelState): Intervention | null {
  if (!state.entry || !state.asIf || state.asIf === 'original') return null;
  return state.entry.report.interventions?.items.find((item) => item.kind === state.asIf) ?? null;
}

/** The model on screen: the chosen intervention if the report has it, else the original. */
export function activeAsIf(state: PanelState): AsIf {
  return activeIntervention(state)?.kind ?? 'original';
}

export function reduce(state: PanelState, message: HostMessage): PanelState {
  switch (message.type) {
    case 'show': {
      // A re-sent entry (the host answers every 'ready') keeps the metric the user picked, and the
      // hypothetical view too; a new audit opens on the model it audited, and on the metric the host chose
      // (none: the report's decisive metric), since the host knows whether it is a re-run of the same audit.
      const sameEntry = state.entry !== null && state.entry.finishedAt === message.entry.finishedAt;
      const metric = message.metric ?? (sameEntry ? state.metric : null);
      // The host sends the comparison with the previous audit with every 'show' while the panel shows it.
      const next: PanelState = {
        entry: message.entry,
        metric: metric ?? null,
        focusGroup: message.focusGroup ?? null,
        ...(message.previous ? { previous: message.previous } : {}),
      };
      return sameEntry && state.asIf && state.asIf !== 'original' ? { ...next, asIf: state.asIf } : next;
    }
    case 'focus':
      return { ...state, focusGroup: message.group, metric: message.metric ?? state.metric };
    case 'clear':
      return EMPTY_STATE;
  }
}

export function withMetric(state: PanelState, metric: MetricId): PanelState {
  return { ...state, metric };
}

/** The panel without the comparison with the previous audit (closed by the user). */
export function withoutPrevious(state: PanelState): PanelState {
  const { previous: _dropped, ...rest } = state;
  return rest;
}

export function withAsIf(state: PanelState, asIf: AsIf): PanelState {
  if (asIf === 'original') {
    const { asIf: _dropped, ...rest } = state;
    return rest;
  }
  return { ...state, asIf };
}
