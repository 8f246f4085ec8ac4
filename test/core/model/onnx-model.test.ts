import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { indexGroups } from '../../../src/core/data/groups';
import { resolveInputColumns } from '../../../src/core/model-file/input-columns';
import { auditModelFile } from '../../../src/core/model-file/model-audit';
import { inspectModelFile } from '../../../src/core/model-file/inspect-model-file';
import { onnxScorer, planOnnx, positiveColumn, probabilitiesFromOutput } from '../../../src/core/model-file/onnx-model';
import { onnxRuntimeWeb } from '../../../src/runtime/onnx-runtime';
import { parseCsv } from '../../../src/core/data/csv';
import { loadDataset } from '../../../src/core/data/load-dataset';
import type { MetricId } from '../../../src/core/audit/metrics';
import { file, fixture, heartPath, heartRequest } from './helpers';

const runtime = { onnx: onnxRuntimeWeb() };
const heartText = readFileSync(heartPath, 'utf8');
const lrColumns: string[] = JSON.parse(readFileSync(fixture('heart-lr.model.json'), 'utf8')).features.map((f: { column: string }) => f.column).concat(['Sex=Female', 'Sex=Male', 'Age=Old', 'Age=Young']);

describe('planOnnx', () => {
  it('reads skl2onnx ZipMap output through the probability tensor that feeds it', () => {
    const plan = planOnnx(new Uint8Array(readFileSync(fixture('heart-lr.onnx'))), 'heart-lr.onnx');
    expect(plan).toMatchObject({ inputName: 'float_input', inputWidth: 31, outputName: 'probabilities', classLabels: ['0', '1'], groups: ['Sex', 'Age'], label: 'Disease', positive: '1' });
    expect(plan.columns).toEqual(lrColumns);
  });

  it('takes the one float output of a plain graph, and the probabilities beside the label of a tree ensemble', () => {
    expect(planOnnx(new Uint8Array(readFileSync(fixture('heart-lr-sigmoid.onnx'))), 'x')).toMatchObject({ outputName: 'probability', classLabels: null, inputWidth: 31 });
    expect(planOnnx(new Uint8Array(readFileSync(fixture('heart-trees.onnx'))), 'x')).toMatchObject({ outputName: 'probabilities', classLabels: ['0', '1'], inputWidth: 29 });
  });

  it('refuses a model with two inputs', () => {
    expect(() => planOnnx(new Uint8Array(readFileSync(fixture('bad-two-inputs.onnx'))), 'bad-two-inputs.onnx')).toThrow(expect.objectContaining({ code: 'BAD_MODEL', message: expect.stringContaining('has 2 inputs (input, extra)') }));
  });
});

describe('probabilitiesFromOutput', () => {
  it('reads the positive column of [N, 2] and a single column as is', () => {
    expect(Array.from(probabilitiesFromOutput({ data: [0.25, 0.75, 1, 0], dims: [2, 2] }, 2, 1, 'm'))).toEqual([0.75, 0]);
    expect(Array.from(probabilitiesFromOutput({ data: [0.25, 0.75, 1, 0], dims: [2, 2] }, 2, 0, 'm'))).toEqual([0.25, 1]);
    expect(Array.from(probabilitiesFromOutput({ data: [0.5, 0.125], dims: [2, 1] }, 2, 1, 'm'))).toEqual([0.5, 0.125]);
  });
  it.each([
    [{ data: [0.5, NaN], dims: [2] }, 'MODEL_OUTPUT_NAN'],
    [{ data: [0.5, 1.5], dims: [2] }, 'MODEL_OUTPUT_NOT_PROBABILITY'],
    [{ data: [-2, 0.5], dims: [2, 1] }, 'MODEL_OUTPUT_NOT_PROBABILITY'],
    [{ data: [0.5, 0.6, 0.5, 0.5], dims: [2, 2] }, 'MODEL_OUTPUT_NOT_PROBABILITY'],
    [{ data: [0.2, 0.3, 0.5, 0.1, 0.1, 0.8], dims: [2, 3] }, 'MODEL_OUTPUT_NOT_PROBABILITY'],
  ])('refuses %j with %s', (output, code) => {
    expect(() => probabilitiesFromOutput(output, 2, 1, 'm')).toThrow(expect.objectContaining({ code }));
  });
});

describe('auditing an ONNX model (onnxruntime-web, WASM)', () => {
  it('the logistic-regression graph gives the audit of the engine model file with the same coefficients', async () => {
    const onnx = await auditModelFile(heartRequest('heart-lr.onnx'), runtime);
    const json = await auditModelFile(heartRequest('heart-lr.model.json'), runtime);
    expect(onnx.groups).toEqual(json.groups);
    // The JSON file brings its technique, penalty and split ("model file"); the ONNX graph does not: the settings agree.
    expect({ ...onnx.settings, sources: undefined }).toEqual({ ...json.settings, sources: undefined });
    // The explanation metrics differ by design: the JSON file is explained exactly, the ONNX graph by occlusion.
    expect([json.explanations?.method, onnx.explanations?.method]).toEqual(['linear-exact', 'occlusion']);
    const accuracy = (Object.keys(json.metrics) as MetricId[]).filter((id) => id !== 'sufficiency' && id !== 'comprehensiveness');
    expect(accuracy).toHaveLength(5);
    for (const id of accuracy) {
      const a = onnx.metrics[id]!;
      const b = json.metrics[id]!;
      // float32 in the graph, float64 in the engine: risks agree to float32 precision, verdicts exactly.
      a.rationality.forEach((row, k) => {
        const other = b.rationality[k];
        expect(row.verdict).toBe(other.verdict);
        for (const key of ['generic', 'personalized', 'gain'] as const) {
          if (other[key] === null) expect(row[key]).toBeNull();
          else expect(Math.abs(row[key]! - other[key]!)).toBeLessThan(1e-6);
        }
      });
      a.envy.forEach((row, k) => expect(row.verdict).toBe(b.envy[k].verdict));
      const { bestGain, worstGain, ...counts } = a.summary;
      const { bestGain: bestB, worstGain: worstB, ...countsB } = b.summary;
      expect(counts).toEqual(countsB);
      if (bestB !== null) expect(Math.abs(bestGain! - bestB)).toBeLessThan(1e-6);
      if (worstB !== null) expect(Math.abs(worstGain! - worstB)).toBeLessThan(1e-6);
    }
    // Decisions at 0.5 are the same, so the error rates are equal exactly.
    expect(onnx.metrics.error).toEqual(json.metrics.error);
    expect(onnx.model).toMatchObject({ source: 'onnx', inputs: lrColumns, output: 'probabilities', newData: false });
  });

  it('a graph without metadata needs the columns, and with them audits the same', async () => {
    await expect(auditModelFile(heartRequest('heart-lr-sigmoid.onnx', { load: { label: 'Disease', groups: ['Sex', 'Age'] } }), runtime)).rejects.toThrow(
      expect.objectContaining({ code: 'BAD_MODEL', message: expect.stringContaining('--model-columns') }),
    );
    const plain = await auditModelFile(heartRequest('heart-lr-sigmoid.onnx', { load: { label: 'Disease', groups: ['Sex', 'Age'] }, modelColumns: lrColumns }), runtime);
    const zipMap = await auditModelFile(heartRequest('heart-lr.onnx'), runtime);
    expect(plain.metrics.error).toEqual(zipMap.metrics.error);
    expect(plain.metrics.logloss!.overall.personalized).toBeCloseTo(zipMap.metrics.logloss!.overall.personalized!, 6);
  });

  it("runs the tree ensemble (ai.onnx.ml TreeEnsembleClassifier) as scikit-learn's predict_proba", async () => {
    const expected = JSON.parse(readFileSync(fixture('heart-trees.expected.json'), 'utf8'));
    const bytes = new Uint8Array(readFileSync(fixture('heart-trees.onnx')));
    const plan = planOnnx(bytes, 'trees');
    const dataset = loadDataset(parseCsv(heartText), { label: 'Disease', groups: ['Sex', 'Age'], features: heartText.split('\n')[0].split(',').slice(3) });
    const inputs = resolveInputColumns(plan.columns!, parseCsv(heartText).header, 'trees');
    const session = await runtime.onnx.load(plan.bytes, plan.inputName, plan.outputName, 'trees');
    const scorer = onnxScorer(plan, inputs, dataset, session, 1, 'trees');
    const groups = indexGroups(dataset);
    const own = new Float64Array(dataset.rows);
    for (const group of groups.groups) {
      const rows = Int32Array.from({ length: dataset.rows }, (_, i) => i).filter((i) => groups.groups[groups.groupOfRow[i]] === group);
      (await scorer.score(rows, group)).forEach((p, k) => (own[rows[k]] = p));
    }
    own.forEach((p, i) => expect(Math.abs(p - expected.probabilityOfPositive[i])).toBeLessThan(1e-6));
  });

  it('audits the tree ensemble, whose groups drop a reference level', async () => {
    const report = await auditModelFile(heartRequest('heart-trees.onnx', { load: { label: 'Disease' } }), runtime);
    expect(report.metrics.auc!.rationality).toHaveLength(4);
    expect(report.metrics.auc!.envy).toHaveLength(12);
    expect(report.model!.inputs!.slice(-2)).toEqual(['Sex=Male', 'Age=Old']);
  });
});

describe('errors, each with its code', () => {
  const audit = (model: string, extra = {}) => auditModelFile(heartRequest(model, extra), runtime);
  it.each([
    ['bad-raw-scores.onnx', 'MODEL_OUTPUT_NOT_PROBABILITY', /which is not a probability/],
    ['bad-nan.onnx', 'MODEL_OUTPUT_NAN', /returned NaN/],
    ['bad-not-summing.onnx', 'MODEL_OUTPUT_NOT_PROBABILITY', /summing to/],
    ['bad-two-inputs.onnx', 'BAD_MODEL', /has 2 inputs/],
  ])('%s: %s', async (model, code, message) => {
    await expect(audit(model)).rejects.toThrow(expect.objectContaining({ code, message: expect.stringMatching(message) }));
  });

  it('an input width that does not match the columns', async () => {
    await expect(audit('heart-lr-sigmoid.onnx', { load: { label: 'Disease', groups: ['Sex', 'Age'] }, modelColumns: lrColumns.slice(1) })).rejects.toThrow(
      expect.objectContaining({ code: 'MODEL_INPUT_WIDTH', message: expect.stringContaining('takes 31 input columns, but 30 are named') }),
    );
  });

  it('a feature the model needs that the CSV lacks', async () => {
    const csv = heartText.replace(/^Disease,Sex,Age,FastingBloodSugar_ge_120,/, 'Disease,Sex,Age,FBS,');
    await expect(audit('heart-lr.onnx', { data: { bytes: new TextEncoder().encode(csv), path: 'd.csv' } })).rejects.toThrow(
      expect.objectContaining({ code: 'MODEL_MISSING_FEATURE', message: expect.stringContaining('"FastingBloodSugar_ge_120"') }),
    );
    await expect(audit('heart-lr.model.json', { data: { bytes: new TextEncoder().encode(csv), path: 'd.csv' } })).rejects.toThrow(expect.objectContaining({ code: 'MODEL_MISSING_FEATURE' }));
  });

  it('an unknown format, and a file over the size limit', async () => {
    await expect(audit('heart-lr.onnx', { model: { bytes: new TextEncoder().encode('hello'), path: 'model.bin' } })).rejects.toThrow(expect.objectContaining({ code: 'UNKNOWN_MODEL_FORMAT' }));
    await expect(audit('heart-lr.onnx', { maxModelBytes: 1000 })).rejects.toThrow(expect.objectContaining({ code: 'MODEL_TOO_LARGE', message: expect.stringMatching(/over the limit/) }));
    const renamed = { ...file(fixture('heart-lr.onnx')), path: 'model.bin' };
    expect((await audit('heart-lr.onnx', { model: renamed, options: { bootstrap: 20 } })).model!.source).toBe('onnx');
  });

  it('groups other than the model says', async () => {
    await expect(audit('heart-lr.onnx', { load: { groups: ['Sex'] } })).rejects.toThrow(expect.objectContaining({ code: 'BAD_OPTION', message: expect.stringContaining('not those of the model file') }));
  });
});

describe('positiveColumn', () => {
  it("picks the class named like the label's positive value, else the second of two with a warning", () => {
    const warnings: string[] = [];
    expect(positiveColumn(['no', 'yes'], 'yes', warnings, 'm')).toBe(1);
    expect(positiveColumn(['1', '0'], '1', warnings, 'm')).toBe(0);
    expect(positiveColumn(['0', '1'], '1.0', warnings, 'm')).toBe(1);
    expect(positiveColumn(null, 'Disease', warnings, 'm')).toBe(1);
    expect(warnings).toEqual([]);
    expect(positiveColumn(['0', '1'], 'Disease', warnings, 'm')).toBe(1);
    expect(positiveColumn(['0', '1'], 'Disease', warnings, 'm')).toBe(1);
    expect(warnings).toEqual([expect.stringContaining('neither is the label\'s positive value "Disease"')]);
    expect(() => positiveColumn(['a', 'b', 'c'], 'a2', warnings, 'm')).toThrow(/3 classes/);
  });
});

describe('inspectModelFile', () => {
  it('says what each model file states, so the editor asks only for the rest', () => {
    expect(inspectModelFile(file(fixture('heart-lr.onnx')))).toEqual({ kind: 'onnx', label: 'Disease', positive: '1', groups: ['Sex', 'Age'], columns: lrColumns, inputWidth: 31 });
    expect(inspectModelFile(file(fixture('heart-lr-sigmoid.onnx')))).toEqual({ kind: 'onnx', inputWidth: 31 });
    expect(inspectModelFile(file(fixture('heart-lr.model.json')))).toMatchObject({ kind: 'json', label: 'Disease', groups: ['Sex', 'Age'], technique: '1hot' });
    expect(inspectModelFile({ bytes: new Uint8Array(10), path: 'p.csv' })).toEqual({ kind: 'predictions' });
    expect(() => inspectModelFile(file(fixture('heart-lr.onnx')), 100)).toThrow(expect.objectContaining({ code: 'MODEL_TOO_LARGE' }));
  });
});
