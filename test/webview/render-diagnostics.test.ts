// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { formatGain, formatValue } from '../../src/core/report/render/format';
import { formatRate } from '../../src/core/report/render/html';
import { renderGroupSizes, renderSettings, renderWarnings } from '../../webview/render-diagnostics';
import { renderSummary } from '../../webview/render-summary';
import { entryOf, heartReport, withViolations } from './fixtures';
import { cells } from './helpers';

describe('group sizes and label balance', () => {
  it('lists n train, n test and the positive rate of every group, and explains why a group was not tested', async () => {
    const report = await heartReport();
    const node = renderGroupSizes(report, 'error', null);
    const rows = [...node.querySelectorAll('tbody tr[data-group]')];
    expect(rows).toHaveLength(report.groups.length);
    report.groups.forEach((g, i) => {
      const text = cells(rows[i]);
      expect(text.slice(0, 4)).toEqual([g.id, String(g.nTrain), String(g.nTest), formatRate(g.positiveRate!)]);
      if (g.nTest < report.settings.minGroupSize) {
        expect(text[4]).toBe(`untested: ${g.nTest} test rows, fewer than the minimum of ${report.settings.minGroupSize}: reported but not tested`);
      } else {
        expect(text[4]).toBe('yes');
      }
    });
    expect(report.groups.some((g) => g.nTest < report.settings.minGroupSize)).toBe(true);
    const total = cells(node.querySelector('tr.fu-total')!);
    expect(total.slice(0, 3)).toEqual(['Total', String(report.groups.reduce((s, g) => s + g.nTrain, 0)), String(report.groups.reduce((s, g) => s + g.nTest, 0))]);
    // the bar is sized through CSSOM, which the CSP allows
    const fill = rows[0].querySelector<HTMLElement>('.fu-bar-fill')!;
    expect(fill.style.width).toBe(`${report.groups[0].positiveRate! * 100}%`);
  });

  it('names the metric in the status column as a sentence does: error rate, but ECE', async () => {
    const report = await heartReport();
    const header = (metric: 'error' | 'ece') => [...renderGroupSizes(report, metric, null).querySelectorAll('thead th')].at(-1)!.textContent;
    expect(header('error')).toBe('Tested for error rate');
    expect(header('ece')).toBe('Tested for ECE');
  });

  it('names the metric when it, not the size, left a group untested', async () => {
    const report = structuredClone(await heartReport());
    const tested = report.groups.find((g) => g.nTest >= report.settings.minGroupSize)!;
    const auc = report.metrics.auc!;
    const row = auc.rationality.find((r) => r.group === tested.id)!;
    (row as { verdict: string }).verdict = 'untested';
    const text = renderGroupSizes(report, 'auc', null).querySelector(`tr[data-group="${tested.id}"] .fu-status`)!.textContent;
    expect(text).toContain('AUC is undefined on its test rows (they hold one class)');
  });
});

describe('summary cards', () => {
  it('show the overall gain and the paper’s Table 1 counts for the metric', async () => {
    const report = withViolations(await heartReport(), 'ece');
    const { overall, summary } = report.metrics.ece!;
    const node = renderSummary(report, 'ece');
    const value = (key: string) => node.querySelector(`[data-card="${key}"] .fu-card-value`)!.textContent;
    expect(value('overall')).toBe(formatGain('ece', overall.gain));
    expect(node.querySelector('[data-card="overall"] .fu-card-detail')!.textContent).toContain(`generic ${formatValue('ece', overall.generic)} → personalized ${formatValue('ece', overall.personalized)}`);
    expect(value('rationality')).toBe(`⚠ ${summary.rationalityGains} / ${summary.rationalityViolations} (${summary.rationalityGains} significant gain${summary.rationalityGains === 1 ? '' : 's'}, ${summary.rationalityViolations} violation)`);
    expect(value('envy')!.startsWith(`⚠ ${summary.envyGains} / ${summary.envyViolations}`)).toBe(true);
    expect(node.querySelector('[data-card="rationality"]')!.classList.contains('fu-card-violation')).toBe(true);
    expect(value('range')).toBe(`${formatGain('ece', summary.bestGain)} / ${formatGain('ece', summary.worstGain)}`);
  });
});

describe('dataset, settings and warnings', () => {
  it('shows the data, label, groups, technique and test settings, and each warning', async () => {
    const report = await heartReport();
    const text = renderSettings(entryOf(report, { specLabel: 'examples/heart.fairuse.json' })).textContent!;
    for (const part of [`/work/${report.dataset.path}`, `${report.dataset.rows} (${report.dataset.droppedRows} dropped`, `${report.dataset.label} (positive = ${report.dataset.positive})`,
      report.dataset.groupAttributes.join(' × '), `${report.dataset.features.length} feature columns`, `${report.settings.bootstrap} bootstrap resamples`, `α = ${report.settings.alpha}`, 'examples/heart.fairuse.json']) {
      expect(text).toContain(part);
    }
    expect([...renderWarnings(report.warnings).querySelectorAll('li')].map((li) => li.textContent)).toEqual(report.warnings);
    expect(renderWarnings([]).textContent).toBe('No warnings.');
  });
});
