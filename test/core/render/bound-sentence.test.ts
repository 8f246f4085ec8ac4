import { describe, expect, it } from 'vitest';
import { boundSentence } from '../../../src/core/report/render/science-tables';

// The SPEC §7 line must not read as contradicting a significant violation printed above it (fresh-eyes trial):
// the bound is about a gain of exactly ε; the wording says which way it cuts at the bound's value.
describe('the sentence for paper 2 bound', () => {
  it('says a gain of ε is hard to detect when any test errs often, and that significant results still stand', () => {
    const line = boundSentence('0.01', 0.4321);
    expect(line).toMatch(/^A gain as small as 0\.01 is hard to tell from none at these test sizes: any test errs with probability at least 0\.432 /);
    expect(line).toMatch(/Larger gains are easier to detect, so a significant result still stands\.$/);
    expect(line).not.toMatch(/SPEC/);
  });

  it('says the gain can be told from none when the bound is small', () => {
    expect(boundSentence('0.05', 0.0004)).toBe("At these test sizes a gain of 0.05 can be told from none: paper 2's lower bound on any test's error is under 0.001.");
    expect(boundSentence('0.05', 0.0213)).toMatch(/error is 0\.021\.$/);
  });
});
