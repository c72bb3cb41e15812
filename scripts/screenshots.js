// `npm run screenshots`: refreshes the README's pictures in docs/images on purpose. The browser suites
// save their screenshots with screenshotPath (test/e2e/harness.ts), which normally points at a
// temporary folder so that `npm test` never writes tracked files; here it points at docs/images.
const { spawnSync } = require('child_process');
const path = require('path');

const root = path.resolve(__dirname, '..');
const run = spawnSync(
  process.execPath,
  [require.resolve('jest/bin/jest'), '--selectProjects', 'e2e', ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NST_SCREENSHOTS_DIR: path.join(root, 'docs', 'images') },
  },
);
process.exit(run.status ?? 1);
