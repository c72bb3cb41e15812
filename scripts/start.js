#!/usr/bin/env node
// `npm start` (after `npm run build`): the local playground. See docs/playground.md.
//   npm start -- [--file pipeline.xlsx|pipeline.csv] [--today YYYY-MM-DD] [--port N]
// The server is TypeScript (dev/playground); tsx loads it without a build step.
require('tsx/cjs');
const path = require('path');
const { startPlaygroundServer } = require('../dev/playground/server.ts');

const USAGE = `usage: npm start -- [--file pipeline.xlsx|pipeline.csv] [--today YYYY-MM-DD] [--port N]

  --file FILE    open your own CSV/XLSX export instead of the 200-deal sample pipeline
  --today DATE   the date the add-on sees as today (default: 2026-03-11, the sample's reference
                 date; with --file, the real date)
  --port N       port on 127.0.0.1 (default: $PORT, else 8787; 0 picks a free one)`;

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
    else if (flag === '--port') out.port = Number(value());
    else throw new Error(`unknown option ${arg}`);
  }
  if (out.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(out.today))
    throw new Error('--today must be YYYY-MM-DD');
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
