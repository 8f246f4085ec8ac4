import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../../src/core/audit/audit';
import type { AuditOptions } from '../../../src/core/audit/options';
import { auditModelFile } from '../../../src/core/model-file/model-audit';
import { parseEngineModel } from '../../../src/core/model-file/engine-model';
import { sha256 } from '../../../src/core/data/sha256';
import { formatEngineModel, trainEngineModel } from '../../../src/core/model-file/train-model';
import { prepareDataset } from '../../../src/core/audit/prepare-dataset';
import type { Technique } from '../../../src/core/learn/technique';
import { fixture, heartPath, numbers, textFile } from './helpers';
import { syntheticCsv } from './synthetic';
import { withoutModel } from '../../support/without-model';

const heart = readFileSync(heartPath, 'utf8');
const synthetic = syntheticCsv();

async function roundTrip(csv: string, load: { label: string; groups: string[] }, options: Partial<AuditOptions>) {
  const data = textFile(csv, 'data.csv');
  const dataset = prepareDataset(csv, { load, buckets: [] });
  const inProcess = await runAudit(dataset, options, { path: 'data.csv', sha256: sha256(data.bytes) });
  const { model } = trainEngineModel(dataset, options, { path: 'data.csv', sha256: sha256(data.bytes) });
  const saved = textFile(formatEngineModel(model), 'm.json');
  const fromFile = await auditModelFile({ data, model: saved, load: {}, options: { bootstrap: options.bootstrap } });
  return { inProcess, fromFile, model };
}


describe('the engine model file: train, save, audit from the file', () => {
  const cases: Array<[string, string, { label: string; groups: string[] }, Technique, Partial<AuditOptions>]> = [
    ['heart', heart, { label: 'Disease', groups: ['Sex', 'Age'] }, '1hot', {}],
    ['heart', heart, { label: 'Disease', groups: ['Sex', 'Age'] }, 'dcp', { C: 0.5 }],
    ['synthetic (missing cells, categories)', synthetic, { label: 'y', groups: ['s', 'a'] }, '1hot', { seed: 7, testSize: 0.25 }],
    ['synthetic (missing cells, categories)', synthetic, { label: 'y', groups: ['s', 'a'] }, 'all', {}],
    ['synthetic (missing cells, categories)', synthetic, { label: 'y', groups: ['s', 'a'] }, 'dcp', { C: Infinity }],
  ];
  it.each(cases)('%s, %s: the report is the in-process report, number for number', async (_name, csv, load, technique, extra) => {
    const { inProcess, fromFile, model } = await roundTrip(csv, load, { bootstrap: 150, technique, ...extra });
    expect(JSON.stringify(withoutModel(fromFile))).toBe(JSON.stringify(inProcess));
    expect(numbers(fromFile)).toEqual(numbers(inProcess));
    // Explained as the in-process linear models (the explanation metrics are in the equality above).
    expect(fromFile.explanations?.method).toBe('linear-exact');
    expect(fromFile.metrics.comprehensiveness?.rationality).toHaveLength(inProcess.groups.length);
    expect(fromFile.model).toMatchObject({ source: 'json', path: 'm.json', technique, newData: false, trainedOn: { path: 'data.csv' } });
    expect(model.training.trainRows).toBe(inProcess.groups.reduce((n, g) => n + g.nTrain, 0));
  });

  it('records the encoding, the group columns, the coefficients and the training data', () => {
    // the dummies come in the order their level first appears in the file (so renaming a value changes no fit)
    const lines = synthetic.trim().split('\n').map((line) => line.split(','));
    const inOrderSeen = (column: string) => [...new Set(lines.slice(1).map((cells) => cells[lines[0].indexOf(column)]))];
    const data = textFile(synthetic, 'data.csv');
    const dataset = prepareDataset(synthetic, { load: { label: 'y', groups: ['s', 'a'] }, buckets: [] });
    const { model } = trainEngineModel(dataset, { technique: '1hot' }, { path: 'data.csv', sha256: sha256(data.bytes) }, 'fairuse test');
    expect(model).toMatchObject({
      format: 'fairuse-model',
      formatVersion: 1,
      modelClass: 'logistic-regression',
      label: { column: 'y', positive: '1', negative: '0' },
      groupAttributes: ['s', 'a'],
      technique: '1hot',
      groupColumns: [...inOrderSeen('s').map((s) => ({ s })), ...inOrderSeen('a').map((a) => ({ a }))],
      training: { data: 'data.csv', sha256: sha256(data.bytes), rows: 480, C: 1, split: { seed: 2338, testSize: 0.2 } },
      createdBy: 'fairuse test',
    });
    expect(model.features.map((f) => f.kind)).toEqual(['numeric', 'categorical', 'numeric']);
    expect(model.features[1]).toEqual({ kind: 'categorical', column: 'color', levels: ['blue', 'green', 'red'], missingLevel: true });
    expect(model.weights).toHaveLength(1 + 4 + 1 + 4);
    expect(parseEngineModel(JSON.parse(formatEngineModel(model)), 'm.json')).toEqual(model);
  });
});

describe('parseEngineModel', () => {
  const good = JSON.parse(readFileSync(fixture('heart-lr.model.json'), 'utf8'));
  const broken = (change: (m: Record<string, any>) => void) => {
    const copy = structuredClone(good);
    change(copy);
    return () => parseEngineModel(copy, 'm.json');
  };

  it('reads the committed fixture', () => {
    const model = parseEngineModel(good, 'm.json');
    expect(model.features).toHaveLength(27);
    expect(model.groupColumns).toEqual([{ Sex: 'Female' }, { Sex: 'Male' }, { Age: 'Old' }, { Age: 'Young' }]);
  });

  it.each([
    ['another format', (m: Record<string, any>) => (m.format = 'sklearn'), /"format" is "sklearn"/],
    ['a newer version', (m: Record<string, any>) => (m.formatVersion = 2), /"formatVersion" is 2; this fairuse reads version 1/],
    ['an unknown field', (m: Record<string, any>) => (m.coef = []), /unknown field "coef"/],
    ['too few weights', (m: Record<string, any>) => m.weights.pop(), /"weights" has 30 numbers; the encoding needs 31/],
    ['a weight that is text', (m: Record<string, any>) => (m.weights[3] = '0.5'), /"weights"\[3\] must be a finite number/],
    ['a group column on an unknown attribute', (m: Record<string, any>) => (m.groupColumns[0] = { Race: 'x' }), /names "Race", which is not in "groupAttributes"/],
    ['an unknown technique', (m: Record<string, any>) => (m.technique = 'mixed'), /"technique" is "mixed"/],
    ['a bad hash', (m: Record<string, any>) => (m.training.sha256 = 'abc'), /64 lower-case hex digits/],
    ['a feature of unknown kind', (m: Record<string, any>) => (m.features[0].kind = 'date'), /"features"\[0\]\.kind is "date"/],
  ])('refuses %s, naming the field', (_name, change, message) => {
    expect(broken(change)).toThrow(expect.objectContaining({ code: 'BAD_MODEL', message: expect.stringMatching(message) }));
  });

  it('is never evaluated: a string that looks like code is only a string', () => {
    expect(broken((m) => (m.intercept = '(() => { throw new Error("ran") })()'))).toThrow(/"intercept" must be a finite number/);
  });
});

describe('a group the model file cannot score', () => {
  it('is an error naming the group, for a decoupled model without that group', async () => {
    const data = textFile(synthetic, 'data.csv');
    const dataset = prepareDataset(synthetic, { load: { label: 'y', groups: ['s', 'a'] }, buckets: [] });
    const { model } = trainEngineModel(dataset, { technique: 'dcp' }, { path: 'data.csv', sha256: sha256(data.bytes) });
    const withoutOne = { ...model, groupModels: model.groupModels!.filter((m) => !(m.group.s === 'M' && m.group.a === 'old')) };
    await expect(auditModelFile({ data, model: textFile(formatEngineModel(withoutOne), 'm.json'), load: {}, options: { bootstrap: 20 } })).rejects.toThrow(
      expect.objectContaining({ code: 'BAD_OPTION', message: expect.stringContaining('no decoupled model for the group "s=M, a=old"') }),
    );
  });
});
