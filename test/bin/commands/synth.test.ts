/**
 * `mail-dns synth`, spawned as users run it (the built CLI: `npm test` builds first).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stackName } from '../../../bin/commands/synth';
import { ROOT, runCli, scratchFolder } from '../../helpers/cli';

function cli(...args: string[]) {
  return runCli(args, { cwd: ROOT, timeout: 120000 });
}

const scratch = scratchFolder('mail-dns-synth-');
const spec = scratch.spec;

/** Every file under a folder, relative, sorted. */
function tree(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? e.path, e.name).slice(root.length + 1))
    .sort();
}

/** The guide's zone with the DMARC policy main.ts adds (the guide predates DMARC; DMARC_MISSING would warn). */
const ARTICLE_YAML = `domain: example.com
dns: { provider: cloudflare, zoneId: 023e105f4ecef8ad9ca31a8372d0c353 }
nameServers: [ns1.example.net., ns2.example.net.]
soa: { mname: ns1.example.net., rname: hostmaster, serial: 2012040900 }
mailHosts:
  - { name: smtp, ipv4: [192.0.2.25], ipv6: ["2001:db8::25"], mx: 10, aliases: [imap, mail] }
webHosts:
  - { name: "@", ipv4: [192.0.2.80] }
  - { name: www, ipv4: [192.0.2.80] }
dmarc: { p: reject, rua: [mailto:dmarc@example.com] }
`;

describe('stackName', () => {
  test.each([
    ['example.com.', 'example-com'],
    ['mail.example.co.uk', 'mail-example-co-uk'],
    ['xn--bcher-kva.example.', 'xn--bcher-kva-example'],
  ])('%s -> %s', (domain, name) => {
    expect(stackName(domain)).toBe(name);
  });
});

describe('mail-dns synth', () => {
  test('GIVEN the guide\'s zone WHEN synthesized THEN DIR/stacks/<stack>/cdk.tf.json and mail-dns-report.json', () => {
    const out = join(scratch.dir(), 'out-ok');
    const r = cli('synth', spec('article.yaml', ARTICLE_YAML), '--out', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${join(out, 'stacks', 'example-com', 'cdk.tf.json')}\n`);
    expect(tree(out)).toEqual(expect.arrayContaining(['manifest.json', 'stacks/example-com/cdk.tf.json', 'stacks/example-com/mail-dns-report.json']));

    // the stack holds one Cloudflare record per record of the zone but SOA and NS, which Cloudflare manages itself
    const stack = JSON.parse(readFileSync(join(out, 'stacks', 'example-com', 'cdk.tf.json'), 'utf8'));
    const records = Object.values(stack.resource.cloudflare_dns_record) as { type: string; name: string }[];
    expect(records.map((x) => x.type).sort()).toEqual(['A', 'A', 'A', 'AAAA', 'CNAME', 'CNAME', 'MX', 'TXT', 'TXT', 'TXT', 'TXT']);

    // the report holds the findings, as check --json does, plus the overrides in force
    const report = JSON.parse(readFileSync(join(out, 'stacks', 'example-com', 'mail-dns-report.json'), 'utf8'));
    expect(report.domains).toHaveLength(1);
    expect(report.domains[0].domain).toBe('example.com');
    expect(report.domains[0].overrides).toEqual({});
    expect(report.domains[0].findings.map((f: { rule: string; severity: string }) => `${f.severity} ${f.rule}`)).toEqual([
      'warning MAIL_HOST_PRIVATE_IP',
      'warning MAIL_HOST_PRIVATE_IP',
    ]);
    // no temporary folders are left beside the output
    expect(readdirSync(scratch.dir()).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  test('GIVEN an existing DIR WHEN a rule reports an error THEN exit 1, the finding on stderr, and DIR untouched', () => {
    const out = join(scratch.dir(), 'out-kept');
    mkdirSync(out);
    writeFileSync(join(out, 'marker'), 'from a previous run');
    const file = spec('rule-error.yaml', `${ARTICLE_YAML}mx: [{ priority: 20, host: mail }]\n`);
    const r = cli('synth', file, '--out', out);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('MX_TARGET_CNAME: MX 20 mail.example.com points to a CNAME (-> smtp.example.com)');
    expect(r.stderr).not.toMatch(/^ {4}at /m);
    expect(tree(out)).toEqual(['marker']);
    expect(readFileSync(join(out, 'marker'), 'utf8')).toBe('from a previous run');
    expect(readdirSync(scratch.dir()).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  test('GIVEN a malformed spec THEN exit 2, one line, and no DIR is created', () => {
    const out = join(scratch.dir(), 'out-never');
    const file = spec('typo.yaml', 'domain: example.com\nmailHost: [{ name: smtp, ipv4: [192.0.2.25] }]\n');
    const r = cli('synth', file, '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`mail-dns synth: ${file}: mailHost: unknown field "mailHost" — did you mean "mailHosts"?\n`);
    expect(existsSync(out)).toBe(false);
  });
});
