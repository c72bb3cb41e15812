/**
 * Following the selection: Apps Script has no selection event for add-ons (brief §4), so the rep view
 * polls a cheap RPC. About once a second while the user is active; slower when nothing changes for a
 * while; much slower while the sidebar is hidden; exponential back-off after failures. One call at a
 * time: the next poll is scheduled only when the previous one has answered.
 */

export interface PollState {
  /** Polls in a row whose answer equalled the previous one, with no interaction in the sidebar. */
  idlePolls: number;
  /** Failed polls in a row. */
  failures: number;
  /** document.hidden. */
  hidden: boolean;
}

export const POLL_ACTIVE_MS = 1_000;
export const POLL_IDLE_MS = 2_000;
export const POLL_LONG_IDLE_MS = 5_000;
export const POLL_HIDDEN_MS = 60_000;
export const POLL_MAX_FAILURE_MS = 60_000;
/** ~30 s of nothing changing before slowing to 2 s; ~90 s before 5 s. */
export const IDLE_AFTER = 30;
export const LONG_IDLE_AFTER = 60;

/** Milliseconds until the next poll. */
export function nextPollDelay(state: PollState): number {
  if (state.hidden) return POLL_HIDDEN_MS;
  if (state.failures > 0) return Math.min(POLL_MAX_FAILURE_MS, POLL_ACTIVE_MS * 2 ** state.failures);
  if (state.idlePolls >= LONG_IDLE_AFTER) return POLL_LONG_IDLE_MS;
  if (state.idlePolls >= IDLE_AFTER) return POLL_IDLE_MS;
  return POLL_ACTIVE_MS;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface PollerOptions<T> {
  fetch: () => Promise<T>;
  /** Called with every answer; `changed` is false when it equals the previous one (by `key`). */
  onResult: (value: T, changed: boolean) => void;
  onError: (error: unknown, failures: number) => void;
  /** Equality key of an answer (default JSON.stringify). */
  key?: (value: T) => string;
  isHidden: () => boolean;
  timers: Timers;
}

export class Poller<T> {
  private state: PollState = { idlePolls: 0, failures: 0, hidden: false };
  private handle: unknown = undefined;
  private inFlight = false;
  private stopped = true;
  private lastKey: string | undefined;
  /** A poll was asked for while one was in flight: run again as soon as it answers. */
  private again = false;

  constructor(private readonly options: PollerOptions<T>) {}

  get snapshot(): Readonly<PollState> {
    return { ...this.state, hidden: this.options.isHidden() };
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.pollNow();
  }

  stop(): void {
    this.stopped = true;
    this.clear();
  }

  /** The user did something in the sidebar: poll at full speed again. */
  activity(): void {
    if (this.state.idlePolls === 0) return;
    const wasSlow = nextPollDelay({ ...this.state, hidden: false }) > POLL_ACTIVE_MS;
    this.state.idlePolls = 0;
    if (wasSlow && !this.stopped && !this.inFlight) this.schedule();
  }

  /** Poll right away (after a write, a jump to a row, or the sidebar becoming visible again). */
  pollNow(): void {
    if (this.stopped) return;
    this.state.idlePolls = 0;
    if (this.inFlight) {
      this.again = true;
      return;
    }
    this.clear();
    void this.run();
  }

  /** Forget the last answer, so the next one counts as changed. */
  invalidate(): void {
    this.lastKey = undefined;
  }

  private clear(): void {
    if (this.handle !== undefined) this.options.timers.clearTimeout(this.handle);
    this.handle = undefined;
  }

  private schedule(): void {
    this.clear();
    if (this.stopped) return;
    const delay = nextPollDelay({ ...this.state, hidden: this.options.isHidden() });
    this.handle = this.options.timers.setTimeout(() => {
      this.handle = undefined;
      void this.run();
    }, delay);
  }

  private async run(): Promise<void> {
    if (this.stopped || this.inFlight) return;
    this.inFlight = true;
    this.again = false;
    try {
      const value = await this.options.fetch();
      const key = (this.options.key ?? ((v: T) => JSON.stringify(v)))(value);
      const changed = key !== this.lastKey;
      this.lastKey = key;
      this.state.failures = 0;
      this.state.idlePolls = changed ? 0 : this.state.idlePolls + 1;
      if (!this.stopped) this.options.onResult(value, changed);
    } catch (error) {
      this.state.failures += 1;
      if (!this.stopped) this.options.onError(error, this.state.failures);
    } finally {
      this.inFlight = false;
    }
    if (this.again) {
      this.again = false;
      void this.run();
    } else this.schedule();
  }
}
