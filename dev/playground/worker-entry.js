// Worker-thread entry: the worker runs TypeScript through tsx (installed as a dev dependency), so the
// playground needs no build step of its own. See worker.ts.
require('tsx/cjs');
require('./worker.ts');
