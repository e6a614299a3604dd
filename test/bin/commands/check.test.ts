/**
 * `mail-dns check`, spawned as users run it (the built CLI: `npm test` builds first).
 */
import { spawnSync } from 'node:child_process';
import { formatReport } from '../../../bin/commands/check';
import { ROOT, runCli, scratchFolder } from '../../helpers/cli';

function cli(...args: string[]) {
  return runCli(args, { cwd: ROOT, timeout: 60000 });
}

const scratch = scratchFolder('mail-dns-check-');
const spec = scratch.spec;

/** The guide's zone with the DMARC policy main.ts adds (the guide predates DMARC; DMARC_MISSING would warn). */
const ARTICLE_YAML = `domain: example.com
ttl: 172800
dns: { provider: cloudflare, zoneId: 023e105f4ecef8ad9ca31a8372d0c353 }
nameServers: [ns1.example.net., ns2.example.net.]
soa: { mname: ns1.example.net., rname: hostmaster, serial: 2012040900, refresh: 43200, retry: 900, expire: 2419200, minimum: 10800 }
spf: "v=spf1 mx -all"
mailHosts:
  - { name: smtp, ipv4: [192.0.2.25], ipv6: ["2001:db8::25"], mx: 10, aliases: [imap, mail] }
webHosts:
  - { name: "@", ipv4: [192.0.2.80] }
  - { name: www, ipv4: [192.0.2.80] }
dmarc: { p: reject, rua: [mailto:dmarc@example.com] }
`;

/** Two domains: example.com points its MX at an alias (STYLE.md's example), example.org has one NS, suppressed. */
const ERRORS_YAML = `domains:
  - domain: example.com
    mailHosts: [{ name: smtp, ipv4: [8.8.8.25], aliases: [mail] }]
    mx: [{ priority: 10, host: mail }]
    dmarc: { p: reject }
  - domain: example.org
    dns: { provider: zonefile }
    spf: false
    nameServers: [ns1.example.net.]
    suppress: [{ rule: NS_COUNT, reason: the registrar allows one name server }]
`;

describe('mail-dns check', () => {
  test('GIVEN the guide\'s zone WHEN checked THEN exit 0 and a summary with the two documentation-address warnings', () => {
    const r = cli('check', spec('article.yaml', ARTICLE_YAML));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('example.com: 0 errors, 2 warnings');
    expect(lines.slice(1).map((l) => l.trim().split(/\s+/).slice(0, 2).join(' '))).toEqual(['warning MAIL_HOST_PRIVATE_IP:', 'warning MAIL_HOST_PRIVATE_IP:']);
  });

  test('GIVEN a rule error WHEN checked with --json THEN exit 1 and exactly the documented JSON', () => {
    const r = cli('check', spec('errors.yaml', ERRORS_YAML), '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const expected = {
      domains: [
        {
          domain: 'example.com',
          findings: [
            {
              rule: 'MX_TARGET_CNAME',
              severity: 'error',
              name: 'example.com.',
              message:
                'MX_TARGET_CNAME: MX 10 mail.example.com points to a CNAME (-> smtp.example.com) — RFC 2181 §10.3 forbids an MX exchange that is an alias; many senders will bounce — point the MX at smtp.example.com',
            },
          ],
        },
        {
          domain: 'example.org',
          findings: [
            {
              rule: 'NS_COUNT',
              severity: 'error',
              name: 'example.org.',
              message:
                'NS_COUNT: example.org has 1 name server (ns1.example.net) — a zone needs at least two, on separate networks, or one outage takes the domain and its mail offline (RFC 1034 §4.1, RFC 2182 §5) — list at least two in nameServers',
              suppressed: true,
              reason: 'the registrar allows one name server',
            },
          ],
        },
      ],
    };
    expect(r.stdout).toBe(`${JSON.stringify(expected)}\n`);
  });

  test('GIVEN a malformed spec THEN exit 2 and one line naming the file and the field path, no stack trace', () => {
    const file = spec('bad.yaml', 'domain: example.com\nmailHosts:\n  - { name: smtp, ipv4: [192.0.2.25, 192.0.2.300], mx: 10 }\n');
    const r = cli('check', file, '--json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`mail-dns check: ${file}: mailHosts[0].ipv4[1]: "192.0.2.300" is not an IPv4 address — write four decimal octets such as 192.0.2.25\n`);
    expect(r.stderr).not.toMatch(/^ {4}at /m);
  });

  test('check loads neither cdktf nor provider bindings', () => {
    // GIVEN a node process that runs the built check command in-process on a spec
    const script = `
      const path = require('node:path');
      const check = require(path.join(process.cwd(), 'dist/bin/commands/check.js'));
      const write = process.stdout.write.bind(process.stdout);
      process.stdout.write = () => true;
      const heavy = () => Object.keys(require.cache).filter((p) => /node_modules[\\\\/](cdktf|@cdktf[\\\\/]provider)/.test(p));
      check.run([process.argv[1]]).then((code) => {
        const afterCheck = heavy();
        const loadedYaml = Object.keys(require.cache).some((p) => p.includes('js-yaml'));
        // control: the synth path does load cdktf, so the probe above can see it
        require(path.join(process.cwd(), 'dist/bin/synth-app.js'));
        write(JSON.stringify({ code, afterCheck, loadedYaml, afterSynth: heavy().length }));
      });`;
    const r = spawnSync(process.execPath, ['-e', script, spec('nocdktf.yaml', ARTICLE_YAML)], { cwd: ROOT, encoding: 'utf8', timeout: 60000 });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    // THEN the check ran, read YAML, and no path of cdktf or a provider was required
    expect(out.code).toBe(0);
    expect(out.loadedYaml).toBe(true);
    expect(out.afterCheck).toEqual([]);
    expect(out.afterSynth).toBeGreaterThan(0);
  });
});

describe('formatReport', () => {
  test('a line per finding, suppressed ones marked with their reason', () => {
    const text = formatReport({
      domain: 'example.org',
      overrides: {},
      findings: [
        { rule: 'NS_COUNT', severity: 'error', name: 'example.org.', message: 'NS_COUNT: one', suppressed: true, reason: 'registrar limit' },
        { rule: 'TTL_RANGE', severity: 'warning', name: 'www.example.org.', message: 'TTL_RANGE: two' },
        { rule: 'CNAME_LOOP', severity: 'error', name: 'a.example.org.', message: 'CNAME_LOOP: three' },
      ],
    });
    expect(text).toBe(
      [
        'example.org: 1 error, 1 warning, 1 suppressed',
        '  suppressed NS_COUNT: one [reason: registrar limit]',
        '  warning    TTL_RANGE: two',
        '  error      CNAME_LOOP: three',
      ].join('\n'),
    );
  });

  test('plurals and no suppressed count when none', () => {
    expect(formatReport({ domain: 'example.com', overrides: {}, findings: [] })).toBe('example.com: 0 errors, 0 warnings');
  });
});
