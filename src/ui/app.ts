/**
 * What every view shares: the RPC client, the status line (an aria-live region) and the error
 * banner (role="alert", data-testid="error"). Errors are kept by source, so a poll that recovers
 * clears its own banner without hiding an unrelated failure.
 */
import { errorMessage, type Rpc } from './rpc';
import { byId, setText } from './dom';

export interface App {
  rpc: Rpc;
  /** Announce a short message in the live region. */
  status(message: string): void;
  /** Show the error banner for `source`, with a "Try again" button when `retry` is given. */
  showError(source: string, error: unknown, retry?: () => void): void;
  clearError(source: string): void;
  /**
   * The pipeline sheet's name as last reported by the server ('' until known). Passed to calls that
   * read the whole table, so building a review (which activates the review tab) does not lose it.
   */
  pipelineSheet: string;
  /** The settings token from the last poll (see getSelectionContext); '' after saving settings. */
  settingsToken: string;
  /** Switch to a view by id (`rep`, `manager`, `settings`). */
  activate?(view: string): void;
}

interface ErrorEntry {
  message: string;
  retry?: () => void;
}

export function createApp(rpc: Rpc): App {
  const banner = byId('error');
  const text = byId('error-text');
  const retryButton = byId<HTMLButtonElement>('error-retry');
  const dismissButton = byId<HTMLButtonElement>('error-dismiss');
  const statusEl = byId('status');
  const errors = new Map<string, ErrorEntry>();
  let shown: string | undefined;

  function render(): void {
    const entries = [...errors.entries()];
    const last = entries[entries.length - 1];
    if (!last) {
      banner.hidden = true;
      shown = undefined;
      setText(text, '');
      return;
    }
    const [source, entry] = last;
    shown = source;
    setText(text, entry.message);
    retryButton.hidden = !entry.retry;
    banner.hidden = false;
  }

  retryButton.addEventListener('click', () => {
    if (!shown) return;
    const entry = errors.get(shown);
    errors.delete(shown);
    render();
    entry?.retry?.();
  });
  // Dismiss hides the banner; a failure that happens again shows it again.
  dismissButton.addEventListener('click', () => {
    errors.clear();
    render();
  });

  let statusTimer: ReturnType<typeof setTimeout> | undefined;
  return {
    rpc,
    pipelineSheet: '',
    settingsToken: '',
    status(message: string): void {
      // Clear first so the same message twice is announced twice.
      setText(statusEl, '');
      if (statusTimer) clearTimeout(statusTimer);
      statusTimer = setTimeout(() => setText(statusEl, message), 30);
    },
    showError(source: string, error: unknown, retry?: () => void): void {
      errors.delete(source);
      errors.set(source, { message: errorMessage(error), retry });
      render();
    },
    clearError(source: string): void {
      if (!errors.has(source)) return;
      errors.delete(source);
      render();
    },
  };
}
