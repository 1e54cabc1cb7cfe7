#!/usr/bin/env node
// The `kefu-qa` command. Sources are TypeScript; tsx compiles them on the fly so the CLI runs
// from a fresh `npm install` with no build step.
require('tsx/cjs');
require('./cli/main.ts')
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  })
  .catch((err) => {
    process.stderr.write(`kefu-qa: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 2;
  });
