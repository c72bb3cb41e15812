// Jest globalSetup of the browser suites: finds the Chromium they drive, starts it once to prove it
// works, and says in one line which browser it is. Runs once per `jest` run that includes test/e2e.
//
// One path for everyone: the Chromium build that @sparticuz/chromium ships inside its npm package
// (no download at install time, no apt step), unpacked on first use into the system temp folder.
// NST_CHROMIUM=/path/to/chromium uses another build instead (e.g. Debian's /usr/bin/chromium).
//
// A browser that cannot start does not abort the run (the unit and integration suites still run):
// the reason goes to the workers in NST_BROWSER_ERROR, and every openBrowser() fails at once with it.
const { chromium } = require('playwright-core');

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

async function findChromium() {
  if (process.env.NST_CHROMIUM) return { path: process.env.NST_CHROMIUM, source: 'NST_CHROMIUM' };
  const packaged = require('@sparticuz/chromium');
  const mod = packaged.default ?? packaged;
  return { path: await mod.executablePath(), source: '@sparticuz/chromium' };
}

module.exports = async function globalSetup() {
  delete process.env.NST_BROWSER_ERROR;
  let found;
  try {
    found = await findChromium();
    const browser = await chromium.launch({
      executablePath: found.path,
      headless: true,
      args: FLAGS,
      timeout: 30_000,
    });
    const version = browser.version();
    await browser.close();
    process.env.NST_CHROMIUM_PATH = found.path;
    process.stdout.write(`\nbrowser: Chromium ${version} from ${found.source} (${found.path})\n`);
  } catch (err) {
    const where = found ? `${found.path} (from ${found.source})` : '@sparticuz/chromium';
    const reason = String((err && err.message) || err).split('\n')[0];
    process.env.NST_BROWSER_ERROR =
      `Chromium could not start: ${where}: ${reason}. ` +
      'Fix: run `npm install` (it installs @sparticuz/chromium), or point NST_CHROMIUM at a working Chromium.';
    process.stdout.write(`\nbrowser: NONE: ${process.env.NST_BROWSER_ERROR}\n`);
  }
};
module.exports.FLAGS = FLAGS;
