/**
 * The panel's controller: holds the state, saves it with setState on every change, renders it, and
 * turns clicks into messages for the host. Knows the VS Code API only through `VsCodeApi`.
 */
import type { MetricId } from '../src/core/audit/metrics/metric';
import type { AsIf, PanelState, RenderedSummary, WebviewMessage } from '../src/protocol/webview-protocol';
import { isHostMessage, type VsCodeApi } from './messaging';
import { syncAsIfToggle } from './render-as-if';
import type { PlotApi } from './render-chart';
import { renderMetricContent, renderPanel, type PanelActions } from './render-panel';
import { activeAsIf, activeMetric, EMPTY_STATE, reduce, withAsIf, withMetric, withoutPrevious } from './state';
import { isPanelState } from '../src/protocol/panel-state';
import { isGlossaryTerm } from '../src/protocol/glossary';

export interface App {
  readonly state: PanelState;
  /** A message event's data from the host; anything that is not a HostMessage is ignored. */
  receive(data: unknown): void;
  selectMetric(metric: MetricId): void;
  /** Shows the tabs as if an intervention were the audited model, or as audited ('original'). */
  selectAsIf(asIf: AsIf): void;
  /** Draws again at the current width (the chart is sized to the panel). */
  redraw(): void;
}

export interface AppOptions {
  /** Observable Plot (see render-chart.ts for why it is handed in). */
  readonly plot: PlotApi;
  /** The chart's width, measured when drawing; a fixed number in tests. */
  readonly chartWidth?: () => number;
}

export function createApp(root: HTMLElement, api: VsCodeApi, options: AppOptions): App {
  const saved = api.getState();
  let state: PanelState = isPanelState(saved) ? saved : EMPTY_STATE;

  const post = (message: WebviewMessage) => api.postMessage(message);
  const actions: PanelActions = {
    exportAs: (format) => post({ type: 'export', format }),
    rerun: () => post({ type: 'rerun' }),
    openSpec: () => post({ type: 'openSpec' }),
    selectMetric: (metric) => app.selectMetric(metric),
    selectAsIf: (asIf) => {
      const fromToggle = document.activeElement?.closest?.('fieldset.fu-asif-toggle');
      app.selectAsIf(asIf);
      // From a "show as if" button further down: bring the choice (and the redrawn tabs) into view.
      if (!fromToggle) {
        root.querySelector('fieldset.fu-asif-toggle')?.scrollIntoView?.({ block: 'start' });
        root.querySelector<HTMLInputElement>('fieldset.fu-asif-toggle input:checked')?.focus?.({ preventScroll: true });
      }
    },
    comparison: (action) => {
      post({ type: 'comparison', action });
      if (action !== 'close') return;
      state = withoutPrevious(state);
      api.setState(state);
      drawAll();
    },
  };
  // Glossary links (glossary-link.ts) name a term; the host opens the page. The webview itself never navigates.
  root.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest?.('a[data-glossary]');
    if (!link) return;
    event.preventDefault();
    const term = link.getAttribute('data-glossary');
    if (isGlossaryTerm(term)) post({ type: 'openGlossary', term });
  });
  const renderOptions = () => ({ plot: options.plot, chartWidth: options.chartWidth?.() });

  const report = () => {
    const previousRows = root.querySelectorAll('table.fu-previous-table tbody tr[data-group]').length;
    const summary: RenderedSummary = {
      finishedAt: state.entry?.finishedAt ?? null,
      metric: activeMetric(state),
      focusGroup: state.focusGroup,
      asIf: activeAsIf(state),
      groupRows: root.querySelectorAll('table.fu-gains tbody tr[data-group]').length,
      envyCells: root.querySelectorAll('table.fu-heatmap td[data-reported-as]').length,
      ...(previousRows > 0 ? { previousRows } : {}),
    };
    post({ type: 'rendered', summary });
  };

  const drawAll = () => {
    try {
      renderPanel(root, state, actions, renderOptions());
    } catch (error) {
      showRenderError(root, error);
    }
    revealFocus(root, state.focusGroup);
    report();
  };

  const app: App = {
    get state() {
      return state;
    },
    receive(data) {
      if (!isHostMessage(data)) return;
      const next = reduce(state, data);
      if (!isPanelState(next)) return;
      // The host answers every 'ready' with the entry the panel may already show: redraw only the tab then.
      const sameEntry = next.entry !== null && state.entry !== null && next.entry.finishedAt === state.entry.finishedAt &&
        JSON.stringify(next.previous ?? null) === JSON.stringify(state.previous ?? null);
      state = next;
      api.setState(state);
      if (data.type === 'focus' || sameEntry) {
        renderMetricContent(root, state, renderOptions());
        revealFocus(root, state.focusGroup);
        report();
      } else {
        drawAll();
      }
      if (data.type === 'show' && data.revealPrevious) revealPrevious(root);
    },
    selectMetric(metric) {
      if (!state.entry || metric === activeMetric(state)) return;
      state = withMetric(state, metric);
      api.setState(state);
      post({ type: 'metricChanged', metric });
      renderMetricContent(root, state, renderOptions());
      report();
    },
    selectAsIf(asIf) {
      if (!state.entry || asIf === activeAsIf(state)) return;
      if (asIf !== 'original' && !state.entry.report.interventions?.items.some((item) => item.kind === asIf)) return;
      state = withAsIf(state, asIf);
      api.setState(state);
      syncAsIfToggle(root, activeAsIf(state));
      renderMetricContent(root, state, renderOptions());
      report();
    },
    redraw() {
      if (state.entry) renderMetricContent(root, state, renderOptions());
    },
  };

  drawAll();
  post({ type: 'ready' });
  return app;
}

/** Brings the focused group's row of the gain table into view and moves keyboard focus to it. */
function revealFocus(root: HTMLElement, group: string | null): void {
  if (group === null) return;
  const row = [...root.querySelectorAll<HTMLElement>('table.fu-gains tr[data-group]')].find((tr) => tr.dataset.group === group);
  row?.scrollIntoView?.({ block: 'center' });
  row?.focus?.({ preventScroll: true });
}

/** After "Compare with Previous Audit": the comparison's heading in view, with keyboard focus. */
function revealPrevious(root: HTMLElement): void {
  const heading = root.querySelector<HTMLElement>('#fu-previous-h');
  heading?.scrollIntoView?.({ block: 'start' });
  heading?.focus?.({ preventScroll: true });
}

function showRenderError(root: HTMLElement, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  const box = document.createElement('div');
  box.className = 'fu-empty';
  box.setAttribute('role', 'alert');
  const p = document.createElement('p');
  p.textContent = `The report could not be drawn: ${message}. Re-run the audit; if this persists, export it as JSON and report the problem.`;
  box.append(p);
  root.replaceChildren(box);
}
