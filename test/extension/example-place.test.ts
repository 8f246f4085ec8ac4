import { describe, expect, it } from 'vitest';
import { COPY_ANSWER, exampleQuestion, READ_ONLY_ANSWER } from '../../src/extension/example-place';

describe('the bundled example asks before it writes into the workspace', () => {
  it('asks to copy when the folder has no heart.csv, offering read-only as the other answer', () => {
    const q = exampleQuestion('absent', 'clinic-data');
    expect(q.message).toBe('Copy the example heart.csv into clinic-data?');
    expect(q.answers).toEqual([COPY_ANSWER, READ_ONLY_ANSWER]);
    expect(q.without).toBeUndefined();
  });

  it('never offers to copy over a different heart.csv', () => {
    const q = exampleQuestion('different', 'clinic-data');
    expect(q.answers).toEqual([READ_ONLY_ANSWER]);
    expect(q.message).toMatch(/will not be replaced/);
  });

  it('asks nothing when there is nothing to write: no folder (read-only), or the same file already there', () => {
    expect(exampleQuestion('no-workspace', '')).toEqual({ answers: [], without: 'read-only' });
    expect(exampleQuestion('same', 'clinic-data')).toEqual({ answers: [], without: 'workspace' });
  });
});
