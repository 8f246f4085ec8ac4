import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../../src/core/audit/audit';
import type { AuditOptions } from '../../../src/core/audit/options';
import { prepareAuditDataset } from '../../../src/core/audit/prepare-dataset';
import { sha256 } from '../../../src/core/data/sha256';
import type { ModelClass } from '../../../src/core/learn/model-class';
import type { Technique } from '../../../src/core/learn/technique';
import { parseEngineModel } from '../../../src/core/model-file/engine-model';
import { auditModelFile } from '../../../src/core/model-file/model-audit';
import { formatEngineModel, trainEngineModel } from '../../../src/core/model-file/train-model';
import { root, textFile } from './helpers';
import { withoutModel } from '../../support/without-model';

// `fairuse train` on a numeric label saves the ridge, forest or net regressor the audit fits; the audit of the
// saved file is the in-process audit, number for number (docs/regression.md, "Model files").
const bloodPressure = readFileSync(join(root, 'examples/blood-pressure.csv'), 'utf8').split('\n').slice(0, 701).join('\n');
const load = { label: 'systolic_bp', groups: ['sex', 'age_group'] };

async function roundTrip(csv: string, options: Partial<AuditOptions>) {
  const data = textFile(csv, 'bp.csv');
  const dataset = prepareAuditDataset(csv, { load, buckets: [] });
  const inProcess = await runAudit(dataset, options, { path: 'bp.csv', sha256: sha256(data.bytes) });
  const { model } = trainEngineModel(dataset, options, { path: 'bp.csv', sha256: sha256(data.bytes) });
  const text = formatEngineModel(model);
  const fromFile = await auditModelFile({ data, model: textFile(text, 'm.json'), load: {}, options: { bootstrap: options.bootstrap } });
  return { inProcess, fromFile, model, text };
}


describe('the engine model file of a regressor: train, save, audit from the file', () => {
  const cases: Array<[ModelClass, Technique, string, Partial<AuditOptions>]> = [
    ['lr', '1hot', 'ridge-regression', {}],
    ['lr', 'dcp', 'ridge-regression', { C: 0.5 }],
    ['rf', '1hot', 'random-forest-regressor', {}],
    ['rf', 'dcp', 'random-forest-regressor', { seed: 11 }],
    ['nn', 'all', 'neural-net-regressor', {}],
    ['nn', 'dcp', 'neural-net-regressor', { seed: 3 }],
  ];
  it.each(cases)('--model %s, %s: the report is the in-process report, number for number', async (modelClass, technique, saved, extra) => {
    const { inProcess, fromFile, model, text } = await roundTrip(bloodPressure, { bootstrap: 100, modelClass, technique, ...extra });
    expect(model.modelClass).toBe(saved);
    expect(model.label).toEqual({ column: 'systolic_bp' });
    expect(inProcess.dataset.task).toBe('regression');
    expect(inProcess.settings.model).toBe(modelClass);
    expect(JSON.stringify(withoutModel(fromFile))).toBe(JSON.stringify(inProcess));
    expect(fromFile.settings.sources).toMatchObject({ technique: 'model file', C: 'model file' });
    // The file is explained as the engine explains the class in process (explanations included in the equality).
    expect(fromFile.explanations?.method).toBe({ lr: 'linear-exact', rf: 'tree-shap', nn: 'integrated-gradients' }[modelClass]);
    expect(fromFile.metrics.sufficiency?.rationality).toHaveLength(inProcess.groups.length);
    expect(fromFile.explanations?.examples).toHaveLength(inProcess.groups.length);
    expect(fromFile.model).toMatchObject({ source: 'json', path: 'm.json', technique, newData: false });
    expect(parseEngineModel(JSON.parse(text), 'm.json')).toEqual(model);
  });

  it('refuses a regressor file on a binary label, and a logistic file on a numeric label, naming both tasks', async () => {
    const dataset = prepareAuditDataset(bloodPressure, { load, buckets: [] });
    const { model } = trainEngineModel(dataset, { modelClass: 'rf' }, { path: 'bp.csv', sha256: sha256(textFile(bloodPressure, 'bp.csv').bytes) });
    const binary = bloodPressure.replace(/^(\d+(?:\.\d+)?),/gm, (_m, y) => `${Number(y) >= 130 ? 'high' : 'normal'},`);
    const regressorOnBinary = await auditModelFile({ data: textFile(binary, 'bp.csv'), model: textFile(formatEngineModel(model), 'm.json'), load: {}, options: { bootstrap: 20 } }).catch((e: unknown) => e);
    expect(regressorOnBinary).toMatchObject({ code: 'BAD_MODEL' });
    expect((regressorOnBinary as Error).message).toMatch(/^The label "systolic_bp" is binary \(a classification\), but the model "m\.json" is a regression model \(predicted values\) \(random-forest-regressor\)\./);

    const logistic = trainEngineModel(prepareAuditDataset(binary, { load, buckets: [] }), {}, { path: 'b.csv', sha256: sha256(textFile(binary, 'b.csv').bytes) }).model;
    const classifierOnNumeric = await auditModelFile({ data: textFile(bloodPressure, 'bp.csv'), model: textFile(formatEngineModel(logistic), 'm.json'), load: {}, options: { bootstrap: 20 } }).catch((e: unknown) => e);
    expect((classifierOnNumeric as Error).message).toMatch(/^The label "systolic_bp" is numeric \(a regression\), but the model "m\.json" is a binary classifier \(probabilities\) \(logistic-regression\)\./);
  });

  it('refuses a damaged forest: a child that points back up the tree', async () => {
    const dataset = prepareAuditDataset(bloodPressure, { load, buckets: [] });
    const { model } = trainEngineModel(dataset, { modelClass: 'rf' }, { path: 'bp.csv', sha256: 'a'.repeat(64) });
    const json = JSON.parse(formatEngineModel(model));
    json.fit.trees[3].left[0] = 0;
    expect(() => parseEngineModel(json, 'm.json')).toThrow(/"fit"\.trees\[3\]\.left\[0\] is 0; a child is a later node of the tree/);
  });
});
