#!/usr/bin/env node
// `npm start` (after `npm run build`): the local playground. See docs/playground.md.
//   npm start -- [--file pipeline.xlsx|pipeline.csv] [--today YYYY-MM-DD] [--locale en_GB] [--port N]
// The server is TypeScript (dev/playground); tsx loads it without a build step.
require('tsx/cjs');
const path = require('path');
const fs = require('fs');
const { startPlaygroundServer } = require('../dev/playground/server.ts');
const { isIsoDate } = require('../src/core/dates/calendar.ts');

const USAGE = `usage: npm start -- [--file pipeline.xlsx|pipeline.csv] [--today YYYY-MM-DD] [--locale en_GB] [--port N]

  --file FILE      open your own CSV/XLSX export instead of the 200-deal sample pipeline
  --today DATE     the date the add-on sees as today (default: 2026-03-11, the sample's reference
                   date; with --file, the real date). The page's date control moves it later.
  --locale LOCALE  how the file's numeric dates read: en_GB = day first, en_US = month first
                   (default: from the file's own dates, e.g. 20/03 can only be day-first; when they
                   cannot tell, from LANG, else en_US)
  --port N         port on 127.0.0.1 (default: $PORT, else 8787; 0 picks a free one)`;

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--help' || flag === '-h') out.help = true;
    else if (flag === '--file') out.file = value();
    else if (flag === '--today') out.today = value();
    else if (flag === '--locale') out.locale = value();
    else if (flag === '--port') out.port = Number(value());
    else throw new Error(`unknown option ${arg}`);
  }
  if (out.today !== undefined && !isIsoDate(out.today))
    throw new Error(`--today must be YYYY-MM-DD (a real calendar day), got "${out.today}"`);
  if (out.locale !== undefined && !/^[a-z]{2,3}(?:_[A-Z]{2})?$/.test(out.locale))
    throw new Error(`--locale must look like en_GB or en_US, got "${out.locale}"`);
  if (out.file !== undefined) {
    // A device or a FIFO would block the reader forever: only regular files are opened.
    let info;
    try {
      info = fs.statSync(out.file);
    } catch {
      throw new Error(`--file: no such file: ${out.file}`);
    }
    if (!info.isFile())
      throw new Error(`--file: ${out.file} is not a regular file (a directory, device or pipe)`);
  }
  if (out.port !== undefined && !(Number.isInteger(out.port) && out.port >= 0 && out.port < 65536)) {
    throw new Error('--port must be a port number');
  }
  return out;
}

async function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`${err.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const envPort =
    process.env.PORT !== undefined && process.env.PORT !== '' ? Number(process.env.PORT) : undefined;
  const playground = await startPlaygroundServer({
    file: args.file ? path.resolve(args.file) : undefined,
    today: args.today,
    locale: args.locale,
    port: args.port ?? envPort ?? 8787,
  });
  console.log(`Next Step Tracker playground: ${playground.url}`);
  if (playground.loadError) console.error(`\n${playground.loadError}\n`);
  console.log('Press Ctrl+C to stop.');
  const stop = () => {
    playground.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  if (err && err.code === 'EADDRINUSE') {
    console.error(`The port is already in use: set PORT or pass --port (0 picks a free one).`);
  } else console.error(err && err.stack ? err.stack : err);
  process.exit(1);
});
