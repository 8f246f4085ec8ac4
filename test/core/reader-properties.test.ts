/**
 * Property-based tests of the CSV reader and the predictions-file reader (issue 14): for random tables written in
 * random dialects (quoting, line ends, byte-order mark, final line break), the reader gives back the same table;
 * for any cut-off or garbled file it gives a table or an AuditInputError, never another exception.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/core/data/csv';
import { AuditInputError } from '../../src/core/errors';
import { dataRowOfKeptRow, formatPredictionsFile, readPredictionsFile } from '../../src/core/model-file/predictions-file';
import { indexGroups } from '../../src/core/data/groups';
import { prepareDataset } from '../../src/core/audit/prepare-dataset';
import { sha256 } from '../../src/core/data/sha256';
import { trainEngineModel } from '../../src/core/model-file/train-model';
import { syntheticCsv } from './model/synthetic';

// Cells as parseCsv returns them: trimmed, non-empty in the header, any text (commas, quotes, line breaks) inside.
const cellText = fc.string({ unit: fc.constantFrom('a', 'B', '1', ' ', ',', '"', '\n', 'é', ';', '\t', '\u200b'), maxLength: 8 }).map((s) => s.trim());
const headerName = cellText.filter((s) => s !== '');

const table = fc.integer({ min: 1, max: 4 }).chain((width) =>
  fc.record({
    header: fc.uniqueArray(headerName, { minLength: width, maxLength: width }),
    rows: fc.array(fc.array(cellText, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 6 }).filter((rows) => rows.some((r) => r.some((c) => c !== ''))),
  }),
);

const dialect = fc.record({ quoteAll: fc.boolean(), crlf: fc.boolean(), bom: fc.boolean(), finalBreak: fc.boolean() });

function write(t: { header: string[]; rows: string[][] }, d: { quoteAll: boolean; crlf: boolean; bom: boolean; finalBreak: boolean }): string {
  const quote = (c: string) => (d.quoteAll || /[",\n\r]/.test(c) || c === '' ? `"${c.replace(/"/g, '""')}"` : c);
  const lines = [t.header, ...t.rows].map((r) => r.map(quote).join(','));
  const br = d.crlf ? '\r\n' : '\n';
  return `${d.bom ? '\ufeff' : ''}${lines.join(br)}${d.finalBreak ? br : ''}`;
}

/** A table, or an AuditInputError: anything else thrown fails the property. */
function tableOrInputError(read: () => unknown): void {
  try {
    read();
  } catch (error) {
    if (!(error instanceof AuditInputError)) throw error;
    expect(error.message).not.toMatch(/[\r\n]/);
  }
}

describe('parseCsv, by property', () => {
  it('reads back the table it was given, in any dialect', () => {
    fc.assert(
      fc.property(table, dialect, (t, d) => {
        const parsed = parseCsv(write(t, d));
        expect(parsed.header).toEqual(t.header);
        const rows = Array.from({ length: parsed.rowCount }, (_, i) => parsed.columns.map((column) => column[i]));
        // A one-column row that is empty (written "") reads as a blank line, which the reader skips; wider rows of
        // empty cells ("","") are kept.
        expect(rows).toEqual(t.rows.filter((r) => r.length > 1 || r[0] !== ''));
      }),
      { numRuns: 300 },
    );
  });

  it('gives a table or a clear error for any cut-off file', () => {
    fc.assert(
      fc.property(table, dialect, fc.nat(), (t, d, cut) => {
        const text = write(t, d);
        tableOrInputError(() => parseCsv(text.slice(0, cut % (text.length + 1))));
      }),
      { numRuns: 300 },
    );
  });

  it('gives a table or a clear error for arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 60 }), (text) => tableOrInputError(() => parseCsv(text))), { numRuns: 500 });
  });
});

describe('readPredictionsFile, by property', () => {
  const csv = syntheticCsv(3, 60);
  const dataset = prepareDataset(csv, { load: { label: 'y', groups: ['s', 'a'] }, buckets: [] });
  const training = trainEngineModel(dataset, {}, { path: 'd.csv', sha256: sha256(new TextEncoder().encode(csv)) });
  const data = parseCsv(csv);
  const keptDataRow = dataRowOfKeptRow(data, dataset);
  const file = formatPredictionsFile(data.rowCount, keptDataRow, training.groups, training.split.test, training.predictions);
  const groups = indexGroups(dataset);

  it('reads its own file whole, and any cut or garbled copy gives a result or a clear error', () => {
    expect(() => readPredictionsFile(file, 'p.csv', data.rowCount, keptDataRow, groups, dataset.label as never)).not.toThrow();
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.constantFrom('', 'x', ',', '"', '\n', 'NaN', '-1', '2'), (cut, at, junk) => {
        const cutText = file.slice(0, cut % (file.length + 1));
        const position = at % (file.length + 1);
        const garbled = file.slice(0, position) + junk + file.slice(position + 1);
        tableOrInputError(() => readPredictionsFile(cutText, 'p.csv', data.rowCount, keptDataRow, groups, dataset.label as never));
        tableOrInputError(() => readPredictionsFile(garbled, 'p.csv', data.rowCount, keptDataRow, groups, dataset.label as never));
      }),
      { numRuns: 200 },
    );
  });
});
