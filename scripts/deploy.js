#!/usr/bin/env node
// `npm run deploy`: pushes dist/ to the Apps Script project named in .clasp.json, with plain messages
// for the two things that usually go wrong (no script id, not logged in).
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const root = path.resolve(__dirname, '..');
const claspJson = JSON.parse(fs.readFileSync(path.join(root, '.clasp.json'), 'utf8'));

if (!claspJson.scriptId || claspJson.scriptId.startsWith('REPLACE_')) {
  console.error(
    'deploy: .clasp.json has no script id yet.\n' +
      '  Either put your Apps Script project id in .clasp.json ("scriptId"; Extensions ▸ Apps Script ▸\n' +
      '  Project Settings ▸ Script ID in your sheet), or delete .clasp.json and run\n' +
      '  npx clasp create --type sheets --title "Next Step Tracker" --rootDir dist',
  );
  process.exit(2);
}
if (!fs.existsSync(path.join(os.homedir(), '.clasprc.json'))) {
  console.error(
    'deploy: you are not logged in to clasp. Run `npx clasp login` once, then `npm run deploy` again.',
  );
  process.exit(2);
}
const result = spawnSync('npx', ['clasp', 'push', '--force'], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
