import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ONNX_FLOAT, ONNX_INT64, readOnnxModel, withExtraOutput } from '../../../src/core/model-file/onnx-proto';
import { fixture } from './helpers';

const bytes = (name: string) => new Uint8Array(readFileSync(fixture(name)));

describe('readOnnxModel', () => {
  it('reads the metadata, the input, the outputs and the nodes of the skl2onnx-style logistic regression', () => {
    const info = readOnnxModel(bytes('heart-lr.onnx'), 'heart-lr.onnx');
    expect(info.irVersion).toBe(8);
    expect(JSON.parse(info.metadata.get('fairuse.columns')!)).toHaveLength(31);
    expect(JSON.parse(info.metadata.get('fairuse.groups')!)).toEqual(['Sex', 'Age']);
    expect(info.metadata.get('fairuse.positive')).toBe('1');
    expect(info.inputs).toEqual([{ name: 'float_input', kind: 'tensor', elemType: ONNX_FLOAT, shape: [null, 31] }]);
    expect(info.outputs.map((o) => [o.name, o.kind, o.elemType])).toEqual([
      ['output_label', 'tensor', ONNX_INT64],
      ['output_probability', 'sequence', 0],
    ]);
    expect(info.nodes.map((n) => n.opType)).toEqual(['LinearClassifier', 'Normalizer', 'Cast', 'ZipMap']);
    const zipMap = info.nodes[3];
    expect(zipMap.domain).toBe('ai.onnx.ml');
    expect(zipMap.inputs).toEqual(['probabilities']);
    expect(zipMap.ints.classlabels_int64s).toEqual([0, 1]);
    expect(info.nodes[0].ints.classlabels_ints).toEqual([0, 1]);
  });

  it('leaves initializers out of the inputs and reads a graph without metadata', () => {
    const info = readOnnxModel(bytes('heart-lr-sigmoid.onnx'), 'x');
    expect(info.metadata.size).toBe(0);
    expect(info.inputs.map((i) => i.name)).toEqual(['input']);
    expect(info.outputs).toEqual([{ name: 'probability', kind: 'tensor', elemType: ONNX_FLOAT, shape: [null, 1] }]);
  });

  it('adds an output by appending a graph field, which protobuf merges into the graph', () => {
    const info = readOnnxModel(withExtraOutput(bytes('heart-lr.onnx'), 'probabilities', ONNX_FLOAT), 'x');
    expect(info.outputs.map((o) => o.name)).toEqual(['output_label', 'output_probability', 'probabilities']);
    expect(info.outputs[2]).toMatchObject({ kind: 'tensor', elemType: ONNX_FLOAT });
    expect(info.nodes).toHaveLength(4);
  });

  it('rejects bytes that are not a model', () => {
    expect(() => readOnnxModel(new TextEncoder().encode('{"format": "fairuse-model"}'), 'm.onnx')).toThrow(expect.objectContaining({ code: 'BAD_MODEL' }));
    expect(() => readOnnxModel(bytes('heart-lr.onnx').subarray(0, 100), 'm.onnx')).toThrow(/not a readable ONNX model/);
  });
});
