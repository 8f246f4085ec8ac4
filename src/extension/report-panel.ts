/**
 * The report panels' host side: one webview panel per audited file (spec, else data), created or revealed by
 * `show`, each revived after a window reload by the WebviewPanelSerializer from the state its webview saved. The webview
 * is untrusted: every message it posts is checked with isWebviewMessage, and others are logged and
 * dropped.
 */
import * as vscode from 'vscode';
import type { MetricId } from '../core/audit/metrics/metric';
import type { GlossaryTerm } from '../protocol/glossary';
import { isPanelState } from '../protocol/panel-state';
import { makeNonce, panelHtml } from './panel-html';
import { defaultExportUri, EXPORT_EXTENSIONS, EXPORT_FORMATS, EXPORT_LABELS, writeReport } from './export-report';
import { panelTitle } from './panel-title';
import { entryKey } from './results-store';
import {
  isWebviewMessage,
  type ExportFormat,
  type HostMessage,
  type PreviousAudit,
  type RenderedSummary,
  type ReportEntry,
  type WebviewMessage,
} from '../protocol/webview-protocol';

export const REPORT_VIEW_TYPE = 'fairUse.report';

export interface ReportPanelHooks {
  /** Runs the audit of the entry again. */
  rerun(entry: ReportEntry): void;
  /** Opens the entry's spec file. */
  openSpec(entry: ReportEntry): void;
  /** A line for the "Fair Use" output channel. */
  log(line: string): void;
  /** The report the user is looking at changed (another panel became active, or one was shown). */
  currentChanged?(entry: ReportEntry | undefined): void;
  /** Opens docs/glossary.md at a term the panel links to. */
  openGlossary?(term: GlossaryTerm): void;
  /** Opens the comparison of the entry with its previous audit as a Markdown page. */
  openComparison?(entry: ReportEntry): void;
}

export interface ReportPanelController extends vscode.Disposable {
  /**
   * Shows the entry in its own panel (one per audited file: spec, else data), created or revealed, focused on a
   * group or metric if given. Other files' panels stay as they are.
   */
  show(entry: ReportEntry, focus?: { group?: string; metric?: MetricId }): void;
  /** Shows the entry, as `show` does, with its comparison with the previous audit in view. */
  showPrevious(entry: ReportEntry, previous: PreviousAudit): void;
  /** Every open panel shows its empty state. */
  clear(): void;
  /** The entry of the report panel the user last looked at. */
  readonly current: ReportEntry | undefined;
  /** The entries of the open panels, in the order they were opened. */
  readonly openEntries: readonly ReportEntry[];
  /** Whether a panel of the entry's audit (spec, else data) is open. */
  isOpen(entry: ReportEntry): boolean;
  /**
   * Writes the current report; asks for the format (quick pick) and the file (save dialog, starting
   * at `<data>.fairuse-report.<ext>` beside the data) when not given. The file written, or undefined
   * when there is no report or the user cancelled.
   */
  exportCurrent(format?: ExportFormat, target?: vscode.Uri): Promise<vscode.Uri | undefined>;
  /** For integration tests: what a webview last reported drawing. */
  readonly lastRendered: RenderedSummary | undefined;
  /** For integration tests: resolves once a webview has drawn the entry that finished at `finishedAt` (default: the current one). */
  whenRendered(finishedAt?: string): Promise<RenderedSummary>;
}

export function registerReportPanel(context: vscode.ExtensionContext, hooks: ReportPanelHooks): ReportPanelController {
  const controller = new ReportPanels(context.extensionUri, hooks);
  context.subscriptions.push(controller, vscode.window.registerWebviewPanelSerializer(REPORT_VIEW_TYPE, controller));
  return controller;
}

interface RenderWaiter {
  readonly finishedAt: string | null;
  readonly resolve: (summary: RenderedSummary) => void;
}

/** Panels by audit: the key of results-store.ts (spec path, else data path); an empty panel has its own key. */
class ReportPanels implements ReportPanelController, vscode.WebviewPanelSerializer<unknown> {
  private readonly slots = new Map<string, ReportSlot>();
  private active: ReportSlot | undefined;
  private rendered: RenderedSummary | undefined;
  private waiters: RenderWaiter[] = [];
  private emptyPanels = 0;

  constructor(private readonly extensionUri: vscode.Uri, private readonly hooks: ReportPanelHooks) {}

  get current(): ReportEntry | undefined {
    return this.active?.entry ?? [...this.slots.values()].reverse().find((s) => s.entry)?.entry;
  }

  get openEntries(): readonly ReportEntry[] {
    return [...this.slots.values()].flatMap((s) => (s.entry ? [s.entry] : []));
  }

  get lastRendered(): RenderedSummary | undefined {
    return this.rendered;
  }

  isOpen(entry: ReportEntry): boolean {
    return this.slots.has(entryKey(entry));
  }

  show(entry: ReportEntry, focus: { group?: string; metric?: MetricId } = {}, previous?: PreviousAudit): void {
    const key = entryKey(entry);
    let slot = this.slots.get(key);
    if (!slot) {
      // Beside the editor for the first report; later ones open as tabs next to the others.
      const column = [...this.slots.values()].map((s) => s.panel.viewColumn).find((c) => c !== undefined) ?? vscode.ViewColumn.Beside;
      const panel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, panelTitle(entry), { viewColumn: column, preserveFocus: true }, {
        enableScripts: true,
        enableFindWidget: true,
        localResourceRoots: [this.mediaUri()],
      });
      slot = this.adopt(panel, key);
    } else {
      slot.panel.reveal(undefined, true);
    }
    slot.setEntry(entry, focus, previous, previous !== undefined);
    this.makeActive(slot);
  }

  showPrevious(entry: ReportEntry, previous: PreviousAudit): void {
    this.show(entry, {}, previous);
  }

  clear(): void {
    for (const slot of this.slots.values()) slot.setEntry(undefined);
    this.hooks.currentChanged?.(undefined);
  }

  async exportCurrent(format?: ExportFormat, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    return this.exportEntry(this.current, format, target);
  }

  whenRendered(finishedAt?: string): Promise<RenderedSummary> {
    const wanted = finishedAt ?? this.current?.finishedAt ?? null;
    if (this.rendered && this.rendered.finishedAt === wanted) return Promise.resolve(this.rendered);
    return new Promise((resolve) => this.waiters.push({ finishedAt: wanted, resolve }));
  }

  /** WebviewPanelSerializer: a panel restored after a reload; the webview redraws from its own saved state. */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const saved = isPanelState(state) && state.entry ? state : undefined;
    const key = saved?.entry ? entryKey(saved.entry) : `empty:${++this.emptyPanels}`;
    if (this.slots.has(key)) {
      // One panel per audited file: keep the one already open.
      panel.dispose();
      return;
    }
    panel.webview.options = { enableScripts: true, localResourceRoots: [this.mediaUri()] };
    const slot = this.adopt(panel, key);
    if (saved?.entry) slot.setEntry(saved.entry, { metric: saved.metric ?? undefined, group: saved.focusGroup ?? undefined }, saved.previous);
    if (panel.active) this.makeActive(slot);
  }

  dispose(): void {
    for (const slot of [...this.slots.values()]) slot.panel.dispose();
  }

  private async exportEntry(entry: ReportEntry | undefined, format?: ExportFormat, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    if (!entry) {
      void vscode.window.showInformationMessage('There is no fair use report to export yet: run an audit first (right-click a CSV file in the Explorer).');
      return undefined;
    }
    const chosenFormat = format ?? (await pickFormat());
    if (!chosenFormat) return undefined;
    const file = target ?? (await vscode.window.showSaveDialog({
      defaultUri: defaultExportUri(entry, chosenFormat),
      filters: { [chosenFormat.toUpperCase()]: [EXPORT_EXTENSIONS[chosenFormat]] },
      saveLabel: 'Export report',
      title: 'Export the fair use report',
    }));
    if (!file) return undefined;
    try {
      await writeReport(entry, chosenFormat, file);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.hooks.log(`Export of the report to ${file.fsPath} failed: ${reason}`);
      void vscode.window.showErrorMessage(`Could not write the report to ${file.fsPath}: ${reason}. Choose a folder you can write to and export again.`);
      return undefined;
    }
    this.hooks.log(`Exported the report of ${entry.report.dataset.path} as ${chosenFormat} to ${file.fsPath}`);
    void vscode.window.showInformationMessage(`Fair use report saved to ${file.fsPath}.`, 'Open').then((choice) => {
      if (choice !== 'Open') return;
      if (chosenFormat === 'html') void vscode.env.openExternal(file);
      else void vscode.window.showTextDocument(file);
    });
    return file;
  }

  private makeActive(slot: ReportSlot): void {
    this.active = slot;
    this.hooks.currentChanged?.(slot.entry);
  }

  private adopt(panel: vscode.WebviewPanel, key: string): ReportSlot {
    const slot = new ReportSlot(panel, key, this.hooks, {
      onMessage: (message) => this.handle(slot, message),
      onActive: () => this.makeActive(slot),
      onDispose: () => {
        if (this.slots.get(slot.key) === slot) this.slots.delete(slot.key);
        if (this.active === slot) {
          this.active = undefined;
          this.hooks.currentChanged?.(this.current);
        }
      },
    });
    this.slots.set(key, slot);
    panel.iconPath = vscode.Uri.joinPath(this.mediaUri(), 'fairuse.svg');
    panel.webview.html = panelHtml({
      cspSource: panel.webview.cspSource,
      nonce: makeNonce(),
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(this.mediaUri(), 'dist', 'webview.js')).toString(),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(this.mediaUri(), 'report.css')).toString(),
    });
    return slot;
  }

  private handle(slot: ReportSlot, message: WebviewMessage): void {
    switch (message.type) {
      case 'ready':
        slot.ready = true;
        slot.sendState();
        return;
      case 'metricChanged':
        slot.metric = message.metric;
        return;
      case 'export':
        void this.exportEntry(slot.entry, message.format);
        return;
      case 'rerun':
        if (slot.entry) this.hooks.rerun(slot.entry);
        return;
      case 'openSpec':
        if (slot.entry?.specPath) this.hooks.openSpec(slot.entry);
        else this.hooks.log('Report panel: "Open spec" for a report without a spec file.');
        return;
      case 'openGlossary':
        this.hooks.openGlossary?.(message.term);
        return;
      case 'comparison':
        if (message.action === 'close') slot.previous = undefined;
        else if (slot.entry) this.hooks.openComparison?.(slot.entry);
        return;
      case 'rendered': {
        this.rendered = message.summary;
        const [done, waiting] = partition(this.waiters, (w) => w.finishedAt === message.summary.finishedAt);
        this.waiters = waiting;
        for (const waiter of done) waiter.resolve(message.summary);
        return;
      }
    }
  }

  private mediaUri(): vscode.Uri {
    return vscode.Uri.joinPath(this.extensionUri, 'media');
  }
}

interface SlotEvents {
  onMessage(message: WebviewMessage): void;
  onActive(): void;
  onDispose(): void;
}

/** One report panel and what it shows. */
class ReportSlot {
  /** The webview has loaded its script and said 'ready'; false again whenever it is hidden (its context is then discarded). */
  ready = false;
  entry: ReportEntry | undefined;
  metric: MetricId | undefined;
  /** The comparison with the previous audit the panel shows, until it is closed or another audit is shown. */
  previous: PreviousAudit | undefined;
  private focusGroup: string | undefined;
  private revealPrevious = false;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(readonly panel: vscode.WebviewPanel, readonly key: string, private readonly hooks: ReportPanelHooks, events: SlotEvents) {
    this.disposables.push(
      panel.onDidDispose(() => {
        this.ready = false;
        for (const d of this.disposables.splice(0)) d.dispose();
        events.onDispose();
      }),
      panel.onDidChangeViewState(({ webviewPanel }) => {
        if (!webviewPanel.visible) this.ready = false;
        if (webviewPanel.active) events.onActive();
      }),
      panel.webview.onDidReceiveMessage((message: unknown) => {
        if (isWebviewMessage(message)) events.onMessage(message);
        else hooks.log(`Report panel: ignored a message outside the protocol: ${preview(message)}`);
      }),
    );
  }

  /** @param revealPrevious scroll the comparison with the previous audit into view ("Compare with Previous Audit") */
  setEntry(entry: ReportEntry | undefined, focus: { group?: string; metric?: MetricId } = {}, previous?: PreviousAudit, revealPrevious = false): void {
    const sameReport = entry !== undefined && this.entry?.finishedAt === entry.finishedAt;
    // The comparison is of the report on screen: a new audit (or a cleared panel) drops it.
    this.previous = previous ?? (sameReport ? this.previous : undefined);
    this.revealPrevious = revealPrevious;
    // A re-run of the same audit keeps the metric the user is reading; a cleared panel forgets it.
    const keepMetric =
      entry !== undefined && this.entry !== undefined && this.metric !== undefined && (sameReport || entry.report.metrics[this.metric] !== undefined);
    this.metric = focus.metric ?? (keepMetric ? this.metric : undefined);
    this.focusGroup = focus.group;
    this.entry = entry;
    this.panel.title = panelTitle(entry);
    this.sendState();
  }

  /** Posts what the panel should show, once the webview is listening; 'ready' triggers it again. */
  sendState(): void {
    if (!this.ready) return;
    const reveal = this.revealPrevious;
    this.revealPrevious = false;
    const message: HostMessage = this.entry
      ? { type: 'show', entry: this.entry, metric: this.metric, focusGroup: this.focusGroup, ...(this.previous ? { previous: this.previous, revealPrevious: reveal } : {}) }
      : { type: 'clear' };
    void this.panel.webview.postMessage(message).then((delivered) => {
      if (!delivered) this.hooks.log('Report panel: the webview did not take the report; it will get it when it is shown again.');
    });
  }
}

async function pickFormat(): Promise<ExportFormat | undefined> {
  const picked = await vscode.window.showQuickPick(
    EXPORT_FORMATS.map((format) => ({ label: EXPORT_LABELS[format].split(' — ')[0], detail: EXPORT_LABELS[format].split(' — ')[1], format })),
    { title: 'Export the fair use report', placeHolder: 'Format' },
  );
  return picked?.format;
}


function preview(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  const yes: T[] = [];
  const no: T[] = [];
  for (const item of items) (test(item) ? yes : no).push(item);
  return [yes, no];
}
