// @vitest-environment happy-dom
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../webview/app';
import type { PlotApi } from '../../webview/render-chart';
import { el, setAttr } from '../../webview/dom';
import { availableMetrics } from '../../webview/state';
import { entryOf, HOSTILE, hostileReport, hostileShiftedReport, withViolations } from './fixtures';
import { fakeApi, newRoot } from './helpers';

describe('CSV-derived strings in the webview', () => {
  let plot: PlotApi;
  beforeAll(async () => {
    plot = await import('@observablehq/plot');
  });

  it('a group column and values named <img src=x onerror=…> are shown literally and create no element, in every tab', async () => {
    const report = withViolations(await hostileReport());
    const root = newRoot();
    const app = createApp(root, fakeApi(), { plot, chartWidth: () => 640 });
    app.receive({ type: 'show', entry: entryOf(report, { specLabel: `${HOSTILE}.json`, specPath: `/w/${HOSTILE}.json`, dataPath: `/w/${HOSTILE}.csv` }), focusGroup: report.groups[0].id });
    for (const metric of availableMetrics(report)) {
      app.selectMetric(metric);
      expect(document.querySelectorAll('img')).toHaveLength(0);
      expect(document.querySelectorAll('[onerror]')).toHaveLength(0);
      // shown literally, as text (attribute values such as data-group hold it too, which is inert)
      expect(root.textContent).toContain(`${HOSTILE}=${HOSTILE}`);
      const groupHeaders = [...root.querySelectorAll('table.fu-gains tbody th')].map((th) => th.textContent);
      expect(groupHeaders).toEqual([...report.groups.map((g) => g.id), 'Total']);
    }
    expect(root.querySelector('h1')!.textContent).toBe(`Fair use audit — ${HOSTILE}.csv`);
    expect(root.querySelector('.fu-warnings li')!.textContent).toBe(report.warnings[0]);
    expect(root.querySelector('.fu-settings')!.textContent).toContain(`Group attributes${HOSTILE}`);
    expect(root.textContent).toContain(`spec ${HOSTILE}.json`);
  });

  it('hostile group names stay text in the interventions, minimization, tags and every "as if" view', async () => {
    const report = await hostileShiftedReport();
    const root = newRoot();
    const app = createApp(root, fakeApi(), { plot, chartWidth: () => 640 });
    app.receive({ type: 'show', entry: entryOf(report) });
    for (const asIf of ['original', 'generic', 'decoupled', 'selected'] as const) {
      app.selectAsIf(asIf);
      for (const metric of availableMetrics(report)) {
        app.selectMetric(metric);
        expect(document.querySelectorAll('img')).toHaveLength(0);
        expect(document.querySelectorAll('[onerror]')).toHaveLength(0);
      }
    }
    const violating = `${HOSTILE}=${HOSTILE}`;
    const generic = root.querySelector('section.fu-intervention[data-intervention="generic"]')!;
    expect(generic.querySelector(`tbody tr th`)!.textContent).toBe(report.interventions!.items[0].groups[0].group);
    expect(generic.querySelector('[data-changes="resolved"] li')!.textContent).toBe(`✓ rationality: ${violating}`);
    expect(root.querySelector('.fu-minimization-values tbody th')!.textContent).toBe(HOSTILE);
    app.selectAsIf('generic');
    expect(root.querySelector('.fu-asif-banner')!.textContent).toContain(`${violating} (the model without group attributes)`);
    expect(root.querySelector('.fu-settings')!.textContent).toContain(`${HOSTILE}=B & "C": served by its decoupled model`);
  });

  it('the DOM helper refuses inline styles and event-handler attributes', () => {
    const node = document.createElement('div');
    expect(() => setAttr(node, 'style', 'color: red')).toThrow(/style/);
    expect(() => setAttr(node, 'onclick', 'alert(1)')).toThrow(/onclick/);
    expect(() => el('div', { attrs: { OnError: 'x' } })).toThrow();
    expect(el('p', {}, HOSTILE).innerHTML).toBe('&lt;img src=x onerror=alert(1)&gt;');
  });
});
