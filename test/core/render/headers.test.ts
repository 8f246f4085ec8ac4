// @vitest-environment happy-dom
/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderText } from '../../../src/cli/render-text';
import { runAudit } from '../../../src/core/audit/audit';
import { parseCsv } from '../../../src/core/data/csv';
import { loadDataset } from '../../../src/core/data/load-dataset';
import { auditModelFile } from '../../../src/core/model-file/model-audit';
import { dataRowOfKeptRow, formatPredictionsFile } from '../../../src/core/model-file/predictions-file';
import { sha256 } from '../../../src/core/data/sha256';
import { trainEngineModel } from '../../../src/core/model-file/train-model';
import { renderReportHtml } from '../../../src/core/report/render/html';
import { renderMarkdown } from '../../../src/core/report/render/markdown';
import { interventionTables, minimizationLines } from '../../../src/core/report/render/science-tables';
import { describeSettings } from '../../../src/core/report/render/tables';
import type { AuditReport } from '../../../src/core/report/report';

const heartText = readFileSync(join(__dirname, '../../../examples/heart.csv'), 'utf8');
const load = { label: 'Disease', groups: ['Sex', 'Age'] };
const heart = loadDataset(parseCsv(heartText), load);

async function predictionsFileReport(): Promise<AuditReport> {
  const table = parseCsv(heartText);
  const trained = trainEngineModel(heart, {}, { path: 'heart.csv', sha256: sha256(new TextEncoder().encode(heartText)) });
  const file = formatPredictionsFile(table.rowCount, dataRowOfKeptRow(table, heart), trained.groups, trained.split.test, trained.predictions);
  const encode = (text: string, path: string) => ({ bytes: new TextEncoder().encode(text), path });
  return auditModelFile({ data: encode(heartText, 'heart.csv'), model: encode(file, 'p.csv'), load, options: { bootstrap: 20 } });
}

describe('the header of a predictions-file audit says what is true', () => {
  it('the test rows are the rows with predictions, the seed is the bootstrap\'s, and no feature is read', async () => {
    const report = await predictionsFileReport();
    const [first, model, tests] = describeSettings(report);
    expect(first).toMatch(/ · no features read \(the file holds both models' predictions\)$/);
    expect(model).toBe('model: predictions file p.csv (h0 and h(·, g′) from the file)');
    expect(tests).toBe('test rows: the 61 rows the file has predictions for · bootstrap seed 2338 · 20 bootstrap resamples · α = 0.1, Bonferroni correction');
    for (const text of [renderText(report, false), renderMarkdown(report), renderReportHtml(report)]) {
      expect(text).not.toMatch(/% test split|\b0 features/);
      expect(text).toContain('test rows: the 61 rows the file has predictions for');
    }
  });

  it('audits that fit models keep their split and feature count', async () => {
    const report = await runAudit(heart, { bootstrap: 20 }, { path: 'heart.csv' });
    expect(describeSettings(report).join('\n')).toMatch(/27 features\n.* 20% test split, seed 2338 /);
  });
});

describe('the interventions and data minimization read correctly', () => {
  it('"1 tested group shows", "2 tested groups show" no significant gain, in the text and the HTML', async () => {
    const report = await runAudit(heart, { bootstrap: 20, interventions: true }, { path: 'heart.csv' });
    const withGroups = (groupsWithoutGain: string[]): AuditReport => ({
      ...report,
      interventions: { ...report.interventions!, minimization: { ...report.interventions!.minimization, groupsWithoutGain } },
    });
    const one = withGroups(['Sex=Male, Age=Young']);
    expect(minimizationLines(one)[0]).toBe('Data minimization: 1 tested group shows no significant gain from reporting their attributes: Sex=Male, Age=Young.');
    expect(renderReportHtml(one)).toContain('<p>1 tested group shows no significant gain in error rate from reporting their attributes:</p>');
    const two = withGroups(['Sex=Male, Age=Old', 'Sex=Male, Age=Young']);
    expect(minimizationLines(two)[0]).toMatch(/^Data minimization: 2 tested groups show no significant gain/);
    expect(renderReportHtml(two)).toContain('<p>2 tested groups show no significant gain in error rate');
  });

  it('the overall row of an intervention is the assembled model\'s risk, not h\'s', async () => {
    const report = await runAudit(heart, { bootstrap: 20, interventions: true }, { path: 'heart.csv' });
    for (const table of interventionTables(report)) {
      expect(table.rows.at(-1)![0]).toBe('Overall error rate of the assembled model (not a gain)');
    }
    expect(renderText(report, false)).not.toMatch(/ of h \(not a gain\)/);
  });
});
