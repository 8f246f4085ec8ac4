/**
 * The interventions of SPEC §6 (paper 1, Appendix F, Table 3) as pure steps: assembling a model that serves
 * some groups with h0 or their decoupled model, choosing per group on validation rows, comparing the
 * violations before and after, and data minimization. `audit.ts` fits the models and runs the tests.
 */
import { METRICS, type MetricId, toRisk } from './metrics';
import type { PredictionMatrix } from './prediction-matrix';
import type { Assignment, AuditReport, InterventionsReport, MetricReport } from '../report/report';
import type { Labels } from '../data/task';

/**
 * The prediction matrix of the assembled model h′: h′(x, g) is h(x, g), h0(x) or the decoupled model of g,
 * as `assignment[g]` says, so envy compares against whatever serves the other group.
 *
 * @param decoupled decoupled[g] = g's decoupled model on every test row; needed when any group is 'decoupled'
 */
export function assemble(base: PredictionMatrix, assignment: readonly Assignment[], decoupled: readonly Float64Array[] | null): PredictionMatrix {
  return {
    generic: base.generic,
    asGroup: base.asGroup.map((column, g) => {
      switch (assignment[g]) {
        case 'generic':
          return base.generic;
        case 'decoupled':
          if (!decoupled) throw new Error('assemble: a decoupled assignment needs the decoupled predictions');
          return decoupled[g];
        default:
          return column;
      }
    }),
  };
}

/** The significant violations of a metric section, as "rationality: G" and "envy: G → G′". */
export function violationsOf(metric: MetricReport): Set<string> {
  const out = new Set<string>();
  for (const row of metric.rationality) if (row.verdict === 'violation') out.add(`rationality: ${row.group}`);
  for (const row of metric.envy) if (row.verdict === 'violation') out.add(`envy: ${row.group} → ${row.reportedAs}`);
  return out;
}

export function compareViolations(before: MetricReport, after: MetricReport): { resolved: string[]; created: string[] } {
  const a = violationsOf(before);
  const b = violationsOf(after);
  return { resolved: [...a].filter((v) => !b.has(v)), created: [...b].filter((v) => !a.has(v)) };
}

/**
 * Per group, the candidate with the lowest risk of `metric` on the group's validation rows (ties keep h, then
 * h0). A group whose validation risk is undefined for a candidate (AUC on one class) keeps h.
 *
 * @param risks risks[g] = the validation risk of each candidate on g's validation rows (NaN when undefined)
 */
export function chooseByValidation(risks: ReadonlyArray<Readonly<Record<Assignment, number>>>): Assignment[] {
  const order: Assignment[] = ['personalized', 'generic', 'decoupled'];
  return risks.map((r) => {
    if (order.some((a) => !Number.isFinite(r[a]))) return 'personalized';
    return order.reduce((best, a) => (r[a] < r[best] ? a : best), 'personalized' as Assignment);
  });
}

/** The risk (lower is better) of `metric` for labels y and predictions p; NaN when undefined. */
export function riskOf(metric: MetricId, y: Labels, p: Float64Array, threshold: number): number {
  const definition = METRICS[metric];
  return toRisk(definition, definition.prepare(y, p, threshold).score());
}

/**
 * Data minimization (paper 1 §4.2): the tested groups with no significant rationality gain, and each
 * attribute's values whose every tested group gains nothing: nobody with that value needs to report it.
 */
export function minimization(report: AuditReport, metric: MetricId): InterventionsReport['minimization'] {
  const section = report.metrics[metric];
  if (!section) return { groupsWithoutGain: [], valuesNotNeeded: {} };
  const tested = section.rationality.filter((r) => r.verdict !== 'untested');
  const withoutGain = new Set(tested.filter((r) => r.verdict !== 'gain').map((r) => r.group));
  const valuesNotNeeded: Record<string, string[]> = {};
  for (const attribute of report.dataset.groupAttributes) {
    const values = [...new Set(report.groups.map((g) => g.values[attribute]))];
    const notNeeded = values.filter((value) => {
      const groupsWithValue = report.groups.filter((g) => g.values[attribute] === value && tested.some((r) => r.group === g.id));
      return groupsWithValue.length > 0 && groupsWithValue.every((g) => withoutGain.has(g.id));
    });
    if (notNeeded.length) valuesNotNeeded[attribute] = notNeeded;
  }
  return { groupsWithoutGain: [...withoutGain], valuesNotNeeded };
}
