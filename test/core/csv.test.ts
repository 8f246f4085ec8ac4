import { describe, it, expect } from 'vitest';
import { parseCsv } from '../../src/core/data/csv';
import { showCell } from '../../src/core/data/show-cell';
import { AuditInputError } from '../../src/core/errors';

/** The AuditInputError that `run` throws (fails the test when it throws something else or nothing). */
function inputError(run: () => unknown): AuditInputError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AuditInputError);
    return error as AuditInputError;
  }
  throw new Error('expected an AuditInputError');
}

describe('parseCsv: reading', () => {
  it('splits a simple file into columns of strings, header on line 1', () => {
    const table = parseCsv('a,b,c\n1,2,3\n4,5,6\n');
    expect(table.header).toEqual(['a', 'b', 'c']);
    expect(table.columns).toEqual([['1', '4'], ['2', '5'], ['3', '6']]);
    expect([...table.lines]).toEqual([2, 3]);
    expect(table.rowCount).toBe(2);
  });

  it('reads a file without a final line break', () => {
    const table = parseCsv('a,b\n1,2');
    expect(table.columns).toEqual([['1'], ['2']]);
  });

  it('reads CRLF line endings, and a mix of CRLF and LF', () => {
    expect(parseCsv('a,b\r\n1,2\r\n3,4\r\n').columns).toEqual([['1', '3'], ['2', '4']]);
    const mixed = parseCsv('a,b\r\n1,2\n3,"4"\r\n5,6');
    expect(mixed.columns).toEqual([['1', '3', '5'], ['2', '4', '6']]);
    expect([...mixed.lines]).toEqual([2, 3, 4]);
  });

  it('reads a file that ends its lines with CR only', () => {
    expect(parseCsv('a,b\r1,2\r3,4\r').columns).toEqual([['1', '3'], ['2', '4']]);
  });

  it('ignores a UTF-8 byte-order mark', () => {
    const table = parseCsv('\uFEFFlabel,group\n1,A\n');
    expect(table.header).toEqual(['label', 'group']);
  });

  it('reads quoted fields holding commas, escaped quotes and line breaks', () => {
    const table = parseCsv('name,note\n"Smith, J","said ""hi"""\n"x","two\nlines"\n');
    expect(table.columns).toEqual([
      ['Smith, J', 'x'],
      ['said "hi"', 'two\nlines'],
    ]);
  });

  it('gives each row the file line it starts on when a quoted cell spans lines', () => {
    const table = parseCsv('id,text\n1,"a\nb\nc"\n2,plain\n3,"d\r\ne"\n4,end\n');
    expect(table.columns[0]).toEqual(['1', '2', '3', '4']);
    expect([...table.lines]).toEqual([2, 5, 6, 8]);
  });

  it('trims spaces and tabs around cells and column names', () => {
    const table = parseCsv(' a , b\t\n  1 ,\tx y \n');
    expect(table.header).toEqual(['a', 'b']);
    expect(table.columns).toEqual([['1'], ['x y']]);
  });

  it('skips blank lines (trailing, leading and in between) and keeps line numbers true', () => {
    const table = parseCsv('\na,b\n1,2\n\n   \n3,4\n\n\n');
    expect(table.rowCount).toBe(2);
    expect([...table.lines]).toEqual([3, 6]);
  });

  it('keeps a row of empty cells: its values are missing, not absent', () => {
    const table = parseCsv('a,b\n,\n1,2\n');
    expect(table.columns).toEqual([['', '1'], ['', '2']]);
  });

  it('keeps cells as text: no number conversion', () => {
    const table = parseCsv('a\n007\n1e3\n');
    expect(table.columns[0]).toEqual(['007', '1e3']);
  });
});

describe('parseCsv: errors', () => {
  it('EMPTY_FILE for no bytes, only whitespace, or only a byte-order mark', () => {
    for (const text of ['', '   \n\r\n\t', '\uFEFF']) {
      const error = inputError(() => parseCsv(text));
      expect(error.code).toBe('EMPTY_FILE');
      expect(error.message).not.toContain('\n');
    }
  });

  it('HEADER_ONLY when no data row follows the header', () => {
    for (const text of ['a,b,c', 'a,b,c\n', 'a,b,c\r\n\r\n\n']) {
      const error = inputError(() => parseCsv(text));
      expect(error.code).toBe('HEADER_ONLY');
      expect(error.message).toContain('3 columns');
    }
  });

  it('DUPLICATE_COLUMN names the column and both positions', () => {
    const error = inputError(() => parseCsv('age,sex,age\n1,2,3\n'));
    expect(error.code).toBe('DUPLICATE_COLUMN');
    expect(error.message).toContain('"age"');
    expect(error.message).toContain('columns 1 and 3');
  });

  it('DUPLICATE_COLUMN also when names differ only by surrounding spaces', () => {
    expect(inputError(() => parseCsv('age, age\n1,2\n')).code).toBe('DUPLICATE_COLUMN');
  });

  it('MALFORMED_ROW for an empty column name, naming its position', () => {
    const error = inputError(() => parseCsv(',x,y\n0,1,2\n'));
    expect(error.code).toBe('MALFORMED_ROW');
    expect(error.message).toContain('Column 1 of 3');
    expect(error.message).toContain('line 1');
  });

  it('RAGGED_ROW names the line, the fields found and the columns expected', () => {
    const error = inputError(() => parseCsv('a,b,c\n1,2,3\n4,5\n'));
    expect(error.code).toBe('RAGGED_ROW');
    expect(error.message).toContain('Line 3 has 2 fields');
    expect(error.message).toContain('header has 3 columns');
  });

  it('RAGGED_ROW counts lines across blank lines and multi-line cells', () => {
    const error = inputError(() => parseCsv('a,b\n\n"x\ny",1\n1,2,3\n'));
    expect(error.code).toBe('RAGGED_ROW');
    expect(error.message).toContain('Line 5 has 3 fields');
  });

  it('MALFORMED_ROW for a quoted field that is never closed, naming the line it opens on', () => {
    const error = inputError(() => parseCsv('a,b\n1,2\n3,"open\n5,6\n'));
    expect(error.code).toBe('MALFORMED_ROW');
    expect(error.message).toContain('Line 3');
    expect(error.message).toContain('never closed');
  });

  it('MALFORMED_ROW for text after a closing quote', () => {
    const error = inputError(() => parseCsv('a,b\n1,"x"y\n'));
    expect(error.code).toBe('MALFORMED_ROW');
    expect(error.message).toContain('Line 2');
  });

  it('every message is one line', () => {
    const error = inputError(() => parseCsv('"a\nb","a\nb"\n1,2\n'));
    expect(error.code).toBe('DUPLICATE_COLUMN');
    expect(error.message).toContain('"a\\nb"');
    expect(error.message).not.toContain('\n');
  });
});

describe('showCell', () => {
  it('quotes, escapes and shortens', () => {
    expect(showCell('x')).toBe('"x"');
    expect(showCell('a\nb')).toBe('"a\\nb"');
    expect(showCell('abcdefghij', 5)).toBe('"abcd…"');
  });
});
