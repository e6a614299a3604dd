'use strict';
// Plans N generated domains and runs every rule in-process; prints time per 1,000 records.
const n = Number(process.argv[2]);
const { planZone } = require('../dist/lib/plan');
const { runRules } = require('../dist/lib/rules/engine');
const { fleet } = require('./fleet');
const specs = fleet(n);
const t0 = process.hrtime.bigint();
const zones = specs.map((s) => planZone(s));
const t1 = process.hrtime.bigint();
runRules(zones);
const t2 = process.hrtime.bigint();
const records = zones.reduce((a, z) => a + z.records.length, 0);
process.stdout.write(JSON.stringify({ records, planMs: Number(t1 - t0) / 1e6, rulesMs: Number(t2 - t1) / 1e6, rulesMsPer1000: (Number(t2 - t1) / 1e6) / (records / 1000) }) + '\n');
