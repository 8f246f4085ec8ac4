/**
 * The report as if one of its interventions (SPEC §6) had been the audited model: the same groups and
 * settings, with the intervention's metric sections (its gains, envy and tests on the same test rows).
 * Pure, so the renderers stay unaware of which model they draw.
 */
import type { MetricId } from '../src/core/audit/metrics/metric';
import type { Assignment, AuditReport, Intervention } from '../src/core/report/report';

/** What each hypothetical view is, in the words of its banner. */
export const AS_IF_HEADLINES: Readonly<Record<Intervention['kind'], string>> = {
  generic: 'As if harmed groups got the model without group attributes (h0) — not the audited model',
  decoupled: 'As if harmed groups got a separate model of their own (decoupled) — not the audited model',
  selected: 'As if each group got whichever did best on rows set aside for choosing: the personalized model, the one without group attributes, or its own separate model — not the audited model',
};

/**
 * The report to draw for `metric`: the original, or a copy whose metric sections are the intervention's.
 * Null when the intervention has no section for that metric (the caller then says so).
 */
export function reportAsIf(report: AuditReport, item: Intervention | null, metric: MetricId): AuditReport | null {
  if (!item) return report;
  if (!item.metrics[metric]) return null;
  return { ...report, metrics: item.metrics };
}

/** The model serving each group, where it is not h: the spec's "assign" for the original, the intervention's choice otherwise. */
export function servedBy(report: AuditReport, item: Intervention | null): ReadonlyMap<string, Exclude<Assignment, 'personalized'>> {
  const served = new Map<string, Exclude<Assignment, 'personalized'>>();
  if (item) {
    for (const g of item.groups) if (g.assigned !== 'personalized') served.set(g.group, g.assigned);
  } else {
    for (const [group, assigned] of Object.entries(report.settings.assign ?? {})) served.set(group, assigned);
  }
  return served;
}

/** The groups an intervention serves differently from the audited model, with the model they get instead. */
export function changedAssignments(report: AuditReport, item: Intervention): Array<{ group: string; from: Assignment; to: Assignment }> {
  const original = report.settings.assign ?? {};
  return item.groups
    .map((g) => ({ group: g.group, from: (original[g.group] ?? 'personalized') as Assignment, to: g.assigned }))
    .filter((change) => change.from !== change.to);
}
