import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../../src/core/audit/audit';
import { parseCsv } from '../../../src/core/data/csv';
import { auditModelFile } from '../../../src/core/model-file/model-audit';
import { dataRowOfKeptRow, formatPredictionsFile } from '../../../src/core/model-file/predictions-file';
import { sha256 } from '../../../src/core/data/sha256';
import { trainEngineModel } from '../../../src/core/model-file/train-model';
import { prepareDataset } from '../../../src/core/audit/prepare-dataset';
import { heartPath, numbers, textFile } from './helpers';
import { syntheticCsv } from './synthetic';

/** The synthetic data with two rows whose group is missing (dropped), so kept rows and data rows differ. */
const csv = syntheticCsv(9, 300).replace(/\n1,F,old,/, '\n1,,old,').replace(/\n0,M,young,/, '\n0,M,,');
const load = { label: 'y', groups: ['s', 'a'] };

function exported(text: string, options = {}) {
  const dataset = prepareDataset(text, { load, buckets: [] });
  const training = trainEngineModel(dataset, options, { path: 'd.csv', sha256: sha256(new TextEncoder().encode(text)) });
  const table = parseCsv(text);
  const file = formatPredictionsFile(table.rowCount, dataRowOfKeptRow(table, dataset), training.groups, training.split.test, training.predictions);
  return { dataset, table, file };
}

describe('the predictions file', () => {
  it('reproduces an audit whose predictions the engine exported, number for number', async () => {
    for (const technique of ['1hot', 'dcp'] as const) {
      const { dataset, file } = exported(csv, { technique });
      expect(dataset.droppedRows).toBe(2);
      const inProcess = await runAudit(dataset, { technique, bootstrap: 150, explanations: false }, { path: 'd.csv' }); // a predictions file cannot be explained (docs/explanations.md): compare the accuracy metrics
      const fromFile = await auditModelFile({ data: textFile(csv, 'd.csv'), model: textFile(file, 'p.csv'), load, options: { technique, bootstrap: 150, explanations: false } });
      expect(numbers(fromFile)).toEqual(numbers(inProcess));
      expect(fromFile.warnings.filter((w) => !w.includes('nothing checks'))).toEqual(inProcess.warnings.filter((w) => !w.includes('solver') && !w.includes('constant')));
      expect(fromFile.model).toMatchObject({ source: 'predictions', path: 'p.csv', newData: false });
      expect(fromFile.dataset.features).toEqual([]);
    }
  });

  it('lines up by position without a row column, and by row number with one, in any order', async () => {
    const { file } = exported(csv);
    const [header, ...lines] = file.trimEnd().split('\n');
    const positional = [header.replace(/^row,/, ''), ...lines.map((l) => l.replace(/^\d+,/, ''))].join('\n');
    const shuffled = [header, ...lines.filter((l) => !/^\d+,+$/.test(l)).reverse()].join('\n');
    const reference = await auditModelFile({ data: textFile(csv, 'd.csv'), model: textFile(file, 'p.csv'), load, options: { bootstrap: 100 } });
    for (const variant of [positional, shuffled]) {
      const report = await auditModelFile({ data: textFile(csv, 'd.csv'), model: textFile(variant, 'p.csv'), load, options: { bootstrap: 100 } });
      expect(numbers(report)).toEqual(numbers(reference));
    }
  });

  it('works on a file written by hand for examples/heart.csv', async () => {
    const heart = readFileSync(heartPath, 'utf8');
    const rows = parseCsv(heart).rowCount;
    const groupIds = ['Sex=Female, Age=Old', 'Sex=Female, Age=Young', 'Sex=Male, Age=Old', 'Sex=Male, Age=Young'];
    // h0 predicts 0.49 and h(·, g′) 0.3 for every row and group: both call every row negative.
    const lines = [['pred@generic', ...groupIds.map((g) => `"pred@${g}"`)].join(','), ...Array.from({ length: rows }, () => ['0.49', '0.3', '0.3', '0.3', '0.3'].join(','))];
    const report = await auditModelFile({ data: textFile(heart, 'heart.csv'), model: textFile(lines.join('\n'), 'p.csv'), load: { label: 'Disease', groups: ['Sex', 'Age'] }, options: { bootstrap: 50 } });
    // Both predict every row negative: the error is the positive rate of the group, and every gain is 0.
    for (const row of report.metrics.error!.rationality) {
      const group = report.groups.find((g) => g.id === row.group)!;
      expect(row.generic).toBeCloseTo(group.positiveRate!, 12);
      expect(row.gain).toBe(0);
    }
    expect(report.groups.every((g) => g.nTrain === 0)).toBe(true);
  });

  describe('refuses', () => {
    const { file } = exported(csv);
    const audit = (text: string) => auditModelFile({ data: textFile(csv, 'd.csv'), model: textFile(text, 'p.csv'), load, options: { bootstrap: 20 } });
    const testLine = (text: string) => text.split('\n').findIndex((l, k) => k > 0 && !/^\d+,+$/.test(l));
    const change = (edit: (cells: string[]) => void) => {
      const lines = file.split('\n');
      const k = testLine(file);
      const cells = parseCsv(`${lines[0]}\n${lines[k]}`).columns.map((c) => c[0]);
      edit(cells);
      lines[k] = cells.map((c) => (c.includes(',') ? `"${c}"` : c)).join(',');
      return lines.join('\n');
    };
    it.each([
      ['a missing group column', () => file.replace('"pred@s=M, a=old"', '"pred@s=M, a=older"'), 'BAD_PREDICTIONS', /has no column "pred@s=M, a=old"/],
      ['a partly filled row', () => change((c) => (c[2] = '')), 'BAD_PREDICTIONS', /1 empty prediction cells/],
      ['text', () => change((c) => (c[1] = 'high')), 'BAD_PREDICTIONS', /"high" .* not a number/],
      ['NaN', () => change((c) => (c[3] = 'NaN')), 'MODEL_OUTPUT_NAN', /NaN/],
      ['a score', () => change((c) => (c[1] = '1.7')), 'MODEL_OUTPUT_NOT_PROBABILITY', /1\.7 .* not a probability/],
      ['a row number out of range', () => change((c) => (c[0] = '999')), 'BAD_PREDICTIONS', /names row "999"/],
      ['misaligned rows', () => file.replace(/^row,/, '').split('\n').map((l, k) => (k === 0 ? l : l.replace(/^\d+,/, ''))).slice(0, -3).join('\n'), 'BAD_PREDICTIONS', /has 298 rows and the data 300/],
    ])('%s', async (_name, make, code, message) => {
      await expect(audit(make())).rejects.toThrow(expect.objectContaining({ code, message: expect.stringMatching(message) }));
    });
  });
});
