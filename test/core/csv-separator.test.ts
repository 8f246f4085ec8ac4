import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/core/data/csv';
import { AuditInputError } from '../../src/core/errors';

function raggedRow(text: string): AuditInputError {
  try {
    parseCsv(text);
  } catch (error) {
    expect(error).toBeInstanceOf(AuditInputError);
    expect((error as AuditInputError).code).toBe('RAGGED_ROW');
    return error as AuditInputError;
  }
  throw new Error('expected RAGGED_ROW');
}

describe('parseCsv: a file separated by something other than commas', () => {
  it('RAGGED_ROW says a semicolon file with decimal commas looks semicolon-separated', () => {
    // Excel in a locale whose decimal mark is a comma: the header is one field, and the decimal commas split rows.
    const error = raggedRow('y;sex;bmi\n1;F;27,5\n0;M;31,2\n');
    expect(error.problem).toBe('Line 2 has 2 fields but the header has 1 column.');
    expect(error.fix).toBe(
      'The file looks semicolon-separated: save it with commas between values. Make every row have one field per column: look for a missing or extra comma, or quote a value that contains a comma.',
    );
  });

  it('RAGGED_ROW says a tab file looks tab-separated', () => {
    expect(raggedRow('y\tsex\tnote\n1\tF\ta, b\n').fix).toMatch(/^The file looks tab-separated: save it with commas between values\. /);
  });

  it('gives no such hint when the header has several columns, or one without a semicolon or tab', () => {
    expect(raggedRow('y,g;h\n1,a,b\n').fix).toMatch(/^Make every row/);
    expect(raggedRow('y\n1,2\n').fix).toMatch(/^Make every row/);
  });
});
