import { describe, expect, it } from 'vitest';
import { headerCells } from '../../src/core/data/csv-header';
import { assignEdits, lineAndCharacter, readSpecText } from '../../src/core/audit/spec-text';

const at = (text: string, span: { offset: number; length: number }) => text.slice(span.offset, span.offset + span.length);

describe('readSpecText', () => {
  const text = `{
  // written by Fair Use Audit
  "data": "heart.csv",
  "label": "Disease",
  "groups": ["Sex", { "column": "age", "buckets": [30, 60] }],
}`;
  it('accepts comments and a trailing comma, and finds the groups', () => {
    const result = readSpecText(text, 'heart.fairuse.json');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.spec.groups).toEqual(['Sex', { column: 'age', buckets: [30, 60] }]);
    expect(at(text, result.groupsSpan)).toBe('"groups": ["Sex", { "column": "age", "buckets": [30, 60] }]');
    expect(result.groupSpans.map((s) => at(text, s))).toEqual(['"Sex"', '{ "column": "age", "buckets": [30, 60] }']);
  });

  it('points a syntax error at where it is', () => {
    const broken = '{ "data": "a.csv" "label": "y" }';
    const result = readSpecText(broken, 's.json');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(/^s\.json: the spec is not valid JSON \(CommaExpected\)/);
    expect(result.span.offset).toBe(broken.indexOf('"label"'));
  });

  it('points a rule violation at the field it names', () => {
    const bad = '{ "data": "a.csv", "label": "y", "groups": ["g", 3], "alpha": "high" }';
    const result = readSpecText(bad, 's.json');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(/"groups"\[1\]/);
    expect(at(bad, result.span)).toBe('3');

    const unknown = '{ "data": "a.csv", "label": "y", "groups": ["g"], "alpah": 0.1 }';
    const second = readSpecText(unknown, 's.json');
    expect(second.ok || at(unknown, second.span)).toBe('"alpah": 0.1');
  });
});

describe('headerCells', () => {
  it('finds each column name and its span, with quotes and a BOM', () => {
    const line = '\ufeffy,"Sex, self-reported","say ""hi""",<img src=x onerror=alert(1)>';
    const cells = headerCells(line);
    expect(cells.map((c) => c.name)).toEqual(['y', 'Sex, self-reported', 'say "hi"', '<img src=x onerror=alert(1)>']);
    expect(cells.map((c) => line.slice(c.offset, c.offset + c.length))).toEqual(['\ufeffy', '"Sex, self-reported"', '"say ""hi"""', '<img src=x onerror=alert(1)>']);
  });
  it('handles an empty last column and another delimiter', () => {
    expect(headerCells('a;b;', ';').map((c) => c.name)).toEqual(['a', 'b', '']);
  });
});

describe('lineAndCharacter', () => {
  it('counts \\n, \\r\\n and \\r as one line break each', () => {
    const text = 'ab\r\ncd\nef\rgh';
    expect(lineAndCharacter(text, 0)).toEqual({ line: 0, character: 0 });
    expect(lineAndCharacter(text, text.indexOf('c'))).toEqual({ line: 1, character: 0 });
    expect(lineAndCharacter(text, text.indexOf('f'))).toEqual({ line: 2, character: 1 });
    expect(lineAndCharacter(text, text.indexOf('h'))).toEqual({ line: 3, character: 1 });
    expect(lineAndCharacter(text, 999)).toEqual({ line: 3, character: 2 });
  });
});

describe('assignEdits', () => {
  const apply = (text: string, edits: Array<{ offset: number; length: number; content: string }>) =>
    [...edits].sort((a, b) => b.offset - a.offset).reduce((t, e) => t.slice(0, e.offset) + e.content + t.slice(e.offset + e.length), text);

  it('adds "assign" to a spec that has none, keeping comments, and the spec still parses', () => {
    const text = '{\n  // mine\n  "data": "heart.csv",\n  "label": "Disease",\n  "groups": ["Sex", "Age"]\n}\n';
    const out = apply(text, assignEdits(text, 'Sex=Female, Age=Old', 'generic'));
    expect(out).toContain('// mine');
    const parsed = readSpecText(out, 's.json');
    expect(parsed.ok && parsed.spec.assign).toEqual({ 'Sex=Female, Age=Old': 'generic' });
  });
});

describe('assignEdits on a spec with assignments', () => {
  it('adds a second group and replaces an existing one', () => {
    const apply = (text: string, edits: Array<{ offset: number; length: number; content: string }>) =>
      [...edits].sort((a, b) => b.offset - a.offset).reduce((t, e) => t.slice(0, e.offset) + e.content + t.slice(e.offset + e.length), text);
    const text = JSON.stringify({ data: 'a.csv', label: 'y', groups: ['g'], assign: { 'g=A': 'decoupled' } }, null, 2);
    const twice = apply(apply(text, assignEdits(text, 'g=B', 'generic')), []);
    const replaced = apply(twice, assignEdits(twice, 'g=A', 'generic'));
    const parsed = readSpecText(replaced, 's.json');
    expect(parsed.ok && parsed.spec.assign).toEqual({ 'g=A': 'generic', 'g=B': 'generic' });
  });
});
