/**
 * The choice "Show the report as if: original / generic / decoupled / selected" (SPEC §6), and the banner
 * that marks a hypothetical view: the tabs then draw an intervention's numbers, not the audited model's.
 * Native radio buttons in a fieldset: arrow keys move between them and screen readers name the group.
 */
import type { MetricId } from '../src/core/audit/metrics/metric';
import { metricNoun } from '../src/core/report/render/format';
import type { AuditReport, Intervention } from '../src/core/report/report';
import type { AsIf } from '../src/protocol/webview-protocol';
import { AS_IF_HEADLINES, changedAssignments } from './as-if';
import { el } from './dom';

const MODEL_WORDS: Readonly<Record<string, string>> = {
  personalized: 'the personalized model',
  generic: 'the model without group attributes',
  decoupled: 'a separate model of its own',
};

/** The radios, one per intervention the report holds; null without interventions. */
export function renderAsIfToggle(report: AuditReport, asIf: AsIf, onChange: (asIf: AsIf) => void): HTMLElement | null {
  const items = report.interventions?.items ?? [];
  if (items.length === 0) return null;
  const choices: Array<[AsIf, string, string]> = [
    ['original', 'original', 'The audited model'],
    ...items.map((item): [AsIf, string, string] => [item.kind, item.kind, item.description]),
  ];
  const fieldset = el('fieldset', { class: 'fu-asif-toggle', attrs: { 'data-as-if': asIf } },
    el('legend', {}, 'Show the report as if:'),
    ...choices.map(([value, label, description]) => {
      const input = el('input', { attrs: { type: 'radio', name: 'fu-as-if', value, id: `fu-as-if-${value}` } });
      input.checked = value === asIf;
      return el('label', { class: 'fu-asif-choice', attrs: { for: `fu-as-if-${value}`, title: description } }, input, el('span', {}, label));
    }));
  fieldset.addEventListener('change', (event) => {
    const value = (event.target as HTMLInputElement | null)?.value;
    const choice = choices.find(([v]) => v === value);
    if (choice) onChange(choice[0]);
  });
  return fieldset;
}

/** Checks the radio of `asIf` (when the view changed from elsewhere, e.g. a "show as if" button). */
export function syncAsIfToggle(root: ParentNode, asIf: AsIf): void {
  const fieldset = root.querySelector<HTMLElement>('fieldset.fu-asif-toggle');
  if (!fieldset) return;
  fieldset.dataset.asIf = asIf;
  for (const input of fieldset.querySelectorAll<HTMLInputElement>('input[name="fu-as-if"]')) input.checked = input.value === asIf;
}

/**
 * The banner above a hypothetical tab: which intervention, which groups it serves differently, and that
 * the verdict at the top remains the audited model's.
 */
export function renderAsIfBanner(report: AuditReport, item: Intervention, metric: MetricId, available: boolean): HTMLElement {
  const changes = changedAssignments(report, item);
  const served = changes.length
    ? `Served differently from the audited model: ${changes.map((c) => `${c.group} (${MODEL_WORDS[c.to]})`).join('; ')}.`
    : 'No group changes model under this intervention, so these are the audited model’s numbers.';
  const detail = available
    ? 'Gains, tests and verdicts below are recomputed for that assembled model on the same test rows; the verdict and the tabs’ counts at the top stay the audited model’s.'
    : `This intervention has no ${metricNoun(metric)} figures: the tab shows the audited model.`;
  return el('div', { class: 'fu-asif-banner', attrs: { role: 'note', 'data-as-if': item.kind } },
    el('p', {}, el('span', { class: 'fu-glyph', attrs: { 'aria-hidden': 'true' } }, '◇ '), el('strong', {}, `Hypothetical. ${AS_IF_HEADLINES[item.kind]}.`)),
    el('p', {}, served, ' ', detail));
}
