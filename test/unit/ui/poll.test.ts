import {
  IDLE_AFTER,
  LONG_IDLE_AFTER,
  nextPollDelay,
  Poller,
  POLL_ACTIVE_MS,
  POLL_HIDDEN_MS,
  POLL_IDLE_MS,
  POLL_LONG_IDLE_MS,
  POLL_MAX_FAILURE_MS,
} from '../../../src/ui/poll';

describe('nextPollDelay (back-off schedule)', () => {
  const s = (idlePolls: number, failures = 0, hidden = false) => ({ idlePolls, failures, hidden });

  test('about once a second while things change', () => {
    expect(nextPollDelay(s(0))).toBe(1000);
    expect(nextPollDelay(s(IDLE_AFTER - 1))).toBe(POLL_ACTIVE_MS);
  });

  test('slower when idle, slowest when long idle', () => {
    expect(nextPollDelay(s(IDLE_AFTER))).toBe(POLL_IDLE_MS);
    expect(nextPollDelay(s(LONG_IDLE_AFTER))).toBe(POLL_LONG_IDLE_MS);
    expect(nextPollDelay(s(10_000))).toBe(POLL_LONG_IDLE_MS);
  });

  test('hidden wins over everything', () => {
    expect(nextPollDelay(s(0, 0, true))).toBe(POLL_HIDDEN_MS);
    expect(nextPollDelay(s(0, 3, true))).toBe(POLL_HIDDEN_MS);
  });

  test('failures back off exponentially, capped', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((f) => nextPollDelay(s(0, f)))).toEqual([
      2000, 4000, 8000, 16000, 32000, 60000, 60000,
    ]);
    expect(nextPollDelay(s(0, 50))).toBe(POLL_MAX_FAILURE_MS);
  });

  test('the schedule never decreases as idleness grows', () => {
    let prev = 0;
    for (let i = 0; i < 200; i++) {
      const d = nextPollDelay(s(i));
      expect(d).toBeGreaterThanOrEqual(prev);
      prev = d;
    }
  });
});

/** Manual timers: run() fires the pending timeout; delays are recorded. */
function fakeTimers() {
  let pending: { fn: () => void; ms: number } | undefined;
  const delays: number[] = [];
  return {
    delays,
    get pending() {
      return pending;
    },
    timers: {
      setTimeout(fn: () => void, ms: number) {
        pending = { fn, ms };
        delays.push(ms);
        return pending;
      },
      clearTimeout(h: unknown) {
        if (pending === h) pending = undefined;
      },
    },
    fire() {
      const p = pending;
      pending = undefined;
      p?.fn();
    },
  };
}

const flush = () => new Promise((r) => setImmediate(r));

describe('Poller', () => {
  test('one call at a time; unchanged answers grow idleness; a change resets it', async () => {
    const t = fakeTimers();
    let value = 'a';
    let calls = 0;
    const seen: Array<[string, boolean]> = [];
    const poller = new Poller<string>({
      fetch: async () => {
        calls++;
        return value;
      },
      onResult: (v, changed) => seen.push([v, changed]),
      onError: () => undefined,
      isHidden: () => false,
      timers: t.timers,
    });
    poller.start();
    await flush();
    expect(calls).toBe(1);
    expect(seen).toEqual([['a', true]]);
    expect(t.pending?.ms).toBe(1000);
    for (let i = 0; i < IDLE_AFTER; i++) {
      t.fire();
      await flush();
    }
    expect(poller.snapshot.idlePolls).toBe(IDLE_AFTER);
    expect(t.pending?.ms).toBe(POLL_IDLE_MS);
    value = 'b';
    t.fire();
    await flush();
    expect(seen[seen.length - 1]).toEqual(['b', true]);
    expect(poller.snapshot.idlePolls).toBe(0);
    expect(t.pending?.ms).toBe(1000);
    poller.stop();
    expect(t.pending).toBeUndefined();
  });

  test('failures back off and are reported; recovery resets', async () => {
    const t = fakeTimers();
    let fail = true;
    const errors: number[] = [];
    const poller = new Poller<number>({
      fetch: async () => {
        if (fail) throw new Error('down');
        return 1;
      },
      onResult: () => undefined,
      onError: (_e, n) => errors.push(n),
      isHidden: () => false,
      timers: t.timers,
    });
    poller.start();
    await flush();
    t.fire();
    await flush();
    t.fire();
    await flush();
    expect(errors).toEqual([1, 2, 3]);
    expect(t.delays.slice(-3)).toEqual([2000, 4000, 8000]);
    fail = false;
    t.fire();
    await flush();
    expect(poller.snapshot.failures).toBe(0);
    expect(t.pending?.ms).toBe(1000);
    poller.stop();
  });

  test('pollNow during a call runs again right after it, never in parallel', async () => {
    const t = fakeTimers();
    let inFlight = 0;
    let maxInFlight = 0;
    let calls = 0;
    let release: (() => void) | undefined;
    const poller = new Poller<number>({
      fetch: () =>
        new Promise<number>((resolve) => {
          calls++;
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          release = () => {
            inFlight--;
            resolve(calls);
          };
        }),
      onResult: () => undefined,
      onError: () => undefined,
      isHidden: () => false,
      timers: t.timers,
    });
    poller.start();
    poller.pollNow();
    poller.pollNow();
    expect(calls).toBe(1);
    release?.();
    await flush();
    expect(calls).toBe(2);
    release?.();
    await flush();
    expect(maxInFlight).toBe(1);
    expect(calls).toBe(2);
    poller.stop();
  });

  test('hidden → the next poll waits the hidden delay', async () => {
    const t = fakeTimers();
    let hidden = false;
    const poller = new Poller<number>({
      fetch: async () => 1,
      onResult: () => undefined,
      onError: () => undefined,
      isHidden: () => hidden,
      timers: t.timers,
    });
    poller.start();
    await flush();
    expect(t.pending?.ms).toBe(1000);
    hidden = true;
    t.fire();
    await flush();
    expect(t.pending?.ms).toBe(POLL_HIDDEN_MS);
    poller.stop();
  });

  test('activity after long idleness reschedules at full speed', async () => {
    const t = fakeTimers();
    const poller = new Poller<number>({
      fetch: async () => 1,
      onResult: () => undefined,
      onError: () => undefined,
      isHidden: () => false,
      timers: t.timers,
    });
    poller.start();
    await flush();
    for (let i = 0; i < LONG_IDLE_AFTER + 1; i++) {
      t.fire();
      await flush();
    }
    expect(t.pending?.ms).toBe(POLL_LONG_IDLE_MS);
    poller.activity();
    expect(t.pending?.ms).toBe(1000);
    poller.stop();
  });
});
