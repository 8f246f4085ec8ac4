/**
 * What the numbers rest on: rows and label balance per group (and why a group was not tested), the
 * dataset and the settings of the audit, and the engine's warnings.
 */
import type { MetricId } from '../src/core/audit/metrics/metric';
import { metricNoun, metricTitle } from '../src/core/report/render/format';
import { labelBalance, SERVED_BY, untestedReason, VERDICT_GLYPHS } from '../src/core/report/render/html';
import { describeModel, linearModelName, sourcesLine } from '../src/core/report/render/tables';
import { type AuditReport, reportTask } from '../src/core/report/report';
import { TECHNIQUE_NAMES } from '../src/core/learn/technique';
import type { ReportEntry } from '../src/protocol/webview-protocol';
import { el, tableRegion } from './dom';

export function renderGroupSizes(report: AuditReport, metric: MetricId, focusGroup: string | null): HTMLElement {
  const balance = labelBalance(report);
  const header = ['Group', 'n train', 'n test', balance.header, `Tested for ${metricNoun(metric)}`];
  const numeric = [false, true, true, true, false];
  const body = el('tbody', {}, ...report.groups.map((g) => {
    const reason = untestedReason(report, metric, g);
    // A share gets a bar; a regression's mean label is a number in the label's unit, shown without one.
    const bar = g.positiveRate === null ? null : el('span', { class: 'fu-bar', attrs: { 'aria-hidden': 'true' } }, el('span', { class: 'fu-bar-fill' }));
    // CSSOM, not a style attribute: allowed by the panel's CSP.
    if (bar && g.positiveRate !== null) (bar.firstChild as HTMLElement).style.width = `${Math.max(0, Math.min(1, g.positiveRate)) * 100}%`;
    return el('tr', {
      class: [reason ? 'verdict-untested' : '', g.id === focusGroup ? 'is-focus' : ''].filter(Boolean).join(' '),
      attrs: { 'data-group': g.id, 'aria-current': g.id === focusGroup ? 'true' : null },
    },
    el('th', { attrs: { scope: 'row' } }, g.id),
    el('td', { class: 'num' }, String(g.nTrain)),
    el('td', { class: 'num' }, String(g.nTest)),
    el('td', { class: 'num fu-rate' }, bar, balance.format(g)),
    el('td', { class: 'fu-status' }, reason
      ? el('span', { class: 'fu-badge fu-badge-untested' }, el('span', { class: 'fu-glyph', attrs: { 'aria-hidden': 'true' } }, VERDICT_GLYPHS.untested), ` untested: ${reason}`)
      : 'yes'));
  }),
  el('tr', { class: 'fu-total' },
    el('th', { attrs: { scope: 'row' } }, 'Total'),
    el('td', { class: 'num' }, String(report.groups.reduce((s, g) => s + g.nTrain, 0))),
    el('td', { class: 'num' }, String(report.groups.reduce((s, g) => s + g.nTest, 0))),
    el('td'), el('td')));
  return tableRegion(
    el('table', { class: 'fu-table fu-groups' },
      el('caption', {}, reportTask(report) === 'regression' ? balance.caption : 'Rows per group in the training and test split, and the share of positive labels (train and test)'),
      el('thead', {}, el('tr', {}, ...header.map((h, j) => el('th', { class: numeric[j] ? 'num' : '', attrs: { scope: 'col' } }, h)))),
      body),
    el('p', { class: 'fu-note' }, `A group needs at least ${report.settings.minGroupSize} test rows to be tested; smaller groups are reported but left out of the multiple-testing correction.`),
  );
}

export function renderSettings(entry: ReportEntry): HTMLElement {
  const { dataset, settings, groups, model } = entry.report;
  const split = model?.newData
    ? 'none: every row is a test row (new data)'
    : settings.splitColumn ? `column ${settings.splitColumn} (train / test)` : `${Math.round((settings.testSize ?? 0) * 100)}% test, stratified by ${reportTask(entry.report) === 'regression' ? 'group' : 'group and label'}`;
  const assigned = Object.entries(settings.assign ?? {});
  const items: Array<[string, string | HTMLElement]> = [
    ['Data', entry.dataPath ?? dataset.path],
    ['Rows', `${dataset.rows} (${dataset.droppedRows} dropped for a missing label or group value)`],
    ['Label', reportTask(entry.report) === 'regression' ? `${dataset.label} (numeric: regression)` : `${dataset.label} (positive = ${dataset.positive})`],
    ['Group attributes', `${dataset.groupAttributes.join(' × ')} (${groups.length} intersectional groups)`],
    ['Features', featureList(dataset.features)],
    ['Personalization', `${settings.technique} — ${TECHNIQUE_NAMES[settings.technique]}`],
    ...(model
      ? [['Model', `${describeModel(entry.report).replace(/^model: /, '')}, threshold ${settings.threshold}`] as [string, string],
        ['Model SHA-256', el('code', { class: 'fu-hash' }, model.sha256)] as [string, HTMLElement]]
      : [['Model', reportTask(entry.report) === 'regression' ? `${linearModelName(entry.report)}, C = ${settings.C}` : `logistic regression, C = ${settings.C}, threshold ${settings.threshold}`] as [string, string]]),
    ...(assigned.length ? [['Assigned by the spec', assigned.map(([group, to]) => `${group}: ${SERVED_BY[to]}`).join('; ')] as [string, string]] : []),
    ['Split', model?.newData ? split : `${split}, seed ${settings.seed}`],
    ['Tests', `${settings.bootstrap} bootstrap resamples, α = ${settings.alpha}, ${settings.correction} correction`],
    ['Decisive metric', metricTitle(settings.metric)],
  ];
  const sources = sourcesLine(entry.report);
  if (sources) items.push(['Settings', sources.replace(/^set by/, 'Set by')]);
  if (entry.specLabel) items.push(['Spec', entry.specLabel]);
  items.push(['Finished', formatTime(entry.finishedAt)]);
  return el('dl', { class: 'fu-settings' }, ...items.flatMap(([term, value]) => [el('dt', {}, term), el('dd', {}, value)]));
}

export function renderWarnings(warnings: readonly string[]): HTMLElement {
  if (warnings.length === 0) return el('p', { class: 'fu-note' }, 'No warnings.');
  return el('ul', { class: 'fu-warnings' }, ...warnings.map((w) => el('li', {}, w)));
}

function featureList(features: readonly string[]): HTMLElement {
  return el('details', { class: 'fu-features' },
    el('summary', {}, `${features.length} feature column${features.length === 1 ? '' : 's'}`),
    el('p', {}, features.join(', ')));
}

/** Local date and time for the reader; the ISO text if it does not parse. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}
