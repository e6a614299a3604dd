'use strict';
// Verify throughput: `mail-dns verify` of N domains against one local named, against dnsperf sending
// the same questions to the same server in the same run. The questions verify really sends are
// read from a second named with the query log on (logging would slow the timed server), and that
// list is what dnsperf replays. Verify's rate is its questions over the seconds from its first
// question to its last answer (its JSON `questions`), as dnsperf's is over its own run; the wall
// time of the whole command (start-up, planning, synth-time rules) is printed beside it.
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
/** Questions in flight, for both: dnsperf's default (-q 100). */
const IN_FLIGHT = Number(process.env.BENCH_VERIFY_CONCURRENCY || 100);

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
  const read = () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').match(/ query: \S+ IN \S+/g) || [] : []);
  let base = 0;
  for (let i = 0; i < 300; i++) {
    const r = spawnSync('dig', ['+short', '+time=1', '+tries=1', '-p', String(port), '@127.0.0.1', probe, 'SOA'], { encoding: 'utf8' });
    if (r.stdout.trim()) break;
    await new Promise((r2) => setTimeout(r2, 200));
  }
  return { port, proc, queries: () => read().slice(base).map((q) => q.slice(' query: '.length).replace(' IN ', ' ')), reset: () => (base = read().length) };
}

function verify(dir, port) {
  const t0 = process.hrtime.bigint();
  const v = spawnSync(
    process.execPath,
    [path.join(root, 'bin/mail-dns.js'), 'verify', path.join(dir, 'fleet.json'), '--server', `127.0.0.1:${port}`, '--resolver', `127.0.0.1:${port}`, '--json', '--concurrency', String(IN_FLIGHT)],
    { encoding: 'utf8', maxBuffer: 1 << 28 },
  );
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  try {
    const out = JSON.parse(v.stdout);
    return { secs, status: [...new Set(out.domains.map((d) => d.status))].join(','), questions: out.questions };
  } catch {
    throw new Error(`verify failed: exit ${v.status}: ${v.stderr.split('\n')[0]}`);
  }
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
  const zones = [];
  for (const s of specs) {
    fs.writeFileSync(path.join(dir, `${s.domain}.zone`), writeZoneFile(planZone(s), { serial: 1 }));
    zones.push(`zone "${s.domain}" { type primary; file "${path.join(dir, `${s.domain}.zone`)}"; };`);
  }
  const probe = specs[specs.length - 1].domain;
  const timed = await startNamed(dir, zones, 'timed', false, probe);
  const logged = await startNamed(dir, zones, 'logged', true, probe);
  try {
    logged.reset();
    verify(dir, logged.port);
    await new Promise((r) => setTimeout(r, 500));
    const sent = logged.queries();
    fs.writeFileSync(path.join(dir, 'queries.txt'), `${sent.join('\n')}\n`);
    const perf = execFileSync('dnsperf', ['-s', '127.0.0.1', '-p', String(timed.port), '-d', path.join(dir, 'queries.txt'), '-n', '3', '-c', '4', '-q', String(IN_FLIGHT)], { encoding: 'utf8' });
    const dnsperfQps = Number(/Queries per second:\s+([\d.]+)/.exec(perf)[1]);
    const replay = JSON.parse(execFileSync(process.execPath, [path.join(__dirname, 'udp-replay.js'), path.join(dir, 'queries.txt'), String(timed.port), String(IN_FLIGHT)], { encoding: 'utf8' }));
    const ceiling = Math.max(...replay.passes);
    const runs = [0, 1, 2].map(() => verify(dir, timed.port));
    const median = (xs) => [...xs].sort((a, b) => a - b)[1];
    const qps = median(runs.map((r) => r.questions.sent / r.questions.seconds));
    const secs = median(runs.map((r) => r.secs));
    const { status, questions } = runs[0];
    process.stdout.write(
      `verify of ${n} domains: ${questions.sent} questions (${sent.length} seen by the logging server), ${IN_FLIGHT} in flight; ${qps.toFixed(0)} questions/s from first question to last answer, ${secs.toFixed(2)} s wall incl. start-up, planning and synth-time rules (${(questions.sent / secs).toFixed(0)}/s) (statuses ${status}; median of 3)\n` +
        `dnsperf replaying the same ${sent.length} questions, ${IN_FLIGHT} in flight: ${dnsperfQps.toFixed(0)} queries/s; ratio ${(qps / dnsperfQps).toFixed(2)} (target >= 0.50)\n` +
        `verify's DNS client alone replaying them (no judging; best of 3 passes): ${ceiling.toFixed(0)} queries/s, ${(ceiling / dnsperfQps).toFixed(2)} of dnsperf\n`,
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
