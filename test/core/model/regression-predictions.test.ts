import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditModelFile } from '../../../src/core/model-file/model-audit';
import type { ModelAuditRequest } from '../../../src/core/model-file/audit/model-audit-request';
import { root, textFile } from './helpers';

// A predictions file of real values for a numeric label (a regression): its MSE and MAE, per group, for h0, h and
// every substituted group, must equal numpy's on the same file (scripts/fixtures/make_regression_predictions_fixture.py;
// the values sit on a 1/8 grid, so every sum is exact and equality is the right test).
const dir = join(root, 'test/fixtures/regression-predictions');
const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
const dataText = readFileSync(join(dir, 'data.csv'), 'utf8');
const predictionsText = readFileSync(join(dir, 'predictions.csv'), 'utf8');
const load = { label: 'bp', groups: ['sex', 'site'] };

const request = (predictions = predictionsText, data = dataText, extra: Partial<ModelAuditRequest> = {}): ModelAuditRequest => ({
  data: textFile(data, 'data.csv'),
  model: textFile(predictions, 'predictions.csv'),
  load,
  options: { bootstrap: 100 },
  ...extra,
});

/** The predictions file with one cell of its first data line replaced. */
function withCell(column: string, value: string): string {
  const lines = predictionsText.split('\n');
  const header = lines[0].match(/("[^"]*"|[^,]+)/g)!.map((h) => h.replace(/"/g, ''));
  const cells = lines[1].split(',');
  cells[header.indexOf(column)] = value;
  lines[1] = cells.join(',');
  return lines.join('\n');
}

describe('a predictions file for a numeric label', () => {
  it('gives numpy’s MSE and MAE exactly, for every group, h0, h and every substituted group', async () => {
    const report = await auditModelFile(request());
    expect(report.dataset.task).toBe('regression');
    expect(report.dataset.droppedRows).toBe(expected.droppedRows);
    expect(report.settings.metric).toBe('mse');
    expect(report.model).toMatchObject({ source: 'predictions', newData: false });
    expect(report.groups.reduce((n, g) => n + g.nTest, 0)).toBe(expected.testRows);
    for (const metric of ['mse', 'mae'] as const) {
      const section = report.metrics[metric]!;
      expect(section.overall.generic).toBe(expected.overall.generic[metric]);
      expect(section.overall.personalized).toBe(expected.overall.personalized[metric]);
      for (const row of section.rationality) {
        const group = expected.groups[row.group];
        expect(report.groups.find((g) => g.id === row.group)!.nTest).toBe(group.nTest);
        expect(row.generic).toBe(group.generic[metric]);
        expect(row.personalized).toBe(group.asGroup[row.group][metric]);
      }
      expect(section.envy).toHaveLength(12);
      for (const row of section.envy) {
        expect(row.truthful).toBe(expected.groups[row.group].asGroup[row.group][metric]);
        expect(row.misreported).toBe(expected.groups[row.group].asGroup[row.reportedAs][metric]);
      }
    }
  });

  it('takes predictions in [0, 1] for a numeric label as values', async () => {
    const [header, ...lines] = predictionsText.trimEnd().split('\n');
    const inUnitRange = lines.map((line) => line.split(',').map((cell, k) => (k < 2 ? cell : String(Math.abs(Number(cell)) / 1024))).join(','));
    const report = await auditModelFile(request([header, ...inUnitRange].join('\n')));
    expect(report.dataset.task).toBe('regression');
    expect(report.metrics.mse!.overall.generic).toBeGreaterThan(10000);
  });

  it.each([
    ['NaN', 'pred@generic', 'NaN'],
    ['an infinity', 'pred@sex=M, site=north', 'Infinity'],
    ['numpy’s -inf', 'pred@sex=F, site=south', '-inf'],
  ])('refuses %s in one line naming its row', async (_name, column, value) => {
    const row = predictionsText.split('\n')[1].split(',')[0];
    const error = await auditModelFile(request(withCell(column, value))).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'MODEL_OUTPUT_NAN' });
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    expect(message).toContain(`"${value}" in "${column}" on line 2 (data row ${row}), not a finite number`);
  });

  it('refuses a label column that disagrees with the data', async () => {
    const lines = predictionsText.split('\n');
    lines[1] = lines[1].replace(/^(\d+),([^,]+),/, (_m, row, y) => `${row},${Number(y) + 1},`);
    await expect(auditModelFile(request(lines.join('\n')))).rejects.toThrow(/says the label of data row \d+ is "[\d.]+" on line 2, but the data says [\d.]+\./);
  });

  it('refuses a regression predictions file on a binary label, saying which task each is', async () => {
    // The same file on a binary recoding of the label: values like 98.5 are a regression's, not probabilities.
    const binary = dataText.replace(/^(\d+(?:\.\d+)?),/gm, (_m, y) => `${Number(y) >= 120 ? 'high' : 'normal'},`);
    const withoutLabel = predictionsText.replace(/^([^,]+),[^,]+,/gm, '$1,');
    const error = await auditModelFile(request(withoutLabel, binary)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'MODEL_OUTPUT_NOT_PROBABILITY' });
    expect((error as Error).message).toMatch(/which is not a probability: the data's label "bp" is binary \(a classification\), and a value outside \[0, 1\] is a regression's prediction/);
  });
});
