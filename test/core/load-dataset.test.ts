import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { choosePositive } from '../../src/core/data/binary-label';
import { parseDecimal } from '../../src/core/data/column-type';
import { parseCsv } from '../../src/core/data/csv';
import type { Dataset, FeatureColumn } from '../../src/core/data/dataset';
import { AuditInputError, type AuditErrorCode } from '../../src/core/errors';
import { loadAuditDataset, loadDataset, type LoadOptions } from '../../src/core/data/load-dataset';
import { isMissing } from '../../src/core/data/missing';

function load(csv: string, options: LoadOptions): Dataset {
  return loadDataset(parseCsv(csv), options);
}

/** The AuditInputError that loading throws; checks its code and that its message is one line. */
function loadError(csv: string, options: LoadOptions, code: AuditErrorCode): string {
  try {
    load(csv, options);
  } catch (error) {
    expect(error).toBeInstanceOf(AuditInputError);
    expect((error as AuditInputError).code).toBe(code);
    const { message } = error as AuditInputError;
    expect(message).not.toMatch(/[\r\n]/);
    return message;
  }
  throw new Error(`expected AuditInputError ${code}`);
}

function feature(dataset: Dataset, name: string): FeatureColumn {
  const found = dataset.features.find((column) => column.name === name);
  if (!found) throw new Error(`no feature ${name}`);
  return found;
}

const yg = { label: 'y', groups: ['g'] };

describe('loadDataset: examples/heart.csv', () => {
  const text = readFileSync(join(__dirname, '../../examples/heart.csv'), 'utf8');
  const dataset = loadDataset(parseCsv(text), { label: 'Disease', groups: ['Sex', 'Age'] });

  it('keeps all 303 rows, label Disease with positive "1"', () => {
    expect(dataset.rows).toBe(303);
    expect(dataset.droppedRows).toBe(0);
    expect(dataset.label).toMatchObject({ name: 'Disease', positive: '1', negative: '0' });
    expect(dataset.label.values.length).toBe(303);
    expect(dataset.sourceLines[0]).toBe(2);
    expect(dataset.sourceLines[302]).toBe(304);
  });

  it('has groups Sex and Age as text and 27 numeric features', () => {
    expect(dataset.groupAttributes).toEqual(['Sex', 'Age']);
    expect(new Set(dataset.groupValues[0])).toEqual(new Set(['Male', 'Female']));
    expect(dataset.features).toHaveLength(27);
    expect(dataset.features.every((column) => column.kind === 'numeric')).toBe(true);
    expect(dataset.features.map((column) => column.name)).not.toContain('Sex');
    expect(dataset.splitIsTest).toBeUndefined();
  });
});

describe('loadDataset: label', () => {
  const positiveOf = (values: string[], positive?: string) => {
    const csv = ['y,g', ...values.map((value, i) => `${value},${i % 2 ? 'a' : 'b'}`)].join('\n');
    return load(csv, { ...yg, positive }).label;
  };

  it('takes "1" for 0/1 and codes y as 0/1', () => {
    const label = positiveOf(['0', '1', '1', '0']);
    expect(label).toMatchObject({ positive: '1', negative: '0' });
    expect([...label.values]).toEqual([0, 1, 1, 0]);
  });

  it('takes "true" for true/false and "yes" for yes/no, in any letter case', () => {
    expect(positiveOf(['False', 'True']).positive).toBe('True');
    expect(positiveOf(['true', 'false']).positive).toBe('true');
    expect(positiveOf(['YES', 'NO']).positive).toBe('YES');
    expect(positiveOf(['no', 'yes']).positive).toBe('yes');
  });

  it('takes "+1" (or "1") for -1/+1 and the larger of two numbers', () => {
    expect(positiveOf(['-1', '+1']).positive).toBe('+1');
    expect(positiveOf(['1', '-1']).positive).toBe('1');
    expect(positiveOf(['2', '10']).positive).toBe('10'); // as numbers, not as text
    expect(positiveOf(['0.0', '1.0']).positive).toBe('1.0');
  });

  it('takes the value that sorts later by code units for two other strings', () => {
    expect(positiveOf(['B', 'M']).positive).toBe('M');
    expect(positiveOf(['>50K', '<=50K']).positive).toBe('>50K');
    expect(positiveOf(['Disease', 'Healthy']).positive).toBe('Healthy');
  });

  it('takes the positive class the user gives, matching letter case loosely', () => {
    expect(positiveOf(['Disease', 'Healthy'], 'Disease')).toMatchObject({ positive: 'Disease', negative: 'Healthy' });
    expect(positiveOf(['Disease', 'Healthy'], 'disease').positive).toBe('Disease');
    expect(positiveOf(['0', '1'], '0').positive).toBe('0');
    expect([...positiveOf(['0', '1', '0'], '0').values]).toEqual([1, 0, 1]);
  });

  it('BAD_OPTION when the positive class is not a label value, naming it and the values', () => {
    const message = loadError('y,g\n0,a\n1,b\n', { ...yg, positive: 'yes' }, 'BAD_OPTION');
    expect(message).toContain('"yes"');
    expect(message).toContain('"y"');
    expect(message).toContain('"0" and "1"');
  });

  it('LABEL_NOT_BINARY for one class, naming it', () => {
    const message = loadError('y,g\n1,a\n1,b\n', yg, 'LABEL_NOT_BINARY');
    expect(message).toContain('"y"');
    expect(message).toContain('1 distinct value ("1")');
    expect(message).toContain('regression');
  });

  it('LABEL_NOT_BINARY for many values, counting them and showing five', () => {
    const csv = ['y,g', ...[3.5, 1, 2, 7, 9, 11, 4].map((v, i) => `${v},${i % 2}`)].join('\n');
    const message = loadError(csv, yg, 'LABEL_NOT_BINARY');
    expect(message).toContain('7 distinct values ("3.5", "1", "2", "7", "9", …)');
    // loadDataset serves model files and fairuse train: a numeric label is named a regression label they cannot take.
    expect(message).toContain('regression label');
    expect(message).toContain('without --model-file');
  });

  it('loadAuditDataset reads a numeric label with more than two values as a regression label (SPEC §1)', () => {
    const dataset = loadAuditDataset(parseCsv('y,g\n120.5,a\n131,b\n1e2,a\nNA,b\n'), { ...yg, task: 'regression' });
    expect(dataset.label).toEqual({ task: 'regression', name: 'y', values: Float64Array.of(120.5, 131, 100) });
    expect(dataset.droppedRows).toBe(1);
  });

  it('loadAuditDataset keeps two values binary (0/1 stays a classification) and refuses text with more', () => {
    const binary = loadAuditDataset(parseCsv('y,g\n0,a\n1,b\n1,a\n'), yg);
    expect(binary.label.task).toBeUndefined();
    expect(binary.label.values).toBeInstanceOf(Uint8Array);
    expect(() => loadAuditDataset(parseCsv('y,g\nlow,a\nmid,b\nhigh,a\n'), yg)).toThrow(/"y" has 3 distinct values .*binary label \(two values\) or a numeric one/);
    expect(() => loadAuditDataset(parseCsv('y,g\n1,a\n2,b\nthree,a\n'), yg)).toThrow(AuditInputError);
  });

  it('loadAuditDataset refuses a positive class for a regression label, naming it', () => {
    expect(() => loadAuditDataset(parseCsv('y,g\n1,a\n2,b\n3,a\n'), { ...yg, positive: '3', task: 'regression' })).toThrow(/positive class \("3"\) .* regression/);
  });

  it('decides binary on the kept rows: a third value on a dropped row does not count', () => {
    const dataset = load('y,g\n0,a\n1,b\n2,\n', yg);
    expect(dataset.label.positive).toBe('1');
    expect(dataset.droppedRows).toBe(1);
  });
});

describe('missing cells and decimal numbers', () => {
  it('treats empty, NA, N/A, NaN, null, None and ? as missing, in any letter case', () => {
    for (const cell of ['', 'NA', 'na', 'N/A', 'n/a', 'NaN', 'nan', 'NAN', 'null', 'NULL', 'None', 'none', '?']) {
      expect(isMissing(cell)).toBe(true);
    }
    for (const cell of ['0', 'NA1', 'Nan.', '??', 'n', 'missing', '-']) expect(isMissing(cell)).toBe(false);
  });

  it('reads plain decimals only', () => {
    expect([parseDecimal('-1'), parseDecimal('+2'), parseDecimal('.5'), parseDecimal('1e-3'), parseDecimal('0')]).toEqual([-1, 2, 0.5, 0.001, 0]);
    for (const cell of ['0x1F', '0b1', '0O7', 'Infinity', '-Infinity', '1e999', '1,000', '1 000', '1_000', '.', '+', 'e5']) {
      expect(parseDecimal(cell)).toBeNaN();
    }
  });
});

describe('choosePositive', () => {
  it('is symmetric in its arguments', () => {
    for (const [a, b] of [['0', '1'], ['no', 'yes'], ['-1', '+1'], ['x', 'y'], ['TRUE', 'false']]) {
      expect(choosePositive(a, b).positive).toBe(choosePositive(b, a).positive);
    }
  });
});

describe('loadDataset: column names', () => {
  const csv = 'y,g,x\n0,a,1\n1,b,2\n';

  it('UNKNOWN_COLUMN for the label, a group, a feature and the split column, listing the columns', () => {
    const cases: Array<[LoadOptions, string]> = [
      [{ label: 'z', groups: ['g'] }, 'label column "z"'],
      [{ label: 'y', groups: ['h'] }, 'group column "h"'],
      [{ label: 'y', groups: ['g'], features: ['w'] }, 'feature column "w"'],
      [{ label: 'y', groups: ['g'], splitColumn: 'fold' }, 'split column "fold"'],
    ];
    for (const [options, names] of cases) {
      const message = loadError(csv, options, 'UNKNOWN_COLUMN');
      expect(message).toContain(names);
      expect(message).toContain('Columns: "y", "g", "x".');
    }
  });

  it('UNKNOWN_COLUMN suggests a column that differs only in letter case', () => {
    expect(loadError(csv, { label: 'Y', groups: ['g'] }, 'UNKNOWN_COLUMN')).toContain('Did you mean "y"?');
  });

  it('UNKNOWN_COLUMN suggests a column within two typing errors, and nothing when none is close', () => {
    const heartLike = 'Disease,Sex,Age\n0,Male,Old\n1,Female,Young\n';
    expect(loadError(heartLike, { label: 'Disease', groups: ['Agee'] }, 'UNKNOWN_COLUMN')).toContain('Did you mean "Age"?');
    expect(loadError(heartLike, { label: 'Disease', groups: ['Gender'] }, 'UNKNOWN_COLUMN')).not.toContain('Did you mean');
  });

  it('UNKNOWN_COLUMN lists at most 12 columns and says how many there are', () => {
    const header = Array.from({ length: 40 }, (_, j) => `c${j}`);
    const wide = `${header.join(',')}\n${header.map(() => '0').join(',')}\n`;
    const message = loadError(wide, { label: 'y', groups: ['c1'] }, 'UNKNOWN_COLUMN');
    expect(message).toContain('"c11", … (40 columns)');
    expect(message).not.toContain('"c12"');
  });

  it('UNKNOWN_COLUMN says so when the file is separated by semicolons', () => {
    const message = loadError('y;g\n0;a\n1;b\n', yg, 'UNKNOWN_COLUMN');
    expect(message).toContain('semicolon-separated');
    expect(message).toContain('Columns: "y;g".');
  });

  it('LABEL_IS_GROUP when the label is among the groups', () => {
    expect(loadError(csv, { label: 'y', groups: ['g', 'y'] }, 'LABEL_IS_GROUP')).toContain('"y"');
  });

  it('GROUP_IS_FEATURE when a feature list holds a group attribute', () => {
    const message = loadError(csv, { label: 'y', groups: ['g'], features: ['x', 'g'] }, 'GROUP_IS_FEATURE');
    expect(message).toContain('"g"');
    expect(message).toContain('--features');
  });

  it('BAD_OPTION for the label among the features, no groups, or a repeated group', () => {
    expect(loadError(csv, { label: 'y', groups: ['g'], features: ['y'] }, 'BAD_OPTION')).toContain('"y"');
    expect(loadError(csv, { label: 'y', groups: [] }, 'BAD_OPTION')).toContain('group');
    expect(loadError(csv, { label: 'y', groups: ['g', 'g'] }, 'BAD_OPTION')).toContain('"g" is listed twice');
    expect(loadError(csv, { label: ' ', groups: ['g'] }, 'BAD_OPTION')).toContain('label');
  });

  it('trims option names and ignores empty ones', () => {
    const dataset = load(csv, { label: ' y ', groups: ['g', ''], features: [' x'] });
    expect(dataset.groupAttributes).toEqual(['g']);
    expect(dataset.features.map((column) => column.name)).toEqual(['x']);
  });
});

describe('loadDataset: rows and groups', () => {
  it('drops rows with a missing label or group value, counts them and keeps the lines of the rest', () => {
    const csv = 'y,g,h,x\n0,a,u,1\n,a,u,2\nNA,b,v,3\n1,?,v,4\n1,b,null,5\n1,b,v,6\n0,a,v,\n';
    const dataset = load(csv, { label: 'y', groups: ['g', 'h'] });
    expect(dataset.rows).toBe(3);
    expect(dataset.droppedRows).toBe(4);
    expect([...dataset.sourceLines]).toEqual([2, 7, 8]);
    expect(dataset.groupValues).toEqual([['a', 'b', 'a'], ['u', 'v', 'v']]);
    expect([...dataset.label.values]).toEqual([0, 1, 0]);
    expect(Array.from(feature(dataset, 'x').values as Float64Array)).toEqual([1, 6, NaN]);
  });

  it('keeps numeric group values as text', () => {
    const dataset = load('y,g\n0,0\n1,1\n1,1\n', yg);
    expect(dataset.groupValues[0]).toEqual(['0', '1', '1']);
  });

  it('NO_ROWS when every row has a missing label or group', () => {
    const message = loadError('y,g\n,a\n1,NA\n', yg, 'NO_ROWS');
    expect(message).toContain('All 2 rows');
    expect(message).toContain('"y"');
    expect(message).toContain('"g"');
  });

  it('TOO_FEW_GROUPS when the kept rows form one group, naming it', () => {
    expect(loadError('y,g\n0,a\n1,a\n', yg, 'TOO_FEW_GROUPS')).toContain('"g=a"');
    const twoAttributes = loadError('y,g,h\n0,a,u\n1,a,u\n1,b,\n', { label: 'y', groups: ['g', 'h'] }, 'TOO_FEW_GROUPS');
    expect(twoAttributes).toContain('"g=a, h=u"');
  });

  it('counts intersectional groups: two attributes each varying make two or more groups', () => {
    const dataset = load('y,g,h\n0,a,u\n1,b,v\n', { label: 'y', groups: ['g', 'h'] });
    expect(dataset.rows).toBe(2);
  });
});

describe('loadDataset: features', () => {
  it('defaults to every column but the label, the groups and the split column, in header order', () => {
    const dataset = load('a,y,s,g,b\n1,0,train,u,x\n2,1,test,v,y\n', { label: 'y', groups: ['g'], splitColumn: 's' });
    expect(dataset.features.map((column) => column.name)).toEqual(['a', 'b']);
  });

  it('keeps a given feature list in the order given', () => {
    const dataset = load('y,g,a,b,c\n0,u,1,2,3\n1,v,4,5,6\n', { ...yg, features: ['c', 'a'] });
    expect(dataset.features.map((column) => column.name)).toEqual(['c', 'a']);
  });

  it('reads decimal numbers with signs, points and exponents; missing cells become NaN', () => {
    const dataset = load('y,g,x\n0,u,-1\n1,v,+2\n0,u,.5\n1,v,1e-3\n0,u,NA\n1,v,\n0,u,7.\n', yg);
    const x = feature(dataset, 'x');
    expect(x.kind).toBe('numeric');
    expect(Array.from(x.values as Float64Array)).toEqual([-1, 2, 0.5, 0.001, NaN, NaN, 7]);
  });

  it('types a text column as categorical, missing cells as null', () => {
    const dataset = load('y,g,color\n0,u,red\n1,v,N/A\n0,u,blue\n1,v,\n', yg);
    expect(feature(dataset, 'color')).toEqual({ kind: 'categorical', name: 'color', values: ['red', null, 'blue', null] });
  });

  it('does not take hex, Infinity or thousands separators for numbers', () => {
    const dataset = load('y,g,a,b,c\n0,u,0x1F,Infinity,"1,000"\n1,v,0b1,-Infinity,"2,500"\n', yg);
    expect(dataset.features.map((column) => column.kind)).toEqual(['categorical', 'categorical', 'categorical']);
  });

  const STRAY_FIX = ' Correct the cell, leave it empty or write NA to mark it missing (or name its text with --missing-values, "missingValues" in the spec), or leave the column out of the features (--features, or "features" in the spec).';

  it('NON_NUMERIC when most values are numbers, naming the column, the spreadsheet row and the value', () => {
    const rows = Array.from({ length: 10 }, (_, i) => `${i % 2},${i % 2 ? 'u' : 'v'},${i === 6 ? '4O' : i}`);
    const message = loadError(['y,g,age', ...rows].join('\n'), yg, 'NON_NUMERIC');
    // data row i = 6 is the 7th data row: row 8 with the header as row 1
    expect(message).toBe(`The feature column "age" holds numbers except for 1 of its 10 values; the first is "4O" on row 8.${STRAY_FIX}`);
  });

  it('NON_NUMERIC for one stray word among four cells (12, 15, abc, 14), not a categorical guess', () => {
    expect(loadError('y,g,x\n0,u,12\n1,v,15\n0,u,abc\n1,v,14\n', yg, 'NON_NUMERIC')).toBe(`The feature column "x" holds numbers except for 1 of its 4 values; the first is "abc" on row 4.${STRAY_FIX}`);
  });

  it('keeps the missing-value words missing: 12, 15, n/a, 14 is a numeric column with one missing cell', () => {
    const x = feature(load('y,g,x\n0,u,12\n1,v,15\n0,u,n/a\n1,v,14\n', yg), 'x');
    expect(x.kind).toBe('numeric');
    expect(Array.from(x.values as Float64Array)).toEqual([12, 15, NaN, 14]);
  });

  it('names the file line too when a quoted line break makes it differ from the row', () => {
    const message = loadError('y,g,note,x\n0,u,"two\nlines",12\n1,v,a,15\n0,u,b,abc\n1,v,c,14\n', yg, 'NON_NUMERIC');
    expect(message).toContain('"abc" on row 4 (line 5 of the file)');
  });

  it('is categorical when numbers are half of the values or fewer', () => {
    const rows = Array.from({ length: 10 }, (_, i) => `${i % 2},${i % 2 ? 'u' : 'v'},${i < 5 ? 'x' : i}`);
    expect(feature(load(['y,g,code', ...rows].join('\n'), yg), 'code').kind).toBe('categorical');
  });

  it('types a feature on the kept rows only', () => {
    const dataset = load('y,g,x\n0,u,1\n1,v,2\n,u,oops\n', yg);
    expect(feature(dataset, 'x').kind).toBe('numeric');
  });
});

describe('loadDataset: split column', () => {
  it('marks test rows with 1, reading train/test in any case and spacing', () => {
    const dataset = load('y,g,s\n0,u,train\n1,v, TEST \n0,v,Train\n1,u,test\n', { ...yg, splitColumn: 's' });
    expect([...(dataset.splitIsTest as Uint8Array)]).toEqual([0, 1, 0, 1]);
    expect(dataset.splitColumn).toBe('s');
  });

  it('SPLIT_VALUES for another value, naming the line and the value', () => {
    const message = loadError('y,g,s\n0,u,train\n1,v,valid\n', { ...yg, splitColumn: 's' }, 'SPLIT_VALUES');
    expect(message).toContain('"s"');
    expect(message).toContain('"valid" on line 3');
  });

  it('SPLIT_VALUES for an empty split cell', () => {
    expect(loadError('y,g,s\n0,u,train\n1,v,\n', { ...yg, splitColumn: 's' }, 'SPLIT_VALUES')).toContain('no value on line 3');
  });

  it('EMPTY_SPLIT when no row is test, or none is train', () => {
    expect(loadError('y,g,s\n0,u,train\n1,v,train\n', { ...yg, splitColumn: 's' }, 'EMPTY_SPLIT')).toContain('as test');
    expect(loadError('y,g,s\n0,u,test\n1,v,test\n', { ...yg, splitColumn: 's' }, 'EMPTY_SPLIT')).toContain('as train');
  });

  it('BAD_OPTION when the split column is the label, a group or a feature', () => {
    expect(loadError('y,g,s\n0,u,train\n1,v,test\n', { ...yg, splitColumn: 'g' }, 'BAD_OPTION')).toContain('"g"');
    expect(loadError('y,g,s\n0,u,train\n1,v,test\n', { ...yg, splitColumn: 's', features: ['s'] }, 'BAD_OPTION')).toContain('"s"');
  });
});
