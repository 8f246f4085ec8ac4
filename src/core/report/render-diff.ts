/**
 * A report diff (diff.ts) as terminal text, Markdown for a pull-request comment, or JSON. Group ids come from
 * the data: the text form drops control characters, the Markdown form escapes Markdown and HTML.
 */
import { escapeMarkdown } from './render/markdown';
import { formatGain, metricNoun, VERDICT_LABELS } from './render/format';
import type { ChangeStatus, FindingChange, ReportDiff } from './diff';

export interface DiffFiles {
  /** The files as the user named them. */
  readonly old: string;
  readonly new: string;
}

const SECTIONS: ReadonlyArray<{ readonly status: ChangeStatus; readonly title: string }> = [
  { status: 'new', title: 'New violations' },
  { status: 'resolved', title: 'Resolved violations' },
  { status: 'persisting', title: 'Persisting violations' },
  { status: 'changed', title: 'Other verdicts that moved' },
];

/** The JSON form: the diff with the files it compares. */
export function diffJson(diff: ReportDiff, files: DiffFiles): string {
  return `${JSON.stringify({ old: files.old, new: files.new, ...diff }, null, 2)}\n`;
}

/** e.g. "1 new violation of error rate (the gate fails); 2 resolved, 0 persisting." */
export function diffVerdict(diff: ReportDiff): string {
  const count = (status: ChangeStatus, decisiveOnly: boolean) =>
    diff.changes.filter((c) => c.status === status && (!decisiveOnly || c.metric === diff.metric)).length;
  const fresh = count('new', true);
  const head = fresh === 0 ? `No new violation of ${metricNoun(diff.metric)}` : `${fresh} new violation${fresh === 1 ? '' : 's'} of ${metricNoun(diff.metric)} (the gate fails)`;
  return `${head}; ${count('resolved', true)} resolved, ${count('persisting', true)} persisting.`;
}

export function diffText(diff: ReportDiff, files: DiffFiles, color = false): string {
  const paint = (code: string, text: string) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
  const out = [paint('1', `Fair use diff — ${terminalSafe(files.old)} → ${terminalSafe(files.new)} (decisive metric: ${metricNoun(diff.metric)})`)];
  for (const change of diff.settingsChanged) out.push(`Setting changed: ${change.setting} ${terminalSafe(show(change.old))} → ${terminalSafe(show(change.new))}`);
  if (diff.metricsSkipped.length) out.push(`Not compared (in one report only): ${diff.metricsSkipped.map(metricNoun).join(', ')}`);
  for (const { status, title } of SECTIONS) {
    const rows = sectionRows(diff, status);
    const gating = status === 'new' && rows.some((c) => c.metric === diff.metric);
    out.push('', paint(gating ? '31;1' : '1', heading(title, rows, diff)));
    for (const c of rows) out.push(`  ${metricNoun(c.metric)} · ${terminalSafe(subject(c))}: ${movement(c)}`);
  }
  const verdict = diffVerdict(diff);
  out.push('', diff.hasNewViolation ? paint('31;1', verdict) : paint('32', verdict));
  return `${out.join('\n')}\n`;
}

export function diffMarkdown(diff: ReportDiff, files: DiffFiles): string {
  const out = [
    `## Fair use audit: ${escapeMarkdown(diffVerdict(diff))}`,
    '',
    `Comparing \`${code(files.old)}\` (old) with \`${code(files.new)}\` (new); the gate counts ${escapeMarkdown(metricNoun(diff.metric))}.`,
  ];
  if (diff.settingsChanged.length) {
    out.push('', 'Settings changed:', ...diff.settingsChanged.map((c) => `- ${escapeMarkdown(c.setting)}: ${escapeMarkdown(show(c.old))} → ${escapeMarkdown(show(c.new))}`));
  }
  for (const { status, title } of SECTIONS) {
    const rows = sectionRows(diff, status);
    if (rows.length === 0) continue;
    out.push('', `### ${escapeMarkdown(heading(title, rows, diff))}`, '', '| Metric | Finding | Old | New |', '| --- | --- | --- | --- |');
    for (const c of rows) {
      out.push(`| ${escapeMarkdown(metricNoun(c.metric))} | ${escapeMarkdown(subject(c))} | ${side(c, 'old')} | ${side(c, 'new')} |`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** A section's changes, the decisive metric's first (the gate counts only those). */
function sectionRows(diff: ReportDiff, status: ChangeStatus): FindingChange[] {
  const rows = diff.changes.filter((c) => c.status === status);
  return [...rows.filter((c) => c.metric === diff.metric), ...rows.filter((c) => c.metric !== diff.metric)];
}

/**
 * "New violations (2)" when every change is of the decisive metric; otherwise the count that decides apart from
 * the rest, so a heading of 2 new violations never sits above "No new violation of error rate".
 */
function heading(title: string, rows: readonly FindingChange[], diff: ReportDiff): string {
  const decisive = rows.filter((c) => c.metric === diff.metric).length;
  const other = rows.length - decisive;
  return other === 0 ? `${title} (${rows.length})` : `${title} (${decisive} of ${metricNoun(diff.metric)}, the measure that decides; ${other} of other measures)`;
}

/** "rationality of G" or "envy of G towards G′". */
function subject(c: FindingChange): string {
  return c.kind === 'rationality' ? `rationality of ${c.group}` : `envy of ${c.group} towards ${c.reportedAs}`;
}

function movement(c: FindingChange): string {
  return `${VERDICT_LABELS[c.old.verdict]} → ${VERDICT_LABELS[c.new.verdict]} (gain ${formatGain(c.metric, c.old.gain)} → ${formatGain(c.metric, c.new.gain)})`;
}

function side(c: FindingChange, which: 'old' | 'new'): string {
  return `${VERDICT_LABELS[c[which].verdict]}, gain ${escapeMarkdown(formatGain(c.metric, c[which].gain))}`;
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Control characters (escape sequences among them) from untrusted names never reach the terminal. */
function terminalSafe(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '�');
}

/** Inside a Markdown code span: a backtick would end it, a line break would break the paragraph. */
function code(text: string): string {
  return text.replace(/`/g, "'").replace(/[\r\n]+/g, ' ');
}
