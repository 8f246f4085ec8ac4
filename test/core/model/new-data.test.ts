import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/core/data/csv';
import { fitFeatureEncoder } from '../../../src/core/learn/feature-encoder';
import { loadDataset } from '../../../src/core/data/load-dataset';
import { fitLogistic } from '../../../src/core/learn/logistic';
import { errorRate } from '../../../src/core/audit/metrics/error-rate';
import { auditModelFile } from '../../../src/core/model-file/model-audit';
import { sha256 } from '../../../src/core/data/sha256';
import { formatEngineModel, trainEngineModel } from '../../../src/core/model-file/train-model';
import { sigmoid } from '../../../src/core/numeric/sigmoid';
import { textFile } from './helpers';

/**
 * Paper 1, Figure 7 (label shift), as data: one binary feature x and one binary group attribute g, 30 rows per
 * cell. Group membership says more than x, so the personalized model h calls (g=1, x=0) positive (20 of its 30
 * training rows are) where h0, with x only, calls every x=0 row negative. In deployment that cell's positives
 * vanish (2 of 30): h now errs on 28 of its rows and h0 on 2, and personalization harms g=1.
 */
function cells(counts: Array<[g: number, x: number, positives: number, negatives: number]>): string {
  const lines = ['y,g,x'];
  for (const [g, x, positives, negatives] of counts) {
    for (let i = 0; i < positives; i++) lines.push(`1,${g},${x}`);
    for (let i = 0; i < negatives; i++) lines.push(`0,${g},${x}`);
  }
  return `${lines.join('\n')}\n`;
}
const training = cells([[0, 0, 2, 28], [0, 1, 10, 20], [1, 0, 20, 10], [1, 1, 28, 2]]);
const deployment = cells([[0, 0, 2, 28], [0, 1, 10, 20], [1, 0, 2, 28], [1, 1, 28, 2]]);
const load = { label: 'y', groups: ['g'] };

function trainedModel(options = {}) {
  const dataset = loadDataset(parseCsv(training), load);
  return trainEngineModel(dataset, { technique: '1hot', C: 100, ...options }, { path: 'train.csv', sha256: sha256(new TextEncoder().encode(training)) }).model;
}

describe('an audit on new data (--train-data)', () => {
  it('makes every new row a test row and shows the gain in training beside the violation in deployment', async () => {
    const model = trainedModel();
    const report = await auditModelFile({
      data: textFile(deployment, 'deploy.csv'),
      trainData: textFile(training, 'train.csv'),
      model: textFile(formatEngineModel(model), 'm.json'),
      load: {},
      options: { bootstrap: 300 },
    });
    expect(report.model).toMatchObject({ source: 'json', newData: true });
    expect(report.groups.map((g) => [g.id, g.nTest])).toEqual([['g=0', 60], ['g=1', 60]]);
    // nTrain: the model's training rows per group (its recorded 80% split of train.csv, the file given here).
    expect(report.groups.map((g) => g.nTrain)).toEqual([48, 48]);
    expect(report.comparison!.trainingData).toEqual({ path: 'train.csv', sha256: sha256(new TextEncoder().encode(training)), rows: 96 });

    // Deployment, counted by hand: g=1, h0 errs on (x=0)'s 2 positives and (x=1)'s 2 negatives; h on (x=0)'s 28
    // negatives and (x=1)'s 2 negatives.
    const g1 = report.metrics.error!.rationality.find((r) => r.group === 'g=1')!;
    expect(g1.generic).toBeCloseTo(4 / 60, 12);
    expect(g1.personalized).toBeCloseTo(30 / 60, 12);
    expect(g1.verdict).toBe('violation');
    const g0 = report.metrics.error!.rationality.find((r) => r.group === 'g=0')!;
    // g=0: h0 errs on (x=0)'s 2 positives and (x=1)'s 20 negatives, h on (x=0)'s 2 and (x=1)'s 10 positives.
    expect(g0.generic).toBeCloseTo(22 / 60, 12);
    expect(g0.personalized).toBeCloseTo(12 / 60, 12);

    const side = report.comparison!.metrics.error!.rationality.find((r) => r.group === 'g=1')!;
    expect(side.newData).toEqual({ nTest: 60, generic: g1.generic, personalized: g1.personalized, gain: g1.gain, ci: g1.ci, verdict: 'violation' });
    expect(side.trainingData!.nTest).toBe(48);
    expect(side.trainingData!.gain!).toBeGreaterThan(0);
    expect(report.comparison!.metrics.error!.overall.newData).toEqual(report.metrics.error!.overall);
  });

  it('fits h0 on the training data exactly as the logistic regression of its rows, and scores the new rows with it', async () => {
    const model = trainedModel({ testSize: 0.25 });
    // Training data that is not the model's own file: h0 is fitted on all of its rows.
    const other = training.replace('\n0,0,1', '\n1,0,1');
    const report = await auditModelFile({
      data: textFile(deployment, 'deploy.csv'),
      trainData: textFile(other, 'other.csv'),
      model: textFile(formatEngineModel(model), 'm.json'),
      load: {},
      options: { bootstrap: 20, minGroupSize: 5 },
    });
    const trainSet = loadDataset(parseCsv(other), load);
    const all = Int32Array.from({ length: trainSet.rows }, (_, i) => i);
    const fit = fitLogistic(fitFeatureEncoder(trainSet.features, all).encode(all), trainSet.label.values, { C: 100 });
    const newSet = loadDataset(parseCsv(deployment), load);
    const x = newSet.features[0].values as Float64Array;
    const h0 = Float64Array.from(x, (v) => sigmoid(fit.weights[0] * v + fit.intercept));
    expect(report.metrics.error!.overall.generic).toBeCloseTo(errorRate.prepare(newSet.label.values, h0, 0.5).score(), 12);
    expect(report.comparison!.trainingData.rows).toBe(120);
    expect(report.groups.map((g) => g.nTrain)).toEqual([60, 60]);
  });
});
