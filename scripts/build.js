#!/usr/bin/env node
// Builds the three files Apps Script needs (dist/Code.js, dist/Sidebar.html, dist/appsscript.json)
// and the Node CLI (build/cli.js). See docs/decisions.md for why esbuild + gas-entry-generator.
const fs = require('fs');
const path = require('path');
const esbuild = require('esbuild');
const { generate } = require('gas-entry-generator');

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');
const entryDir = path.join(root, 'src', 'addon', 'entry');

/** Every `global.NAME = ...` in the type-free entry files becomes a top-level stub with its JSDoc. */
function entryFiles() {
  return fs
    .readdirSync(entryDir)
    .filter((f) => f.endsWith('.js'))
    .sort();
}

function buildCode() {
  const files = entryFiles();
  const stubs = files
    .map(
      (f) => generate(fs.readFileSync(path.join(entryDir, f), 'utf8'), { comment: true }).entryPointFunctions,
    )
    .join('\n');
  const bundle = esbuild.buildSync({
    stdin: {
      contents: files.map((f) => `import './${f}';`).join('\n'),
      resolveDir: entryDir,
      sourcefile: 'entry.js',
      loader: 'js',
    },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    // Stubs are found by `global.NAME`; at run time `global` is Apps Script's global object.
    define: { global: 'globalThis' },
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    logLevel: 'error',
  });
  const header =
    '// Next Step Tracker: built by scripts/build.js. Edit src/, not this file.\n' +
    '// The stubs below let Apps Script see each entry point (and its JSDoc for custom functions);\n' +
    '// the bundle after them replaces each stub with the real function. Nothing else runs at load.\n';
  writeAtomic(
    path.join(dist, 'Code.js'),
    `${header}\n${stubs}\n${withLocalBuiltins(bundle.outputFiles[0].text)}`,
  );
}

// JavaScript's own globals, as the bundle may use them.
const BUILTINS = [
  'Array',
  'Boolean',
  'Date',
  'Error',
  'Int32Array',
  'Intl',
  'JSON',
  'Map',
  'Math',
  'Number',
  'Object',
  'RangeError',
  'RegExp',
  'Set',
  'String',
  'Symbol',
  'TypeError',
  'WeakMap',
  'WeakSet',
  'isFinite',
  'isNaN',
  'parseFloat',
  'parseInt',
];

/**
 * The bundle with the built-ins it names passed in as parameters, read once at load. A global name is
 * looked up on the global object at every use; in a Node vm context (the emulator, the benches) that
 * object has interceptors and `Number.isInteger` costs ~70x a local's (measured: 20 M calls, 63 ms at
 * top level, 4.6 s in a vm, 37 ms with the names as parameters; docs/emulator.md). Apps Script's
 * global object is not documented either way, so the bundle does not depend on it. The same objects
 * are passed, so behaviour is unchanged (the emulator's clock-patched Date included: it is installed
 * before the bundle loads).
 */
function withLocalBuiltins(iife) {
  const used = BUILTINS.filter((name) => new RegExp(`\\b${name}\\b`).test(iife));
  // A runtime without one of them must still load the bundle: the code that needs it fails as before.
  const args = used.map((name) => `typeof ${name} === 'undefined' ? undefined : ${name}`);
  return `(function (${used.join(', ')}) {\n${iife}})(${args.join(', ')});\n`;
}

function buildSidebar() {
  const uiDir = path.join(root, 'src', 'ui');
  const js = esbuild.buildSync({
    entryPoints: [path.join(uiDir, 'main.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    logLevel: 'error',
  }).outputFiles[0].text;
  const css = fs.readFileSync(path.join(uiDir, 'sidebar.css'), 'utf8');
  const template = fs.readFileSync(path.join(uiDir, 'sidebar.html'), 'utf8');
  // An inline script ends at the first `</script`, wherever it appears.
  const safeJs = js.replace(/<\/script/gi, '<\\/script');
  const html = template.replace('/* INLINE_CSS */', () => css).replace('/* INLINE_JS */', () => safeJs);
  writeAtomic(path.join(dist, 'Sidebar.html'), html);
}

function buildCli() {
  esbuild.buildSync({
    entryPoints: [path.join(root, 'src', 'cli', 'index.ts')],
    outfile: path.join(root, 'build', 'cli.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
}

/** Write-then-rename, so a test reading dist/ never sees a half-written file. */
function writeAtomic(file, text) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

const started = Date.now();
// The engine's verb lexicon is compiled from WordNet before the bundle that imports it (scripts/lexicon.js).
require('./lexicon').buildLexicon();
fs.mkdirSync(dist, { recursive: true });
buildCode();
buildSidebar();
writeAtomic(path.join(dist, 'appsscript.json'), fs.readFileSync(path.join(root, 'appsscript.json'), 'utf8'));
const built = ['dist/Code.js', 'dist/Sidebar.html', 'dist/appsscript.json'];
if (fs.existsSync(path.join(root, 'src', 'cli', 'index.ts'))) {
  buildCli();
  built.push('build/cli.js');
}
console.log(`built ${built.join(', ')} in ${Date.now() - started} ms`);
