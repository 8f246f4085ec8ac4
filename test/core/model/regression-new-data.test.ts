import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareAuditDataset } from '../../../src/core/audit/prepare-dataset';
import { sha256 } from '../../../src/core/data/sha256';
import { auditModelFile } from '../../../src/core/model-file/model-audit';
import { formatEngineModel, trainEngineModel } from '../../../src/core/model-file/train-model';
import { root, textFile } from './helpers';

// New-data audits (--train-data) and assigned groups (SPEC §6) with a saved forest or net regressor.
const csv = readFileSync(join(root, 'examples/blood-pressure.csv'), 'utf8').split('\n').slice(0, 601).join('\n') + '\n';
const load = { label: 'systolic_bp', groups: ['sex', 'age_group'] };
const data = textFile(csv, 'bp.csv');

function trained(modelClass: 'rf' | 'nn') {
  const dataset = prepareAuditDataset(csv, { load, buckets: [] });
  const training = trainEngineModel(dataset, { modelClass }, { path: 'bp.csv', sha256: sha256(data.bytes) });
  return { dataset, training, model: textFile(formatEngineModel(training.model), 'm.json') };
}

describe('a saved regressor', () => {
  it.each(['rf', 'nn'] as const)('--model %s on new data that are its held-out rows: the same MSE as the audit of its own data', async (modelClass) => {
    const { dataset, training, model } = trained(modelClass);
    // The held-out rows of the training file, as a file of their own: every row a test row, h0 fitted on the train rows.
    const lines = csv.trimEnd().split('\n');
    const heldOut = [lines[0], ...Array.from(training.split.test, (row) => lines[dataset.sourceLines[row] - 1])].join('\n') + '\n';
    const onOwnData = await auditModelFile({ data, model, load: {}, options: { bootstrap: 50 } });
    const onNewData = await auditModelFile({ data: textFile(heldOut, 'new.csv'), model, trainData: data, load: {}, options: { bootstrap: 50 } });
    expect(onNewData.dataset.task).toBe('regression');
    expect(onNewData.model).toMatchObject({ newData: true });
    expect(onNewData.comparison!.trainingData.rows).toBe(training.split.train.length);
    // The explanations too: the same models, baselines (the same training rows) and test rows.
    expect(onNewData.explanations?.method).toBe(modelClass === 'rf' ? 'tree-shap' : 'integrated-gradients');
    expect(onNewData.explanations?.examples?.map((e) => [e.group, e.h0, e.h])).toEqual(onOwnData.explanations?.examples?.map((e) => [e.group, e.h0, e.h]));
    for (const metric of ['mse', 'mae', 'sufficiency', 'comprehensiveness'] as const) {
      const own = onOwnData.metrics[metric]!;
      const fresh = onNewData.metrics[metric]!;
      expect(fresh.overall).toEqual(own.overall);
      expect(fresh.rationality.map((r) => [r.group, r.generic, r.personalized])).toEqual(own.rationality.map((r) => [r.group, r.generic, r.personalized]));
      expect(fresh.envy.map((r) => r.misreported)).toEqual(own.envy.map((r) => r.misreported));
    }
  });

  it('serves a group the spec assigns "generic" with the audit’s h0: its rationality gain is exactly 0', async () => {
    const { model } = trained('rf');
    const group = 'sex=Female, age_group=55-79';
    const report = await auditModelFile({ data, model, load: {}, options: { bootstrap: 50, explanations: false, assign: { [group]: 'generic' } } });
    expect(report.settings.assign).toEqual({ [group]: 'generic' });
    const row = report.metrics.mse!.rationality.find((r) => r.group === group)!;
    expect(row.personalized).toBe(row.generic);
    expect(row.gain).toBe(0);
    expect(report.metrics.mse!.rationality.some((r) => r.gain !== 0)).toBe(true);
  });

  it('is not saved with "assign" for a forest or net (refused, with the way out)', () => {
    const dataset = prepareAuditDataset(csv, { load, buckets: [] });
    expect(() => trainEngineModel(dataset, { modelClass: 'nn', assign: { 'sex=Male, age_group=30-54': 'generic' } }, { path: 'bp.csv', sha256: sha256(data.bytes) })).toThrow(
      /"assign" is saved in a model file for linear models only, not --model nn/,
    );
  });
});
