/**
 * The envy-freeness matrix as a heatmap: row = the group, column = the group it reports as, cell = the
 * gain of its own predictions over that group's (positive = no envy). Every cell shows its number;
 * the shade (theme chart colours, see report.css) only repeats its sign and size, and a significant
 * violation is outlined and marked "!" as in the Markdown report. Each pair's interval and p-values,
 * which the cells keep only in a mouse tooltip, are listed in a companion table (envyPairsTable) that
 * the keyboard and a screen reader reach.
 */
import type { MetricId } from '../src/core/audit/metrics/metric';
import { formatGain, formatInterval, formatP, metricTitle, VERDICT_LABELS } from '../src/core/report/render/format';
import { envyShade, HEAT_STEPS, heatClass, largestAbsGain } from '../src/core/report/render/html';
import type { AuditReport, EnvyRow, MetricReport } from '../src/core/report/report';
import { el, srOnly, tableRegion } from './dom';
import { verdictBadge } from './render-table';

const MARKS: Readonly<Record<EnvyRow['verdict'], string>> = { violation: '!', gain: '✓', none: '', untested: '' };
const SPOKEN: Readonly<Record<EnvyRow['verdict'], string>> = {
  violation: 'significant violation: this group would do better reporting as that group',
  gain: 'significant gain',
  none: 'no significant difference',
  untested: 'untested',
};

export function renderHeatmap(report: AuditReport, metric: MetricId, focusGroup: string | null): HTMLElement {
  const section = report.metrics[metric] as MetricReport;
  const ids = report.groups.map((g) => g.id);
  const byPair = new Map(section.envy.map((e) => [`${e.group}\u0000${e.reportedAs}`, e]));
  const scale = largestAbsGain(section.envy);
  const level = Math.round((1 - report.settings.alpha) * 100);

  const head = el('thead', {}, el('tr', {},
    el('th', { class: 'fu-corner', attrs: { scope: 'col' } }, 'Group \\ reported as'),
    ...ids.map((id) => el('th', { attrs: { scope: 'col' } }, id)),
  ));
  const body = el('tbody', {}, ...ids.map((group) => {
    const own = section.envy.filter((e) => e.group === group);
    const tr = el('tr', {
      class: [own.some((e) => e.verdict === 'violation') ? 'verdict-violation' : '', group === focusGroup ? 'is-focus' : ''].filter(Boolean).join(' '),
      attrs: { 'data-group': group, 'aria-current': group === focusGroup ? 'true' : null },
    }, el('th', { attrs: { scope: 'row' } }, group));
    for (const reportedAs of ids) {
      if (reportedAs === group) {
        tr.append(el('td', { class: 'fu-heat fu-diag' }, el('span', { attrs: { 'aria-hidden': 'true' } }, '—'), srOnly('same group')));
        continue;
      }
      const e = byPair.get(`${group}\u0000${reportedAs}`);
      if (!e) {
        tr.append(el('td', { class: 'fu-heat fu-missing' }, srOnly('not computed')));
        continue;
      }
      const tip = `${group} reporting as ${reportedAs}: gain ${formatGain(metric, e.gain)}` +
        (e.ci ? `, ${level}% CI ${formatInterval(metric, e.ci)}` : '') +
        (e.pHarm !== null ? `, p harm ${formatP(e.pHarm)}, p gain ${formatP(e.pGain)}` : '') + ` — ${SPOKEN[e.verdict]}`;
      tr.append(el('td', {
        class: `fu-heat num ${envyShade(e, scale)} verdict-${e.verdict}`,
        attrs: { 'data-reported-as': reportedAs, title: tip },
      },
      // The chip keeps the number on the editor background, readable over any shade (report.css).
      el('span', { class: 'fu-heat-chip' },
        el('span', { class: 'fu-heat-value' }, formatGain(metric, e.gain)),
        MARKS[e.verdict] ? el('span', { class: 'fu-heat-mark', attrs: { 'aria-hidden': 'true' } }, ` ${MARKS[e.verdict]}`) : null),
      e.verdict === 'none' ? null : srOnly(` (${SPOKEN[e.verdict]})`)));
    }
    return tr;
  }));

  const caption = `${metricTitle(metric)} — envy-freeness: gain of each group's own predictions over those of the group it could report as`;
  return el('div', { class: 'fu-heatmap-block' },
    tableRegion(el('table', { class: 'fu-table fu-heatmap' }, el('caption', {}, caption), head, body)),
    legend(),
    envyPairsTable(report, metric),
  );
}

/** Every pair of the heatmap as a row, with the interval and p-values the cells show only on hover. */
export function envyPairsTable(report: AuditReport, metric: MetricId): HTMLElement {
  const section = report.metrics[metric] as MetricReport;
  const level = Math.round((1 - report.settings.alpha) * 100);
  const header = ['Group', 'Reported as', 'Gain', `${level}% CI`, 'p harm', 'p gain', 'Verdict'];
  const table = el('table', { class: 'fu-table fu-envy-pairs' },
    el('caption', {}, `${metricTitle(metric)} — envy-freeness, each pair with its ${level}% interval and p-values`),
    el('thead', {}, el('tr', {}, ...header.map((h, j) => el('th', { class: j >= 2 && j <= 5 ? 'num' : '', attrs: { scope: 'col' } }, h)))),
    el('tbody', {}, ...section.envy.map((e) => el('tr', { class: `verdict-${e.verdict}`, attrs: { 'data-group': e.group, 'data-reported-as': e.reportedAs } },
      el('th', { attrs: { scope: 'row' } }, e.group),
      el('td', {}, e.reportedAs),
      el('td', { class: 'num' }, formatGain(metric, e.gain)),
      el('td', { class: 'num' }, formatInterval(metric, e.ci)),
      el('td', { class: 'num' }, formatP(e.pHarm)),
      el('td', { class: 'num' }, formatP(e.pGain)),
      el('td', { class: 'fu-verdict' }, verdictBadge(e.verdict, VERDICT_LABELS[e.verdict]))))));
  return el('details', { class: 'fu-envy-details' },
    el('summary', {}, `Intervals and p-values of the ${section.envy.length} pairs`),
    tableRegion(table));
}

/** Shade key with words at both ends; the shades are only a second reading of the numbers. */
function legend(): HTMLElement {
  const steps: number[] = [];
  for (let s = -HEAT_STEPS; s <= HEAT_STEPS; s++) steps.push(s);
  return el('div', { class: 'fu-legend' },
    el('span', {}, 'worse with own predictions'),
    el('span', { class: 'fu-legend-scale', attrs: { 'aria-hidden': 'true' } }, ...steps.map((s) => el('span', { class: `fu-legend-step ${heatClass(s)}` }))),
    el('span', {}, 'better'),
    el('span', { class: 'fu-legend-note' }, '! outlined = significant violation (the group would do better reporting as the column group) · ✓ = significant gain · darker = larger |gain|, relative to the largest tested one in this matrix · italic, unshaded = untested (too few test rows)'),
  );
}
