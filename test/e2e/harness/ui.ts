/// <reference lib="dom" />
// Driving the workbench as a person would: palette, explorer context menu, quick picks, notifications,
// Problems panel, webviews, screenshots. Every wait has a time-out.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { e2eEnv } from './env';
import { log } from './util';

const UI_TIMEOUT = 20_000;
/** See openExplorerContextMenu: how long a new context menu ignores mouse clicks, plus a margin. */
const MENU_ARM_MS = 250;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Saves test/e2e/screenshots/<step>.png (the folder is git-ignored) and returns its path. */
export async function screenshot(page: Page, step: string): Promise<string> {
  const dir = e2eEnv(false).screenshotsDir;
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${step.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path: file, timeout: 15_000, animations: 'disabled' });
  log(`screenshot ${path.relative(process.cwd(), file)}`);
  return file;
}

/**
 * Opens the palette (F1), types `title`, waits until the highlighted row shows it, presses Enter.
 * `beforeEnter` runs while the palette is open with the command highlighted. The palette lists the
 * commands known when it opened, so while extensions are still starting it is closed and reopened.
 */
export async function runCommand(
  page: Page,
  title: string,
  timeoutMs = UI_TIMEOUT,
  beforeEnter?: () => Promise<unknown>,
): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('.quick-input-box input').first();
  const row = widget
    .locator('.quick-input-list .monaco-list-row.focused')
    .filter({ hasText: new RegExp(escapeRegExp(title), 'i') })
    .first();
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    const left = () => Math.max(1_000, deadline - Date.now());
    if (await widget.isVisible()) await page.keyboard.press('Escape');
    try {
      await page.keyboard.press('F1');
      await input.waitFor({ state: 'visible', timeout: Math.min(5_000, left()) });
      await input.fill(`>${title}`, { timeout: Math.min(5_000, left()) }); // F1 prefills ">"; keep it
    } catch (err) {
      // A webview that takes focus just after a click (a report tab) can swallow F1 or close the palette again.
      if (Date.now() >= deadline) throw new Error(`the command palette did not open for "${title}": ${(err as Error).message}`, { cause: err });
      log(`the palette did not open or closed again for "${title}" (attempt ${attempt}), retrying`);
      await page.waitForTimeout(500);
      continue;
    }
    try {
      await row.waitFor({ state: 'visible', timeout: Math.min(5_000, left()) });
      break;
    } catch (err) {
      if (Date.now() >= deadline) throw new Error(`command "${title}" not found in the palette: ${(err as Error).message}`, { cause: err });
      log(`command "${title}" not in the palette yet (attempt ${attempt}), reopening`);
      await page.keyboard.press('Escape');
      await page.waitForTimeout(1_000);
    }
  }
  if (beforeEnter) await beforeEnter(); // e.g. a screenshot of the palette
  await input.press('Enter');
  // The palette closes, or the command opens a quick input of its own (its value has no ">").
  const deadline2 = Date.now() + timeoutMs;
  while ((await widget.isVisible()) && (await input.inputValue().catch(() => '')).startsWith('>')) {
    if (Date.now() > deadline2) throw new Error(`the palette stayed open after running "${title}"`);
    await page.waitForTimeout(100);
  }
}

/** Shows the Explorer view (Ctrl+Shift+E) and waits for its tree. */
export async function showExplorer(page: Page, timeoutMs = UI_TIMEOUT): Promise<void> {
  const tree = page.locator('.explorer-folders-view');
  if (!(await tree.isVisible())) {
    await page.keyboard.press('Control+Shift+E');
  }
  await tree.waitFor({ state: 'visible', timeout: timeoutMs });
}

/** The Explorer row of a file or folder shown by its name (the row's label, not a substring). */
export function explorerRow(page: Page, name: string): Locator {
  return page
    .locator('.explorer-folders-view .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(name)}$`) }) });
}

/** Names of the Explorer rows that are selected (aria-selected), in view order. */
export async function explorerSelection(page: Page): Promise<string[]> {
  return page
    .locator('.explorer-folders-view .monaco-list-row[aria-selected="true"]')
    .evaluateAll((rows) =>
      rows
        .filter((r) => !r.closest('.monaco-tree-sticky-container'))
        .map((r) => (r.querySelector('.label-name')?.textContent ?? '').trim()),
    );
}

/**
 * Right-clicks the Explorer row `name` until its context menu shows `item` (extension menu items
 * appear once the extension host has registered the extension), and returns that menu item.
 */
export async function openExplorerContextMenu(
  page: Page,
  name: string,
  item: string | RegExp,
  timeoutMs = UI_TIMEOUT,
): Promise<Locator> {
  await showExplorer(page, timeoutMs);
  const row = explorerRow(page, name).first();
  await row.waitFor({ state: 'visible', timeout: timeoutMs });
  const label = typeof item === 'string' ? new RegExp(`^\\s*${escapeRegExp(item)}\\s*$`) : item;
  const menuItem = page
    .locator('.context-view .monaco-menu .action-item')
    .filter({ has: page.locator('.action-label', { hasText: label }) })
    .first();
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    await row.click({ button: 'right', timeout: Math.max(1_000, deadline - Date.now()) });
    try {
      await menuItem.waitFor({ state: 'visible', timeout: Math.min(3_000, Math.max(1_000, deadline - Date.now())) });
      // A menu item only listens for mouseup 100 ms after the menu rendered (so the right-click's own
      // mouseup cannot pick an item); a click before that is silently lost.
      await page.waitForTimeout(MENU_ARM_MS);
      return menuItem;
    } catch (err) {
      if (Date.now() >= deadline) throw new Error(`"${item}" not in the context menu of ${name}: ${(err as Error).message}`, { cause: err });
      log(`"${item}" not in the context menu of ${name} yet (attempt ${attempt}), retrying`);
      await page.keyboard.press('Escape');
      await page.waitForTimeout(1_000);
    }
  }
}

/** Right-clicks the Explorer row `name` and picks the context-menu item `item`. */
export async function explorerContextMenu(page: Page, name: string, item: string | RegExp, timeoutMs = UI_TIMEOUT): Promise<void> {
  const menuItem = await openExplorerContextMenu(page, name, item, timeoutMs);
  await clickMenuItem(page, menuItem, timeoutMs);
}

/** Clicks an item of an open context menu and waits until the menu closed (clicks again if it was lost). */
export async function clickMenuItem(page: Page, menuItem: Locator, timeoutMs = UI_TIMEOUT): Promise<void> {
  const menu = page.locator('.context-view .monaco-menu');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await menuItem.click({ timeout: Math.max(1_000, deadline - Date.now()) });
    try {
      await menu.waitFor({ state: 'hidden', timeout: 2_000 });
      return;
    } catch (err) {
      if (Date.now() >= deadline) throw new Error(`the context menu stayed open after clicking: ${(err as Error).message}`, { cause: err });
      log('the context menu is still open after the click, clicking again');
    }
  }
}

/** Context-menu items shown after right-clicking the Explorer row `name` (the menu is closed again). */
export async function explorerContextMenuItems(page: Page, name: string, timeoutMs = UI_TIMEOUT): Promise<string[]> {
  await showExplorer(page, timeoutMs);
  const row = explorerRow(page, name).first();
  await row.click({ button: 'right', timeout: timeoutMs });
  const items = page.locator('.context-view .monaco-menu .action-item .action-label');
  await items.first().waitFor({ state: 'visible', timeout: timeoutMs });
  const texts = (await items.allInnerTexts()).map((t) => t.trim()).filter(Boolean);
  await page.keyboard.press('Escape');
  return texts;
}

/** Waits for a notification toast whose text matches, and returns it. */
export async function waitForNotification(page: Page, text: string | RegExp, timeoutMs = UI_TIMEOUT): Promise<Locator> {
  const toast = page.locator('.notifications-toasts .notification-toast').filter({ hasText: text }).first();
  await toast.waitFor({ state: 'visible', timeout: timeoutMs });
  return toast;
}

/** Closes all notification toasts (the "Clear All Notifications" command). */
export async function clearNotifications(page: Page, timeoutMs = UI_TIMEOUT): Promise<void> {
  await runCommand(page, 'Notifications: Clear All Notifications', timeoutMs);
  await page
    .locator('.notifications-toasts .notification-toast')
    .first()
    .waitFor({ state: 'hidden', timeout: timeoutMs })
    .catch(() => undefined);
}

/** The problems counter in the status bar (e.g. "1 errors, 0 warnings" by aria-label). */
export function problemsStatus(page: Page): Locator {
  return page.locator('#status\\.problems');
}

/**
 * The content frame of the active webview (VS Code nests it: iframe.webview.ready > #active-frame).
 * Use normal locators on it, e.g. `webviewFrame(page).locator('h1')`.
 */
export function webviewFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

/** The editor tabs (`.tabs-container .tab`), e.g. `editorTabs(page).filter({ hasText: 'data.csv' })`. */
export function editorTabs(page: Page): Locator {
  return page.locator('.tabs-container .tab');
}

// ------------------------------------------------------------------ quick picks and input boxes

/** The quick-input widget (palette, quick picks, input boxes all share it). */
export function quickInputWidget(page: Page): Locator {
  return page.locator('.quick-input-widget');
}

/** What the open quick input asks: its title, placeholder, prompt/message, joined by " | ". */
export async function quickInputPrompt(page: Page): Promise<string> {
  const widget = quickInputWidget(page);
  return widget.evaluate((w) => {
    const text = (sel: string) => {
      const el = w.querySelector(sel) as HTMLElement | null;
      return el && el.offsetParent !== null ? (el.textContent ?? '').trim() : '';
    };
    const input = w.querySelector('.quick-input-box input') as HTMLInputElement | null;
    return [text('.quick-input-title'), input?.placeholder ?? '', text('.quick-input-message')].filter(Boolean).join(' | ');
  });
}

/**
 * Waits until the quick input is open and asks something matching `prompt` (tested against title,
 * placeholder and message), so a step of a multi-step flow is not answered with the previous one's answer.
 */
export async function waitForQuickInput(page: Page, prompt: RegExp, timeoutMs = UI_TIMEOUT): Promise<string> {
  const widget = quickInputWidget(page);
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    if (await widget.isVisible()) {
      last = await quickInputPrompt(page).catch(() => '');
      if (prompt.test(last)) return last;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for a quick input asking ${prompt} (last shown: ${last ? `"${last}"` : 'none'})`);
    }
    await page.waitForTimeout(100);
  }
}

/** A row of the open quick pick whose label is exactly `label` (a string) or matches it (a RegExp). */
export function quickPickRow(page: Page, label: string | RegExp): Locator {
  const re = typeof label === 'string' ? new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) : label;
  return quickInputWidget(page)
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: re }) });
}

/** Labels of the rows the open quick pick shows (the visible part of the list). */
export async function quickPickLabels(page: Page): Promise<string[]> {
  // A row's detail line is a second icon label with its own .label-name: take the first, the item's label.
  const rows = quickInputWidget(page).locator('.quick-input-list .monaco-list-row');
  return rows.evaluateAll((els) => els.map((row) => (row.querySelector('.label-name')?.textContent ?? '').trim()));
}

/**
 * Answers a single-choice quick pick: types `filter` (default: the label when it is a string) and
 * picks the row with that label.
 */
export async function quickPickOne(
  page: Page,
  label: string | RegExp,
  opts: { filter?: string; timeoutMs?: number; beforeAccept?: () => Promise<unknown> } = {},
): Promise<void> {
  const timeout = opts.timeoutMs ?? UI_TIMEOUT;
  const input = quickInputWidget(page).locator('.quick-input-box input').first();
  const filter = opts.filter ?? (typeof label === 'string' ? label : '');
  await input.fill(filter, { timeout });
  const row = quickPickRow(page, label).first();
  await row.waitFor({ state: 'visible', timeout }).catch(async (err) => {
    throw new Error(`no quick pick row ${label} after typing "${filter}"; rows: ${(await quickPickLabels(page)).join(', ')}: ${err.message}`);
  });
  await settledQuickPickLabels(page);
  if (opts.beforeAccept) {
    await row.hover({ timeout });
    await opts.beforeAccept();
  }
  await row.click({ timeout });
}

/**
 * Waits until the rows of the open quick pick stop changing (the list re-renders after the filter
 * changes and recycles row elements: a click during that can land on another item). Returns the labels.
 */
export async function settledQuickPickLabels(page: Page, timeoutMs = 5_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let last = await quickPickLabels(page);
  for (;;) {
    await page.waitForTimeout(100);
    const now = await quickPickLabels(page);
    if (now.join('\n') === last.join('\n') || Date.now() > deadline) return now;
    last = now;
  }
}

/** Labels of the rows of the open quick pick that are checked (canPickMany), among the rows shown. */
export async function checkedQuickPickLabels(page: Page): Promise<string[]> {
  return quickInputWidget(page)
    .locator('.quick-input-list .monaco-list-row[aria-checked="true"]')
    .evaluateAll((els) => els.map((row) => (row.querySelector('.label-name')?.textContent ?? '').trim()));
}

/**
 * Answers a multi-select quick pick (canPickMany): checks each label's row (typing its filter
 * first), clears the filter, checks that "N Selected" says so, and accepts with OK.
 */
export async function quickPickMany(
  page: Page,
  labels: Array<string | { label: string | RegExp; filter: string }>,
  opts: { timeoutMs?: number; beforeAccept?: () => Promise<unknown> } = {},
): Promise<void> {
  const timeout = opts.timeoutMs ?? UI_TIMEOUT;
  const widget = quickInputWidget(page);
  const input = widget.locator('.quick-input-box input').first();
  for (const entry of labels) {
    const label = typeof entry === 'string' ? entry : entry.label;
    const filter = typeof entry === 'string' ? entry : entry.filter;
    await input.fill(filter, { timeout });
    const row = quickPickRow(page, label).first();
    await row.waitFor({ state: 'visible', timeout }).catch(async (err) => {
      throw new Error(`no quick pick row ${label} after typing "${filter}"; rows: ${(await quickPickLabels(page)).join(', ')}: ${err.message}`);
    });
    await settledQuickPickLabels(page);
    if ((await row.getAttribute('aria-checked')) !== 'true') {
      await row.locator('.monaco-checkbox').first().click({ timeout });
    }
    await waitUntilAttr(row, 'aria-checked', 'true', timeout, `quick pick row ${label} to be checked`);
  }
  await input.fill('', { timeout });
  await settledQuickPickLabels(page);
  const count = widget.locator('.quick-input-count .monaco-count-badge');
  const wanted = `${labels.length} Selected`;
  const deadline = Date.now() + 5_000;
  let text: string;
  while ((text = (await count.innerText().catch(() => '')).trim()) !== wanted) {
    if (Date.now() > deadline) {
      throw new Error(`the quick pick says "${text}", expected "${wanted}"; checked rows shown: ${(await checkedQuickPickLabels(page)).join(', ')}`);
    }
    await page.waitForTimeout(100);
  }
  if (opts.beforeAccept) await opts.beforeAccept();
  await widget.locator('.quick-input-action .monaco-button', { hasText: /^OK$/ }).click({ timeout });
}

/** Answers an input box: replaces its value with `value` (or keeps the default when undefined) and presses Enter. */
export async function quickInputSubmit(page: Page, value?: string, timeoutMs = UI_TIMEOUT): Promise<void> {
  const input = quickInputWidget(page).locator('.quick-input-box input').first();
  if (value !== undefined) await input.fill(value, { timeout: timeoutMs });
  await input.press('Enter', { timeout: timeoutMs });
}

async function waitUntilAttr(loc: Locator, name: string, value: string, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await loc.getAttribute(name, { timeout: timeoutMs })) !== value) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await loc.page().waitForTimeout(50);
  }
}

// ------------------------------------------------------------------ progress notifications

export interface ProgressObservation {
  /** The toast was seen (by a poll or by the recorder). */
  seen: boolean;
  /** Every text the toast showed while it ran, in order ("<title>: <message>"), from recordNotifications. */
  messages: string[];
}

/**
 * Starts recording every text a notification toast shows (a MutationObserver in the page; once per
 * page load), so progress stages too quick for polling are still seen. Read with recordedNotifications.
 */
export async function recordNotifications(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __e2eNotifications?: string[] };
    if (w.__e2eNotifications) return;
    const seen: string[] = (w.__e2eNotifications = []);
    const collect = () => {
      for (const el of document.querySelectorAll('.notifications-toasts .notification-list-item-message')) {
        const text = (el.textContent ?? '').trim();
        if (text && !seen.includes(text)) seen.push(text);
      }
    };
    new MutationObserver(collect).observe(document.body, { subtree: true, childList: true, characterData: true });
    collect();
  });
}

/**
 * Forgets the notification texts recorded so far (starting the recorder if needed), so that what
 * `watchProgressNotification` reports next comes from a task started after this call, even when an
 * earlier task had the same title.
 */
export async function resetRecordedNotifications(page: Page): Promise<void> {
  await recordNotifications(page);
  await page.evaluate(() => {
    const seen = (window as unknown as { __e2eNotifications?: string[] }).__e2eNotifications;
    if (seen) seen.length = 0;
  });
}

/** The notification texts recorded since recordNotifications, in order. */
export async function recordedNotifications(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __e2eNotifications?: string[] }).__e2eNotifications ?? []);
}

/**
 * Watches a progress notification whose text contains `title` until it is gone (the task ended),
 * recording its messages. `onSeen` runs once when it is first seen (e.g. take a screenshot).
 * Throws if it is still there after `timeoutMs`; `appearMs` is how long it may take to show up.
 */
export async function watchProgressNotification(
  page: Page,
  title: string | RegExp,
  opts: { timeoutMs?: number; appearMs?: number; onSeen?: () => Promise<unknown> } = {},
): Promise<ProgressObservation> {
  await recordNotifications(page);
  const toast = page.locator('.notifications-toasts .notification-toast').filter({ hasText: title }).first();
  const obs: ProgressObservation = { seen: false, messages: [] };
  const titleMatches = (t: string) => (typeof title === 'string' ? t.includes(title) : title.test(t));
  const recorded = async () => (await recordedNotifications(page)).filter(titleMatches);
  const appearBy = Date.now() + (opts.appearMs ?? 5_000);
  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  for (;;) {
    const visible = await toast.isVisible().catch(() => false);
    if (visible && !obs.seen) {
      obs.seen = true;
      if (opts.onSeen) await opts.onSeen().catch((e) => log(`(onSeen failed: ${(e as Error).message})`));
    } else if (!visible && (obs.seen || Date.now() > appearBy)) {
      obs.messages = await recorded();
      obs.seen = obs.seen || obs.messages.length > 0;
      return obs;
    }
    if (Date.now() > deadline) throw new Error(`the progress notification "${title}" is still shown after ${opts.timeoutMs ?? 120_000} ms`);
    await page.waitForTimeout(100);
  }
}

export interface ProblemRow {
  /** 'other' for the rows that group markers by file and for related-information rows. */
  severity: 'error' | 'warning' | 'info' | 'other';
  /** The diagnostic's message (for other rows: the row's text). */
  message: string;
  /** 1-based, as the panel shows it (undefined for other rows). */
  line?: number;
  source?: string;
  /**
   * The name of the file the row belongs to (its group row in the tree, e.g. "heart.fairuse.json"); for a
   * file row, its own name. Set by `problems`; undefined when the file row was not found.
   */
  file?: string;
  /**
   * The row's accessible label, e.g. "Warning: <message> at line 4 and character 3. This problem has
   * references to 1 locations. generated by Fair Use".
   */
  label: string;
}

/** Parses a marker row's accessible label (the sentence a screen reader speaks; English UI). */
export function parseProblemLabel(label: string): ProblemRow {
  const text = label.trim();
  const head = /^(Error|Warning|Info): /.exec(text);
  const at = / at line (\d+) and character \d+\.(?= |$)/.exec(text);
  if (!head || !at) return { severity: 'other', message: text, label };
  const source = / generated by (.+)$/.exec(text.slice(at.index));
  return {
    severity: head[1].toLowerCase() as ProblemRow['severity'],
    message: text.slice(head[0].length, at.index),
    line: Number(at[1]),
    source: source?.[1],
    label,
  };
}

/** The file a Problems file row is about, from its label "3 problems in file a.json of folder ws". */
export function problemFileOf(label: string): string | undefined {
  return /^\d+ problems? in file (.+) of folder /.exec(label.trim())?.[1];
}

/**
 * Opens the Problems panel (Ctrl+Shift+M) and reads its rows (the tree is expanded by default), each with
 * the file it belongs to. The list renders only the rows in view, so when it scrolls, it is scrolled through
 * (mouse wheel) and back to the top, and the rows are returned in tree order.
 */
export async function problems(page: Page, timeoutMs = UI_TIMEOUT): Promise<ProblemRow[]> {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible())) await page.keyboard.press('Control+Shift+M');
  await panel.waitFor({ state: 'visible', timeout: timeoutMs });
  type Raw = { index: number; level: number; label: string };
  // The rows the list renders, without the copies of parent rows that sticky scroll pins on top.
  const read = (): Promise<Raw[]> =>
    panel.locator('.monaco-list-row').evaluateAll((rows) =>
      rows
        .filter((r) => !r.closest('.monaco-tree-sticky-container'))
        .map((r, k) => ({
          index: Number(r.getAttribute('data-index') ?? k),
          level: Number(r.getAttribute('aria-level') ?? 0),
          label: r.getAttribute('aria-label') ?? (r as HTMLElement).innerText,
        })),
    );
  const seen = new Map<number, Raw>();
  const add = (raws: Raw[]) => {
    let added = 0;
    for (const raw of raws) {
      if (seen.has(raw.index)) continue;
      seen.set(raw.index, raw);
      added++;
    }
    return added;
  };
  const list = panel.locator('.monaco-list').first();
  const scrolls = await list
    .evaluate((el) => {
      const rows = el.querySelector('.monaco-list-rows') as HTMLElement | null;
      return !!rows && rows.offsetHeight > el.clientHeight + 1;
    })
    .catch(() => false);
  if (!scrolls) {
    add(await read());
  } else {
    // Wheel steps of a few rows: to the top (row 0 rendered), then down until no new row shows up.
    await list.hover({ timeout: timeoutMs });
    const atTop = async () => (await read()).some((r) => r.index === 0);
    for (let i = 0; i < 100 && !(await atTop()); i++) {
      await page.mouse.wheel(0, -300);
      await page.waitForTimeout(50);
    }
    add(await read());
    for (let i = 0; i < 200; i++) {
      await page.mouse.wheel(0, 100);
      await page.waitForTimeout(50);
      if (add(await read()) === 0) {
        await page.waitForTimeout(150); // a last look: the list may render on the next frame
        if (add(await read()) === 0) break;
      }
    }
    for (let i = 0; i < 100 && !(await atTop()); i++) {
      await page.mouse.wheel(0, -300);
      await page.waitForTimeout(50);
    }
  }
  let file: string | undefined;
  return [...seen.values()]
    .sort((a, b) => a.index - b.index)
    .map((raw) => {
      const row = parseProblemLabel(raw.label);
      // File rows are the tree's first level; their label names the file.
      if (raw.level === 1) file = problemFileOf(raw.label);
      else if (raw.level === 0) file = problemFileOf(raw.label) ?? file; // no aria-level: the label tells
      return { ...row, file };
    });
}

// ------------------------------------------------------------------ workbench state

/**
 * Waits until the workbench has persisted a stored value holding every string of `needles` (compared
 * with backslashes removed, so nested JSON matches plain text), under a key matching `keyPattern`
 * (default: the editor part's memento, where open editors and webview states are kept).
 * In the browser the workbench keeps its state in IndexedDB and writes it every 5 s when idle; a
 * reload before that loses what changed since. Returns `<database>/<store>/<key>` of the value.
 */
export async function waitForPersistedState(
  page: Page,
  needles: string[],
  opts: { timeoutMs?: number; keyPattern?: RegExp } = {},
): Promise<string> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const keyPattern = opts.keyPattern ?? /workbench\.parts\.editor/;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const hits = await page.evaluate(async (wanted) => {
      const out: string[] = [];
      for (const info of await indexedDB.databases()) {
        if (!info.name) continue;
        const found = await new Promise<string[]>((resolve) => {
          const open = indexedDB.open(info.name!);
          open.onerror = () => resolve([]);
          open.onsuccess = () => {
            const db = open.result;
            const stores = [...db.objectStoreNames];
            if (!stores.length) {
              db.close();
              resolve([]);
              return;
            }
            const tx = db.transaction(stores, 'readonly');
            const hit: string[] = [];
            for (const store of stores) {
              const cursor = tx.objectStore(store).openCursor();
              cursor.onsuccess = () => {
                const c = cursor.result;
                if (!c) return;
                const raw = typeof c.value === 'string' ? c.value : JSON.stringify(c.value);
                const value = (raw ?? '').replace(/\\/g, '');
                if (wanted.every((w) => value.includes(w))) hit.push(`${info.name}/${store}/${String(c.key)}`);
                c.continue();
              };
            }
            tx.oncomplete = tx.onerror = () => {
              db.close();
              resolve(hit);
            };
          };
        });
        out.push(...found);
      }
      return out;
    }, needles);
    const where = hits.find((h) => keyPattern.test(h));
    if (where) return where;
    if (Date.now() > deadline) {
      throw new Error(`the workbench did not persist ${JSON.stringify(needles)} under ${keyPattern} within ${timeoutMs} ms (found in: ${hits.join(', ') || 'nothing'})`);
    }
    await page.waitForTimeout(500);
  }
}

/** Reloads the page (as F5 in the browser) and waits for the workbench; see waitForPersistedState first. */
export async function reloadWorkbench(page: Page, timeoutMs = 90_000): Promise<void> {
  await page.reload({ waitUntil: 'domcontentloaded', timeout: timeoutMs });
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: timeoutMs });
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: timeoutMs });
  await recordNotifications(page);
}
