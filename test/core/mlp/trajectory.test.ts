import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MLP_DEFAULTS } from '../../../src/core/learn/mlp';
import { trainNetwork } from '../../../src/core/learn/mlp/fit-mlp';
import { networkShape, outputLogits } from '../../../src/core/learn/mlp/network';
import { selectRows } from '../../../src/core/numeric/matrix';
import { loadDataset } from '../forest/fixtures';

/** Written by scripts/fixtures/make_mlp_fixtures.py: MLPClassifier((5, 2)) from given weights, shuffle=False. */
interface TrajectoryCase {
  data: string;
  rows: number[];
  epochs: number;
  initialParameters: number[];
  lossCurve: number[];
  probability: number[];
}

const fixture = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'mlp', 'trajectory-synthetic.json'), 'utf8')) as TrajectoryCase;

/**
 * Without the shuffle, training is deterministic given the initial weights, so the whole run — forward and
 * backward passes, the L2 term, Adam's bias-corrected steps, the batches of 200 and the ragged last one — can
 * be checked against scikit-learn's epoch by epoch.
 */
describe('trainNetwork vs scikit-learn MLPClassifier from the same initial weights (shuffle=False)', () => {
  const data = loadDataset(fixture.data);
  const d = data.x.cols;
  const shape = networkShape([d, 5, 2, 1], new Float64Array(d), new Float64Array(d).fill(1));
  const theta = Float64Array.from(fixture.initialParameters);
  const rows = Int32Array.from(fixture.rows);
  const run = trainNetwork(shape, theta, data.x, data.y, rows, { ...MLP_DEFAULTS, maxEpochs: fixture.epochs }, null);

  it('has the same loss after every epoch', () => {
    expect(run.lossCurve).toHaveLength(fixture.lossCurve.length);
    run.lossCurve.forEach((loss, epoch) => expect(Math.abs(loss - fixture.lossCurve[epoch])).toBeLessThan(1e-10));
  });

  it('ends with the same probabilities', () => {
    const logits = outputLogits(shape, theta, selectRows(data.x, rows));
    fixture.probability.forEach((expected, k) => expect(Math.abs(1 / (1 + Math.exp(-logits[k])) - expected)).toBeLessThan(1e-10));
  });
});
