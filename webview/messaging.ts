/**
 * The webview's side of the protocol in src/protocol/webview-protocol.ts. `acquireVsCodeApi` is called
 * in main.ts only; everything here takes the API as a parameter so tests pass a fake.
 */
import { isPreviousAudit } from '../src/protocol/panel-state';
import type { HostMessage, PanelState, WebviewMessage } from '../src/protocol/webview-protocol';

/** The part of the object `acquireVsCodeApi()` returns that the panel uses. */
export interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: PanelState): void;
}

/**
 * Only the host posts to the webview, but the check costs little and keeps a malformed message from
 * reaching the renderers.
 */
export function isHostMessage(value: unknown): value is HostMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  switch (message.type) {
    case 'show':
      return typeof message.entry === 'object' && message.entry !== null &&
        (message.metric === undefined || typeof message.metric === 'string') &&
        (message.focusGroup === undefined || typeof message.focusGroup === 'string') &&
        (message.previous === undefined || isPreviousAudit(message.previous)) &&
        (message.revealPrevious === undefined || typeof message.revealPrevious === 'boolean');
    case 'focus':
      return typeof message.group === 'string' && (message.metric === undefined || typeof message.metric === 'string');
    case 'clear':
      return true;
    default:
      return false;
  }
}
