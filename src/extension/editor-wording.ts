/**
 * Engine messages in the editor's words: the engine names command-line options in its fixes (`--features`,
 * `--split-column age`), which a person in the editor cannot type anywhere. Each option becomes the audit spec's
 * field of the same meaning (or the setting), an "X on the command line, or Y" keeps only Y, and a sentence
 * about an option the editor does not have is left out. Pure: no `vscode`.
 */

/** Command-line option → what the editor user sets instead: a spec field (quoted) or a setting. */
const EDITOR_EQUIVALENT: Readonly<Record<string, string>> = {
  label: '"label"',
  groups: '"groups"',
  features: '"features"',
  positive: '"positive"',
  'split-column': '"splitColumn"',
  'test-size': '"testSize"',
  'min-group-size': '"minGroupSize"',
  technique: '"technique"',
  model: '"modelClass"',
  metric: '"metric"',
  seed: '"seed"',
  bootstrap: '"bootstrap"',
  alpha: '"alpha"',
  correction: '"correction"',
  C: '"C"',
  threshold: '"threshold"',
  epsilon: '"epsilon"',
  intervene: '"interventions"',
  'model-columns': '"modelColumns"',
  'train-data': '"trainData"',
  'max-model-mb': 'the fairUse.maxModelMB setting',
};

const FLAG = /--([A-Za-z][A-Za-z-]*)/g;

/**
 * @example forTheEditor('The column "split" is listed as a feature. Remove it from the features (--features).');
 * // => 'The column "split" is listed as a feature. Remove it from the features ("features" in the audit spec).'
 */
export function forTheEditor(message: string): string {
  const text = message
    // "--groups age:40:65 on the command line (cut points after the colons), or { … } in an audit spec" → "{ … } in an audit spec"
    .replace(/--[A-Za-z][A-Za-z-]*[^,;()]*? on the command line(?: \([^)]*\))?, or /g, '')
    // "(--split-column age, or "splitColumn" in the spec)" → "("splitColumn" in the spec)"
    .replace(/--[A-Za-z][A-Za-z-]*(?: [^\s,;()]+)?, or (?=[^,;()]*\b(?:spec|setting)\b)/g, '')
    // The worker's memory is a setting in the editor, not node's option.
    .replace(/NODE_OPTIONS=--max-old-space-size=[^\s),]*/g, 'the fairUse.workerMemoryMB setting');
  return sentences(text)
    .flatMap((sentence) => {
      const flags = [...sentence.matchAll(FLAG)].map((m) => m[1]);
      if (flags.length === 0) return [sentence];
      if (flags.some((flag) => EDITOR_EQUIVALENT[flag] === undefined)) return [];
      const worded = sentence.replace(FLAG, (_, flag: string) => EDITOR_EQUIVALENT[flag]);
      const fields = flags.some((flag) => EDITOR_EQUIVALENT[flag].startsWith('"'));
      return [fields && !/\bspec\b/.test(worded) ? inTheSpec(worded) : worded];
    })
    .join(' ');
}

/** Sentences of a message: split after ". " (not inside numbers or quoted values such as "1.0"). */
function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+(?=[A-Z"({])/).filter((s) => s.trim() !== '');
}

/** "Remove it from the features ("features")." → "… ("features" in the audit spec)." */
function inTheSpec(sentence: string): string {
  const parenthesis = /\(("[A-Za-z]+")\)([.!?]?)$/.exec(sentence);
  if (parenthesis) return `${sentence.slice(0, parenthesis.index)}(${parenthesis[1]} in the audit spec)${parenthesis[2]}`;
  const end = /[.!?]$/.exec(sentence);
  return end ? `${sentence.slice(0, -1)} in the audit spec${end[0]}` : `${sentence} in the audit spec`;
}
