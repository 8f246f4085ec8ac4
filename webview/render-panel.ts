/**
 * The whole panel for a state: header with actions, the verdict, the "as if" choice, a tab per metric,
 * the interventions, what the data can validate, dataset and settings, warnings. Switching metric or
 * "as if" re-renders only the tabs' content (renderMetricContent), so the control that has keyboard
 * focus keeps it.
 */
import type { MetricId } from '../src/core/audit/metrics/metric';
import { EXPLANATION_SECTION_TITLE } from '../src/core/report/render/explanation-tables';
import { metricNoun, metricTitle } from '../src/core/report/render/format';
import { rSquaredTable } from '../src/core/report/render/tables';
import type { AuditReport, MetricReport } from '../src/core/report/report';
import { HEADLINE_GLYPH, headlineOf } from '../src/core/report/headline';
import type { AsIf, ExportFormat, PanelState, ReportEntry } from '../src/protocol/webview-protocol';
import { reportAsIf, servedBy } from './as-if';
import { append, clear, el, srOnly, type Child } from './dom';
import { glossaryLink } from './glossary-link';
import { renderAsIfBanner, renderAsIfToggle } from './render-as-if';
import { renderGainChart, type PlotApi } from './render-chart';
import { renderComparison } from './render-comparison';
import { renderGroupSizes, renderSettings, renderWarnings, formatTime } from './render-diagnostics';
import { renderExplanations } from './render-explanations';
import { renderExplanationRows } from './render-explanation-rows';
import { renderHeatmap } from './render-heatmap';
import { renderInterventions } from './render-interventions';
import { renderLimits } from './render-limits';
import { renderPrevious } from './render-previous';
import { renderSummary } from './render-summary';
import { renderGainTable } from './render-table';
import { renderTextTable } from './render-text-table';
import { activeAsIf, activeIntervention, activeMetric, availableMetrics } from './state';
import { renderTabs, showTab, type TabSpec } from './tabs';

export interface PanelActions {
  exportAs(format: ExportFormat): void;
  rerun(): void;
  openSpec(): void;
  selectMetric(metric: MetricId): void;
  /** Draws the tabs as if an intervention were the audited model ('original': as audited). */
  selectAsIf(asIf: AsIf): void;
  /** The comparison with the previous audit: as a Markdown page, or closed. */
  comparison(action: 'markdown' | 'close'): void;
}

export interface RenderOptions {
  readonly plot: PlotApi;
  /** Width available to the chart, in CSS px (the panel measures it; tests pass a number). */
  readonly chartWidth?: number;
}

export const EMPTY_MESSAGE = 'No audit yet — right-click a CSV file in the Explorer and run the Fair Use audit on it; its report opens here.';

const EXPORTS: ReadonlyArray<[ExportFormat, string]> = [['html', 'HTML'], ['markdown', 'Markdown'], ['json', 'JSON']];

export function renderPanel(root: HTMLElement, state: PanelState, actions: PanelActions, options: RenderOptions): void {
  clear(root);
  const entry = state.entry;
  const metric = activeMetric(state);
  if (!entry || !metric) {
    root.append(el('div', { class: 'fu-empty', attrs: { role: 'status' } },
      el('h1', {}, 'Fair use audit'),
      el('p', {}, entry ? 'This report holds no metric to show.' : EMPTY_MESSAGE)));
    return;
  }
  const report = entry.report;
  const interventions = renderInterventions(report, { showAsIf: (kind) => actions.selectAsIf(kind) });
  const limits = renderLimits(report);
  // h0's and h's charts side by side when two of 280 px fit, else one above the other at the full width (320 px panels).
  const explanationWidth = options.chartWidth && (options.chartWidth >= 2 * 280 + 24 ? options.chartWidth / 2 - 12 : options.chartWidth);
  const explanations = renderExplanations(report, renderExplanationRows(report, { plot: options.plot, width: explanationWidth }));
  append(root,
    header(entry, actions),
    verdictBanner(report),
    state.previous ? renderPrevious(state.previous, entry.finishedAt, { openMarkdown: () => actions.comparison('markdown'), close: () => actions.comparison('close') }) : null,
    renderAsIfToggle(report, activeAsIf(state), (asIf) => actions.selectAsIf(asIf)),
    metricTabs(report, metric, actions),
    explanations ? section('explanations', EXPLANATION_SECTION_TITLE, explanations) : null,
    interventions && report.interventions
      ? section('interventions', `Interventions (${metricNoun(report.interventions.metric)})`, interventions)
      : null,
    limits ? section('limits', [glossaryLink('What the data can validate', 'limits')], limits) : null,
    el('section', { class: 'fu-section', attrs: { 'aria-labelledby': 'fu-settings-h' } }, el('h2', { attrs: { id: 'fu-settings-h' } }, 'Dataset and settings'), renderSettings(entry)),
    el('section', { class: 'fu-section', attrs: { 'aria-labelledby': 'fu-warnings-h' } },
      el('h2', { attrs: { id: 'fu-warnings-h' } }, `Warnings (${report.warnings.length})`), renderWarnings(report.warnings)),
  );
  renderMetricContent(root, state, options);
}

/** Draws the active metric into its tab panel and empties the others. */
export function renderMetricContent(root: HTMLElement, state: PanelState, options: RenderOptions): void {
  const metric = activeMetric(state);
  if (!state.entry || !metric) return;
  const report = state.entry.report;
  const tabs = root.querySelector('.fu-metrics');
  if (tabs) showTab(tabs, metric);
  const item = activeIntervention(state);
  const asIfReport = reportAsIf(report, item, metric);
  // The intervention's numbers when it has this metric; the audited model's (and the banner says so) when not.
  const shown = asIfReport ?? report;
  const hypothetical = item !== null && asIfReport !== null;
  const suffix = hypothetical ? ` — as if ${item.kind}` : '';
  for (const panel of root.querySelectorAll<HTMLElement>('.fu-metrics .fu-tabpanel')) {
    clear(panel);
    panel.classList.toggle('fu-hypothetical', hypothetical && panel.dataset.key === metric);
    if (panel.dataset.key !== metric) continue;
    const focus = state.focusGroup;
    const comparison = renderComparison(report, metric);
    append(panel,
      item ? renderAsIfBanner(report, item, metric, asIfReport !== null) : null,
      renderSummary(shown, metric, suffix),
      section('gains', ['Per-group gains (', glossaryLink('rationality', 'rationality'), `)${suffix}`], renderGainTable(shown, metric, focus, servedBy(report, hypothetical ? item : null))),
      metric === 'mse' ? renderRSquared(shown, suffix) : null,
      comparison ? section('comparison', 'Training data vs new data', comparison) : null,
      section('chart', `Gain by group${suffix}`, renderGainChart(shown, metric, { plot: options.plot, width: options.chartWidth })),
      section('envy', [glossaryLink('Envy-freeness', 'envy'), suffix], renderHeatmap(shown, metric, focus)),
      section('sizes', 'Group sizes and label balance', renderGroupSizes(report, metric, focus)),
    );
  }
}

/** Regression: R² per group beside the MSE gains (tables.ts's rSquaredTable, as the CLI and the export print it). */
function renderRSquared(report: AuditReport, suffix: string): HTMLElement | null {
  const table = rSquaredTable(report);
  if (!table) return null;
  const groups = [...report.metrics.mse!.r2!.groups.map((g) => g.group), null];
  return section('r2', `R² per group${suffix}`, renderTextTable(table, { class: 'fu-r2', rowGroups: groups, totalRow: true, gainColumns: [5] }));
}

/** @param heading its text, or text with glossary links in it */
function section(key: string, heading: string | readonly Child[], content: HTMLElement): HTMLElement {
  return el('section', { class: `fu-section fu-section-${key}`, attrs: { 'aria-labelledby': `fu-${key}-h` } },
    el('h2', { attrs: { id: `fu-${key}-h` } }, ...(typeof heading === 'string' ? [heading] : heading)), content);
}

function header(entry: ReportEntry, actions: PanelActions): HTMLElement {
  const report = entry.report;
  const name = baseName(entry.dataPath ?? report.dataset.path);
  const subtitle = [
    entry.specLabel ? `spec ${entry.specLabel}` : null,
    `${report.dataset.rows} rows`,
    `groups ${report.dataset.groupAttributes.join(' × ')}`,
    // A model file has its own way of using the groups: name the file (and its technique, when it records one).
    report.model
      ? `model ${baseName(report.model.path)}${report.model.technique ? ` (${report.model.technique})` : ''}`
      : `technique ${report.settings.technique}`,
    `finished ${formatTime(entry.finishedAt)}`,
  ].filter((part): part is string => part !== null);
  const button = (label: string, onClick: () => void, attrs: Record<string, string | boolean> = {}) => {
    const b = el('vscode-button', { attrs: { ...attrs } }, label);
    b.addEventListener('click', onClick);
    return b;
  };
  return el('header', { class: 'fu-header' },
    el('div', { class: 'fu-title' },
      el('h1', {}, `Fair use audit — ${name}`),
      el('p', { class: 'fu-subtitle' }, subtitle.join(' · '))),
    el('div', { class: 'fu-actions', attrs: { role: 'toolbar', 'aria-label': 'Report actions' } },
      button('Re-run', () => actions.rerun(), { 'data-action': 'rerun', title: 'Run the audit again with the same data and settings' }),
      entry.specPath ? button('Open spec', () => actions.openSpec(), { 'data-action': 'openSpec', secondary: true, title: entry.specLabel ?? entry.specPath }) : null,
      el('span', { class: 'fu-export', attrs: { role: 'group', 'aria-label': 'Export the report' } },
        el('span', { class: 'fu-export-label', attrs: { 'aria-hidden': 'true' } }, 'Export'),
        ...EXPORTS.map(([format, label]) => button(label, () => actions.exportAs(format), {
          'data-action': `export-${format}`, secondary: true, 'aria-label': `Export as ${label}`, title: `Save the report as ${label}`,
        })))),
  );
}

/** The headline in its state's colour (violation: error, inconclusive: warning, no violation: success). */
function verdictBanner(report: AuditReport): HTMLElement {
  const headline = headlineOf(report);
  return el('p', { class: `fu-verdict-banner is-${headline.state}`, attrs: { role: 'status', 'data-state': headline.state } },
    el('span', { class: 'fu-glyph', attrs: { 'aria-hidden': 'true' } }, HEADLINE_GLYPH[headline.state]), ' ',
    el('strong', {}, headline.sentence),
    ` (${metricNoun(report.settings.metric)} decides the verdict)`);
}

function metricTabs(report: AuditReport, active: MetricId, actions: PanelActions): HTMLElement {
  const tabs = availableMetrics(report).map((metric): TabSpec => {
    const section = report.metrics[metric] as MetricReport;
    const violations = section.summary.rationalityViolations + section.summary.envyViolations;
    const decides = metric === report.settings.metric;
    // Seen "Error rate * ⚠ 2", read "Error rate, decides the verdict, 2 violations" (tabs.ts: the content is the name).
    return {
      key: metric,
      title: decides ? 'Decides the verdict' : undefined,
      content: [
        metricTitle(metric),
        decides ? el('span', { attrs: { 'aria-hidden': 'true' } }, ' *') : null,
        decides ? srOnly(', decides the verdict') : null,
        violations > 0
          ? el('span', { class: 'fu-tab-violations' }, el('span', { attrs: { 'aria-hidden': 'true' } }, ' ⚠ '), srOnly(', '), String(violations), srOnly(` violation${violations === 1 ? '' : 's'}`))
          : null,
      ],
    };
  });
  const container = renderTabs({ label: 'Metric', tabs, selected: active, onSelect: (key) => actions.selectMetric(key as MetricId) });
  container.classList.add('fu-metrics');
  return container;
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}
