// @vitest-environment happy-dom
/**
 * The row-level view of the explanations (report.explanations.examples, SPEC §9): a labelled select picks a test
 * row; two bar charts (Observable Plot, as the gain chart) and two tables show its top inputs under h0 and under h,
 * with the report's numbers; names from the data stay text.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditReport } from '../../src/core/report/report';
import { createApp } from '../../webview/app';
import type { PlotApi } from '../../webview/render-chart';
import { renderExplanationRows, rowLabel } from '../../webview/render-explanation-rows';
import { cells, fakeApi, newRoot } from './helpers';
import { entryOf, heartReport, hostileReport, HOSTILE } from './fixtures';

let plot: PlotApi;
beforeAll(async () => {
  plot = await import('@observablehq/plot');
});

function panel(report: AuditReport): HTMLElement {
  const root = newRoot();
  createApp(root, fakeApi(), { plot, chartWidth: () => 640 }).receive({ type: 'show', entry: entryOf(report) });
  return root;
}

describe('one test row\'s explanation in the panel', () => {
  it('heart: a labelled select of the examples, and h0\'s and h\'s top inputs as bars and as a table', async () => {
    const report = await heartReport();
    const examples = report.explanations!.examples!;
    expect(examples.length).toBe(report.groups.length);
    const view = panel(report).querySelector<HTMLElement>('.fu-section-explanations .fu-explanation-rows')!;
    expect(view.getAttribute('role')).toBe('group');
    expect(view.getAttribute('aria-labelledby')).toBe(view.querySelector('h3')!.id);
    const select = view.querySelector('select')!;
    // A native select: focusable, operated by the keyboard, named by its label.
    expect(view.querySelector(`label[for="${select.id}"]`)!.textContent).toBe('Test row: ');
    expect([...select.options].map((o) => o.textContent)).toEqual(examples.map(rowLabel));
    expect(rowLabel(examples[0])).toBe(`${examples[0].group}: test row ${examples[0].testRow + 1} (data row ${examples[0].row + 1})`);

    const shown = (i: number) => {
      const figures = [...view.querySelectorAll<HTMLElement>('figure.fu-explanation-row')];
      expect(figures.map((f) => f.dataset.model)).toEqual(['h0', 'h']);
      [examples[i].h0, examples[i].h].forEach((model, k) => {
        const figure = figures[k];
        expect(figure.querySelector('figcaption')!.textContent).toContain(`prediction ${model.prediction.toPrecision(4)}`);
        expect([...figure.querySelectorAll('tbody tr')].map(cells)).toEqual(model.top.map((t) => [t.input, t.attribution.toPrecision(4)]));
        // One bar per input, coloured by sign.
        expect(figure.querySelectorAll('svg .fu-v-gain rect').length).toBe(model.top.filter((t) => t.attribution >= 0).length);
        expect(figure.querySelectorAll('svg .fu-v-violation rect').length).toBe(model.top.filter((t) => t.attribution < 0).length);
        expect(figure.querySelector('svg')!.getAttribute('role')).toBe('img');
      });
      expect(figures[1].querySelector('figcaption')!.textContent).toContain(`as ${examples[i].group}`);
    };
    shown(0);
    select.value = '2';
    select.dispatchEvent(new Event('change'));
    shown(2);
  });

  it('names from the data stay text: a hostile group and input name make no element', async () => {
    const report = await hostileReport();
    const example = report.explanations!.examples![0];
    const hostileInput = { ...example, h: { ...example.h, top: [{ input: HOSTILE, attribution: -0.5 }, ...example.h.top] } };
    const examples = [hostileInput, ...report.explanations!.examples!.slice(1)];
    const withHostile = { ...report, explanations: { ...report.explanations!, examples } } as AuditReport;
    const view = renderExplanationRows(withHostile, { plot, width: 320 })!;
    expect(view.querySelector('img')).toBeNull();
    expect(view.querySelector('figure[data-model="h"] tbody th')!.textContent).toBe(HOSTILE);
    expect([...view.querySelectorAll('option')].some((o) => o.textContent!.includes(HOSTILE))).toBe(true);
    expect(view.textContent).toContain(HOSTILE);
  });

  it('is left out without examples', async () => {
    const report = await heartReport();
    const without = { ...report, explanations: { ...report.explanations!, examples: undefined } } as AuditReport;
    expect(panel(without).querySelector('.fu-explanation-rows')).toBeNull();
    expect(panel(report).querySelectorAll('.fu-explanation-rows')).toHaveLength(1);
  });
});
