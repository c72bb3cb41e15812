/**
 * Sidebar entry point (bundled by scripts/build.js into dist/Sidebar.html). Wires the tabs to the
 * three views; every server call goes through the one RPC module (rpc.ts). The rep view polls only
 * while it is the visible tab.
 */
import { createApp } from './app';
import { byId } from './dom';
import { createRpc, pageRunner } from './rpc';
import { setupTabs } from './tabs';
import { createRepView } from './views/rep';
import { createManagerView } from './views/manager';
import { createSettingsView } from './views/settings';

function start(): void {
  const rpc = createRpc(pageRunner, {
    timeoutMs: 60_000,
    timeouts: { getSelectionContext: 30_000, buildReviewNow: 6 * 60_000, saveSettings: 5 * 60_000 },
  });
  const app = createApp(rpc);
  const rep = createRepView(app, byId('panel-rep'));
  const manager = createManagerView(app, byId('panel-manager'));
  const settings = createSettingsView(app, byId('panel-settings'));
  const tabs = setupTabs(byId('tabs'), (id) => {
    if (id === 'rep') rep.start();
    else rep.stop();
    if (id === 'manager') manager.show();
    if (id === 'settings') settings.show();
  });
  app.activate = (id) => tabs.select(id, true);
  tabs.select('rep');
  byId('app').setAttribute('data-ready', 'true');
}

try {
  start();
} catch (error) {
  // Never a blank panel: say what happened in the banner the markup already has.
  const banner = document.getElementById('error');
  const text = document.getElementById('error-text');
  if (banner && text) {
    text.textContent = `The sidebar could not start: ${error instanceof Error ? error.message : String(error)}`;
    banner.hidden = false;
  }
}
