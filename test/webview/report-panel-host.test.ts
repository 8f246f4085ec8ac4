/**
 * The host side of the panel (src/extension/report-panel.ts) against a fake of the few `vscode` APIs it
 * uses: the handshake, the message check, export, and revival from the webview's saved state.
 * (vi.mock and vi.hoisted run before the imports.)
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderReportHtml } from '../../src/core/report/render/html';
import { renderMarkdown } from '../../src/core/report/render/markdown';
import { registerReportPanel, REPORT_VIEW_TYPE } from '../../src/extension/report-panel';
import type { PanelState } from '../../src/protocol/webview-protocol';
import { entryOf, heartReport } from './fixtures';

const fake = vi.hoisted(() => {
  interface FakeUri { scheme: string; path: string; fsPath: string; toString(): string }
  const uri = (path: string): FakeUri => {
    const parts: string[] = [];
    for (const part of path.split('/')) {
      if (part === '..') parts.pop();
      else if (part !== '' && part !== '.') parts.push(part);
    }
    const normal = `/${parts.join('/')}`;
    return { scheme: 'file', path: normal, fsPath: normal, toString: () => `file://${normal}` };
  };
  const makePanel = () => {
    const listeners = { message: [] as Array<(m: unknown) => void>, dispose: [] as Array<() => void>, view: [] as Array<(e: unknown) => void> };
    const panel = {
      title: '',
      visible: true,
      iconPath: undefined as unknown,
      listeners,
      posted: [] as unknown[],
      reveal: vi.fn(),
      dispose: vi.fn(() => listeners.dispose.forEach((l) => l())),
      onDidDispose: (l: () => void) => (listeners.dispose.push(l), { dispose() {} }),
      onDidChangeViewState: (l: (e: unknown) => void) => (listeners.view.push(l), { dispose() {} }),
      webview: {
        html: '',
        options: {} as unknown,
        cspSource: 'vscode-webview://fake',
        asWebviewUri: (u: FakeUri) => ({ toString: () => `vscode-webview://fake${u.path}` }),
        postMessage: vi.fn(async (m: unknown) => (panel.posted.push(m), true)),
        onDidReceiveMessage: (l: (m: unknown) => void) => (listeners.message.push(l), { dispose() {} }),
      },
      /** What the webview would post. */
      send: (message: unknown) => listeners.message.forEach((l) => l(message)),
    };
    return panel;
  };
  return {
    uri,
    makePanel,
    created: [] as Array<{ panel: ReturnType<typeof makePanel>; options: unknown; showOptions: unknown }>,
    serializers: new Map<string, unknown>(),
    written: new Map<string, string>(),
    saveDialog: [] as unknown[],
    info: [] as string[],
    quickPick: undefined as unknown,
  };
});

vi.mock('vscode', () => ({
  Uri: {
    file: (path: string) => fake.uri(path),
    joinPath: (base: { path: string }, ...segments: string[]) => fake.uri([base.path, ...segments].join('/')),
  },
  ViewColumn: { Beside: -2 },
  window: {
    createWebviewPanel: (_type: string, title: string, showOptions: unknown, options: unknown) => {
      const panel = fake.makePanel();
      panel.title = title;
      fake.created.push({ panel, options, showOptions });
      return panel;
    },
    registerWebviewPanelSerializer: (viewType: string, serializer: unknown) => (fake.serializers.set(viewType, serializer), { dispose() {} }),
    showSaveDialog: async (options: { defaultUri: unknown }) => (fake.saveDialog.push(options), options.defaultUri),
    showQuickPick: async (items: Array<{ format: string }>) => items.find((i) => i.format === fake.quickPick),
    showInformationMessage: async (message: string) => void fake.info.push(message),
    showErrorMessage: async (message: string) => void fake.info.push(`error: ${message}`),
    showTextDocument: async () => undefined,
  },
  workspace: {
    workspaceFolders: undefined,
    fs: { writeFile: async (target: { fsPath: string }, data: Uint8Array) => void fake.written.set(target.fsPath, new TextDecoder().decode(data)) },
  },
  env: { openExternal: async () => true },
}));

function setup() {
  const log: string[] = [];
  const hooks = { rerun: vi.fn(), openSpec: vi.fn(), log: (line: string) => void log.push(line) };
  const context = { extensionUri: fake.uri('/ext'), subscriptions: [] as Array<{ dispose(): void }> };
  const controller = registerReportPanel(context as never, hooks);
  return { controller, hooks, log, context };
}

beforeEach(() => {
  fake.created.length = 0;
  fake.serializers.clear();
  fake.written.clear();
  fake.saveDialog.length = 0;
  fake.info.length = 0;
});

describe('report panel (host side)', () => {
  it('registers the serializer and its disposables', () => {
    const { controller, context } = setup();
    expect(fake.serializers.has(REPORT_VIEW_TYPE)).toBe(true);
    expect(REPORT_VIEW_TYPE).toBe('fairUse.report');
    expect(context.subscriptions).toContain(controller);
    expect(context.subscriptions.length).toBeGreaterThanOrEqual(2);
  });

  it('creates the panel with scripts on, media as the only resource root and the strict CSP; posts the entry once the webview is ready', async () => {
    const { controller } = setup();
    const entry = entryOf(await heartReport(), { dataPath: '/data/heart.csv' });
    controller.show(entry);
    const [{ panel, options }] = fake.created;
    expect(options).toMatchObject({ enableScripts: true, localResourceRoots: [expect.objectContaining({ path: '/ext/media' })] });
    expect((options as { retainContextWhenHidden?: boolean }).retainContextWhenHidden).toBeUndefined();
    expect(panel.title).toBe('Fair Use report: heart.csv');
    expect(panel.webview.html).toContain(`default-src 'none'; img-src vscode-webview://fake data:; style-src vscode-webview://fake 'nonce-`);
    expect(panel.webview.html).toContain('src="vscode-webview://fake/ext/media/dist/webview.js"');
    expect(panel.posted).toEqual([]);

    panel.send({ type: 'ready' });
    expect(panel.posted).toEqual([{ type: 'show', entry, metric: undefined, focusGroup: undefined }]);
    expect(controller.current).toBe(entry);

    // a second show reveals the same panel, focused on a group
    controller.show(entry, { group: entry.report.groups[1].id, metric: 'auc' });
    expect(fake.created).toHaveLength(1);
    expect(panel.reveal).toHaveBeenCalled();
    expect(panel.posted.at(-1)).toEqual({ type: 'show', entry, metric: 'auc', focusGroup: entry.report.groups[1].id });
  });

  it('logs and ignores messages outside the protocol, and dispatches the valid ones', async () => {
    const { controller, hooks, log } = setup();
    const entry = entryOf(await heartReport());
    controller.show(entry);
    const { panel } = fake.created[0];
    for (const bad of ['ready', null, { type: 'rerun', extra: 1 }, { type: 'export', format: 'exe' }, { type: 'metricChanged', metric: 'rmse' },
      { type: 'rendered', summary: { finishedAt: 1 } }, { type: 'openFile', path: '/etc/passwd' }]) {
      panel.send(bad);
    }
    expect(log.filter((l) => l.startsWith('Report panel: ignored a message outside the protocol'))).toHaveLength(7);
    expect(hooks.rerun).not.toHaveBeenCalled();
    expect(fake.written.size).toBe(0);

    panel.send({ type: 'rerun' });
    expect(hooks.rerun).toHaveBeenCalledWith(entry);
    panel.send({ type: 'openSpec' });
    expect(hooks.openSpec).not.toHaveBeenCalled(); // no spec file behind this entry
    // An audit from a spec is another audit than the one without: it gets its own panel, whose Open spec works.
    controller.show({ ...entry, specPath: '/data/heart.fairuse.json' });
    expect(fake.created).toHaveLength(2);
    fake.created[1].panel.send({ type: 'openSpec' });
    expect(hooks.openSpec).toHaveBeenCalledTimes(1);
  });

  it('keeps one panel per audited file: a re-run updates its own panel, another file opens a second one', async () => {
    const { controller } = setup();
    const report = await heartReport();
    const heart = entryOf(report, { specPath: '/data/heart.fairuse.json', dataPath: '/data/heart.csv' });
    const other = entryOf(report, { specPath: '/data/other.fairuse.json', dataPath: '/data/other.csv', finishedAt: '2025-01-02T04:00:00.000Z' });
    controller.show(heart);
    controller.show(other);
    expect(fake.created.map((c) => c.panel.title)).toEqual(['Fair Use report: heart.csv', 'Fair Use report: other.csv']);
    expect(controller.openEntries).toEqual([heart, other]);
    expect(controller.current).toBe(other);
    const rerun = { ...heart, finishedAt: '2025-01-02T05:00:00.000Z' };
    controller.show(rerun);
    expect(fake.created).toHaveLength(2);
    expect(controller.openEntries).toEqual([rerun, other]);
    expect(controller.isOpen(other)).toBe(true);
    // closing one leaves the other
    fake.created[1].panel.dispose();
    expect(controller.openEntries).toEqual([rerun]);
    expect(controller.isOpen(other)).toBe(false);
  });

  it('revives every saved panel once, each with its own report, and tells which one is in view', async () => {
    const changed: unknown[] = [];
    const hooks = { rerun: vi.fn(), openSpec: vi.fn(), log: () => undefined, currentChanged: (e: unknown) => void changed.push(e) };
    const controller = registerReportPanel({ extensionUri: fake.uri('/ext'), subscriptions: [] } as never, hooks);
    const report = await heartReport();
    const heart = entryOf(report, { specPath: '/data/heart.fairuse.json', dataPath: '/data/heart.csv' });
    const other = entryOf(report, { specPath: '/data/other.fairuse.json', dataPath: '/data/other.csv' });
    const serializer = fake.serializers.get(REPORT_VIEW_TYPE) as { deserializeWebviewPanel(p: unknown, s: unknown): Promise<void> };
    const panels = [fake.makePanel(), fake.makePanel(), fake.makePanel()];
    Object.assign(panels[1], { active: true });
    await serializer.deserializeWebviewPanel(panels[0], JSON.parse(JSON.stringify({ entry: heart, metric: null, focusGroup: null })));
    await serializer.deserializeWebviewPanel(panels[1], JSON.parse(JSON.stringify({ entry: other, metric: 'auc', focusGroup: null })));
    await serializer.deserializeWebviewPanel(panels[2], JSON.parse(JSON.stringify({ entry: heart, metric: null, focusGroup: null })));
    expect(panels[2].dispose).toHaveBeenCalled();
    expect(controller.openEntries.map((e) => e.dataPath)).toEqual(['/data/heart.csv', '/data/other.csv']);
    expect(controller.current?.dataPath).toBe('/data/other.csv');
    expect((changed.at(-1) as { dataPath: string }).dataPath).toBe('/data/other.csv');
    panels[1].send({ type: 'ready' });
    expect(panels[1].posted).toEqual([{ type: 'show', entry: JSON.parse(JSON.stringify(other)), metric: 'auc', focusGroup: undefined }]);
  });

  it('exports on request beside the data, in the chosen format, with the core renderers', async () => {
    const { controller } = setup();
    const entry = entryOf(await heartReport(), { dataPath: '/data/heart.csv', specLabel: 'heart.fairuse.json' });
    controller.show(entry);
    fake.created[0].panel.send({ type: 'export', format: 'html' });
    await vi.waitFor(() => expect(fake.written.size).toBe(1));
    expect(fake.saveDialog[0]).toMatchObject({ defaultUri: expect.objectContaining({ path: '/data/heart.fairuse-report.html' }) });
    expect(fake.written.get('/data/heart.fairuse-report.html')).toBe(renderReportHtml(entry.report, { specLabel: entry.specLabel, finishedAt: entry.finishedAt }));

    fake.quickPick = 'markdown';
    const md = await controller.exportCurrent();
    expect(md?.path).toBe('/data/heart.fairuse-report.md');
    expect(fake.written.get('/data/heart.fairuse-report.md')).toBe(renderMarkdown(entry.report));

    const json = await controller.exportCurrent('json', fake.uri('/out/r.json') as never);
    expect(json?.path).toBe('/out/r.json');
    expect(fake.written.get('/out/r.json')).toBe(JSON.stringify(entry.report, null, 2) + '\n');
  });

  it('has nothing to export before an audit', async () => {
    const { controller } = setup();
    expect(await controller.exportCurrent('json', fake.uri('/out/r.json') as never)).toBeUndefined();
    expect(fake.written.size).toBe(0);
    expect(fake.info[0]).toMatch(/no fair use report to export/i);
  });

  it('revives a panel from the state the webview saved, keeping its metric', async () => {
    const { controller } = setup();
    const entry = entryOf(await heartReport());
    const saved: PanelState = JSON.parse(JSON.stringify({ entry, metric: 'brier', focusGroup: null }));
    const panel = fake.makePanel();
    const serializer = fake.serializers.get(REPORT_VIEW_TYPE) as { deserializeWebviewPanel(p: unknown, s: unknown): Promise<void> };
    await serializer.deserializeWebviewPanel(panel, saved);
    expect(controller.current).toEqual(entry);
    expect(panel.webview.options).toMatchObject({ enableScripts: true, localResourceRoots: [expect.objectContaining({ path: '/ext/media' })] });
    expect(panel.webview.html).toContain("script-src 'nonce-");
    panel.send({ type: 'ready' });
    expect(panel.posted).toEqual([{ type: 'show', entry: saved.entry, metric: 'brier', focusGroup: undefined }]);
  });

  it('re-sends the entry with the chosen metric when a hidden panel comes back, and resolves whenRendered', async () => {
    const { controller } = setup();
    const entry = entryOf(await heartReport());
    controller.show(entry);
    const { panel } = fake.created[0];
    panel.send({ type: 'ready' });
    panel.send({ type: 'metricChanged', metric: 'ece' });
    const rendered = controller.whenRendered();
    const summary = { finishedAt: entry.finishedAt, metric: 'ece', focusGroup: null, groupRows: 4, envyCells: 12 };
    panel.send({ type: 'rendered', summary });
    await expect(rendered).resolves.toEqual(summary);
    expect(controller.lastRendered).toEqual(summary);

    panel.visible = false;
    panel.listeners.view.forEach((l) => l({ webviewPanel: panel }));
    const before = panel.posted.length;
    controller.show(entry, { metric: 'ece' }); // its context is gone while hidden: wait for the next 'ready'
    expect(panel.posted).toHaveLength(before);
    panel.visible = true;
    panel.send({ type: 'ready' });
    expect(panel.posted.at(-1)).toEqual({ type: 'show', entry, metric: 'ece', focusGroup: undefined });

    controller.clear();
    expect(panel.posted.at(-1)).toEqual({ type: 'clear' });
    expect(controller.current).toBeUndefined();
  });

  it('takes the "as if" choice in a rendered summary and a saved state, and drops a summary with an unknown one', async () => {
    const { controller, log } = setup();
    const entry = entryOf(await heartReport());
    const panel = fake.makePanel();
    const serializer = fake.serializers.get(REPORT_VIEW_TYPE) as { deserializeWebviewPanel(p: unknown, s: unknown): Promise<void> };
    await serializer.deserializeWebviewPanel(panel, JSON.parse(JSON.stringify({ entry, metric: 'auc', focusGroup: null, asIf: 'generic' })));
    expect(controller.current).toEqual(entry);
    const summary = { finishedAt: entry.finishedAt, metric: 'auc', focusGroup: null, asIf: 'generic', groupRows: 4, envyCells: 12 };
    panel.send({ type: 'rendered', summary });
    expect(controller.lastRendered).toEqual(summary);
    panel.send({ type: 'rendered', summary: { ...summary, asIf: 'h0' } });
    expect(controller.lastRendered).toEqual(summary);
    expect(log.filter((l) => l.startsWith('Report panel: ignored a message outside the protocol'))).toHaveLength(1);
  });

  it('sends the comparison with the previous audit with the entry, revealed once; re-sends it on ready; drops it when closed or on a new audit', async () => {
    const hooks = { rerun: vi.fn(), openSpec: vi.fn(), log: () => undefined, openGlossary: vi.fn(), openComparison: vi.fn() };
    const controller = registerReportPanel({ extensionUri: fake.uri('/ext'), subscriptions: [] } as never, hooks);
    const entry = entryOf(await heartReport(), { specPath: '/data/heart.fairuse.json' });
    const previous = { ok: false as const, name: 'heart.fairuse.json (2025-01-01 00:00)', finishedAt: '2025-01-01T00:00:00.000Z', problem: 'These differ.' };
    controller.showPrevious(entry, previous);
    const { panel } = fake.created[0];
    panel.send({ type: 'ready' });
    expect(panel.posted).toEqual([{ type: 'show', entry, metric: undefined, focusGroup: undefined, previous, revealPrevious: true }]);
    panel.send({ type: 'ready' });
    expect(panel.posted.at(-1)).toEqual({ type: 'show', entry, metric: undefined, focusGroup: undefined, previous, revealPrevious: false });
    panel.send({ type: 'comparison', action: 'markdown' });
    expect(hooks.openComparison).toHaveBeenCalledWith(entry);
    panel.send({ type: 'openGlossary', term: 'p-value' });
    expect(hooks.openGlossary).toHaveBeenCalledWith('p-value');
    panel.send({ type: 'comparison', action: 'close' });
    panel.send({ type: 'ready' });
    expect(panel.posted.at(-1)).toEqual({ type: 'show', entry, metric: undefined, focusGroup: undefined });
    controller.showPrevious(entry, previous);
    controller.show({ ...entry, finishedAt: '2025-01-03T00:00:00.000Z' });
    expect(panel.posted.at(-1)).not.toHaveProperty('previous');
  });
});
