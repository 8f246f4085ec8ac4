/**
 * Each group's rationality gain with its confidence interval, as paper 1 Figure 1 draws it, with
 * Observable Plot. Verdicts differ by symbol and a text legend as well as by colour; the colours are
 * set in report.css on the marks' classes (currentColor), so the chart follows the editor theme.
 *
 * Plot under the panel's CSP: Plot adds a <style> element to every chart, which `style-src` without
 * 'unsafe-inline' would block (and report). It is removed here before the chart enters the document;
 * report.css carries the same rules for `.fu-plot`. Plot sets everything else as SVG presentation
 * attributes, or styles through CSSOM (`element.style`), which CSP does not restrict.
 *
 * Plot is handed in (`ChartOptions.plot`) rather than imported here: the project's tsconfig compiles
 * src, tests and these modules as CommonJS, where the ESM-only Plot package can be imported for its
 * types only. main.ts, the bundle's entry, imports it; tests import() it.
 */
import type * as PlotModule from '@observablehq/plot' with { 'resolution-mode': 'import' };
import { METRICS, type MetricId } from '../src/core/audit/metrics';
import { formatGain, formatInterval, metricNoun, metricTitle, VERDICT_LABELS } from '../src/core/report/render/format';
import { VERDICT_GLYPHS } from '../src/core/report/render/html';
import type { AuditReport, MetricReport, RationalityRow, Verdict } from '../src/core/report/report';
import { el } from './dom';

const VERDICTS: readonly Verdict[] = ['violation', 'gain', 'none', 'untested'];
const SYMBOLS: Readonly<Record<Verdict, string>> = { violation: 'times', gain: 'triangle', none: 'circle', untested: 'circle' };
/** Chart text size in px, for the margin estimate (report.css sets the same). */
const FONT_PX = 11;
const ROW_PX = 34;

/** The parts of Observable Plot the chart uses (naming them lets the bundler drop the rest of Plot). */
export type PlotApi = Pick<typeof PlotModule, 'plot' | 'axisY' | 'ruleX' | 'ruleY' | 'tickX' | 'dot' | 'text' | 'barX'>;

export interface ChartOptions {
  readonly plot: PlotApi;
  /** Width to draw at, in CSS px; the SVG scales down below it. */
  readonly width?: number;
  readonly document?: Document;
}

export function renderGainChart(report: AuditReport, metric: MetricId, options: ChartOptions): HTMLElement {
  const Plot = options.plot;
  const section = report.metrics[metric] as MetricReport;
  const level = Math.round((1 - report.settings.alpha) * 100);
  const rows = section.rationality.filter((r) => r.gain !== null);
  const title = `${metricTitle(metric)}: gain per group with ${level}% confidence interval`;
  const figure = el('figure', { class: 'fu-chart', attrs: { 'data-metric': metric } });
  if (rows.length === 0) {
    figure.append(el('p', { class: 'fu-note' }, `No group has a defined ${metricNoun(metric)} gain to draw.`));
    return figure;
  }
  const groups = section.rationality.map((r) => r.group);
  const longest = Math.max(...groups.map((g) => g.length));
  const marginLeft = Math.round(Math.min(280, Math.max(60, longest * FONT_PX * 0.6 + 16)));
  const tooltip = (r: RationalityRow) =>
    `${r.group}: gain ${formatGain(metric, r.gain)}${r.ci ? `, ${level}% CI ${formatInterval(metric, r.ci)}` : ''} — ${VERDICT_LABELS[r.verdict]}`;

  const svg = Plot.plot({
    document: options.document ?? document,
    className: 'fu-plot',
    width: Math.max(320, Math.round(options.width ?? 640)),
    height: 56 + groups.length * ROW_PX,
    marginLeft,
    marginRight: 24,
    marginTop: 16,
    marginBottom: 40,
    ariaLabel: title,
    ariaDescription: 'The per-group gain table above lists the same numbers.',
    x: { label: gainAxisLabel(metric), labelAnchor: 'center', tickFormat: (d: number) => formatGain(metric, d), grid: true, nice: true },
    y: { domain: groups, label: null, axis: null },
    marks: [
      // Plot measures text with Helvetica's widths; the editor's UI font runs wider, so leave it 15% slack.
      Plot.axisY({ textOverflow: 'ellipsis', lineWidth: ((marginLeft - 12) / FONT_PX) * 0.85, tickSize: 0, className: 'fu-chart-axis' }),
      Plot.ruleX([0], { className: 'fu-chart-zero' }),
      ...VERDICTS.flatMap((verdict) => {
        const ofVerdict = rows.filter((r) => r.verdict === verdict);
        const withCi = ofVerdict.filter((r) => r.ci !== null);
        const className = `fu-v-${verdict}`;
        return [
          Plot.ruleY(withCi, { y: 'group', x1: (r: RationalityRow) => r.ci![0], x2: (r: RationalityRow) => r.ci![1], stroke: 'currentColor', strokeWidth: 2, className: `fu-chart-ci ${className}` }),
          Plot.tickX(withCi, { x: (r: RationalityRow) => r.ci![0], y: 'group', stroke: 'currentColor', inset: 10, className: `fu-chart-ci ${className}` }),
          Plot.tickX(withCi, { x: (r: RationalityRow) => r.ci![1], y: 'group', stroke: 'currentColor', inset: 10, className: `fu-chart-ci ${className}` }),
          Plot.dot(ofVerdict, {
            x: 'gain', y: 'group', symbol: SYMBOLS[verdict], r: 5, strokeWidth: 2,
            fill: verdict === 'gain' || verdict === 'none' ? 'currentColor' : 'none', stroke: 'currentColor',
            title: tooltip, className: `fu-chart-dot ${className}`,
          }),
        ];
      }),
      Plot.text(rows, { x: 'gain', y: 'group', text: (r: RationalityRow) => formatGain(metric, r.gain), dy: -12, className: 'fu-chart-label' }),
    ],
  });
  svg.querySelector('style')?.remove();
  labelAsOneImage(svg);
  figure.append(svg, el('figcaption', { class: 'fu-chart-legend' },
    ...VERDICTS.filter((v) => rows.some((r) => r.verdict === v)).map((v) =>
      el('span', { class: `fu-legend-item fu-v-${v}` }, el('span', { class: 'fu-glyph', attrs: { 'aria-hidden': 'true' } }, SYMBOL_GLYPHS[v]), ` ${VERDICT_LABELS[v]}`)),
    el('span', { class: 'fu-legend-note' }, `Whiskers: ${level}% bootstrap interval (none for untested groups). ${VERDICT_GLYPHS.violation} violation = significantly worse off with personalization.`),
  ));
  return figure;
}

/**
 * The x axis says what is plotted: each row's `gain`, signed so that right of 0 is better off (SPEC §4). For a
 * risk that is generic − personalized; for AUC, where higher is better, personalized − generic.
 */
export function gainAxisLabel(metric: MetricId): string {
  const difference = METRICS[metric].higherIsBetter ? 'personalized − generic' : 'generic − personalized';
  return `Gain in ${metricNoun(metric)} (${difference}; right of 0 = better off) →`;
}

/**
 * Plot names its mark groups with `aria-label` on <g>, which ARIA prohibits on an element without a role
 * (axe: aria-prohibited-attr) and screen readers read inconsistently. The chart is one image whose text
 * alternative is Plot's title and description; its numbers are in the gain table above it.
 */
export function labelAsOneImage(svg: Element): void {
  svg.setAttribute('role', 'img');
  for (const part of svg.querySelectorAll('[aria-label]')) part.removeAttribute('aria-label');
}

/** The chart's symbols as text, for its legend. */
const SYMBOL_GLYPHS: Readonly<Record<Verdict, string>> = { violation: '✕', gain: '▲', none: '●', untested: '○' };
