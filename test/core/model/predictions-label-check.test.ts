import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/core/data/csv';
import { auditModelFile } from '../../../src/core/model-file/model-audit';
import { dataRowOfKeptRow, formatPredictionsFile } from '../../../src/core/model-file/predictions-file';
import { sha256 } from '../../../src/core/data/sha256';
import { trainEngineModel } from '../../../src/core/model-file/train-model';
import { prepareDataset } from '../../../src/core/audit/prepare-dataset';
import { numbers, textFile } from './helpers';
import { syntheticCsv } from './synthetic';

// A predictions file with a "label" column is checked against the data it is applied to, so a file applied to the
// same data in another row order is refused, not silently misaligned (it would pair predictions with other rows).
const csv = syntheticCsv(9, 300);
const load = { label: 'y', groups: ['s', 'a'] };

function exported(withLabel: boolean) {
  const dataset = prepareDataset(csv, { load, buckets: [] });
  const training = trainEngineModel(dataset, {}, { path: 'd.csv', sha256: sha256(new TextEncoder().encode(csv)) });
  const table = parseCsv(csv);
  const label = withLabel ? dataset.label : undefined;
  return formatPredictionsFile(table.rowCount, dataRowOfKeptRow(table, dataset), training.groups, training.split.test, training.predictions, label);
}

const audit = (data: string, file: string) => auditModelFile({ data: textFile(data, 'd.csv'), model: textFile(file, 'p.csv'), load, options: { bootstrap: 40 } });

describe('the label column of a predictions file', () => {
  it('is written for the test rows and changes nothing when the data matches', async () => {
    const withLabel = exported(true);
    expect(withLabel.split('\n')[0].startsWith('row,label,pred@generic,')).toBe(true);
    expect(numbers(await audit(csv, withLabel))).toEqual(numbers(await audit(csv, exported(false))));
  });

  it('refuses the same data in another row order, naming the row', async () => {
    const [header, ...rows] = csv.trimEnd().split('\n');
    const reversed = [header, ...rows.reverse()].join('\n');
    await expect(audit(reversed, exported(true))).rejects.toThrow(
      expect.objectContaining({ code: 'BAD_PREDICTIONS', message: expect.stringMatching(/says the label of data row \d+ is "[01]" on line \d+, but the data says "[01]"\. The file belongs to other data, or to this data in another row order/) }),
    );
    // Without the column the misalignment cannot be seen: the audit runs (what the check is for).
    await expect(audit(reversed, exported(false))).resolves.toBeDefined();
  });

  it('refuses a label value the data does not have', async () => {
    const file = exported(true).replace(/^(\d+),[01],/m, '$1,maybe,');
    await expect(audit(csv, file)).rejects.toThrow(/holds "maybe" in "label" on line \d+, which is not a value of the label "y"/);
  });

  it('warns that rows numbered without a label column are not checked, and not when the label is there', async () => {
    const unchecked = await audit(csv, exported(false));
    expect(unchecked.warnings.join('\n')).toMatch(/numbers its rows but has no "label" column, so nothing checks/);
    expect((await audit(csv, exported(true))).warnings.join('\n')).not.toMatch(/nothing checks/);
  });

  it('refuses rows numbered from 0 (a pandas index) instead of shifting every prediction by one row', async () => {
    // Only the test rows, renumbered from 0: what `df[test].to_csv(index_label="row")` writes after a reset index.
    const [header, ...lines] = exported(false).trimEnd().split('\n');
    const testLines = lines.filter((line) => !/^\d+,,/.test(line)).map((line, i) => line.replace(/^\d+/, String(i)));
    await expect(audit(csv, [header, ...testLines].join('\n'))).rejects.toThrow(
      expect.objectContaining({ code: 'BAD_PREDICTIONS', message: expect.stringMatching(/names row 0 on line 2; rows are numbered from 1 .* looks numbered from 0/) }),
    );
  });
});
