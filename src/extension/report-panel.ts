/**
 * The report panel's host side: one webview panel at a time, created or revealed by `show`, revived
 * after a window reload by the WebviewPanelSerializer from the state the webview saved. The webview
 * is untrusted: every message it posts is checked with isWebviewMessage, and others are logged and
 * dropped.
 */
import * as vscode from 'vscode';
import type { MetricId } from '../core/audit/metrics/metric';
import { isPanelState } from '../protocol/panel-state';
import { makeNonce, panelHtml } from './panel-html';
import { defaultExportUri, EXPORT_EXTENSIONS, EXPORT_FORMATS, EXPORT_LABELS, writeReport } from './export-report';
import {
  isWebviewMessage,
  type ExportFormat,
  type HostMessage,
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
}

export interface ReportPanelController extends vscode.Disposable {
  /** Creates the panel or reveals it, and shows the entry (focused on a group or metric if given). */
  show(entry: ReportEntry, focus?: { group?: string; metric?: MetricId }): void;
  /** The panel, if open, shows its empty state. */
  clear(): void;
  readonly current: ReportEntry | undefined;
  /**
   * Writes the current report; asks for the format (quick pick) and the file (save dialog, starting
   * at `<data>.fairuse-report.<ext>` beside the data) when not given. The file written, or undefined
   * when there is no report or the user cancelled.
   */
  exportCurrent(format?: ExportFormat, target?: vscode.Uri): Promise<vscode.Uri | undefined>;
  /** For integration tests: what the webview last reported drawing. */
  readonly lastRendered: RenderedSummary | undefined;
  /** For integration tests: resolves once the webview has drawn the entry that finished at `finishedAt` (default: the current one). */
  whenRendered(finishedAt?: string): Promise<RenderedSummary>;
  readonly isVisible: boolean;
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

class ReportPanels implements ReportPanelController, vscode.WebviewPanelSerializer<unknown> {
  private panel: vscode.WebviewPanel | undefined;
  private panelDisposables: vscode.Disposable[] = [];
  /** The webview has loaded its script and said 'ready'; false again whenever it is hidden (its context is then discarded). */
  private ready = false;
  private entry: ReportEntry | undefined;
  private metric: MetricId | undefined;
  private focusGroup: string | undefined;
  private rendered: RenderedSummary | undefined;
  private waiters: RenderWaiter[] = [];

  constructor(private readonly extensionUri: vscode.Uri, private readonly hooks: ReportPanelHooks) {}

  get current(): ReportEntry | undefined {
    return this.entry;
  }

  get isVisible(): boolean {
    return this.panel?.visible ?? false;
  }

  get lastRendered(): RenderedSummary | undefined {
    return this.rendered;
  }

  show(entry: ReportEntry, focus: { group?: string; metric?: MetricId } = {}): void {
    const sameReport = this.entry?.finishedAt === entry.finishedAt;
    // A re-run of the same audit keeps the metric the user is reading; another audit opens on its decisive metric.
    const sameAudit = this.entry !== undefined && (this.entry.specPath ?? this.entry.dataPath) === (entry.specPath ?? entry.dataPath);
    const previous = this.entry;
    this.entry = entry;
    this.metric = focus.metric ?? (sameReport || (sameAudit && previous && this.metric && entry.report.metrics[this.metric]) ? this.metric : undefined);
    this.focusGroup = focus.group;
    if (this.panel) {
      this.panel.title = panelTitle(entry);
      this.panel.reveal(undefined, true);
    } else {
      const panel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, panelTitle(entry), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: true,
        enableFindWidget: true,
        localResourceRoots: [this.mediaUri()],
      });
      this.adopt(panel);
    }
    this.sendState();
  }

  clear(): void {
    this.entry = undefined;
    this.metric = undefined;
    this.focusGroup = undefined;
    if (this.panel) this.panel.title = panelTitle(undefined);
    this.sendState();
  }

  async exportCurrent(format?: ExportFormat, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const entry = this.entry;
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

  whenRendered(finishedAt?: string): Promise<RenderedSummary> {
    const wanted = finishedAt ?? this.entry?.finishedAt ?? null;
    if (this.rendered && this.rendered.finishedAt === wanted) return Promise.resolve(this.rendered);
    return new Promise((resolve) => this.waiters.push({ finishedAt: wanted, resolve }));
  }

  /** WebviewPanelSerializer: a panel restored after a reload; the webview redraws from its own saved state. */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    if (isPanelState(state) && state.entry) {
      this.entry = state.entry;
      this.metric = state.metric ?? undefined;
      this.focusGroup = state.focusGroup ?? undefined;
    }
    if (this.panel) {
      // Only one report panel: keep the one already open.
      panel.dispose();
      return;
    }
    panel.webview.options = { enableScripts: true, localResourceRoots: [this.mediaUri()] };
    panel.title = panelTitle(this.entry);
    this.adopt(panel);
  }

  dispose(): void {
    this.panel?.dispose();
    this.disposePanelListeners();
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    panel.iconPath = vscode.Uri.joinPath(this.mediaUri(), 'fairuse.svg');
    this.panelDisposables.push(
      panel.onDidDispose(() => {
        this.panel = undefined;
        this.ready = false;
        this.disposePanelListeners();
      }),
      panel.onDidChangeViewState(({ webviewPanel }) => {
        if (!webviewPanel.visible) this.ready = false;
      }),
      panel.webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
    );
    panel.webview.html = panelHtml({
      cspSource: panel.webview.cspSource,
      nonce: makeNonce(),
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(this.mediaUri(), 'dist', 'webview.js')).toString(),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(this.mediaUri(), 'report.css')).toString(),
    });
  }

  private receive(message: unknown): void {
    if (!isWebviewMessage(message)) {
      this.hooks.log(`Report panel: ignored a message outside the protocol: ${preview(message)}`);
      return;
    }
    this.handle(message);
  }

  private handle(message: WebviewMessage): void {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.sendState();
        return;
      case 'metricChanged':
        this.metric = message.metric;
        return;
      case 'export':
        void this.exportCurrent(message.format);
        return;
      case 'rerun':
        if (this.entry) this.hooks.rerun(this.entry);
        return;
      case 'openSpec':
        if (this.entry?.specPath) this.hooks.openSpec(this.entry);
        else this.hooks.log('Report panel: "Open spec" for a report without a spec file.');
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

  /** Posts what the panel should show, once the webview is listening; 'ready' triggers it again. */
  private sendState(): void {
    if (!this.panel || !this.ready) return;
    const message: HostMessage = this.entry
      ? { type: 'show', entry: this.entry, metric: this.metric, focusGroup: this.focusGroup }
      : { type: 'clear' };
    void this.panel.webview.postMessage(message).then((delivered) => {
      if (!delivered) this.hooks.log('Report panel: the webview did not take the report; it will get it when it is shown again.');
    });
  }

  private mediaUri(): vscode.Uri {
    return vscode.Uri.joinPath(this.extensionUri, 'media');
  }

  private disposePanelListeners(): void {
    for (const d of this.panelDisposables.splice(0)) d.dispose();
  }
}

async function pickFormat(): Promise<ExportFormat | undefined> {
  const picked = await vscode.window.showQuickPick(
    EXPORT_FORMATS.map((format) => ({ label: EXPORT_LABELS[format].split(' — ')[0], detail: EXPORT_LABELS[format].split(' — ')[1], format })),
    { title: 'Export the fair use report', placeHolder: 'Format' },
  );
  return picked?.format;
}

function panelTitle(entry: ReportEntry | undefined): string {
  if (!entry) return 'Fair Use report';
  const path = entry.dataPath ?? entry.report.dataset.path;
  return `Fair Use report: ${path.split(/[\\/]/).pop() || path}`;
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
