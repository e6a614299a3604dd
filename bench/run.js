'use strict';
// npm run bench: every figure is measured in this run against a baseline measured in the same run.
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { fleet } = require('./fleet');

const root = path.join(__dirname, '..');
const only = process.argv.slice(2);
const want = (name) => only.length === 0 || only.includes(name);
const node = (args) => JSON.parse(execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 }).trim().split('\n').pop());
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const wall = (args) => {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, status: r.status };
};
const line = (s) => process.stdout.write(`${s}\n`);

if (want('synth')) {
  line('## 1. synth: library vs hand-written cdktf DnsRecord resources (same records, one stack, deep imports)');
  const sizes = (process.env.BENCH_SIZES || '100,1000,5000').split(',').map(Number);
  for (const n of sizes) {
    const runs = n >= 5000 ? 1 : 3;
    const lib = [];
    const hand = [];
    for (let i = 0; i < runs; i++) {
      hand.push(node(['bench/synth-handwritten.js', String(n)]));
      lib.push(node(['bench/synth-library.js', String(n)]));
    }
    const lm = median(lib.map((r) => r.ms));
    const hm = median(hand.map((r) => r.ms));
    const lr = median(lib.map((r) => r.maxRssMb));
    const hr = median(hand.map((r) => r.maxRssMb));
    line(`N=${n}: library ${(lm / 1000).toFixed(2)} s / ${lr.toFixed(0)} MB, hand-written ${(hm / 1000).toFixed(2)} s / ${hr.toFixed(0)} MB, time ratio ${(lm / hm).toFixed(2)}, memory ratio ${(lr / hr).toFixed(2)} (median of ${runs})`);
  }
}

if (want('check')) {
  line('## 2. mail-dns check of 10,000 generated domains (no cdktf loaded)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-check-'));
  const file = path.join(dir, 'fleet.json');
  fs.writeFileSync(file, JSON.stringify({ domains: fleet(10000) }));
  const baseline = median([0, 1, 2].map(() => wall(['-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(file)},'utf8'))`]).ms));
  const runs = [0, 1, 2].map(() => wall(['bin/mail-dns.js', 'check', file, '--json']));
  const ms = median(runs.map((r) => r.ms));
  line(`check: ${(ms / 1000).toFixed(2)} s wall (exit ${runs[0].status}); node reading the same JSON: ${(baseline / 1000).toFixed(2)} s; ratio ${(ms / baseline).toFixed(1)}; target <= 2 s`);
  for (const n of [1000, 10000]) {
    const r = node(['bench/rules-scaling.js', String(n)]);
    line(`rules over ${n} domains (${r.records} records): ${r.rulesMs.toFixed(0)} ms, ${r.rulesMsPer1000.toFixed(2)} ms per 1,000 records (plan ${r.planMs.toFixed(0)} ms)`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

if (want('load')) {
  line('## 3. library load vs cdktf alone (median of 7 fresh processes)');
  const cdktf = median([...Array(7)].map(() => wall(['-e', "require('cdktf')"]).ms));
  const lib = median([...Array(7)].map(() => wall(['-e', "require('./dist/lib')"]).ms));
  const bare = median([...Array(7)].map(() => wall(['-e', '0']).ms));
  line(`node alone ${bare.toFixed(0)} ms; cdktf ${cdktf.toFixed(0)} ms; the package ${lib.toFixed(0)} ms; extra over cdktf ${(lib - cdktf).toFixed(0)} ms (target <= 50 ms)`);
}

if (want('verify')) {
  line('## 4. verify throughput vs dnsperf against one local named');
  const r = spawnSync(process.execPath, ['bench/verify-throughput.js', process.env.BENCH_VERIFY_DOMAINS || '1000'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  process.stdout.write(r.stdout + r.stderr);
}
