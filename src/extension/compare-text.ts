/**
 * Two reports of the report panels compared, in the editor's words: the older one is OLD, the newer NEW, and the
 * engine's diff (core/report/diff.ts, the same as `fairuse diff`) supplies the finding tables. Pure: no `vscode`.
 */
import { isAuditInputError } from '../core/errors';
import { metricNoun } from '../core/report/render/format';
import { escapeMarkdown } from '../core/report/render/markdown';
import { compareGains, type GainComparison } from '../core/report/compare-gains';
import { diffReports, type ChangeStatus, type ReportDiff } from '../core/report/diff';
import { describeSettings } from '../core/report/render/tables';
import { diffMarkdown } from '../core/report/render-diff';
import type { PreviousAudit, ReportEntry } from '../protocol/webview-protocol';

export type Comparison =
  | { readonly ok: true; readonly sentence: string; readonly markdown: string; readonly diff: ReportDiff }
  | { readonly ok: false; readonly message: string };

/** How a report is named in the comparison: its spec (else its data) and when it finished. */
export function reportName(entry: ReportEntry): string {
  const path = entry.specLabel ?? entry.dataPath ?? entry.report.dataset.path;
  return `${path.split(/[\\/]/).pop() || path} (${entry.finishedAt.slice(0, 16).replace('T', ' ')})`;
}

/**
 * Compares two entries, the one that finished first as the old one.
 *
 * @returns the Markdown page and its one-sentence summary, or why the two cannot be compared
 */
export function compareEntries(a: ReportEntry, b: ReportEntry): Comparison {
  const [old, next] = a.finishedAt <= b.finishedAt ? [a, b] : [b, a];
  let diff: ReportDiff;
  try {
    diff = diffReports(old.report, next.report);
  } catch (error) {
    return { ok: false, message: incomparable(error, 'These two reports cannot be compared') };
  }
  const files = { old: reportName(old), new: reportName(next) };
  const sentence = comparisonSentence(diff);
  // The engine's page starts with a CI gate's verdict and file line; the editor says it in its own words.
  const tables = diffMarkdown(diff, files).split('\n').slice(3).join('\n');
  const markdown = [
    '# Fair Use: two reports compared',
    '',
    `**${escapeMarkdown(sentence)}**`,
    '',
    `Earlier: ${escapeMarkdown(files.old)}  `,
    `Later: ${escapeMarkdown(files.new)}  `,
    `Violations are counted on ${escapeMarkdown(metricNoun(diff.metric))}, the measure both audits decide by.`,
    tables,
  ].join('\n');
  return { ok: true, sentence, markdown: `${markdown.trimEnd()}\n`, diff };
}

/**
 * The audit `next` replaced (`old`, same spec) compared with it, group by group, for the report panel's
 * "Compared with the previous audit"; or why the two cannot be compared (the spec changed the groups, …).
 */
export function previousAudit(old: ReportEntry, next: ReportEntry): PreviousAudit {
  const about = { name: reportName(old), finishedAt: old.finishedAt };
  let comparison: GainComparison;
  let diff: ReportDiff;
  try {
    comparison = compareGains(old.report, next.report);
    diff = diffReports(old.report, next.report);
  } catch (error) {
    return { ok: false, ...about, problem: incomparable(error, 'This audit cannot be compared with the previous one') };
  }
  const sentence = comparisonSentence(diff).replace(/^The later report\b/, 'This audit');
  return { ok: true, ...about, settings: describeSettings(old.report), sentence, comparison };
}

function incomparable(error: unknown, lead: string): string {
  if (!isAuditInputError(error)) throw error;
  // The engine calls the two OLD and NEW, as `fairuse diff` names its arguments; here they are chosen, not named.
  const problem = error.problem.replace(/\bOLD\b/g, 'the earlier report').replace(/\bNEW\b/g, 'the later one');
  return `${lead}: ${problem} Compare two audits of the same data, groups and measure.`;
}

/** e.g. "The later report has 1 new violation of error rate; 2 were resolved and 0 persist." */
export function comparisonSentence(diff: ReportDiff): string {
  const count = (status: ChangeStatus) => diff.changes.filter((c) => c.status === status && c.metric === diff.metric).length;
  const fresh = count('new');
  const head = fresh === 0 ? `The later report has no new violation of ${metricNoun(diff.metric)}` : `The later report has ${fresh} new violation${fresh === 1 ? '' : 's'} of ${metricNoun(diff.metric)}`;
  const resolved = count('resolved');
  const persisting = count('persisting');
  return `${head}; ${resolved} ${resolved === 1 ? 'was' : 'were'} resolved and ${persisting} ${persisting === 1 ? 'persists' : 'persist'}.`;
}
