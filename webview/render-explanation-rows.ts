/**
 * One test row's explanation (SPEC §9, the report's `explanations.examples`): a select picks the row (the first
 * test row of each group), and two bar charts show its top inputs by |a_j| under h0 and under h as its own group,
 * drawn with Observable Plot on one shared x scale so the two compare. A table beside each chart holds the same
 * numbers for screen readers and for copying. Input and group names come from the data: they only ever enter
 * the DOM as text (el() and Plot set textContent).
 */
import type { ExplainedModelRow, ExplainedRow } from '../src/core/learn/explain/examples';
import type { AuditReport } from '../src/core/report/report';
import { clear, el, tableRegion } from './dom';
import { labelAsOneImage, type PlotApi } from './render-chart';

export interface ExplanationRowsOptions {
  readonly plot: PlotApi;
  /** Width of each chart, in CSS px. */
  readonly width?: number;
  readonly document?: Document;
}

/** Chart text size and row height in px, as render-chart.ts draws them. */
const FONT_PX = 11;
const ROW_PX = 24;

let instances = 0;

/** Null when the report has no row-level examples (ONNX files, `--assign`, no explanations). */
export function renderExplanationRows(report: AuditReport, options: ExplanationRowsOptions): HTMLElement | null {
  const examples = report.explanations?.examples;
  if (!examples?.length) return null;
  const id = `fu-explanation-rows-${++instances}`;
  const select = el('select', { attrs: { id: `${id}-select`, 'aria-describedby': `${id}-note` } },
    ...examples.map((example, i) => el('option', { attrs: { value: i } }, rowLabel(example))));
  const charts = el('div', { class: 'fu-explanation-row-charts', attrs: { 'aria-live': 'polite' } });
  const draw = () => {
    clear(charts);
    const example = examples[Number(select.value)] ?? examples[0];
    const extent = Math.max(1e-12, ...[...example.h0.top, ...example.h.top].map((t) => Math.abs(t.attribution)));
    charts.append(
      modelFigure('h0', 'h0, without group attributes', example.h0, extent, options),
      modelFigure('h', `h, with them, as ${example.group}`, example.h, extent, options),
    );
  };
  select.addEventListener('change', draw);
  draw();
  return el('div', { class: 'fu-explanation-rows', attrs: { role: 'group', 'aria-labelledby': `${id}-h` } },
    el('h3', { attrs: { id: `${id}-h` } }, 'One test row\u2019s explanation'),
    el('p', { class: 'fu-explanation-row-pick' }, el('label', { attrs: { for: `${id}-select` } }, 'Test row: '), select),
    el('p', { class: 'fu-note', attrs: { id: `${id}-note` } },
      `Its top inputs by |a_j| (${report.explanations?.description ?? report.explanations?.method ?? 'attributions'}; ` +
      'for a linear model in the units of its score, the log-odds for a logistic one). Bars right of 0 push the prediction up.'),
    charts);
}

/** "Sex=Female, Age=Old: test row 3 (data row 41)": 1-based, as a reader counts. */
export function rowLabel(example: ExplainedRow): string {
  return `${example.group}: test row ${example.testRow + 1} (data row ${example.row + 1})`;
}

function modelFigure(key: 'h0' | 'h', title: string, model: ExplainedModelRow, extent: number, options: ExplanationRowsOptions): HTMLElement {
  const caption = `${title}: prediction ${model.prediction.toPrecision(4)}`;
  const figure = el('figure', { class: 'fu-chart fu-explanation-row', attrs: { 'data-model': key } }, el('figcaption', {}, caption));
  if (model.top.length === 0) {
    figure.append(el('p', { class: 'fu-note' }, 'This model has no inputs to attribute.'));
    return figure;
  }
  const Plot = options.plot;
  const inputs = model.top.map((t) => t.input);
  const marginLeft = Math.round(Math.min(220, Math.max(60, Math.max(...inputs.map((s) => s.length)) * FONT_PX * 0.6 + 16)));
  const svg = Plot.plot({
    document: options.document ?? document,
    className: 'fu-plot',
    width: Math.max(280, Math.round(options.width ?? 320)),
    height: 48 + inputs.length * ROW_PX,
    marginLeft,
    marginRight: 16,
    marginTop: 8,
    marginBottom: 36,
    ariaLabel: `${caption}. Top inputs by attribution.`,
    ariaDescription: 'The table beside the chart lists the same numbers.',
    x: { domain: [-extent, extent], label: 'Attribution a_j →', labelAnchor: 'center', grid: true, nice: true },
    y: { domain: inputs, label: null, axis: null },
    marks: [
      Plot.axisY({ textOverflow: 'ellipsis', lineWidth: ((marginLeft - 12) / FONT_PX) * 0.85, tickSize: 0, className: 'fu-chart-axis' }),
      Plot.barX(model.top.filter((t) => t.attribution >= 0), { x: 'attribution', y: 'input', fill: 'currentColor', className: 'fu-v-gain' }),
      Plot.barX(model.top.filter((t) => t.attribution < 0), { x: 'attribution', y: 'input', fill: 'currentColor', className: 'fu-v-violation' }),
      Plot.ruleX([0], { className: 'fu-chart-zero' }),
    ],
  });
  svg.querySelector('style')?.remove();
  labelAsOneImage(svg);
  const table = el('table', { class: 'fu-table fu-explanation-row-table' },
    el('caption', {}, `${caption}: top inputs`),
    el('thead', {}, el('tr', {}, el('th', { attrs: { scope: 'col' } }, 'Input'), el('th', { class: 'num', attrs: { scope: 'col' } }, 'Attribution a_j'))),
    el('tbody', {}, ...model.top.map((t) => el('tr', {}, el('th', { attrs: { scope: 'row' } }, t.input), el('td', { class: 'num' }, t.attribution.toPrecision(4))))));
  figure.append(svg, tableRegion(table));
  return figure;
}
