import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { auditModelFile } from '../../../src/core/model-file/model-audit';
import { onnxRuntimeWeb } from '../../../src/runtime/onnx-runtime';
import { file, heartPath, heartRequest, textFile } from './helpers';

const runtime = { onnx: onnxRuntimeWeb() };
const mayHaveSeen = (warnings: readonly string[]) => warnings.filter((w) => w.includes('does not record the rows it was trained on'));

describe('an ONNX model may have been trained on the test rows (README: "On any other data the report warns…")', () => {
  it('is said on one dataset split by the engine, with --train-data as the way out', async () => {
    const report = await auditModelFile(heartRequest('heart-lr.onnx', { options: { bootstrap: 20 } }), runtime);
    expect(mayHaveSeen(report.warnings)).toEqual([expect.stringMatching(/^The ONNX model test\/fixtures\/models\/heart-lr\.onnx does not record .* rows of examples\/heart\.csv, some may be among the test rows here.*--train-data/)]);
  });

  it('is not said on new data (--train-data), nor when a split column names the rows it never saw', async () => {
    const onNewData = await auditModelFile(heartRequest('heart-lr.onnx', { trainData: file(heartPath), options: { bootstrap: 20 } }), runtime);
    expect(mayHaveSeen(onNewData.warnings)).toEqual([]);
    const [header, ...rows] = readFileSync(heartPath, 'utf8').trimEnd().split('\n');
    const marked = textFile([`${header},split`, ...rows.map((row, i) => `${row},${i % 5 === 0 ? 'test' : 'train'}`)].join('\n'), 'heart-split.csv');
    const withSplit = await auditModelFile(heartRequest('heart-lr.onnx', { data: marked, load: { splitColumn: 'split' }, options: { bootstrap: 20 } }), runtime);
    expect(mayHaveSeen(withSplit.warnings)).toEqual([]);
  });

  it('is not said of the engine model file on its own training data, whose recorded split holds out the rows it never saw', async () => {
    const report = await auditModelFile(heartRequest('heart-lr.model.json', { options: { bootstrap: 20 } }), runtime);
    expect(report.warnings.filter((w) => /trained on|may be among the test rows/.test(w))).toEqual([]);
  });
});
