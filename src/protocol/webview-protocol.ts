/**
 * The typed messages between the extension host and the report webview. Both sides import this file;
 * the host validates every message it receives with `isWebviewMessage` (the webview is untrusted).
 */
import { METRIC_IDS as ALL_METRIC_IDS, type MetricId } from '../core/audit/metrics/metric';
import type { GainComparison } from '../core/report/compare-gains';
import type { AuditReport, Intervention } from '../core/report/report';
import { isGlossaryTerm, type GlossaryTerm } from './glossary';

/** What the panel shows: a report and where it came from (for titles and "open spec" links). */
export interface ReportEntry {
  readonly report: AuditReport;
  /** Workspace-relative or absolute display path of the audit spec, when the audit came from one. */
  readonly specLabel?: string;
  /** Absolute file-system path of the audit spec, for "open spec" and "re-run". */
  readonly specPath?: string;
  /** Absolute file-system path of the audited CSV. */
  readonly dataPath?: string;
  /** When the audit finished, ISO 8601. */
  readonly finishedAt: string;
}

/**
 * Which model the metric tabs show: the audited one, or one of the report's interventions (SPEC §6) as if it
 * had been audited instead.
 */
export type AsIf = 'original' | Intervention['kind'];

export const AS_IF_CHOICES: readonly AsIf[] = ['original', 'generic', 'decoupled', 'selected'];

/**
 * The audit the shown one replaced (same spec, else same data), compared with it: "Compared with the previous
 * audit" in the panel. `ok: false` when the two cannot be compared (other data, groups or measure), with why.
 */
export type PreviousAudit =
  | {
      readonly ok: true;
      readonly name: string;
      readonly finishedAt: string;
      readonly settings: readonly string[];
      readonly sentence: string;
      readonly comparison: GainComparison;
    }
  | { readonly ok: false; readonly name: string; readonly finishedAt: string; readonly problem: string };

/** The state the webview keeps with setState, so a reload restores the panel without the host. */
export interface PanelState {
  readonly entry: ReportEntry | null;
  readonly metric: MetricId | null;
  readonly focusGroup: string | null;
  /** Absent in states saved before interventions were shown: the original. */
  readonly asIf?: AsIf;
  /** Shown after "Compare with Previous Audit"; absent otherwise (and in states saved before it existed). */
  readonly previous?: PreviousAudit;
}

export type HostMessage =
  | {
    readonly type: 'show';
    readonly entry: ReportEntry;
    readonly metric?: MetricId;
    readonly focusGroup?: string;
    /** The comparison with the previous audit to show (the host keeps it and sends it with every 'show'). */
    readonly previous?: PreviousAudit;
    /** Scroll the comparison into view and focus it (the command was just run). */
    readonly revealPrevious?: boolean;
  }
  | { readonly type: 'focus'; readonly group: string; readonly metric?: MetricId }
  | { readonly type: 'clear' };

export type ExportFormat = 'html' | 'markdown' | 'json';

/**
 * What the webview reports after each render, so integration tests can wait for the panel and check
 * what it drew without reaching into the iframe.
 */
export interface RenderedSummary {
  /** The `finishedAt` of the entry on screen; null for the empty state. */
  readonly finishedAt: string | null;
  readonly metric: MetricId | null;
  readonly focusGroup: string | null;
  /** Rows of the per-group gain table (without the total). */
  readonly groupRows: number;
  /** Cells of the envy-freeness heatmap (without the diagonal). */
  readonly envyCells: number;
  /** The model the tabs show (absent from older webviews: the original). */
  readonly asIf?: AsIf;
  /** Rows of the comparison with the previous audit, over its metrics (absent or 0: none shown). */
  readonly previousRows?: number;
}

export type WebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'export'; readonly format: ExportFormat }
  | { readonly type: 'metricChanged'; readonly metric: MetricId }
  | { readonly type: 'openSpec' }
  | { readonly type: 'rerun' }
  | { readonly type: 'rendered'; readonly summary: RenderedSummary }
  /** A glossary link: the host opens docs/glossary.md at the term (never a URL from the webview). */
  | { readonly type: 'openGlossary'; readonly term: GlossaryTerm }
  /** The comparison with the previous audit as a Markdown page, or closed. */
  | { readonly type: 'comparison'; readonly action: 'markdown' | 'close' };

const METRIC_IDS: ReadonlySet<string> = new Set(ALL_METRIC_IDS);
const FORMATS = new Set(['html', 'markdown', 'json']);

/** Accepts only the messages above, with valid fields; anything else from the webview is dropped. */
export function isWebviewMessage(value: unknown): value is WebviewMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  switch (message.type) {
    case 'ready':
    case 'openSpec':
    case 'rerun':
      return Object.keys(message).length === 1;
    case 'export':
      return typeof message.format === 'string' && FORMATS.has(message.format);
    case 'metricChanged':
      return typeof message.metric === 'string' && METRIC_IDS.has(message.metric);
    case 'rendered':
      return isRenderedSummary(message.summary);
    case 'openGlossary':
      return Object.keys(message).length === 2 && isGlossaryTerm(message.term);
    case 'comparison':
      return Object.keys(message).length === 2 && (message.action === 'markdown' || message.action === 'close');
    default:
      return false;
  }
}

function isRenderedSummary(value: unknown): value is RenderedSummary {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Record<string, unknown>;
  const stringOrNull = (v: unknown) => v === null || typeof v === 'string';
  const count = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
  return stringOrNull(s.finishedAt) && (s.metric === null || (typeof s.metric === 'string' && METRIC_IDS.has(s.metric))) &&
    stringOrNull(s.focusGroup) && count(s.groupRows) && count(s.envyCells) && (s.asIf === undefined || isAsIf(s.asIf)) &&
    (s.previousRows === undefined || count(s.previousRows));
}

export function isAsIf(value: unknown): value is AsIf {
  return typeof value === 'string' && (AS_IF_CHOICES as readonly string[]).includes(value);
}
