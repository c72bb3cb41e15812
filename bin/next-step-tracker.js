#!/usr/bin/env node
// Runs the CLI built from src/cli (npm run build writes build/cli.js; npm install runs the build).
const path = require('path');
const fs = require('fs');

const cli = path.join(__dirname, '..', 'build', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write('next-step-tracker: build/cli.js is missing; run `npm run build` first.\n');
  process.exit(2);
}
require(cli);
