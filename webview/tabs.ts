/**
 * Tabs after the WAI-ARIA Authoring Practices "tabs with manual activation" pattern
 * (https://www.w3.org/WAI/ARIA/apg/patterns/tabs/): one tab stop for the tab list (roving tabindex);
 * ←/→ move focus with wrap-around, Home/End to the first/last tab; Enter or Space selects the focused
 * tab; a click selects. A tab's content is its accessible name: its visible marks ("*", "⚠") are
 * aria-hidden and their words screen-reader-only text, so the name contains every visible word and number
 * in order (WCAG 2.5.3, label in name; an aria-label that rewords the visible text fails it). Plain buttons
 * rather than vscode-tabs: that element selects on Enter only, ignores Space, Home and End, and nests a
 * tablist in a tablist.
 */
import { el, type Child } from './dom';

export interface TabSpec {
  /** Identifies the tab and its panel (`data-key`, and the ids `fu-tab-<key>`, `fu-tabpanel-<key>`). */
  readonly key: string;
  /**
   * The tab's content: what the eye sees, with the words a screen reader says for its marks, so that it is
   * read e.g. "Error rate, decides the verdict, 2 violations" while the eye sees "Error rate * ⚠ 2".
   */
  readonly content: readonly Child[];
  readonly title?: string;
}

export interface TabsOptions {
  /** Names the tab list ("Metric"). */
  readonly label: string;
  readonly tabs: readonly TabSpec[];
  readonly selected: string;
  /** A tab was chosen (click, Enter or Space); the caller redraws and calls `showTab`. */
  readonly onSelect: (key: string) => void;
}

/** The tab list and one empty panel per tab; the selected one shown, the others hidden. */
export function renderTabs(options: TabsOptions): HTMLElement {
  const tablist = el('div', { class: 'fu-tablist', attrs: { role: 'tablist', 'aria-label': options.label } },
    ...options.tabs.map((tab) => {
      const button = el('button', {
        class: 'fu-tab',
        attrs: { type: 'button', role: 'tab', id: `fu-tab-${tab.key}`, 'aria-controls': `fu-tabpanel-${tab.key}`, title: tab.title, 'data-key': tab.key },
      }, ...tab.content);
      button.addEventListener('click', () => options.onSelect(tab.key));
      return button;
    }));
  tablist.addEventListener('keydown', (event) => onKeyDown(tablist, event, options.onSelect));
  const panels = options.tabs.map((tab) => el('div', {
    class: 'fu-tabpanel',
    // tabindex 0: the panel's first content (summary cards) is not focusable, so the panel itself is the next stop.
    attrs: { role: 'tabpanel', id: `fu-tabpanel-${tab.key}`, 'aria-labelledby': `fu-tab-${tab.key}`, tabindex: 0, 'data-key': tab.key },
  }));
  const container = el('div', { class: 'fu-tabs' }, tablist, ...panels);
  showTab(container, options.selected);
  return container;
}

/** Marks `key`'s tab selected (and the one tab stop of the list) and shows only its panel. */
export function showTab(container: ParentNode, key: string): void {
  for (const tab of tabsOf(container)) {
    const selected = tab.dataset.key === key;
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
  }
  for (const panel of container.querySelectorAll<HTMLElement>('.fu-tabpanel')) panel.hidden = panel.dataset.key !== key;
}

function tabsOf(container: ParentNode): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>('.fu-tablist [role="tab"]')];
}

function onKeyDown(tablist: HTMLElement, event: KeyboardEvent, onSelect: (key: string) => void): void {
  const tabs = tabsOf(tablist);
  const current = tabs.findIndex((tab) => tab === (event.target as Element | null)?.closest?.('[role="tab"]'));
  if (current < 0) return;
  const last = tabs.length - 1;
  const target = ({
    ArrowRight: current === last ? 0 : current + 1,
    ArrowLeft: current === 0 ? last : current - 1,
    Home: 0,
    End: last,
  } as Record<string, number | undefined>)[event.key];
  if (target !== undefined) {
    event.preventDefault();
    for (const [i, tab] of tabs.entries()) tab.tabIndex = i === target ? 0 : -1;
    tabs[target].focus();
  } else if (event.key === 'Enter' || event.key === ' ') {
    // Handled here, not by the button's own click, so Space selects on key down as Enter does.
    event.preventDefault();
    onSelect(tabs[current].dataset.key!);
  }
}
