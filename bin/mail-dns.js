#!/usr/bin/env node
'use strict';
// The published CLI runs the compiled code; `npm run build` (part of the set-up command) produces it.
const path = require('node:path');
const fs = require('node:fs');
const cli = path.join(__dirname, '..', 'dist', 'bin', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write('mail-dns: the CLI is not built yet — run `npm run build` in ' + path.join(__dirname, '..') + '\n');
  process.exit(2);
}
require(cli).main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write('mail-dns: internal error: ' + (err && err.stack || err) + '\n'); process.exitCode = 3; },
);
