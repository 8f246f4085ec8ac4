// @vitest-environment happy-dom
import { beforeAll, describe, expect, it } from 'vitest';
import { headlineOf } from '../../src/core/report/headline';
import { createApp } from '../../webview/app';
import type { PlotApi } from '../../webview/render-chart';
import { asIfConclusive, entryOf, heartReport, withViolations } from './fixtures';
import { fakeApi, newRoot } from './helpers';

describe('the report panel headline: three states, one sentence, right under the title', () => {
  let plot: PlotApi;
  beforeAll(async () => {
    plot = await import('@observablehq/plot');
  });

  function banner(report: Parameters<typeof entryOf>[0]): HTMLElement {
    const root = newRoot();
    createApp(root, fakeApi(), { plot, chartWidth: () => 640 }).receive({ type: 'show', entry: entryOf(report) });
    // The caveat sits where the eye lands: the banner follows the header, before the metric tabs.
    expect(root.querySelector('.fu-header + .fu-verdict-banner')).not.toBeNull();
    return root.querySelector<HTMLElement>('.fu-verdict-banner')!;
  }

  it('heart.csv (61 test rows, 4 groups, one untested) is inconclusive, in the warning colour, with the reason and the size needed', async () => {
    const report = await heartReport();
    const b = banner(report);
    expect(b.dataset.state).toBe('inconclusive');
    expect(b.classList.contains('is-inconclusive')).toBe(true);
    expect(b.querySelector('.fu-glyph')!.textContent).toBe('?');
    const sentence = b.querySelector('strong')!.textContent!;
    // SPEC §7 by hand: 4 equal groups need ln 5 / ln(1 + 4·0.01²) = 4024.4 → 4025 test rows.
    expect(sentence).toMatch(/^Inconclusive: no significant violation was found, but 1 of 4 groups could not be tested in error rate .* each group would need about 4025 test rows\.$/);
    expect(sentence).toBe(headlineOf(report).sentence);
  });

  it('a violation reads in the error colour', async () => {
    const b = banner(withViolations(await heartReport()));
    expect(b.dataset.state).toBe('violation');
    expect(b.classList.contains('is-violation')).toBe(true);
    expect(b.querySelector('.fu-glyph')!.textContent).toBe('⚠');
    expect(b.querySelector('strong')!.textContent).toBe('2 significant fair-use violations in error rate: 1 rationality (Sex=Female, Age=Young), 1 envy-freeness (Sex=Female, Age=Young would do better as Sex=Female, Age=Old).');
  });

  it('no violation where the data could have shown one reads in the success colour', async () => {
    const b = banner(asIfConclusive(await heartReport()));
    expect(b.dataset.state).toBe('no-violation');
    expect(b.classList.contains('is-no-violation')).toBe(true);
    expect(b.querySelector('.fu-glyph')!.textContent).toBe('✓');
    expect(b.querySelector('strong')!.textContent).toMatch(/^No significant fair-use violation in error rate, and the data could have shown one: every group was tested/);
  });
});
