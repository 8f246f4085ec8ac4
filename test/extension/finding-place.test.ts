import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/extension/findings';
import { assignSpan, placeOf, type PlaceSources } from '../../src/extension/finding-place';
import { readSpecText } from '../../src/core/audit/spec-text';

const SPEC = `{
  "data": "heart.csv",
  "label": "Disease",
  "groups": ["Sex", "Age"],
  "assign": {
    "Sex=Male, Age=Old": "generic"
  }
}`;
const HEADER = 'Age,Sex,ChestPain,Disease';

const finding = (group: string, kind: Finding['kind'] = 'rationality'): Finding => ({
  severity: kind === 'inconclusive' ? 'information' : 'error', kind, metric: 'error', violation: kind !== 'inconclusive', group, message: 'm', related: [],
});

function sources(over: Partial<PlaceSources> = {}): PlaceSources {
  const parsed = readSpecText(SPEC, 'heart.fairuse.json');
  if (!parsed.ok) throw new Error(parsed.message);
  return { spec: { text: SPEC, parsed }, csvHeader: HEADER, model: false, groupAttributes: ['Sex', 'Age'], ...over };
}

const at = (text: string, span: { offset: number; length: number } | null) => (span === null ? null : text.slice(span.offset, span.offset + span.length));

describe('placeOf: each Problems row at its own place', () => {
  it('a group the spec names points at its own "assign" line', () => {
    const place = placeOf(finding('Sex=Male, Age=Old'), sources());
    expect(place.file).toBe('spec');
    expect(at(SPEC, place.span)).toBe('"Sex=Male, Age=Old": "generic"');
  });

  it('a group the spec does not name points at the first group column in the CSV header', () => {
    const place = placeOf(finding('Sex=Female, Age=Young', 'envy'), sources());
    expect(place.file).toBe('data');
    expect(at(HEADER, place.span)).toBe('Sex');
  });

  it('the inconclusive headline points at the group column in the header, never at an "assign" entry', () => {
    expect(placeOf(finding('', 'inconclusive'), sources())).toEqual({ file: 'data', span: { offset: 4, length: 3 } });
  });

  it('without a readable header: a model audit points at the model file, else the spec\'s "groups"', () => {
    expect(placeOf(finding('Sex=Female, Age=Young'), sources({ csvHeader: undefined, model: true }))).toEqual({ file: 'model', span: null });
    const place = placeOf(finding('Sex=Female, Age=Young'), sources({ csvHeader: undefined }));
    expect(place.file).toBe('spec');
    expect(at(SPEC, place.span)).toBe('"groups": ["Sex", "Age"]');
  });

  it('finds a quoted header cell, and nothing for a group the "assign" does not hold', () => {
    expect(at('"Age","Sex"', placeOf(finding('Sex=F'), sources({ csvHeader: '"Age","Sex"' })).span)).toBe('"Sex"');
    expect(assignSpan(SPEC, 'Sex=Female, Age=Old')).toBeUndefined();
    expect(assignSpan('{ "assign": { "a": "generic", } // trailing\n}', 'a')).toEqual({ offset: 14, length: 14 }); // '"a": "generic"'
  });
});
