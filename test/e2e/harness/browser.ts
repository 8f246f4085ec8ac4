// Debian chromium driven by playwright-core (no browser download), and opening the workbench.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { e2eEnv } from './env';
import { recordNotifications } from './ui';
import { log, onCleanup } from './util';

/** Flags that keep Chromium off the (closed) network and quiet on this machine. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export const VIEWPORT = { width: 1400, height: 900 };

/** Launches headless Debian chromium; closed at harness cleanup. Set FAIRUSE_E2E_HEADFUL=1 to watch (needs X). */
export async function launchBrowser(timeoutMs = 60_000): Promise<Browser> {
  const { chromium: executablePath } = e2eEnv();
  const browser = await chromium.launch({
    executablePath,
    headless: process.env.FAIRUSE_E2E_HEADFUL !== '1',
    args: CHROMIUM_ARGS,
    timeout: timeoutMs,
  });
  log(`chromium ${browser.version()} launched`);
  onCleanup('chromium', async () => {
    if (browser.isConnected()) await browser.close();
  });
  return browser;
}

/** A fresh context (own storage: no state leaks between tests) with a fixed viewport. */
export async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-US' });
  context.setDefaultTimeout(30_000);
  context.setDefaultNavigationTimeout(60_000);
  return context;
}

/** Collects the page's console output and page errors (useful in failure reports). */
export function captureConsole(page: Page, sink: string[] = []): string[] {
  page.on('console', (msg) => sink.push(`[console.${msg.type()}] ${msg.text()}`));
  page.on('pageerror', (err) => sink.push(`[pageerror] ${err.message}`));
  return sink;
}

/** Loads the workbench at `url` and waits until `.monaco-workbench` is there and the explorer/editor parts are laid out. */
export async function openWorkbench(page: Page, url: string, timeoutMs = 90_000): Promise<void> {
  log(`opening ${url}`);
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: timeoutMs });
  // The status bar is rendered once the workbench has restored its parts.
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: timeoutMs });
  await recordNotifications(page);
}
