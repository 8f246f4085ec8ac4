// @vitest-environment happy-dom
/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderText } from '../../../src/cli/render-text';
import { runAudit } from '../../../src/core/audit/audit';
import { parseCsv } from '../../../src/core/data/csv';
import { loadDataset } from '../../../src/core/data/load-dataset';
import { renderReportHtml } from '../../../src/core/report/render/html';
import { renderMarkdown } from '../../../src/core/report/render/markdown';

const heart = loadDataset(parseCsv(readFileSync(join(__dirname, '../../../examples/heart.csv'), 'utf8')), { label: 'Disease', groups: ['Sex', 'Age'] });
const audit = (assign: Record<string, 'generic' | 'decoupled'>) => runAudit(heart, { bootstrap: 20, assign }, { path: 'heart.csv' });
const LINE = 'Assigned by the spec: Sex=Female, Age=Old served by h0; Sex=Male, Age=Young served by its decoupled model';

describe('the spec\'s "assign" in the CLI text, Markdown and HTML reports (as the panel shows it)', () => {
  const assign = { 'Sex=Female, Age=Old': 'generic', 'Sex=Male, Age=Young': 'decoupled' } as const;

  it('the text report says it under the settings and tags the groups in every gain table', async () => {
    const text = renderText(await audit(assign), false);
    const lines = text.split('\n');
    expect(lines.slice(1, 4)).toContain(LINE);
    const tagged = lines.filter((l) => /^Sex=\S+, Age=\S+ \(served by/.test(l));
    expect(tagged.filter((l) => l.startsWith('Sex=Female, Age=Old (served by h0) '))).toHaveLength(7); // one per metric
    expect(tagged.filter((l) => l.startsWith('Sex=Male, Age=Young (served by its decoupled model) '))).toHaveLength(7);
    expect(tagged).toHaveLength(14);
  });

  it('Markdown and HTML say it in their header and tag the gain table rows', async () => {
    const report = await audit(assign);
    const markdown = renderMarkdown(report);
    expect(markdown).toContain(`${LINE}  \n`);
    expect(markdown).toMatch(/\n\| Sex=Female, Age=Old _\(served by h0\)_ \| 8 \|/);
    const doc = new DOMParser().parseFromString(renderReportHtml(report), 'text/html');
    expect([...doc.querySelectorAll('header .meta')].map((p) => p.textContent)).toContain(LINE);
    const tags = [...doc.querySelectorAll('#metric-error table:not(.heatmap):not(.envy-pairs-table) tbody th')].map((th) => th.querySelector('.tag')?.textContent ?? null);
    expect(tags).toEqual(['served by h0', null, null, 'served by its decoupled model', null]);
  });

  it('nothing is said or tagged without an assignment', async () => {
    const report = await audit({});
    expect(renderText(report, false)).not.toMatch(/Assigned by the spec|served by/);
    expect(renderMarkdown(report)).not.toMatch(/Assigned by the spec|served by/);
    expect(renderReportHtml(report)).not.toMatch(/Assigned by the spec|class="tag"/);
  });
});
