/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Entry of the report webview (bundled by scripts/build.mjs into media/dist/webview.js).
 *
 * UI components come from @vscode-elements/elements: the product owner named @vscode/webview-ui-toolkit,
 * but its maintainers archived it on 2025-01-07 and point to vscode-elements as the maintained
 * successor with the same look. Only the components used are imported, so the bundle carries Lit and
 * these few elements rather than the whole library. The metric tabs are the panel's own (tabs.ts), for
 * the keyboard pattern vscode-tabs lacks. They style themselves with constructable
 * stylesheets (adoptedStyleSheets), which the panel's CSP (`style-src` with a nonce, no
 * 'unsafe-inline') does not restrict, and set inline styles only through CSSOM, which CSP allows.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { axisY, barX, dot, plot, ruleX, ruleY, text, tickX } from '@observablehq/plot';
import { createApp } from './app';
import type { VsCodeApi } from './messaging';

declare function acquireVsCodeApi(): VsCodeApi;
declare global {
  interface Window {
    /** Read by Lit when it must fall back from adoptedStyleSheets to <style> elements. */
    litNonce?: string;
  }
}

// Lit reads it when the first element connects, which is after this line.
window.litNonce = (document.currentScript as HTMLScriptElement | null)?.nonce || undefined;

const root = document.getElementById('app');
if (root) {
  const app = createApp(root, acquireVsCodeApi(), { plot: { plot, axisY, ruleX, ruleY, tickX, dot, text, barX }, chartWidth: () => chartWidth(root) });
  window.addEventListener('message', (event: MessageEvent) => app.receive(event.data));
  let pending: number | undefined;
  let drawnWidth = chartWidth(root);
  window.addEventListener('resize', () => {
    window.clearTimeout(pending);
    pending = window.setTimeout(() => {
      const width = chartWidth(root);
      if (Math.abs(width - drawnWidth) < 24) return;
      drawnWidth = width;
      app.redraw();
    }, 200);
  });
}

/** The chart fills the content column, between a readable minimum and a width where it stops helping. */
function chartWidth(root: HTMLElement): number {
  return Math.max(320, Math.min(960, root.clientWidth - 32));
}
