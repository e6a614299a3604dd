'use strict';
// Verify throughput: `mail-dns verify` of N domains against one local named, against dnsperf sending
// the same planned questions to the same server in the same run. Prints queries per second of both.
const { execFileSync, spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { planZone } = require('../dist/lib/plan');
const { writeZoneFile } = require('../dist/lib/model/zonefile/write');
const { fleet } = require('./fleet');

const root = path.join(__dirname, '..');
const n = Number(process.argv[2] || 1000);

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function main() {
  for (const tool of ['named', 'dnsperf']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) {
      process.stdout.write(`verify bench skipped: ${tool} is not installed (apt-get install bind9 dnsperf)\n`);
      return;
    }
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-verify-'));
  const specs = fleet(n).map((s) => ({ ...s, nameServers: ['ns1.example.net.', 'ns2.example.net.'], dns: { provider: 'zonefile' } }));
  fs.writeFileSync(path.join(dir, 'fleet.json'), JSON.stringify({ domains: specs }));
  const questions = [];
  const zones = [];
  for (const s of specs) {
    const z = planZone(s);
    fs.writeFileSync(path.join(dir, `${s.domain}.zone`), writeZoneFile(z, { serial: 1 }));
    zones.push(`zone "${s.domain}" { type primary; file "${path.join(dir, `${s.domain}.zone`)}"; };`);
    for (const rs of z.rrsets()) if (rs.type !== 'SOA') questions.push(`${rs.name} ${rs.type}`);
  }
  fs.writeFileSync(path.join(dir, 'queries.txt'), `${questions.join('\n')}\n`);
  const port = await freePort();
  fs.writeFileSync(
    path.join(dir, 'named.conf'),
    `options { directory "${dir}"; listen-on port ${port} { 127.0.0.1; }; listen-on-v6 { none; }; recursion no; pid-file none; };\n${zones.join('\n')}\n`,
  );
  const named = spawn('named', ['-g', '-c', path.join(dir, 'named.conf'), '-u', process.getuid && process.getuid() === 0 ? 'root' : os.userInfo().username], { stdio: 'ignore' });
  try {
    for (let i = 0; i < 300; i++) {
      const r = spawnSync('dig', ['+short', '+time=1', '+tries=1', '-p', String(port), '@127.0.0.1', `${specs[specs.length - 1].domain}`, 'SOA'], { encoding: 'utf8' });
      if (r.stdout.trim()) break;
      await new Promise((r2) => setTimeout(r2, 200));
    }
    const perf = execFileSync('dnsperf', ['-s', '127.0.0.1', '-p', String(port), '-d', path.join(dir, 'queries.txt'), '-n', '3', '-c', '4'], { encoding: 'utf8' });
    const dnsperfQps = Number(/Queries per second:\s+([\d.]+)/.exec(perf)[1]);
    const t0 = process.hrtime.bigint();
    const v = spawnSync(process.execPath, [path.join(root, 'bin/mail-dns.js'), 'verify', path.join(dir, 'fleet.json'), '--server', `127.0.0.1:${port}`, '--json', '--concurrency', '64'], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const secs = Number(process.hrtime.bigint() - t0) / 1e9;
    const verifyQps = questions.length / secs;
    if (process.env.BENCH_VERIFY_DUMP) fs.writeFileSync(process.env.BENCH_VERIFY_DUMP, v.stdout);
    let status = 'unknown';
    try {
      const out = JSON.parse(v.stdout);
      status = [...new Set(out.domains.map((d) => d.status))].join(',');
    } catch {
      status = `exit ${v.status}: ${v.stderr.split('\n')[0]}`;
    }
    process.stdout.write(
      `verify of ${n} domains (${questions.length} planned rrsets): ${secs.toFixed(2)} s, at least ${verifyQps.toFixed(0)} queries/s (statuses ${status}); dnsperf on the same questions: ${dnsperfQps.toFixed(0)} queries/s; ratio ${(verifyQps / dnsperfQps).toFixed(2)} (target >= 0.50)\n`,
    );
  } finally {
    named.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`${e.stack || e}\n`);
  process.exitCode = 1;
});
