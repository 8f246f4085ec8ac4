/**
 * The status bar's word on a finished audit, in the headline's three states (report/headline.ts). Pure, so the
 * wording is unit-tested; the codicon says the state without colour.
 */
import type { Headline } from '../core/report/headline';

export function statusBarText(headline: Headline, fileName: string): string {
  // A file name holding "$(…)" would draw an icon: break the syntax with a zero-width space.
  const file = fileName.replace(/\$\(/g, '$\u200b(');
  switch (headline.state) {
    case 'violation':
      return `$(error) Fair Use: ${headline.violations} violation${headline.violations === 1 ? '' : 's'} in ${file}`;
    case 'inconclusive':
      return `$(warning) Fair Use: inconclusive for ${file}, the data cannot tell${headline.neededGroupSize === undefined ? '' : ` (groups need about ${headline.neededGroupSize} test rows)`}`;
    case 'no-violation':
      return `$(check) Fair Use: no violation in ${file}`;
  }
}
