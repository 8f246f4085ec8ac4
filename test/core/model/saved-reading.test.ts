import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareTable } from '../../../src/core/audit/prepare-dataset';
import { loadAuditDataset } from '../../../src/core/data/load-dataset';
import { runAudit } from '../../../src/core/audit/audit';
import { sha256 } from '../../../src/core/data/sha256';
import { parseEngineModel } from '../../../src/core/model-file/engine-model';
import { auditModelFile } from '../../../src/core/model-file/model-audit';
import { formatEngineModel, trainEngineModel } from '../../../src/core/model-file/train-model';
import { numbers, root, textFile } from './helpers';

// A model trained on bmi cut at 25 and 30 has group columns for "<25", "25-30", "30+". Its file records the cuts,
// so auditing it needs no --groups: before, the audit asked for cut points and suggested the data's terciles,
// which match none of the model's columns (fresh-eyes trial).
const csv = readFileSync(join(root, 'examples/blood-pressure.csv'), 'utf8').replace(/\n[^\n]*,no,/, (line) => line.replace(/,no,$/, ',unknown,'));
const run = { load: { label: 'systolic_bp', groups: ['sex', 'bmi'], missingValues: ['unknown'] }, buckets: [{ column: 'bmi', cuts: [25, 30] }] };

const dataset = () => loadAuditDataset(prepareTable(csv, run.buckets, run.load.missingValues), run.load);

function savedModel(): string {
  const { model } = trainEngineModel(dataset(), {}, { path: 'bp.csv', sha256: sha256(new TextEncoder().encode(csv)), buckets: run.buckets, missingValues: run.load.missingValues });
  return formatEngineModel(model);
}

describe('a model file records how its data was read', () => {
  it('saves the cut points and missing-value texts, and reads them back', () => {
    const model = parseEngineModel(JSON.parse(savedModel()), 'm.json');
    expect(model.training.buckets).toEqual([{ column: 'bmi', cuts: [25, 30] }]);
    expect(model.training.missingValues).toEqual(['unknown']);
  });

  it('audits the file with them when the audit gives none: the in-process audit, number for number', async () => {
    const fromFile = await auditModelFile({ data: textFile(csv, 'bp.csv'), model: textFile(savedModel(), 'm.json'), load: {}, options: { bootstrap: 60, explanations: false } });
    const inProcess = await runAudit(dataset(), { bootstrap: 60, explanations: false }, { path: 'bp.csv' });
    expect(fromFile.groups.map((g) => g.id)).toContain('sex=Female, bmi=25-30');
    expect(numbers(fromFile)).toEqual(numbers(inProcess));
  });

  it('refuses other cut points for a column the model was trained on, naming both', async () => {
    const request = { data: textFile(csv, 'bp.csv'), model: textFile(savedModel(), 'm.json'), load: {}, buckets: [{ column: 'bmi', cuts: [22.1, 29.7] }], options: { bootstrap: 20 } };
    await expect(auditModelFile(request)).rejects.toThrow(
      expect.objectContaining({ code: 'BAD_OPTION', message: expect.stringMatching(/trained with bmi cut at 25, 30, and this audit cuts it at 22\.1, 29\.7.* give bmi:25:30\.$/) }),
    );
  });
});
