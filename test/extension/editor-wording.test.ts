import { describe, expect, it } from 'vitest';
import { forTheEditor } from '../../src/extension/editor-wording';

describe('engine messages in the editor: no command-line option is named', () => {
  it('turns an option into the audit spec field of the same meaning', () => {
    expect(forTheEditor('The split column "split" is listed as a feature. Remove it from the features (--features).')).toBe(
      'The split column "split" is listed as a feature. Remove it from the features ("features" in the audit spec).',
    );
    expect(forTheEditor('The file has no column named Disese. Name the column to predict (--label).')).toBe('The file has no column named Disese. Name the column to predict ("label" in the audit spec).');
    expect(forTheEditor('Leave out --seed, --test-size and --split-column (the recorded split is used).')).toBe(
      'Leave out "seed", "testSize" and "splitColumn" (the recorded split is used) in the audit spec.',
    );
  });

  it('keeps only the spec half of "on the command line, or in an audit spec"', () => {
    expect(forTheEditor('The group attribute age has 41 values. Bucket it into ranges: --groups age:40:65 on the command line (cut points after the colons), or { "column": "age", "buckets": [40, 65] } in an audit spec.')).toBe(
      'The group attribute age has 41 values. Bucket it into ranges: { "column": "age", "buckets": [40, 65] } in an audit spec.',
    );
    expect(forTheEditor('Give it as the split column (--split-column split, or "splitColumn" in the spec), or leave it out of the features.')).toBe(
      'Give it as the split column ("splitColumn" in the spec), or leave it out of the features.',
    );
    expect(forTheEditor('Raise the limit (--max-model-mb, or the fairUse.maxModelMB setting) if you trust it.')).toBe('Raise the limit (the fairUse.maxModelMB setting) if you trust it.');
  });

  it('names the editor setting for the worker\'s memory, and leaves out a sentence about an option the editor lacks', () => {
    expect(forTheEditor('The file needs 3 GB. Give node more memory (NODE_OPTIONS=--max-old-space-size=4096), or a smaller file.')).toBe(
      'The file needs 3 GB. Give node more memory (the fairUse.workerMemoryMB setting), or a smaller file.',
    );
    expect(forTheEditor('No explanation metric was computed. Drop --no-explanations, or choose another --metric.')).toBe('No explanation metric was computed.');
  });

  it('leaves a message without options as it is, decimals and all', () => {
    const plain = 'Line 3 has 2 fields but the header has 3 columns. Make every row have one field per column: look for a missing or extra comma, or quote a value that contains a comma (e.g. 1.5).';
    expect(forTheEditor(plain)).toBe(plain);
  });
});
