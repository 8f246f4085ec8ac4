/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/** A fake of the VS Code webview API that records what the panel posts and saves. */
import type { PanelState, WebviewMessage } from '../../src/protocol/webview-protocol';
import type { VsCodeApi } from '../../webview/messaging';

export interface FakeApi extends VsCodeApi {
  readonly posted: WebviewMessage[];
  readonly saved: PanelState[];
}

export function fakeApi(initial?: unknown): FakeApi {
  const posted: WebviewMessage[] = [];
  const saved: PanelState[] = [];
  let state = initial;
  return {
    posted,
    saved,
    postMessage: (message) => void posted.push(message),
    getState: () => state,
    setState: (next) => {
      // as VS Code does: the state is serialised, so nothing live survives a reload
      state = JSON.parse(JSON.stringify(next));
      saved.push(state as PanelState);
    },
  };
}

export function newRoot(): HTMLElement {
  document.body.replaceChildren();
  const root = document.createElement('main');
  root.id = 'app';
  document.body.append(root);
  return root;
}

/** Text of each cell of a row, verdict glyphs dropped. */
export function cells(row: Element): string[] {
  return [...row.children].map((c) => (c.textContent ?? '').replace(/^[⚠✓·○] /, '').trim());
}
