/**
 * The last report of each audit spec, kept in the workspace's storage so the Problems panel and the report
 * come back after a reload without re-running anything; and the one before it, for "Compare with Previous Audit".
 */
import type * as vscode from 'vscode';
import type { ReportEntry } from '../protocol/webview-protocol';

const KEY = 'fairUse.results.v1';
/** The report each entry replaced, by the same key. */
const PREVIOUS_KEY = 'fairUse.previous.v1';

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

  /** The report of this spec that the current one replaced, if any. */
  previous(key: string): ReportEntry | undefined {
    return this.memento.get<Record<string, ReportEntry>>(PREVIOUS_KEY, {})[key];
  }

  async put(entry: ReportEntry): Promise<void> {
    const key = entryKey(entry);
    const stored = { ...this.memento.get<Record<string, ReportEntry>>(KEY, {}) };
    const replaced = stored[key];
    if (replaced && replaced.finishedAt !== entry.finishedAt) {
      await this.memento.update(PREVIOUS_KEY, { ...this.memento.get<Record<string, ReportEntry>>(PREVIOUS_KEY, {}), [key]: replaced });
    }
    stored[key] = entry;
    await this.memento.update(KEY, stored);
  }

  async remove(key: string): Promise<void> {
    const stored = { ...this.memento.get<Record<string, ReportEntry>>(KEY, {}) };
    delete stored[key];
    await this.memento.update(KEY, stored);
    const previous = { ...this.memento.get<Record<string, ReportEntry>>(PREVIOUS_KEY, {}) };
    delete previous[key];
    await this.memento.update(PREVIOUS_KEY, previous);
  }

  async clear(): Promise<void> {
    await this.memento.update(KEY, undefined);
    await this.memento.update(PREVIOUS_KEY, undefined);
  }
}

export function entryKey(entry: ReportEntry): string {
  return entry.specPath ?? entry.dataPath ?? entry.report.dataset.path;
}
