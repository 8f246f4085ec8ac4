import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../../src/core/audit/audit';
import { parseEngineModel } from '../../../src/core/model-file/engine-model';
import { auditModelFile } from '../../../src/core/model-file/model-audit';
import { ASSIGNED_MODEL_FILE_UNEXPLAINED } from '../../../src/core/model-file/engine-explanations';
import { sha256 } from '../../../src/core/data/sha256';
import { formatEngineModel, trainEngineModel } from '../../../src/core/model-file/train-model';
import type { AuditOptions } from '../../../src/core/audit/options';
import { prepareDataset } from '../../../src/core/audit/prepare-dataset';
import type { Technique } from '../../../src/core/learn/technique';
import { fixture, heartPath, numbers, textFile } from './helpers';
import { syntheticCsv } from './synthetic';
import { withoutModel } from '../../support/without-model';

// The audit spec's "assign" (SPEC §6) exported in the engine's model file: the groups it names are served by h0
// or their decoupled model in the file, so an audit of the file reproduces the in-process audit of the spec.
const heart = readFileSync(heartPath, 'utf8');
const synthetic = syntheticCsv();
const heartLoad = { label: 'Disease', groups: ['Sex', 'Age'] };

function trained(csv: string, load: { label: string; groups: string[] }, options: Partial<AuditOptions>) {
  const data = textFile(csv, 'data.csv');
  const dataset = prepareDataset(csv, { load, buckets: [] });
  const training = trainEngineModel(dataset, options, { path: 'data.csv', sha256: sha256(data.bytes) });
  return { data, dataset, training, saved: textFile(formatEngineModel(training.model), 'm.json') };
}

describe('a model file trained with "assign"', () => {
  const cases: Array<[string, Technique, AuditOptions['assign']]> = [
    ['1hot', '1hot', { 'Sex=Female, Age=Old': 'generic' }],
    ['all', 'all', { 'Sex=Female, Age=Old': 'generic', 'Sex=Male, Age=Young': 'decoupled' }],
    ['dcp', 'dcp', { 'Sex=Male, Age=Old': 'generic' }],
  ];
  it.each(cases)('%s: auditing the file gives the in-process audit of the same spec, number for number', async (_name, technique, assign) => {
    // Files with "assigned" are not explained yet (docs/explanations.md): compare the accuracy metrics.
    const options: Partial<AuditOptions> = { bootstrap: 120, technique, assign, explanations: false };
    const { data, dataset, training, saved } = trained(heart, heartLoad, options);
    const inProcess = await runAudit(dataset, options, { path: 'data.csv', sha256: sha256(data.bytes) });
    const fromFile = await auditModelFile({ data, model: saved, load: {}, options: { bootstrap: 120, explanations: false } });
    expect(numbers(fromFile)).toEqual(numbers(inProcess));
    expect(JSON.stringify(withoutModel(fromFile))).toBe(JSON.stringify(inProcess));
    expect(fromFile.settings.assign).toEqual(assign);
    expect(training.model.assigned?.map((a) => a.serve).sort()).toEqual(Object.values(assign).sort());
  });

  it('is not explained yet: the report says so in one line, and an explanation metric cannot decide', async () => {
    const { data, saved } = trained(heart, heartLoad, { technique: '1hot', assign: { 'Sex=Female, Age=Old': 'generic' } });
    const report = await auditModelFile({ data, model: saved, load: {}, options: { bootstrap: 20 } });
    expect(report.explanations).toEqual({ method: null, fraction: 0.5, unavailable: ASSIGNED_MODEL_FILE_UNEXPLAINED });
    expect(report.metrics.sufficiency).toBeUndefined();
    await expect(auditModelFile({ data, model: saved, load: {}, options: { bootstrap: 20, metric: 'sufficiency' } })).rejects.toThrow(/"assigned"\) is not explained yet/);
  });

  it('records h0’s coefficients for a generic group and the group’s own fit for a decoupled one', () => {
    const assign = { 'Sex=Male, Age=Young': 'decoupled', 'Sex=Female, Age=Old': 'generic' } as const;
    const withAssign = trained(heart, heartLoad, { technique: '1hot', assign }).training.model;
    const dcp = trained(heart, heartLoad, { technique: 'dcp' }).training.model;
    const generic = withAssign.assigned!.find((a) => a.serve === 'generic')!;
    const decoupled = withAssign.assigned!.find((a) => a.serve === 'decoupled')!;
    expect(generic.group).toEqual({ Sex: 'Female', Age: 'Old' });
    expect(decoupled.group).toEqual({ Sex: 'Male', Age: 'Young' });
    expect(decoupled.weights).toEqual(dcp.groupModels!.find((m) => m.group.Sex === 'Male' && m.group.Age === 'Young')!.weights);
    // h0 is fitted without the group columns: as many weights as the features' design columns.
    expect(generic.weights).toHaveLength(withAssign.weights!.length - withAssign.groupColumns!.length);
    expect(parseEngineModel(JSON.parse(formatEngineModel(withAssign)), 'm.json')).toEqual(withAssign);
  });

  it('serves the assigned group with h0 in the saved predictions too', () => {
    const { training } = trained(heart, heartLoad, { technique: '1hot', assign: { 'Sex=Female, Age=Old': 'generic' } });
    const g = training.groups.groups.findIndex((x) => x.id === 'Sex=Female, Age=Old');
    expect(Array.from(training.predictions.asGroup[g])).toEqual(Array.from(training.predictions.generic));
    const other = training.groups.groups.findIndex((x) => x.id === 'Sex=Male, Age=Old');
    expect(Array.from(training.predictions.asGroup[other])).not.toEqual(Array.from(training.predictions.generic));
  });

  it('refuses a group the data does not have', () => {
    expect(() => trained(heart, heartLoad, { assign: { 'Sex=Other, Age=Old': 'generic' } })).toThrow(/"assign" names the group "Sex=Other, Age=Old"/);
  });
});

describe('"assign" when auditing a model file', () => {
  const heartModel = () => textFile(readFileSync(fixture('heart-lr.model.json'), 'utf8'), 'heart-lr.model.json');

  it('"generic" serves the group with the audit’s h0: its rationality gain is 0 and the report says so', async () => {
    const data = textFile(heart, 'heart.csv');
    const report = await auditModelFile({ data, model: heartModel(), load: {}, options: { bootstrap: 60, assign: { 'Sex=Female, Age=Old': 'generic' } } });
    expect(report.settings.assign).toEqual({ 'Sex=Female, Age=Old': 'generic' });
    const row = report.metrics.error!.rationality.find((r) => r.group === 'Sex=Female, Age=Old')!;
    expect(row.gain).toBe(0);
    expect(row.personalized).toBe(row.generic);
    const other = report.metrics.logloss!.rationality.find((r) => r.group === 'Sex=Male, Age=Old')!;
    expect(other.gain).not.toBe(0);
  });

  it('"decoupled" is refused for a file that holds no decoupled model, with the fix', async () => {
    const data = textFile(heart, 'heart.csv');
    await expect(auditModelFile({ data, model: heartModel(), load: {}, options: { bootstrap: 20, assign: { 'Sex=Female, Age=Old': 'decoupled' } } })).rejects.toThrow(
      expect.objectContaining({ code: 'BAD_OPTION', message: expect.stringContaining('does not hold'), fix: expect.stringContaining('fairuse train --spec') }),
    );
  });

  it('the spec overrides the file: a file’s decoupled group assigned "generic" gets h0', async () => {
    const { data, saved } = trained(synthetic, { label: 'y', groups: ['s', 'a'] }, { technique: '1hot', assign: { 's=F, a=old': 'decoupled' } });
    const report = await auditModelFile({ data, model: saved, load: {}, options: { bootstrap: 40, assign: { 's=F, a=old': 'generic' } } });
    expect(report.settings.assign).toEqual({ 's=F, a=old': 'generic' });
    expect(report.metrics.logloss!.rationality.find((r) => r.group === 's=F, a=old')!.gain).toBe(0);
  });

  it('refuses an assigned group in the file that is not complete or is named twice', () => {
    const { training } = trained(heart, heartLoad, { technique: '1hot', assign: { 'Sex=Female, Age=Old': 'generic' } });
    const json = JSON.parse(formatEngineModel(training.model));
    const twice = { ...json, assigned: [json.assigned[0], json.assigned[0]] };
    expect(() => parseEngineModel(twice, 'm.json')).toThrow(/names the group "Female, Old" twice/);
    const partial = { ...json, assigned: [{ ...json.assigned[0], group: { Sex: 'Female' } }] };
    expect(() => parseEngineModel(partial, 'm.json')).toThrow(/must give a value for every group attribute/);
    const badServe = { ...json, assigned: [{ ...json.assigned[0], serve: 'h0' }] };
    expect(() => parseEngineModel(badServe, 'm.json')).toThrow(/serve is "h0"/);
  });
});
