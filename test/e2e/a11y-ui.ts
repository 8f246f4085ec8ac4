// Issue 20: the report webview inside the real editor (code-server + the packaged extension), for a report with
// violations (xor-groups.csv: red counts, green gains, outlined heatmap cells, interventions) and an inconclusive
// one (heart.csv: untested groups, the warning banner):
// - axe-core (WCAG 2.1 A/AA) in Light Modern, Dark Modern, Dark High Contrast and Light High Contrast, on every
//   metric tab of the violations report (the explanation metrics too);
// - our own contrast measure of every visible text against what is painted under it (axe leaves text over
//   mixed or translucent backgrounds "incomplete", not failed): 4.5:1, and the violation styling must be there;
// - the webview 320 CSS px wide: no sideways scroll, no axe violation, every overflowing table a focusable
//   region that ArrowRight scrolls;
// - a keyboard-only walk (Tab, Space, Enter, arrows, Home/End) reaching every control, table and disclosure,
//   leaving no number only in a tooltip, off the edge or hidden, and selecting every metric tab.
// Screenshots: test/e2e/screenshots/a11y-*.png, keyboard-walk.png, keyboard-walk-tabs.png.
// Run: bash test/e2e/run.sh test/e2e/a11y-ui.ts
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import {
  E2ERun,
  VIEWPORT,
  e2eEnv,
  ensureSetup,
  launchBrowser,
  log,
  makeWorkspace,
  newContext,
  openWorkbench,
  packageExtension,
  quickPickOne,
  runCommand,
  runMain,
  screenshot,
  showExplorer,
  explorerRow,
  startCodeServer,
  step,
  waitUntil,
  webviewFrame,
  type CodeServer,
} from './harness';

/** `name`: the setting's value; `label`: the row of "Preferences: Color Theme"; `body`: the webview body's class. */
const THEMES = [
  { name: 'Default Light Modern', label: 'Light Modern', body: 'vscode-light' },
  { name: 'Default Dark Modern', label: 'Dark Modern', body: 'vscode-dark' },
  { name: 'Default High Contrast', label: 'Dark High Contrast', body: 'vscode-high-contrast' },
  { name: 'Default High Contrast Light', label: 'Light High Contrast', body: 'vscode-high-contrast-light' },
] as const;
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** The webview's inner document (the one holding the report), as a Frame playwright can evaluate in. */
async function reportFrame(page: Page): Promise<Frame> {
  return waitUntil(async () => {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      if (await frame.evaluate(() => !!document.querySelector('main#app .fu-header h1')).catch(() => false)) return frame;
    }
    return false;
  }, { timeoutMs: 60_000, what: 'the report webview' });
}

/** As a person does: "Preferences: Color Theme", then the theme's row. */
async function setTheme(page: Page, theme: (typeof THEMES)[number]): Promise<void> {
  // Not runCommand: the palette's first row for this title is "Browse Color Themes in Marketplace".
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  await quickPickOne(page, /^\s*Preferences: Color Theme\s*$/, { filter: '>Preferences: Color Theme' });
  await quickPickOne(page, new RegExp(`^\\s*${theme.label}\\s*$`), { filter: theme.label });
}

async function axeViolations(frame: Frame, axeSource: string): Promise<string[]> {
  // Runtime.evaluate is not subject to the page's CSP, so axe needs no script tag (which the CSP would refuse).
  if (!(await frame.evaluate(() => 'axe' in window))) await frame.evaluate(axeSource);
  return frame.evaluate(async (tags) => {
    type Violations = Array<{ id: string; help: string; nodes: Array<{ target: unknown; failureSummary?: string }> }>;
    const axe = (window as unknown as { axe: { run(c: Document, o: object): Promise<{ violations: Violations }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id} (${v.help}) on ${v.nodes.length} node(s): ${v.nodes.slice(0, 3).map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join(' | ')}`);
  }, WCAG_21_AA);
}


/** The two reports: a violation headline with every violation style, and an inconclusive one. */
const REPORTS = [
  {
    key: 'xor', csv: 'xor-groups.csv', spec: 'xor-groups.fairuse.json',
    content: { data: 'xor-groups.csv', label: 'Outcome', groups: ['Sex', 'Age'], technique: '1hot', metric: 'error', bootstrap: 200 },
    state: 'violation',
    // Each must be on the decisive tab, so the contrast measure cannot pass by their absence.
    styled: ['.fu-verdict-banner.is-violation .fu-glyph', '.fu-tab-violations', '.fu-card-violation .fu-card-value', '.fu-badge-violation',
      '.fu-badge-gain', '.fu-neg', '.fu-pos', '.fu-heat.verdict-violation .fu-heat-value', '.fu-heat.verdict-violation .fu-heat-mark',
      '.fu-heat.heat-neg-4 .fu-heat-value', '.fu-heat.heat-pos-4 .fu-heat-value', '.fu-legend-item.fu-v-violation .fu-glyph'],
    everyTab: true,
  },
  {
    key: 'heart', csv: 'heart.csv', spec: 'heart.fairuse.json',
    content: { data: 'heart.csv', label: 'Disease', groups: ['Sex', 'Age'], bootstrap: 200 },
    state: 'inconclusive',
    styled: ['.fu-verdict-banner.is-inconclusive .fu-glyph', '.fu-badge-untested', '.fu-heat.verdict-untested .fu-heat-value', '.fu-limits-warning .fu-glyph'],
    everyTab: false,
  },
] as const;
type ReportCase = (typeof REPORTS)[number];

async function openInEditor(page: Page, name: string): Promise<void> {
  await showExplorer(page);
  await explorerRow(page, name).first().dblclick();
  await page.locator('.tabs-container .tab', { hasText: name }).first().waitFor({ state: 'visible', timeout: 20_000 });
}

/** Runs the spec as a person does (open it, "Fair Use: Run Audit") and waits for its report in the panel. */
async function showReport(page: Page, report: ReportCase): Promise<Frame> {
  await openInEditor(page, report.spec);
  await runCommand(page, 'Fair Use: Run Audit', 60_000);
  const heading = new RegExp(`Fair use audit — ${report.csv.replace(/\./g, '\\.')}`);
  await webviewFrame(page).getByRole('heading', { name: heading }).waitFor({ timeout: 240_000 });
  const frame = await reportFrame(page);
  await waitUntil(() => frame.evaluate((csv) => document.querySelector('main#app h1')?.textContent?.endsWith(csv) ?? false, report.csv), { timeoutMs: 30_000, what: `the ${report.csv} report` });
  return frame;
}

interface ContrastResult {
  /** Texts below 4.5:1 (3:1 for large text), with their colours and ratio. */
  readonly failures: string[];
  /** Per styled selector: how many texts matched, and the lowest ratio among them. */
  readonly styled: Record<string, { count: number; min: number }>;
  readonly measured: number;
}

/**
 * WCAG 1.4.3 by our own measure: every visible text node's colour against the background painted under it,
 * composited from the element up through every translucent background (color-mix shades, alpha) to the
 * first opaque one. SVG text (the chart, an image with a text alternative) and the web components'
 * shadow DOM (the toolkit's buttons; axe checks them) are left out.
 */
async function contrastOf(frame: Frame, styled: readonly string[]): Promise<ContrastResult> {
  return frame.evaluate((styledSelectors) => {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 1;
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    type Rgba = [number, number, number, number];
    const parse = (css: string): Rgba => {
      let m = /^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/.exec(css);
      if (m) return [+m[1], +m[2], +m[3], m[4] === undefined ? 1 : +m[4]];
      m = /^color\(srgb ([-\d.e]+) ([-\d.e]+) ([-\d.e]+)(?: \/ ([\d.]+))?\)$/.exec(css);
      if (m) return [+m[1] * 255, +m[2] * 255, +m[3] * 255, m[4] === undefined ? 1 : +m[4]];
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = css;
      ctx.fillRect(0, 0, 1, 1);
      const d = ctx.getImageData(0, 0, 1, 1).data;
      return [d[0], d[1], d[2], d[3] / 255];
    };
    const over = (top: Rgba, under: Rgba): Rgba => {
      const a = top[3];
      return [top[0] * a + under[0] * (1 - a), top[1] * a + under[1] * (1 - a), top[2] * a + under[2] * (1 - a), 1];
    };
    const luminance = (c: Rgba) => {
      const ch = c.slice(0, 3).map((v) => {
        const s = Math.min(1, Math.max(0, v / 255));
        return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
    };
    const background = (el: Element): Rgba => {
      const layers: Rgba[] = [];
      for (let n: Element | null = el; n; n = n.parentElement) {
        const bg = parse(getComputedStyle(n).backgroundColor);
        if (bg[3] > 0) layers.push(bg);
        if (bg[3] >= 1) break;
      }
      let base: Rgba = layers.length && layers[layers.length - 1][3] >= 1 ? layers.pop()! : [255, 255, 255, 1];
      while (layers.length) base = over(layers.pop()!, base);
      return base;
    };
    const hex = (c: Rgba) => `#${c.slice(0, 3).map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
    const failures: string[] = [];
    const styled: Record<string, { count: number; min: number }> = Object.fromEntries(styledSelectors.map((s) => [s, { count: 0, min: Infinity }]));
    let measured = 0;
    const walker = document.createTreeWalker(document.querySelector('main#app')!, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent!.trim()) continue;
      const el = node.parentElement!;
      if (el.closest('svg, .sr-only, [hidden]') || /-/.test(el.tagName) || el.getClientRects().length === 0) continue;
      const style = getComputedStyle(el);
      if (style.visibility !== 'visible' || Number(style.opacity) === 0) continue;
      const bg = background(el);
      const fg = over(parse(style.color), bg);
      const [l1, l2] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
      const ratio = (l1 + 0.05) / (l2 + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      measured++;
      if (ratio < (large ? 3 : 4.5)) failures.push(`"${node.textContent!.trim().slice(0, 40)}" (${el.className || el.tagName}) ${hex(fg)} on ${hex(bg)}: ${ratio.toFixed(2)}:1`);
      for (const s of styledSelectors) {
        if (el.matches(s)) {
          styled[s].count++;
          styled[s].min = Math.min(styled[s].min, ratio);
        }
      }
    }
    return { failures, styled, measured };
  }, styled);
}

/** Selects a metric tab by its key (setup for the checks; the keyboard walk selects tabs by keys). */
async function selectTab(frame: Frame, key: string): Promise<void> {
  await frame.evaluate((k) => (document.querySelector(`[role="tab"][data-key="${k}"]`) as HTMLElement).click(), key);
  await waitUntil(() => frame.evaluate((k) => {
    const panel = document.querySelector(`[role="tabpanel"][data-key="${k}"]`) as HTMLElement | null;
    return !!panel && !panel.hidden && panel.querySelector('table') !== null;
  }, key), { timeoutMs: 20_000, what: `the ${key} tab's tables` });
}

/**
 * Narrows the browser window (side bar closed) until the webview's document is `width` CSS px wide
 * (its client width, without the scroll bar), as a person does with a narrow editor group.
 */
async function narrowWebview(page: Page, frame: Frame, width: number, csv: string): Promise<number> {
  await runCommand(page, 'View: Close Primary Side Bar');
  // The report alone in the editor area: the spec's group beside it would keep a width of its own. Each audited
  // file has its own panel: this report's tab (clicking another one would move focus into that webview).
  await page.locator('.tabs-container .tab', { hasText: `Fair Use report: ${csv}` }).first().click();
  await page.waitForTimeout(700); // the webview takes focus after the click; the palette opens after that
  await runCommand(page, 'View: Close Editors in Other Groups');
  for (let i = 0; i < 10; i++) {
    const inner = await frame.evaluate(() => document.documentElement.clientWidth);
    if (inner === width) return inner;
    const viewport = page.viewportSize()!;
    await page.setViewportSize({ width: viewport.width - (inner - width), height: viewport.height });
    await page.waitForTimeout(700);
  }
  return frame.evaluate(() => document.documentElement.clientWidth);
}

/**
 * With every disclosure open: the page's sideways scroll, and every scroller whose content overflows that is not a focusable region
 * named for the screen reader; the overflowing regions get `data-a11y-scroller` indexes to drive by keys.
 */
async function narrowLayout(frame: Frame): Promise<{ pageOverflow: number; unfocusable: string[]; scrollers: number }> {
  return frame.evaluate(() => {
    // Opened, as a keyboard user opens them, so the tables inside count too.
    for (const details of document.querySelectorAll('main#app details')) (details as HTMLDetailsElement).open = true;
    const root = document.documentElement;
    const unfocusable: string[] = [];
    let scrollers = 0;
    for (const el of document.querySelectorAll<HTMLElement>('main#app *')) {
      const overflowX = getComputedStyle(el).overflowX;
      if (el.scrollWidth <= el.clientWidth + 1 || (overflowX !== 'auto' && overflowX !== 'scroll')) continue;
      if (el.getAttribute('role') === 'region' && el.tabIndex === 0 && el.getAttribute('aria-label')) el.dataset.a11yScroller = String(scrollers++);
      else unfocusable.push(`${el.tagName.toLowerCase()}.${el.className}`);
    }
    return { pageOverflow: Math.max(root.scrollWidth, document.body.scrollWidth) - root.clientWidth, unfocusable, scrollers };
  });
}

async function main(): Promise<number> {
  ensureSetup();
  const env = e2eEnv();
  const run = new E2ERun('e2e a11y', 18 * 60_000);
  const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  let server: CodeServer | undefined;
  let page: Page | undefined;

  try {
    const started = await run.test('code-server with the packaged extension, heart.csv and xor-groups.csv with their specs', async () => {
      const vsix = process.env.FAIRUSE_E2E_VSIX ? path.resolve(process.env.FAIRUSE_E2E_VSIX) : await packageExtension();
      const ws = makeWorkspace('ws-a11y', {
        'heart.csv': path.join(env.repoRoot, 'examples', 'heart.csv'),
        'xor-groups.csv': path.join(env.e2eDir, 'fixtures', 'data', 'xor-groups.csv'),
      });
      for (const r of REPORTS) fs.writeFileSync(path.join(ws, r.spec), JSON.stringify(r.content, null, 2));
      server = await startCodeServer({ workspace: ws, vsix: [vsix], settings: { 'workbench.colorTheme': THEMES[0].name } });
    });
    if (!started || !server) return await run.finish();
    const srv = server;
    const browser = await launchBrowser();
    page = await (await newContext(browser)).newPage();
    const p = page;
    const opts = { server: srv };
    const opened = await run.test('the workbench opens', async () => {
      await step(p, 'a11y-00-workbench', () => openWorkbench(p, srv.workbenchUrl()), { ...opts, timeoutMs: 120_000 });
    });

    for (const report of REPORTS) {
      const shown = await run.testAfter([opened], `Run Audit on ${report.spec} shows its report, headline ${report.state}`, async () => {
        await step(p, `a11y-${report.key}-report`, async () => {
          // In Light Modern: the settings' theme at first, then the 320 px test's.
          const frame = await showReport(p, report);
          assert.equal(await frame.evaluate(() => document.querySelector('.fu-verdict-banner')?.getAttribute('data-state')), report.state);
        }, { ...opts, timeoutMs: 300_000 });
      }, 6 * 60_000);

      for (const theme of THEMES) {
        await run.testAfter([shown], `${report.csv} in ${theme.name}: no axe violation and every text at 4.5:1${report.everyTab ? ', on every metric tab' : ''}`, async () => {
          await step(p, `a11y-${report.key}-${theme.body}`, async () => {
            await setTheme(p, theme);
            const frame = await reportFrame(p);
            await waitUntil(() => frame.evaluate((cls) => document.body.classList.contains(cls), theme.body), { timeoutMs: 30_000, what: `the webview body to get ${theme.body}` });
            await p.waitForTimeout(500); // the theme's variables land with the class; let the chart redraw
            const keys = await frame.evaluate(() => [...document.querySelectorAll('[role="tab"]')].map((t) => t.getAttribute('data-key')!));
            const decisive = await frame.evaluate(() => document.querySelector('[role="tab"][aria-selected="true"]')!.getAttribute('data-key')!);
            const problems: string[] = [];
            for (const key of report.everyTab ? [decisive, ...keys.filter((k) => k !== decisive)] : [decisive]) {
              await selectTab(frame, key);
              for (const v of await axeViolations(frame, axeSource)) problems.push(`${key}: axe: ${v}`);
              const contrast = await contrastOf(frame, key === decisive ? report.styled : []);
              for (const f of contrast.failures) problems.push(`${key}: contrast ${f}`);
              if (key === decisive) {
                const styled = Object.entries(contrast.styled);
                log(`${report.csv}, ${theme.name}, ${key}: ${contrast.measured} texts measured; lowest ratio per style: ${styled.map(([s, r]) => `${s} ${r.count ? r.min.toFixed(2) : 'absent'}`).join(' · ')}`);
                for (const [s, r] of styled) if (r.count === 0) problems.push(`${key}: no text matches ${s} (the check needs it)`);
              }
            }
            await selectTab(frame, decisive);
            await frame.evaluate(() => document.querySelector('.fu-section-envy')?.scrollIntoView({ block: 'start' }));
            await screenshot(p, `a11y-${report.key}-${theme.body}`);
            assert.deepEqual(problems, [], `${report.csv} in ${theme.name}`);
          }, { ...opts, timeoutMs: 240_000, shot: false });
        }, 5 * 60_000);
      }

      await run.testAfter([shown], `${report.csv} at 320 CSS px: no sideways scroll, no axe violation, every wide table a region the arrows scroll`, async () => {
        await step(p, `a11y-${report.key}-320px`, async () => {
          await setTheme(p, THEMES[0]);
          const frame = await reportFrame(p);
          try {
            const width = await narrowWebview(p, frame, 320, report.csv);
            assert.equal(width, 320, 'the webview document could not be made 320 px wide');
            await p.waitForTimeout(500); // the chart redraws at the new width
            const layout = await narrowLayout(frame);
            log(`${report.csv} at 320 px: page overflow ${layout.pageOverflow} px, ${layout.scrollers} overflowing table region(s)`);
            assert.ok(layout.pageOverflow <= 0, `the webview scrolls sideways by ${layout.pageOverflow} px at 320 px`);
            assert.deepEqual(layout.unfocusable, [], 'overflowing scrollers that are not focusable named regions');
            assert.deepEqual(await axeViolations(frame, axeSource), [], `axe at 320 px on ${report.csv}`);
            const stuck: string[] = [];
            for (let i = 0; i < layout.scrollers; i++) {
              const selector = `[data-a11y-scroller="${i}"]`;
              await frame.focus(selector);
              await p.keyboard.press('ArrowRight');
              const moved = await waitUntil(() => frame.evaluate((sel) => (document.querySelector(sel) as HTMLElement).scrollLeft > 0, selector), { timeoutMs: 3_000, what: 'scroll' }).then(() => true, () => false);
              if (moved) {
                // Scrolled, the table still says what it is and whose row each number is: its caption and its
                // row headers stay inside the region's visible box (sticky), not cut at the left edge.
                const cut = await frame.evaluate((sel) => {
                  const r = document.querySelector(sel) as HTMLElement;
                  const left = r.getBoundingClientRect().left;
                  const table = r.querySelector('table');
                  const heads = [table?.caption, ...Array.from(r.querySelectorAll('tbody th'))].filter((e): e is HTMLElement => !!e);
                  return heads.filter((e) => e.getBoundingClientRect().left < left - 1).map((e) => (e.textContent ?? '').slice(0, 40));
                }, selector);
                if (cut.length) stuck.push(`"${await frame.evaluate((sel) => document.querySelector(sel)?.getAttribute('aria-label'), selector)}" scrolled: cut at the left: ${cut.join(' | ')}`);
              }
              if (!moved) {
                stuck.push(await frame.evaluate((sel) => {
                  const r = document.querySelector(sel) as HTMLElement;
                  return `"${r.getAttribute('aria-label')}" (${r.scrollWidth} > ${r.clientWidth} px; focus on ${document.activeElement === r ? 'it' : document.activeElement?.tagName})`;
                }, selector));
                await screenshot(p, `a11y-${report.key}-320px-stuck-${i}`);
              }
            }
            assert.deepEqual(stuck, [], 'table regions ArrowRight does not scroll, or whose caption or row headers scroll out of view, at 320 px');
            await frame.evaluate(() => document.querySelector('.fu-section-envy')?.scrollIntoView({ block: 'start' }));
            await screenshot(p, `a11y-${report.key}-320px`);
          } finally {
            await p.setViewportSize(VIEWPORT);
          }
        }, { ...opts, timeoutMs: 180_000, shot: false });
      });

      if (report.key === 'xor') await keyboardWalk(run, p, shown, opts);
    }
    return await run.finish();
  } catch (error) {
    if (page) await screenshot(page, 'a11y-harness-error').catch(() => undefined);
    throw error;
  }
}

/**
 * As a keyboard-only user: enter the panel once, then only keys. Tab through everything (Space opens the first
 * disclosure, Enter the others), asserting a visible focus ring at each stop; every button, the selected tab
 * (one stop), every table region and every disclosure must be reached, and afterwards no number on the page
 * may be hidden, past the right edge outside a reached scroller, or only in a tooltip. Then every metric tab by
 * arrows with Space or Enter (Tab from a selected tab lands on its panel), End, and Home.
 */
async function keyboardWalk(run: E2ERun, p: Page, shown: boolean, opts: { server: CodeServer }): Promise<void> {
  await run.testAfter([shown], 'a keyboard-only walk reaches every control, table, disclosure and number, and every metric tab', async () => {
    await step(p, 'keyboard-walk-all', async () => {
      await setTheme(p, THEMES[0]);
      const frame = await reportFrame(p);
      // Enter the webview once (as a person clicks into the panel or uses "Focus Active Editor Group"), then keys only.
      await frame.evaluate(() => (document.querySelector('main#app h1') as HTMLElement).setAttribute('tabindex', '-1'));
      await frame.focus('main#app h1');
      const seen: Array<{ kind: string; name: string }> = [];
      let disclosures = 0;
      let shot = false;
      for (let i = 0; i < 150; i++) {
        await p.keyboard.press('Tab');
        const f = await frame.evaluate(() => {
          const a = document.activeElement as HTMLElement | null;
          if (!a || a === document.body || !document.hasFocus()) return null;
          a.dataset.walk = 'seen';
          // The as-if radios are drawn by their label (the input is transparent); the toolkit's buttons in their shadow DOM.
          const ringOn = a.tagName === 'INPUT' ? a.closest('label')! : a;
          const ring = a.tagName.includes('-') ? 'shadow' : getComputedStyle(ringOn).outlineStyle;
          // The name a screen reader gives it: its aria-label, else its text less the aria-hidden marks.
          const copy = a.cloneNode(true) as HTMLElement;
          for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
          return { kind: a.getAttribute('role') ?? a.tagName.toLowerCase(), name: (a.getAttribute('aria-label') ?? copy.textContent ?? '').replace(/\s+/g, ' ').trim(), ring };
        });
        if (!f) break;
        seen.push(f);
        assert.notEqual(f.ring, 'none', `no visible focus ring on ${f.kind} "${f.name.slice(0, 60)}"`);
        if (f.kind === 'summary') await p.keyboard.press(disclosures++ === 0 ? 'Space' : 'Enter');
        if (!shot && f.kind === 'region' && /each pair with its \d+% interval and p-values/.test(f.name)) {
          await p.waitForTimeout(300); // the focus scroll settles
          await screenshot(p, 'keyboard-walk');
          shot = true;
        }
      }
      log(`keyboard walk (${seen.length} stops): ${seen.map((s) => `${s.kind}:${s.name.slice(0, 30)}`).join(' → ')}`);
      assert.ok(seen.length < 150, 'the walk left the panel before the step limit');
      assert.ok(shot, 'the walk reached the envy pairs table (intervals, p-values) after opening its disclosure');
      const missed = await frame.evaluate(() => [...document.querySelectorAll<HTMLElement>('vscode-button, [role="tab"][aria-selected="true"], [role="region"], summary, input:not([type="radio"]), input[type="radio"]:checked')]
        .filter((el) => el.getClientRects().length > 0 && el.dataset.walk !== 'seen')
        .map((el) => `${el.getAttribute('role') ?? el.tagName.toLowerCase()}: ${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 60)}`));
      assert.deepEqual(missed, [], 'controls, tables and disclosures Tab does not reach');
      const tabStops = seen.filter((s) => s.kind === 'tab');
      assert.equal(tabStops.length, 1, 'the tab list is one stop');
      assert.match(tabStops[0].name, /^Error rate, decides the verdict, \d+ violations?$/, 'the tab is spoken with its role in the verdict and its violations');
      const stranded = await frame.evaluate(() => {
        const out: string[] = [];
        const text = (document.querySelector('main#app') as HTMLElement).innerText;
        const walker = document.createTreeWalker(document.querySelector('main#app')!, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (!/\d/.test(node.textContent!)) continue;
          const parent = node.parentElement!;
          if (parent.closest('.sr-only, svg, [role="tabpanel"][hidden], select')) continue; // a select's options are reached through it
          const scroller = parent.closest<HTMLElement>('.fu-table-wrap');
          if (parent.getClientRects().length === 0) out.push(`hidden: ${node.textContent}`);
          else if (scroller && scroller.dataset.walk !== 'seen') out.push(`in a scroller Tab does not reach: ${node.textContent}`);
          else if (!scroller && parent.getBoundingClientRect().right > document.documentElement.clientWidth + 1) out.push(`past the right edge: ${node.textContent}`);
        }
        // A number in a tooltip must also be text on the page (the envy cells' intervals and p-values: the pairs table).
        for (const el of document.querySelectorAll('main#app [title]')) {
          for (const n of el.getAttribute('title')!.match(/[-+]?\d[\d.]*%?|<0\.001/g) ?? []) if (!text.includes(n)) out.push(`only in a title: ${n} (${el.getAttribute('title')})`);
        }
        return out;
      });
      assert.deepEqual(stranded, [], 'numbers a keyboard or screen-reader user cannot reach');

      // Every metric tab by keys: → then Space or Enter selects, and Tab from the tab lands on its panel.
      await frame.focus('[role="tab"][aria-selected="true"]');
      const keys = await frame.evaluate(() => [...document.querySelectorAll('[role="tab"]')].map((t) => t.getAttribute('data-key')!));
      for (let i = 1; i < keys.length; i++) {
        await p.keyboard.press('ArrowRight');
        await p.keyboard.press(i % 2 ? 'Space' : 'Enter');
        await waitUntil(() => frame.evaluate((k) => document.querySelector('[role="tab"][aria-selected="true"]')?.getAttribute('data-key') === k && document.activeElement?.getAttribute('data-key') === k, keys[i]), { timeoutMs: 10_000, what: `${i % 2 ? 'Space' : 'Enter'} to select and keep focus on the ${keys[i]} tab` });
        await p.keyboard.press('Tab');
        const onPanel = await frame.evaluate(() => {
          const a = document.activeElement as HTMLElement;
          return { role: a.getAttribute('role'), key: a.dataset.key, regions: a.querySelectorAll('[role="region"]').length };
        });
        assert.deepEqual([onPanel.role, onPanel.key], ['tabpanel', keys[i]], `Tab from the ${keys[i]} tab reaches its panel`);
        assert.ok(onPanel.regions >= 3, `the ${keys[i]} panel shows its tables (${onPanel.regions} regions)`);
        await p.keyboard.press('Shift+Tab');
      }
      await p.keyboard.press('ArrowRight'); // wraps around to the first tab
      assert.equal(await frame.evaluate(() => document.activeElement?.getAttribute('data-key')), keys[0], '→ on the last tab wraps to the first');
      await p.keyboard.press('End');
      assert.equal(await frame.evaluate(() => document.activeElement?.getAttribute('data-key')), keys.at(-1), 'End focuses the last tab');
      await p.keyboard.press('Home');
      await p.keyboard.press('Enter');
      assert.equal(await frame.evaluate(() => document.activeElement?.getAttribute('data-key')), keys[0], 'Home focuses the first tab');
      assert.equal(await frame.evaluate(() => document.querySelector('[role="tab"][aria-selected="true"]')?.getAttribute('data-key')), keys[0], 'Home then Enter selects it');
      await screenshot(p, 'keyboard-walk-tabs');
    }, { ...opts, timeoutMs: 180_000, shot: false });
  }, 5 * 60_000);
}

runMain(main);
