import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditModelFile } from '../../../src/core/model-file/model-audit';
import type { ModelAuditRequest } from '../../../src/core/model-file/audit/model-audit-request';
import { planOnnx } from '../../../src/core/model-file/onnx-model';
import { onnxRuntimeWeb } from '../../../src/runtime/onnx-runtime';
import { file, root, textFile } from './helpers';

// ONNX regressors on a numeric label (scripts/fixtures/make_onnx_regression_fixtures.py): the audit's MSE and MAE per
// group, for h (rationality) and every substituted group (envy), against numpy's from the models' own parameters;
// h0 is the engine's ridge, against scikit-learn's Ridge(alpha=1). onnxruntime computes in float32: relative 1e-5.
const runtime = { onnx: onnxRuntimeWeb() };
const dir = join(root, 'test/fixtures/onnx-regression');
const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
const dataText = readFileSync(join(dir, 'data.csv'), 'utf8');

const request = (model: string, data = dataText, extra: Partial<ModelAuditRequest> = {}): ModelAuditRequest => ({
  data: textFile(data, 'data.csv'),
  model: file(join(dir, model), model),
  load: { splitColumn: 'split' },
  options: { bootstrap: 50 },
  ...extra,
});

function expectClose(actual: number | null, reference: number, relative: number): void {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - reference)).toBeLessThanOrEqual(relative * Math.abs(reference));
}

describe('an ONNX regressor on a numeric label', () => {
  it('is planned as a regressor: a LinearRegressor reshaped to [N], a TreeEnsembleRegressor [N, 1]', () => {
    expect(planOnnx(new Uint8Array(readFileSync(join(dir, 'linear.onnx'))), 'linear.onnx')).toMatchObject({ task: 'regression', outputName: 'prediction', classLabels: null, label: 'bp' });
    expect(planOnnx(new Uint8Array(readFileSync(join(dir, 'trees.onnx'))), 'trees.onnx')).toMatchObject({ task: 'regression', outputName: 'variable' });
    expect(planOnnx(new Uint8Array(readFileSync(join(dir, 'classifier.onnx'))), 'classifier.onnx').task).toBe('classification');
  });

  it.each([
    ['linear.onnx', 'linear'],
    ['trees.onnx', 'trees'],
  ])('%s: MSE and MAE per group, h0, h and every substituted group, as numpy computes them', async (model, key) => {
    const report = await auditModelFile(request(model), runtime);
    expect(report.dataset.task).toBe('regression');
    expect(report.settings).toMatchObject({ model: 'lr', metric: 'mse', splitColumn: 'split' });
    expect(report.model).toMatchObject({ source: 'onnx', newData: false });
    // Explained by occlusion on the predicted values (not read as probabilities); ridge's h0 too.
    expect(report.explanations?.method).toBe('occlusion');
    for (const row of report.metrics.comprehensiveness!.rationality) expect(row.generic! > 0 && row.personalized! > 0).toBe(true);
    for (const metric of ['mse', 'mae'] as const) {
      const section = report.metrics[metric]!;
      for (const row of section.rationality) {
        const group = expected.groups[row.group];
        expect(report.groups.find((g) => g.id === row.group)!.nTest).toBe(group.nTest);
        expectClose(row.generic, group.generic[metric], 1e-9);
        expectClose(row.personalized, group[key][row.group][metric], 1e-5);
      }
      expect(section.envy).toHaveLength(12);
      for (const row of section.envy) expectClose(row.misreported, expected.groups[row.group][key][row.reportedAs][metric], 1e-5);
    }
  });

  describe('refuses, in one line', () => {
    const binary = dataText.replace(/^(\d+(?:\.\d+)?),/gm, (_m, y) => `${Number(y) >= 120 ? 'high' : 'normal'},`);
    it.each([
      ['a classifier on the numeric label', 'classifier.onnx', dataText, 'BAD_MODEL', /^The label "bp" is numeric \(a regression\), but the model "classifier\.onnx" is a binary classifier \(probabilities\)\./],
      ['a regressor on a binary label', 'linear.onnx', binary, 'BAD_MODEL', /^The label "bp" is binary \(a classification\), but the model "linear\.onnx" is a regression model \(predicted values\)\./],
      ['a regressor with two targets', 'two-targets.onnx', dataText, 'BAD_MODEL', /returned an output of shape \[\d+, 2\] for \d+ rows; a regressor's output is one value per row, \[N\] or \[N, 1\]/],
      ['a NaN prediction', 'nan.onnx', dataText, 'MODEL_OUTPUT_NAN', /returned NaN on row 1 of the rows scored, not a finite number/],
    ])('%s', async (_name, model, data, code, message) => {
      const error = await auditModelFile(request(model, data), runtime).catch((e: unknown) => e);
      expect(error).toMatchObject({ code });
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('\n');
    });
  });
});
