/**
 * A word of the report linked to its entry in docs/glossary.md. The link carries only the term's name
 * (`data-glossary`); app.ts turns a click into an `openGlossary` message and the host opens the page, so the
 * webview never navigates and never hands the host a URL.
 */
import type { GlossaryTerm } from '../src/protocol/glossary';
import { el } from './dom';

export function glossaryLink(text: string, term: GlossaryTerm): HTMLAnchorElement {
  return el('a', { class: 'fu-glossary', attrs: { href: `#glossary-${term}`, 'data-glossary': term, title: `What "${text}" means: open the glossary` } }, text);
}

/** Column headers of the report's tables that name a glossary term (tables.ts's wording). */
const HEADER_TERMS: ReadonlyMap<string, GlossaryTerm> = new Map([
  ['Without groups', 'generic-model'],
  ['With groups', 'personalized-model'],
  ['Gain', 'gain'],
  ['n test', 'test-rows'],
  ['p harm', 'p-value'],
  ['p gain', 'p-value'],
  ['Verdict', 'rationality'],
]);

/** A header's text, as a glossary link when it names a term ("90% CI" → the confidence interval). */
export function headerWithGlossary(text: string): Node | string {
  const term = HEADER_TERMS.get(text) ?? (/^\d+% CI$/.test(text) ? 'confidence-interval' : undefined);
  return term ? glossaryLink(text, term) : text;
}
