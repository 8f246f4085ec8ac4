// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, makeNonce, panelHtml } from '../../src/extension/panel-html';

const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

function parts(nonce = makeNonce()) {
  return { cspSource: CSP_SOURCE, nonce, scriptUri: `${CSP_SOURCE}/ext/media/dist/webview.js`, styleUri: `${CSP_SOURCE}/ext/media/report.css` };
}

describe('the panel HTML and its Content Security Policy', () => {
  it('is exactly the strict policy: nothing by default, scripts only by nonce, no unsafe-*', () => {
    const nonce = 'abc123';
    expect(contentSecurityPolicy(CSP_SOURCE, nonce)).toBe(
      `default-src 'none'; img-src ${CSP_SOURCE} data:; style-src ${CSP_SOURCE} 'nonce-abc123'; script-src 'nonce-abc123'; font-src ${CSP_SOURCE};`,
    );
    expect(contentSecurityPolicy(CSP_SOURCE, nonce)).not.toMatch(/unsafe-(inline|eval|hashes)/);
  });

  it('puts the policy in a meta tag before anything loads, and gives the one script the nonce', () => {
    const p = parts();
    // a template parses without loading the stylesheet or the script
    const template = document.createElement('template');
    template.innerHTML = panelHtml(p);
    const doc = template.content;
    const elements = [...doc.querySelectorAll('*')];
    const meta = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')!;
    expect(meta.getAttribute('content')).toBe(contentSecurityPolicy(p.cspSource, p.nonce));
    expect(elements[0].getAttribute('charset')).toBe('UTF-8');
    expect(elements.indexOf(meta)).toBeLessThan(elements.findIndex((e) => e.tagName === 'LINK'));
    expect(elements.indexOf(meta)).toBeLessThan(elements.findIndex((e) => e.tagName === 'SCRIPT'));
    const scripts = doc.querySelectorAll('script');
    expect(scripts).toHaveLength(1);
    expect(scripts[0].getAttribute('nonce')).toBe(p.nonce);
    expect(scripts[0].getAttribute('src')).toBe(p.scriptUri);
    expect(scripts[0].textContent).toBe('');
    expect(doc.querySelector('link[rel="stylesheet"]')!.getAttribute('href')).toBe(p.styleUri);
    expect(doc.querySelectorAll('style, [style]')).toHaveLength(0);
    expect(doc.getElementById('app')).not.toBeNull();
  });

  it('makes a fresh 32-character alphanumeric nonce each time', () => {
    const nonces = new Set(Array.from({ length: 50 }, makeNonce));
    expect(nonces.size).toBe(50);
    for (const n of nonces) expect(n).toMatch(/^[A-Za-z0-9]{32}$/);
  });
});
