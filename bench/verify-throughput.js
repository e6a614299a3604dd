'use strict';
// Verify throughput: `mail-dns verify` of N domains against one local named, against dnsperf sending
// the planned questions to the same server in the same run. The queries verify really sends are
// counted on a second named with the query log on (logging would slow the timed server).
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

async function startNamed(dir, zones, name, querylog, probe) {
  const port = await freePort();
  const conf = path.join(dir, `${name}.conf`);
  fs.writeFileSync(
    conf,
    `options { directory "${dir}"; listen-on port ${port} { 127.0.0.1; }; listen-on-v6 { none; }; recursion no; pid-file none; querylog ${querylog ? 'yes' : 'no'}; };\n` +
      `logging { channel q { file "${name}-queries.log"; }; category queries { q; }; };\n${zones.join('\n')}\n`,
  );
  const user = process.getuid && process.getuid() === 0 ? 'root' : os.userInfo().username;
  const proc = spawn('named', ['-f', '-c', conf, '-u', user], { stdio: 'ignore' });
  const log = path.join(dir, `${name}-queries.log`);
  const count = () => (fs.existsSync(log) ? (fs.readFileSync(log, 'utf8').match(/ query: /g) || []).length : 0);
  let base = 0;
  for (let i = 0; i < 300; i++) {
    const r = spawnSync('dig', ['+short', '+time=1', '+tries=1', '-p', String(port), '@127.0.0.1', probe, 'SOA'], { encoding: 'utf8' });
    if (r.stdout.trim()) break;
    await new Promise((r2) => setTimeout(r2, 200));
  }
  return { port, proc, queries: () => count() - base, reset: () => (base = count()) };
}

function verify(dir, port) {
  const t0 = process.hrtime.bigint();
  const v = spawnSync(
    process.execPath,
    [path.join(root, 'bin/mail-dns.js'), 'verify', path.join(dir, 'fleet.json'), '--server', `127.0.0.1:${port}`, '--resolver', `127.0.0.1:${port}`, '--json', '--concurrency', process.env.BENCH_VERIFY_CONCURRENCY || '64'],
    { encoding: 'utf8', maxBuffer: 1 << 28 },
  );
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  let status;
  try {
    status = [...new Set(JSON.parse(v.stdout).domains.map((d) => d.status))].join(',');
  } catch {
    status = `exit ${v.status}: ${v.stderr.split('\n')[0]}`;
  }
  return { secs, status };
}

async function main() {
  for (const tool of ['named', 'dnsperf', 'dig']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) {
      process.stdout.write(`verify bench skipped: ${tool} is not installed (apt-get install bind9 bind9-dnsutils dnsperf)\n`);
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
  const probe = specs[specs.length - 1].domain;
  const timed = await startNamed(dir, zones, 'timed', false, probe);
  const logged = await startNamed(dir, zones, 'logged', true, probe);
  try {
    logged.reset();
    verify(dir, logged.port);
    await new Promise((r) => setTimeout(r, 500));
    const sent = logged.queries();
    const perf = execFileSync('dnsperf', ['-s', '127.0.0.1', '-p', String(timed.port), '-d', path.join(dir, 'queries.txt'), '-n', '3', '-c', '4'], { encoding: 'utf8' });
    const dnsperfQps = Number(/Queries per second:\s+([\d.]+)/.exec(perf)[1]);
    const { secs, status } = verify(dir, timed.port);
    const qps = sent / secs;
    process.stdout.write(
      `verify of ${n} domains: ${sent} queries (${questions.length} planned rrsets + live rules) in ${secs.toFixed(2)} s wall incl. start-up = ${qps.toFixed(0)} queries/s (statuses ${status}); dnsperf on the planned questions: ${dnsperfQps.toFixed(0)} queries/s; ratio ${(qps / dnsperfQps).toFixed(2)} (target >= 0.50)\n`,
    );
  } finally {
    timed.proc.kill('SIGTERM');
    logged.proc.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`${e.stack || e}\n`);
  process.exitCode = 1;
});
