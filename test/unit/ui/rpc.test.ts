import { createRpc, errorMessage, RpcError, unserializable, type ScriptRunner } from '../../../src/ui/rpc';

/**
 * A stand-in for google.script.run with Apps Script's chaining: withSuccessHandler/withFailureHandler
 * return a runner carrying the handlers; calling a server function by name answers asynchronously.
 */
function fakeRun(
  server: Record<string, (...args: unknown[]) => unknown>,
  calls: Array<[string, unknown[]]> = [],
) {
  const make = (ok?: (v: unknown) => void, fail?: (e: unknown) => void): ScriptRunner => {
    const runner: ScriptRunner = {
      withSuccessHandler: (fn) => make(fn, fail),
      withFailureHandler: (fn) => make(ok, fn),
    };
    for (const name of Object.keys(server)) {
      runner[name] = (...args: unknown[]) => {
        calls.push([name, args]);
        setTimeout(() => {
          try {
            // Apps Script copies values across: mimic it.
            const value = JSON.parse(JSON.stringify(server[name](...args) ?? null));
            ok?.(value);
          } catch (error) {
            fail?.(error instanceof Error ? error : new Error(String(error)));
          }
        }, 0);
      };
    }
    return runner;
  };
  return make();
}

describe('rpc wrapper over google.script.run', () => {
  test('resolves with the server result and passes the arguments', async () => {
    const calls: Array<[string, unknown[]]> = [];
    const run = fakeRun({ selectRow: (row) => ({ row }), getMyDeals: (owner) => ({ owner }) }, calls);
    const rpc = createRpc(() => run);
    await expect(rpc.call('selectRow', 7)).resolves.toEqual({ row: 7 });
    await expect(rpc.call('getMyDeals', 'Jane')).resolves.toMatchObject({ owner: 'Jane' });
    expect(calls).toEqual([
      ['selectRow', [7]],
      ['getMyDeals', ['Jane']],
    ]);
  });

  test('a server error rejects with an RpcError carrying the message without Apps Script prefixes', async () => {
    const run = fakeRun({
      writeNextStep: () => {
        throw new Error('Exception: Row 7 changed since the sidebar read it.');
      },
    });
    const rpc = createRpc(() => run);
    const err = await rpc.call('writeNextStep', { row: 7, text: 'x', expected: '', dealKey: 'id:D-7' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(RpcError);
    expect((err as RpcError).message).toBe('Row 7 changed since the sidebar read it.');
    expect((err as RpcError).kind).toBe('server');
    expect((err as RpcError).fn).toBe('writeNextStep');
  });

  test('no google.script.run → a clear rejection, not a hang', async () => {
    const rpc = createRpc(() => undefined);
    await expect(rpc.call('getSheetHealth')).rejects.toMatchObject({ kind: 'unavailable' });
  });

  test('an unknown server function rejects', async () => {
    const rpc = createRpc(() => fakeRun({}));
    await expect(rpc.call('getSheetHealth')).rejects.toThrow(/no function getSheetHealth/);
  });

  test('a Date argument is refused before it is sent', async () => {
    const calls: Array<[string, unknown[]]> = [];
    const rpc = createRpc(() => fakeRun({ saveSettings: () => ({}) }, calls));
    const form = { when: new Date() } as unknown as Parameters<typeof rpc.call<'saveSettings'>>[1];
    await expect(rpc.call('saveSettings', form)).rejects.toThrow(/args\[0\]\.when is a Date/);
    expect(calls).toEqual([]);
  });

  test('a call that never answers times out', async () => {
    const silent: ScriptRunner = {
      withSuccessHandler: () => silent,
      withFailureHandler: () => silent,
      getSheetHealth: () => undefined,
    };
    let fire: (() => void) | undefined;
    const rpc = createRpc(() => silent, {
      timeoutMs: 5000,
      timers: { setTimeout: (fn) => ((fire = fn), 1), clearTimeout: () => undefined },
    });
    const p = rpc.call('getSheetHealth');
    fire?.();
    await expect(p).rejects.toMatchObject({ kind: 'timeout', message: expect.stringMatching(/within 5 s/) });
  });

  test('a late answer after a timeout is ignored (the promise settles once)', async () => {
    let ok: ((v: unknown) => void) | undefined;
    const runner: ScriptRunner = {
      withSuccessHandler: (fn) => ((ok = fn), runner),
      withFailureHandler: () => runner,
      getSheetHealth: () => undefined,
    };
    let fire: (() => void) | undefined;
    const rpc = createRpc(() => runner, {
      timers: { setTimeout: (fn) => ((fire = fn), 1), clearTimeout: () => undefined },
    });
    const p = rpc.call('getSheetHealth');
    fire?.();
    ok?.({ openDeals: 1 });
    await expect(p).rejects.toMatchObject({ kind: 'timeout' });
  });
});

describe('errorMessage', () => {
  test.each([
    [new Error('Exception: Sheet is protected'), 'Sheet is protected'],
    ['Error: boom', 'boom'],
    [new Error('UserError: Type a next step first.'), 'Type a next step first.'],
    [{ message: 'plain object' }, 'plain object'],
    [undefined, 'Something went wrong on the server. Try again.'],
    [new Error(''), 'Something went wrong on the server. Try again.'],
  ])('%p → %p', (input, expected) => {
    expect(errorMessage(input)).toBe(expected);
  });
});

describe('unserializable', () => {
  test('accepts primitives, plain objects and arrays', () => {
    expect(unserializable([1, 'a', true, null, { a: [1, { b: 'c' }] }])).toBe('');
  });
  test.each([
    [[new Date(0)], 'value[0] is a Date: send an ISO string'],
    [{ f: () => 1 }, 'value.f is a function'],
    [{ n: NaN }, 'value.n is NaN: send a finite number'],
    [{ m: new Map() }, 'value.m is not a plain object'],
  ])('refuses %p', (value, message) => {
    expect(unserializable(value)).toBe(message);
  });
  test('refuses circular structures', () => {
    const a: Record<string, unknown> = {};
    a.self = a;
    expect(unserializable(a)).toBe('value.self is circular');
  });
});
