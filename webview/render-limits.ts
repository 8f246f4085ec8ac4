/**
 * What the audited data can validate (SPEC §7, paper 2): how likely any test is to miss a gain of ε at
 * these group sizes, how many binary attributes the test rows can support, and the group size needed.
 */
import { formatQuantity, metricNoun } from '../src/core/report/render/format';
import { epsilonText } from '../src/core/report/render/science-tables';
import type { AuditReport } from '../src/core/report/report';
import { el } from './dom';
import { explanationLimitsTable } from '../src/core/report/render/explanation-limits';
import { renderTextTable } from './render-text-table';

export function renderLimits(report: AuditReport): HTMLElement | null {
  const limits = report.limits;
  if (!limits) return null;
  const smallest = report.groups.length ? Math.min(...report.groups.map((g) => g.nTest)) : 0;
  const tone = limits.tooManyGroups ? 'violation' : 'plain';
  const explanationLimits = explanationLimitsTable(report);
  return el('div', { class: 'fu-limits' },
    limits.tooManyGroups
      ? el('p', { class: 'fu-limits-warning', attrs: { 'data-warning': 'too-many-groups' } },
        el('span', { class: 'fu-glyph', attrs: { 'aria-hidden': 'true' } }, '⚠ '),
        el('strong', {}, 'More groups than this data can validate.'),
        ` With ${limits.n} test rows in ${limits.groups} groups, no test can reliably tell a gain of ${epsilonText(report)} from none: a “no change” verdict here says little.`)
      : null,
    el('div', { class: 'fu-cards', attrs: { 'aria-label': 'What the data can validate' } },
      card('bound', 'Lower bound on the probability of error', limits.errorProbabilityBound.toFixed(3),
        `how often any test of “every group gains at least ε = ${epsilonText(report)}” must be wrong at these groups’ test sizes (P_e; above 0.5, no better than a coin toss)`, limits.errorProbabilityBound > 0.5 ? 'violation' : 'plain'),
      card('attributes', 'Binary attributes the test rows can validate', `${limits.maxAttributes.toFixed(2)} vs ${limits.attributes.toFixed(2)}`,
        `how many yes/no group attributes ${limits.n} test rows can support (k_max), against the ${limits.groups} groups audited here (log₂ ${limits.groups})`, tone),
      card('group-size', 'Equal group size needed', `${limits.minGroupSize} test rows`,
        `that each of ${limits.groups} groups would need for a test to beat a coin toss (P_e = ½); the smallest group here has ${smallest}`, 'plain'),
      limits.sigma === undefined ? null : card('sigma', 'Spread of the per-person gain (σ)', formatQuantity(limits.sigma),
        `pooled within groups, in ${metricNoun(report.settings.metric)}: the regression bound’s Gaussian form uses each group’s own σ`, 'plain')),
    el('p', { class: 'fu-note' },
      'Bounds that hold for any test of “every group gains at least ε” against “some group gains nothing”, not only this audit’s ' +
      '(Cornelis et al. 2025). The glossary (docs/glossary.md) explains these terms.'),
    explanationLimits ? renderTextTable(explanationLimits, { class: 'fu-explanation-limits' }) : null);
}

function card(key: string, label: string, value: string, detail: string, tone: 'plain' | 'violation'): HTMLElement {
  return el('div', { class: `fu-card fu-card-${tone}`, attrs: { 'data-card': key } },
    el('div', { class: 'fu-card-label' }, label),
    el('div', { class: 'fu-card-value' }, tone === 'violation' ? el('span', { attrs: { 'aria-hidden': 'true' } }, '⚠ ') : null, value),
    el('div', { class: 'fu-card-detail' }, detail));
}
