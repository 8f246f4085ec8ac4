import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/core/data/csv';
import { fitFeatureEncoder } from '../../../src/core/learn/feature-encoder';
import { loadDataset } from '../../../src/core/data/load-dataset';
import { describeEncoding, designColumns, encoderFor } from '../../../src/core/learn/feature-encoder';

const csv = ['y,g,x,color,n', '1,a,1.5,red,1', '0,a,,blue,2', '1,b,3,,1', '0,b,2,red,', '1,a,4,green,2', '0,b,,blue,1'].join('\n');
const dataset = loadDataset(parseCsv(csv), { label: 'y', groups: ['g'] });

describe('describeEncoding / encoderFor', () => {
  it('states the encoding fitFeatureEncoder learns: training means, sorted levels, a missing level', () => {
    const train = Int32Array.of(0, 1, 2, 3);
    expect(describeEncoding(dataset.features, train)).toEqual([
      { kind: 'numeric', column: 'x', fill: (1.5 + 3 + 2) / 3 },
      { kind: 'categorical', column: 'color', levels: ['blue', 'red'], missingLevel: true },
      { kind: 'numeric', column: 'n', fill: (1 + 2 + 1) / 3 },
    ]);
    expect(designColumns(describeEncoding(dataset.features, train))).toEqual(fitFeatureEncoder(dataset.features, train).columnNames);
  });

  it('encodes every row as fitFeatureEncoder does, counting unseen levels the same', () => {
    const train = Int32Array.of(0, 1, 2, 3);
    const test = Int32Array.of(4, 5, 0);
    const engine = fitFeatureEncoder(dataset.features, train);
    const stated = encoderFor(describeEncoding(dataset.features, train), dataset.features, 'm.json');
    expect(stated.encode(test, 2)).toEqual(engine.encode(test, 2));
    expect(stated.encode(train)).toEqual(engine.encode(train));
    expect(stated.unseenLevels()).toBe(1); // green
    expect(engine.unseenLevels()).toBe(1);
  });

  it('applies the encoding to another dataset by column name, and names a missing column', () => {
    const other = loadDataset(parseCsv('y,g,n,x\n1,a,5,\n0,b,1,7\n'), { label: 'y', groups: ['g'], features: ['n', 'x'] });
    const encodings = describeEncoding(dataset.features, Int32Array.of(0, 1, 2, 3));
    expect(() => encoderFor(encodings, other.features, 'm.json')).toThrow(expect.objectContaining({ code: 'MODEL_MISSING_FEATURE', message: expect.stringContaining('"color"') }));
    const numericOnly = encodings.filter((e) => e.kind === 'numeric');
    expect(Array.from(encoderFor(numericOnly, other.features, 'm.json').encode(Int32Array.of(0, 1)).data)).toEqual([13 / 6, 5, 7, 1]);
  });
});
