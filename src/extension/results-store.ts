/**
 * The last report of each audit spec, kept in the workspace's storage so the Problems panel and the report
 * come back after a reload without re-running anything.
 */
import type * as vscode from 'vscode';
import type { ReportEntry } from '../protocol/webview-protocol';

const KEY = 'fairUse.results.v1';

export class ResultsStore {
  constructor(private readonly memento: vscode.Memento) {}

  /** Entries by spec path (or data path for an audit without a spec), newest last. */
  all(): ReportEntry[] {
    const stored = this.memento.get<Record<string, ReportEntry>>(KEY, {});
    return Object.values(stored).sort((a, b) => a.finishedAt.localeCompare(b.finishedAt));
  }

  latest(): ReportEntry | undefined {
    return this.all().pop();
  }

  get(key: string): ReportEntry | undefined {
    return this.memento.get<Record<string, ReportEntry>>(KEY, {})[key];
  }

  async put(entry: ReportEntry): Promise<void> {
    const stored = { ...this.memento.get<Record<string, ReportEntry>>(KEY, {}) };
    stored[entryKey(entry)] = entry;
    await this.memento.update(KEY, stored);
  }

  async remove(key: string): Promise<void> {
    const stored = { ...this.memento.get<Record<string, ReportEntry>>(KEY, {}) };
    delete stored[key];
    await this.memento.update(KEY, stored);
  }

  async clear(): Promise<void> {
    await this.memento.update(KEY, undefined);
  }
}

export function entryKey(entry: ReportEntry): string {
  return entry.specPath ?? entry.dataPath ?? entry.report.dataset.path;
}
