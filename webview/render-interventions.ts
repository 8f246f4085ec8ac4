/**
 * The interventions of SPEC §6 as paper 1's Table 3, one table each: per group the model it gets, its
 * rationality gain and verdict before → after, the violations the intervention resolves and creates, and
 * the overall risk before → after. Then data minimization. The cells are science-tables.ts's, so the panel
 * prints what the Markdown report prints.
 */
import { formatValue, metricNoun } from '../src/core/report/render/format';
import { VERDICT_GLYPHS } from '../src/core/report/render/html';
import { interventionTables, MINIMIZATION_CAVEAT, testedGroupsShow, VALUES_NOT_SHOWN_NEEDED } from '../src/core/report/render/science-tables';
import type { AuditReport, Intervention, InterventionsReport } from '../src/core/report/report';
import { el, tableRegion } from './dom';
import { renderTextTable } from './render-text-table';

/** Column of the Table 3 cells: 0 group, 1 model, 2 gain before, 3 verdict before, 4 gain after, 5 verdict after. */
const MODEL_COLUMN = 1;

export interface InterventionActions {
  /** Shows the metric tabs as if this intervention were the audited model. */
  showAsIf(kind: Intervention['kind']): void;
}

export function renderInterventions(report: AuditReport, actions: InterventionActions): HTMLElement | null {
  const interventions = report.interventions;
  if (!interventions) return null;
  const tables = interventionTables(report);
  return el('div', { class: 'fu-interventions' },
    el('p', { class: 'fu-note' },
      `Each intervention serves some groups with another model and is audited again on the same test rows (paper 1, Table 3). ` +
      `Gains and verdicts are for ${metricNoun(interventions.metric)}, the metric that decides the verdict.`),
    ...interventions.items.map((item, i) => renderItem(report, interventions, item, tables[i], actions)),
    renderMinimization(interventions));
}

function renderItem(
  report: AuditReport,
  interventions: InterventionsReport,
  item: Intervention,
  table: ReturnType<typeof interventionTables>[number],
  actions: InterventionActions,
): HTMLElement {
  const metric = interventions.metric;
  const headingId = `fu-intervention-${item.kind}-h`;
  // The caption is the description: the heading already names the intervention.
  const rendered = renderTextTable({ ...table, title: item.description }, {
    class: 'fu-intervention-table',
    verdictColumns: [3, 5],
    gainColumns: [2, 4],
    rowGroups: [...item.groups.map((g) => g.group), null],
    totalRow: true,
    withoutNote: true,
  });
  // The model column says which rows the intervention touched; mark them beyond the word itself.
  rendered.querySelectorAll('tbody tr[data-group]').forEach((tr, i) => {
    const assigned = item.groups[i]?.assigned;
    if (assigned && assigned !== 'personalized') tr.children[MODEL_COLUMN]?.classList.add('fu-assigned-other');
  });
  const show = el('vscode-button', { attrs: { secondary: true, 'data-action': `as-if-${item.kind}`, title: 'Draw the metric tabs above with this intervention’s numbers' } }, `Show the report as if ${item.kind}`);
  show.addEventListener('click', () => actions.showAsIf(item.kind));
  return el('section', { class: 'fu-intervention', attrs: { 'aria-labelledby': headingId, 'data-intervention': item.kind } },
    el('h3', { attrs: { id: headingId } }, `Intervention “${item.kind}”`),
    el('p', { class: 'fu-intervention-overall', attrs: { 'data-overall': '' } },
      `Overall ${metricNoun(metric)} of the served model: `,
      el('strong', {}, `${formatValue(metric, item.overall.before)} → ${formatValue(metric, item.overall.after)}`)),
    rendered,
    el('div', { class: 'fu-changes' },
      changeList('Resolves', 'resolved', item.resolved, VERDICT_GLYPHS.gain, 'no violation'),
      changeList('Creates', 'created', item.created, VERDICT_GLYPHS.violation, 'no violation')),
    el('div', { class: 'fu-intervention-actions' }, show));
}

function changeList(label: string, key: 'resolved' | 'created', violations: readonly string[], glyph: string, none: string): HTMLElement {
  return el('div', { class: `fu-change fu-change-${key}`, attrs: { 'data-changes': key } },
    el('span', { class: 'fu-change-label' }, `${label} (${violations.length}):`), ' ',
    violations.length === 0
      ? el('span', { class: 'fu-change-none' }, none)
      : el('ul', {}, ...violations.map((v) => el('li', {}, el('span', { class: 'fu-glyph', attrs: { 'aria-hidden': 'true' } }, `${glyph} `), v))));
}

function renderMinimization(interventions: InterventionsReport): HTMLElement {
  const { groupsWithoutGain, valuesNotNeeded } = interventions.minimization;
  const values = Object.entries(valuesNotNeeded).filter(([, vs]) => vs.length > 0);
  return el('section', { class: 'fu-minimization', attrs: { 'aria-labelledby': 'fu-minimization-h' } },
    el('h3', { attrs: { id: 'fu-minimization-h' } }, 'Data minimization'),
    el('p', {}, groupsWithoutGain.length
      ? `${testedGroupsShow(groupsWithoutGain.length)} no significant gain in ${metricNoun(interventions.metric)} from reporting their attributes:`
      : 'Every tested group gains significantly from its attributes.'),
    groupsWithoutGain.length ? el('ul', { class: 'fu-minimization-groups' }, ...groupsWithoutGain.map((g) => el('li', {}, g))) : null,
    values.length
      ? tableRegion(el('table', { class: 'fu-table fu-minimization-values' },
        el('caption', {}, VALUES_NOT_SHOWN_NEEDED),
        el('thead', {}, el('tr', {}, el('th', { attrs: { scope: 'col' } }, 'Attribute'), el('th', { attrs: { scope: 'col' } }, 'Values'))),
        el('tbody', {}, ...values.map(([attribute, vs]) => el('tr', { attrs: { 'data-attribute': attribute } },
          el('th', { attrs: { scope: 'row' } }, attribute), el('td', {}, vs.join(' / ')))))),
        el('p', { class: 'fu-note' }, `No tested group with these values gains significantly from reporting them. ${MINIMIZATION_CAVEAT}`))
      : el('p', {}, 'Every attribute value is needed by some group that gains from it.'));
}
