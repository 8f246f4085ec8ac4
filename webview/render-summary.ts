/**
 * The summary cards of one metric, as paper 1 Table 1: overall gain, and the counts of significant
 * gains and violations for rationality and envy-freeness.
 */
import type { MetricId } from '../src/core/audit/metrics/metric';
import { formatGain, formatRSquared, formatRSquaredGain, formatValue, metricTitle } from '../src/core/report/render/format';
import type { AuditReport, MetricReport } from '../src/core/report/report';
import { el, srOnly } from './dom';

/** @param labelSuffix appended to the cards' accessible name, e.g. " — as if generic" for a hypothetical view */
export function renderSummary(report: AuditReport, metric: MetricId, labelSuffix = ''): HTMLElement {
  const section = report.metrics[metric] as MetricReport;
  const { overall, summary } = section;
  const testedGroups = section.rationality.filter((r) => r.verdict !== 'untested').length;
  const testedPairs = section.envy.filter((e) => e.verdict !== 'untested').length;
  const title = metricTitle(metric);

  return el('section', { class: 'fu-cards', attrs: { 'aria-label': `${title}: summary${labelSuffix}` } },
    card({
      label: 'Overall gain',
      value: formatGain(metric, overall.gain),
      detail: `${title}: generic ${formatValue(metric, overall.generic)} → personalized ${formatValue(metric, overall.personalized)}`,
      tone: overall.gain !== null && overall.gain < 0 ? 'loss' : 'plain',
      key: 'overall',
    }),
    countCard('Rationality', 'rationality', summary.rationalityGains, summary.rationalityViolations, `over ${testedGroups} tested group${testedGroups === 1 ? '' : 's'}`),
    countCard('Envy-freeness', 'envy', summary.envyGains, summary.envyViolations, `over ${testedPairs} tested pair${testedPairs === 1 ? '' : 's'}`),
    card({
      label: 'Best / worst group gain',
      value: `${formatGain(metric, summary.bestGain)} / ${formatGain(metric, summary.worstGain)}`,
      detail: 'rationality gains of the groups, tested or not',
      tone: 'plain',
      key: 'range',
    }),
    section.r2
      ? card({
        label: 'R² overall',
        value: formatRSquaredGain(section.r2.overall.gain),
        detail: `1 − MSE / variance of the label: generic ${formatRSquared(section.r2.overall.generic)} → personalized ${formatRSquared(section.r2.overall.personalized)}`,
        tone: section.r2.overall.gain !== null && section.r2.overall.gain < 0 ? 'loss' : 'plain',
        key: 'r2',
      })
      : null,
  );
}

interface CardContent {
  readonly label: string;
  readonly value: string;
  readonly detail: string;
  readonly tone: 'plain' | 'loss' | 'violation';
  readonly key: string;
}

function card(content: CardContent): HTMLElement {
  return el('div', { class: `fu-card fu-card-${content.tone}`, attrs: { 'data-card': content.key } },
    el('div', { class: 'fu-card-label' }, content.label),
    el('div', { class: 'fu-card-value' }, content.tone === 'violation' ? el('span', { attrs: { 'aria-hidden': 'true' } }, '⚠ ') : null, content.value),
    el('div', { class: 'fu-card-detail' }, content.detail),
  );
}

/** "gains / violations", as the paper's table; a card with violations says so in words too. */
function countCard(label: string, key: string, gains: number, violations: number, over: string): HTMLElement {
  const node = card({
    label: `${label}: gains / violations`,
    value: `${gains} / ${violations}`,
    detail: `significant, ${over}`,
    tone: violations > 0 ? 'violation' : 'plain',
    key,
  });
  node.querySelector('.fu-card-value')!.append(srOnly(` (${gains} significant gain${gains === 1 ? '' : 's'}, ${violations} violation${violations === 1 ? '' : 's'})`));
  return node;
}
