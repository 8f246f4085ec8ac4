import { describe, expect, it } from 'vitest';
import { describeFailure, MAX_FAILURE_LENGTH } from '../../src/cli/describe-failure';
import { AuditInputError } from '../../src/core/errors';

describe('describeFailure (issue 14, findings 2 and 9)', () => {
  it('an out-of-memory RangeError is one line naming the limit and the fix, no stack', () => {
    const { line } = describeFailure(new RangeError('Array buffer allocation failed'));
    expect(line).toBe('Out of memory (Array buffer allocation failed). Give node more memory (NODE_OPTIONS=--max-old-space-size=8192, in MB), or audit fewer rows, groups or bootstrap resamples.');
  });

  it('a multi-line message becomes one line, control characters escaped; --verbose gets it whole', () => {
    const error = new AuditInputError('BAD_SPEC', 'Bad spec:\n{\n  "a": "\u001b[2J"\n}', 'Fix it.');
    const { line, detail } = describeFailure(error);
    expect(line).toBe('Bad spec: { "a": "\\u001b[2J" } Fix it.');
    expect(detail).toBe('Bad spec:\n{\n  "a": "\\u001b[2J"\n} Fix it.');
  });

  it('a very long message is cut, saying how to see the rest', () => {
    const { line, detail } = describeFailure(new AuditInputError('USAGE', 'x'.repeat(1000), 'Fix.'));
    expect(line.length).toBeLessThan(MAX_FAILURE_LENGTH + 60);
    expect(line).toMatch(/… \(--verbose shows the whole message\)$/);
    expect(detail).toHaveLength(1005);
  });
});
