'use strict';
// Synthesizes N generated domains through the library (one stack, like the hand-written baseline).
const os = require('node:os');
const fs = require('node:fs');
const path = require('node:path');
const n = Number(process.argv[2]);
const t0 = process.hrtime.bigint();
const { App, TerraformStack } = require('cdktf');
const { MailDomain } = require('../dist/lib/constructs/mail-domain');
const { fleet } = require('./fleet');
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-lib-'));
const app = new App({ outdir, stackTraces: false });
const stack = new TerraformStack(app, 'fleet');
for (const spec of fleet(n)) new MailDomain(stack, spec.domain, spec);
app.synth();
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
fs.rmSync(outdir, { recursive: true, force: true });
process.stdout.write(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n');
