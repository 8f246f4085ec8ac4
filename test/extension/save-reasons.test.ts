import { describe, expect, it } from 'vitest';
import { MANUAL_SAVE, SaveReasons } from '../../src/extension/save-reasons';

// vscode.TextDocumentSaveReason: Manual = 1, AfterDelay = 2, FocusOut = 3.
const AFTER_DELAY = 2;
const FOCUS_OUT = 3;

describe('SaveReasons', () => {
  it('lets only an explicit save through, once, per document', () => {
    const saves = new SaveReasons();
    saves.willSave('file:///a.fairuse.json', MANUAL_SAVE);
    saves.willSave('file:///b.fairuse.json', AFTER_DELAY);
    expect(saves.didSaveManually('file:///b.fairuse.json')).toBe(false);
    expect(saves.didSaveManually('file:///a.fairuse.json')).toBe(true);
    // the reason is used up: a later save without onWillSave is not taken for an explicit one
    expect(saves.didSaveManually('file:///a.fairuse.json')).toBe(false);
  });

  it('the last reason before a save wins (an auto-save, then Ctrl+S, then focus out)', () => {
    const saves = new SaveReasons();
    saves.willSave('u', AFTER_DELAY);
    saves.willSave('u', MANUAL_SAVE);
    expect(saves.didSaveManually('u')).toBe(true);
    saves.willSave('u', FOCUS_OUT);
    expect(saves.didSaveManually('u')).toBe(false);
  });
});
