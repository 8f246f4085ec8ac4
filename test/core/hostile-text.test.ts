import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/core/data/csv';
import { dataWarnings } from '../../src/core/data/data-warnings';
import { jsonSyntaxError } from '../../src/core/data/json-syntax';
import { showControl } from '../../src/core/report/render/control-chars';
import { escapeMarkdown } from '../../src/core/report/render/markdown';
import { checkTrainingRows } from '../../src/core/data/training-rows';

function groupWarnings(values: readonly string[]): string[] {
  return dataWarnings({
    rows: values.length,
    label: { task: 'classification', name: 'y', positive: '1', negative: '0', positiveBySortOrder: false } as never,
    groupAttributes: ['sex'],
    groupValues: [values],
    features: [],
  });
}

describe('look-alike group values (issue 14, finding 6)', () => {
  it('warns about a zero-width space, naming both spellings (escaped) and their row counts', () => {
    expect(groupWarnings(['Male', 'Male', 'Male\u200b', 'Female'])).toEqual([
      'The group attribute sex has the values "Male\\\\u200b" (1 row) and "Male" (2 rows), which differ only in invisible characters: they are different groups here; recode them if they are the same.',
    ]);
  });

  it('warns about NFC against NFD accents', () => {
    expect(groupWarnings(['Fem\u00e9', 'Feme\u0301', 'Feme\u0301', 'M'])).toEqual([
      'The group attribute sex has the values "Fem\u00e9" (1 row) and "Feme\\\\u0301" (2 rows), which differ only in Unicode normalization (NFC / NFD): they are different groups here; recode them if they are the same.',
    ]);
  });

  it('a NUL character is an error naming its line', () => {
    expect(() => parseCsv('y,sex\n1,M\n0,M\u0000\n')).toThrow('Line 3 holds a NUL character (\\u0000), which CSV text cannot contain.');
  });
});

describe('control characters and Markdown (issue 14, finding 5)', () => {
  it('shows ANSI escapes, carriage returns and bidi overrides as \\u escapes', () => {
    expect(showControl('a\u001b[2Jb\rc\u202ed')).toBe('a\\u001b[2Jb\\u000dc\\u202ed');
    expect(showControl('Sex=Female, Age=Old')).toBe('Sex=Female, Age=Old');
  });

  it('escapes &, |, backticks and control characters in Markdown cells', () => {
    expect(escapeMarkdown('a|b`c&lt;\u001b')).toBe('a\\|b\\`c&amp;lt;\\\\u001b');
  });
});

describe('JSON syntax errors without the file (issue 14, finding 4)', () => {
  it('names line, column and what was expected, never the text', () => {
    expect(jsonSyntaxError('{\n  "a": }')).toBe('line 2, column 8 (ValueExpected)');
    expect(jsonSyntaxError('root:x:0:0:root:/root:/bin/bash')).toBe('line 1, column 1 (InvalidSymbol)');
    expect(jsonSyntaxError('{"a": 1}')).toBeUndefined();
  });
});

describe('training rows per group (issue 14, finding 7)', () => {
  const groups = { groups: [{ id: 'sex=F' }, { id: 'sex=M' }] as never, groupOfRow: Int32Array.of(0, 0, 0, 1, 1, 1) };
  it('refuses a split that leaves a group no training row, naming it with its counts', () => {
    expect(() => checkTrainingRows(groups, [0, 1])).toThrow('A group has no training rows after the split (each needs at least 1; "sex=M" 0 of 3).');
    expect(() => checkTrainingRows(groups, [0, 3])).not.toThrow();
  });
});
