/**
 * The terms of docs/glossary.md the report panel links to: each is an anchor (`<a id="…">`) of that page. The
 * webview sends only one of these names; the host opens the glossary at it. A test checks every anchor exists.
 */
export const GLOSSARY_TERMS = [
  'generic-model',
  'personalized-model',
  'gain',
  'rationality',
  'envy',
  'untested',
  'inconclusive',
  'p-value',
  'confidence-interval',
  'bootstrap',
  'mcnemar',
  'correction',
  'test-rows',
  'limits',
  'intervention',
] as const;

export type GlossaryTerm = (typeof GLOSSARY_TERMS)[number];

export function isGlossaryTerm(value: unknown): value is GlossaryTerm {
  return typeof value === 'string' && (GLOSSARY_TERMS as readonly string[]).includes(value);
}
