import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PREDICTIONS_FILE_UNEXPLAINED } from '../../../src/core/audit/audit-explanations';
import { parseCsv } from '../../../src/core/data/csv';
import { auditModelFile } from '../../../src/core/model-file/model-audit';
import { renderReportHtml } from '../../../src/core/report/render/html';
import { renderMarkdown } from '../../../src/core/report/render/markdown';
import { renderText } from '../../../src/cli/render-text';
import { heartPath, textFile } from '../model/helpers';

describe('a predictions file cannot be explained: one line instead of empty tables', () => {
  it('in the JSON, the text, the Markdown and the HTML report', async () => {
    const heart = readFileSync(heartPath, 'utf8');
    const rows = parseCsv(heart).rowCount;
    const groupIds = ['Sex=Female, Age=Old', 'Sex=Female, Age=Young', 'Sex=Male, Age=Old', 'Sex=Male, Age=Young'];
    const lines = [['pred@generic', ...groupIds.map((g) => `"pred@${g}"`)].join(','), ...Array.from({ length: rows }, (_, r) => [0.3 + (r % 7) / 20, 0.4, 0.6, 0.2, 0.5].join(','))];
    const report = await auditModelFile({ data: textFile(heart, 'heart.csv'), model: textFile(lines.join('\n'), 'p.csv'), load: { label: 'Disease', groups: ['Sex', 'Age'] }, options: { bootstrap: 50 } });
    expect(report.explanations).toEqual({ method: null, fraction: 0.5, unavailable: PREDICTIONS_FILE_UNEXPLAINED });
    expect(Object.keys(report.metrics)).toEqual(['error', 'auc', 'ece', 'logloss', 'brier']);
    for (const out of [renderText(report, false), renderMarkdown(report), renderReportHtml(report)]) {
      expect(out.split(PREDICTIONS_FILE_UNEXPLAINED)).toHaveLength(2);
      expect(out).not.toMatch(/Sufficiency gain|Comprehensiveness gain/);
    }
  });
});
