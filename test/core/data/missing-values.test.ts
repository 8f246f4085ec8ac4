import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/core/data/csv';
import { withMissingValues } from '../../../src/core/data/missing-values';
import { loadDataset } from '../../../src/core/data/load-dataset';

describe('withMissingValues', () => {
  const table = parseCsv('y,g,x\n0,a,1\n1,n.d.,2\n0,b,n.d.\n1,a,-\n0,b,4\n1,a,-3\n');

  it('empties exactly the named cells, in every column, and leaves the rest (a negative number is not "-")', () => {
    const marked = withMissingValues(table, [' n.d. ', '-']);
    expect(marked.columns).toEqual([['0', '1', '0', '1', '0', '1'], ['a', '', 'b', 'a', 'b', 'a'], ['1', '2', '', '', '4', '-3']]);
    expect(table.columns[2][2]).toBe('n.d.'); // the input is not changed
    expect(withMissingValues(table, undefined)).toBe(table);
  });

  it('makes a row with a named-missing group dropped and a named-missing feature imputed, as with NA', () => {
    const dataset = loadDataset(withMissingValues(table, ['n.d.', '-']), { label: 'y', groups: ['g'] });
    expect(dataset.droppedRows).toBe(1);
    expect(dataset.features[0]).toMatchObject({ name: 'x', kind: 'numeric' });
  });
});
