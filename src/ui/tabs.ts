/**
 * The view switcher as a WAI-ARIA tablist: one tab in the tab order (roving tabindex), arrow keys
 * move between tabs and activate them, Home/End jump to the ends; each tab controls its tabpanel.
 */
export interface Tabs {
  select(id: string, focus?: boolean): void;
  current(): string;
}

export function setupTabs(tablist: HTMLElement, onChange: (id: string) => void): Tabs {
  const tabs = [...tablist.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
  const idOf = (tab: HTMLElement): string => tab.id.replace(/^tab-/, '');
  let currentId = idOf(tabs.find((t) => t.getAttribute('aria-selected') === 'true') ?? tabs[0]);

  function select(id: string, focus = false): void {
    const target = tabs.find((t) => idOf(t) === id);
    if (!target) return;
    for (const tab of tabs) {
      const on = tab === target;
      tab.setAttribute('aria-selected', on ? 'true' : 'false');
      tab.tabIndex = on ? 0 : -1;
      const panel = document.getElementById(tab.getAttribute('aria-controls') ?? '');
      if (panel) panel.hidden = !on;
    }
    if (focus) target.focus();
    if (id !== currentId) {
      currentId = id;
    }
    onChange(id);
  }

  tablist.addEventListener('click', (event) => {
    const tab = (event.target as HTMLElement).closest<HTMLButtonElement>('[role="tab"]');
    if (tab) select(idOf(tab));
  });
  tablist.addEventListener('keydown', (event) => {
    const i = tabs.findIndex((t) => t === document.activeElement);
    if (i < 0) return;
    let next = -1;
    if (event.key === 'ArrowRight' || event.key === 'ArrowDown') next = (i + 1) % tabs.length;
    else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') next = (i - 1 + tabs.length) % tabs.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = tabs.length - 1;
    if (next < 0) return;
    event.preventDefault();
    select(idOf(tabs[next]), true);
  });

  return { select, current: () => currentId };
}
