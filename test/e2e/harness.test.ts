/**
 * The browser harness itself: a browser that cannot start fails the suites fast with one message that
 * names the fix, and the run still exits with nothing left open (jest --detectOpenHandles says so).
 */
import { spawnSync } from 'child_process';
import path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');

test('a browser that cannot start fails with the fix named, and jest exits with no open handles', () => {
  const config = {
    rootDir: ROOT,
    testMatch: ['<rootDir>/test/e2e/fixtures/broken-browser.check.ts'],
    transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
    testEnvironment: 'node',
    globalSetup: '<rootDir>/test/e2e/global-setup.js',
  };
  const run = spawnSync(
    process.execPath,
    [require.resolve('jest/bin/jest'), '--config', JSON.stringify(config), '--detectOpenHandles', '--ci'],
    {
      cwd: ROOT,
      env: { ...process.env, NST_CHROMIUM: path.join(ROOT, 'no-such-chromium') },
      encoding: 'utf8',
      // A hang guard only (jest would otherwise wait forever on an open handle), not a speed assertion.
      timeout: 240_000,
    },
  );
  const output = `${run.stdout}\n${run.stderr}`;
  expect(run.error).toBeUndefined(); // not killed by the hang guard
  expect(run.status).toBe(1);
  expect(output).toMatch(/browser: NONE: Chromium could not start: .*no-such-chromium/);
  expect(output).toMatch(/Fix: run `npm install`/);
  expect(output).toMatch(/Tests:\s+2 failed, 2 total/);
  expect(output).not.toMatch(/open handle/i);
  expect(output).not.toMatch(/did not exit/i);
});
