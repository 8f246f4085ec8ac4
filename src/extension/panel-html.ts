/**
 * The HTML document the host serves for the report panel: a nonce, a strict Content Security Policy,
 * the stylesheet and the bundled script from media/. Pure (no `vscode`), so the policy is tested.
 *
 * The policy, and why it is enough:
 * - `default-src 'none'`: nothing loads unless listed below; no fetch, no frames, no workers.
 * - `script-src 'nonce-…'`: only the bundle this page names runs; no 'unsafe-inline', no 'unsafe-eval'
 *   (Lit, vscode-elements and Observable Plot need neither).
 * - `style-src ${cspSource} 'nonce-…'`: report.css from media/, and <style> elements carrying the nonce
 *   (Lit's fallback where constructable stylesheets are missing; main.ts hands it the nonce). Without
 *   'unsafe-inline', `style` attributes in markup are refused, but styles set through CSSOM
 *   (`element.style.x = …`, which Lit's styleMap, vscode-elements and Plot use) and adopted
 *   constructable stylesheets (vscode-elements' shadow styles) are not governed by CSP. Plot's own
 *   <style> element is removed before it is inserted (render-chart.ts).
 * - `img-src ${cspSource} data:` and `font-src ${cspSource}`: images and fonts from media/ only.
 */

export interface PanelHtmlParts {
  /** `webview.cspSource`. */
  readonly cspSource: string;
  readonly nonce: string;
  /** `webview.asWebviewUri(…)` of media/dist/webview.js and media/report.css, as strings. */
  readonly scriptUri: string;
  readonly styleUri: string;
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
  ].join('; ') + ';';
}

export function panelHtml(parts: PanelHtmlParts): string {
  const attr = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(parts.cspSource, parts.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(parts.styleUri)}">
<title>Fair use audit</title>
</head>
<body>
<main id="app" class="fu-root"></main>
<script nonce="${attr(parts.nonce)}" src="${attr(parts.scriptUri)}"></script>
</body>
</html>
`;
}

/** 32 characters from [A-Za-z0-9], from the platform's cryptographic random source. */
export function makeNonce(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = new Uint8Array(32);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}
