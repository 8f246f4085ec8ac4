/**
 * The typed messages between the extension host and the report webview. Both sides import this file;
 * the host validates every message it receives with `isWebviewMessage` (the webview is untrusted).
 */
import type { MetricId } from '../core/metrics/metric';
import type { AuditReport } from '../core/report';

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

/** The state the webview keeps with setState, so a reload restores the panel without the host. */
export interface PanelState {
  readonly entry: ReportEntry | null;
  readonly metric: MetricId | null;
  readonly focusGroup: string | null;
}

export type HostMessage =
  | { readonly type: 'show'; readonly entry: ReportEntry; readonly metric?: MetricId; readonly focusGroup?: string }
  | { readonly type: 'focus'; readonly group: string; readonly metric?: MetricId }
  | { readonly type: 'clear' };

export type ExportFormat = 'html' | 'markdown' | 'json';

export type WebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'export'; readonly format: ExportFormat }
  | { readonly type: 'metricChanged'; readonly metric: MetricId }
  | { readonly type: 'openSpec' }
  | { readonly type: 'rerun' };

const METRIC_IDS = new Set(['error', 'auc', 'ece', 'logloss', 'brier']);
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
    default:
      return false;
  }
}
