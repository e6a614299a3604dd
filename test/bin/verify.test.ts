import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { planDomain } from '../../lib/plan';
import { planProbes } from '../../lib/verify/diff';
import { NamedServer, startNamed } from '../helpers/bind';
import { closedPort, describeWithBind, exampleNet, REVERSE_ZONES, verifySpec, zoneText } from '../verify/helpers';
import { runCliAsync } from '../helpers/cli';

const BIN = resolve(__dirname, '../../bin/mail-dns.js');

/** Runs the built CLI (`npm run build` first). */
function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return runCliAsync(args);
}

describe('mail-dns verify: usage', () => {
  test.each([
    [[], /no spec given/],
    [['spec.yaml', '--timeout', 'soon'], /--timeout must be a whole number 10\.\.600000 \(received "soon"\)/],
    [['spec.yaml', '--concurrency', '0'], /--concurrency must be a whole number 1\.\.1024/],
    [['spec.yaml', '--colour'], /unknown option --colour/],
  ])('%j exits 2 with one line and the usage', async (args, message) => {
    const r = await cli(['verify', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain('usage: mail-dns verify <spec...>');
    expect(r.stdout).toBe('');
  });
});

describeWithBind('mail-dns verify against a real named', () => {
  let named: NamedServer;
  let dir: string;
  let specFile: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mail-dns-verify-cli-'));
    specFile = join(dir, 'example.com.json');
    writeFileSync(specFile, JSON.stringify(verifySpec()));
    named = await startNamed({ zones: [{ origin: 'example.com.', text: zoneText(verifySpec()) }, { origin: 'example.net.', text: exampleNet() }, ...REVERSE_ZONES] });
  });
  afterAll(async () => {
    await named?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const at = (): string[] => ['--server', `127.0.0.1:${named.port}`, '--resolver', `127.0.0.1:${named.port}`];

  test('--json: exit 0, status ok, findings in check’s shape', async () => {
    const r = await cli(['verify', specFile, ...at(), '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.domains).toHaveLength(1);
    expect(out.domains[0]).toMatchObject({ domain: 'example.com', status: 'ok', differences: [], servers: [{ server: `127.0.0.1:${named.port}`, status: 'ok', serial: 2024061501 }] });
    for (const f of out.domains[0].findings) expect(Object.keys(f).sort()).toEqual(['message', 'name', 'rule', 'severity']);
    // what asking cost: the apex TXT rrset is too large for UDP, so exactly one question went over TCP
    expect(out.questions).toEqual({ sent: expect.any(Number), retries: 0, overTcp: 1, seconds: expect.any(Number) });
    // at least one per planned rrset (the CNAME checks at planned names are read from those answers)
    const rrsets = planProbes(planDomain(verifySpec())).probes.filter((p) => p.mode !== 'absent').length;
    expect(out.questions.sent).toBeGreaterThanOrEqual(rrsets);
    expect(out.questions.seconds).toBeGreaterThan(0);
  });

  test('drift: exit 1 and the differences in the text report', async () => {
    const drifted = join(dir, 'drifted.json');
    const spec = verifySpec();
    writeFileSync(drifted, JSON.stringify({ ...spec, mailHosts: [{ ...spec.mailHosts![0], mx: 5 }] }));
    const r = await cli(['verify', drifted, ...at()]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('example.com: drift — 1 difference');
    expect(r.stdout.trimEnd().split('\n').pop()).toMatch(/^1 domain: 0 ok, 1 drift, 0 error — \d+ questions \(1 over TCP\) in \d+\.\d\d s$/);
    expect(r.stdout).toContain(`different  MX example.com.: not served 5 smtp.example.com.; served instead or besides 10 smtp.example.com.  [127.0.0.1:${named.port}]`);
  });

  test('an unreachable server: exit 1, NS_UNREACHABLE in the report, no stack trace', async () => {
    const port = await closedPort();
    const r = await cli(['verify', specFile, '--server', `127.0.0.1:${port}`, '--resolver', `127.0.0.1:${named.port}`, '--timeout', '300', '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const v = JSON.parse(r.stdout).domains[0];
    expect(v.status).toBe('error');
    expect(v.findings.map((f: { rule: string }) => f.rule)).toContain('NS_UNREACHABLE');
  });

  test('progress is drawn on stderr only for a terminal and many domains', async () => {
    // GIVEN ten domains the server does not serve (each is judged at once: NS_LAME)
    const fleet = join(dir, 'fleet.json');
    writeFileSync(fleet, JSON.stringify({ domains: Array.from({ length: 10 }, (_, i) => ({ domain: `d${i}.example.org`, spf: false })) }));
    const piped = await cli(['verify', fleet, ...at(), '--json']);
    expect(piped.stderr).toBe('');
    expect(JSON.parse(piped.stdout).domains).toHaveLength(10);
    // WHEN stderr is a terminal (util-linux script gives the command a pseudo-terminal)
    const tty = await new Promise<string>((res) => {
      const command = [process.execPath, BIN, 'verify', fleet, ...at()].map((a) => `'${a}'`).join(' ');
      execFile('script', ['-qec', command, '/dev/null'], { encoding: 'utf8' }, (_err, stdout) => res(stdout));
    });
    expect(tty).toContain('mail-dns verify: 10/10 domains');
  });

  test('a --server that is not an address: exit 2, one line', async () => {
    const r = await cli(['verify', specFile, '--server', '127.0.0.1:99999']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringContaining('mail-dns verify: servers[0]: "127.0.0.1:99999" has a port that is not 1..65535')]);
  });
});
