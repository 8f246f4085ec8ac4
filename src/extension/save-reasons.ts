/**
 * Which saves may start an audit. `onWillSaveTextDocument` knows why a document is saved (typed Ctrl+S, or
 * files.autoSave after a delay or on focus change); `onDidSaveTextDocument` does not. The reason is remembered
 * between the two, so only a save the user asked for re-runs the spec: auto-save fires while a spec is
 * half-typed. No `vscode` import, so it is unit-tested; the reason values are vscode.TextDocumentSaveReason's.
 */

/** vscode.TextDocumentSaveReason.Manual */
export const MANUAL_SAVE = 1;

export class SaveReasons {
  private readonly reasons = new Map<string, number>();

  /** From onWillSaveTextDocument: why the document at `key` (its URI) is being saved. */
  willSave(key: string, reason: number): void {
    this.reasons.set(key, reason);
  }

  /**
   * From onDidSaveTextDocument: true when that save was explicit. A save whose reason was not seen (another
   * extension saving through the API without onWillSave) counts as not explicit.
   */
  didSaveManually(key: string): boolean {
    const reason = this.reasons.get(key);
    this.reasons.delete(key);
    return reason === MANUAL_SAVE;
  }
}
