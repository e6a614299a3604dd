import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseSpecText } from '../../lib/spec/load';
import { namedCompilezone, normalizeZoneText } from '../helpers/bind';
import { describeWithBind } from '../verify/helpers';
import { runCliAsync } from '../helpers/cli';

const FIXTURES = resolve(__dirname, '../fixtures/import');

/** Runs the built CLI (`npm run build` first). */
function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return runCliAsync(args);
}

describe('mail-dns import', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mail-dns-import-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('prints the spec as YAML and the findings of today’s zone on stderr; exit 0 despite rule errors', async () => {
    const r = await cli(['import', join(FIXTURES, 'example.org.zone'), '--origin', 'example.org']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# imported from .*example\.org\.zone by mail-dns import\ndomain: example\.org\nttl: 86400\n/);
    expect(parseSpecText(r.stdout, 'x.yaml')).toMatchObject({ domain: 'example.org', mailHosts: [{ name: 'mx1' }, { name: 'mx2' }, { name: '@' }] });
    // the parser's warning, the import summary, then check's report
    expect(r.stderr).toContain('mail-dns import: ');
    expect(r.stderr).toContain('using RFC1035 TTL semantics');
    expect(r.stderr).toMatch(/example\.org: \d+ errors?, \d+ warnings?/);
    expect(r.stderr).toContain('SPF_MISSING: mail host mx2.example.org publishes no SPF record');
  });

  test('--json gives the spec, the findings in check’s shape and the warnings', async () => {
    const r = await cli(['import', join(FIXTURES, 'example.com.zone'), '--origin', 'example.com', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['spec', 'findings', 'warnings']);
    expect(out.spec.mailHosts[0]).toMatchObject({ name: 'smtp', aliases: ['imap', 'mail'] });
    expect(out.findings.map((f: { rule: string }) => f.rule)).toContain('MAIL_HOST_PRIVATE_IP');
    for (const f of out.findings) expect(Object.keys(f).sort()).toEqual(['message', 'name', 'rule', 'severity']);
  });

  test('--out writes the spec atomically; stdout stays empty', async () => {
    const out = join(dir, 'spec.yaml');
    writeFileSync(out, 'previous\n');
    const r = await cli(['import', join(FIXTURES, 'shop.example.net.zone'), '--origin', 'shop.example.net', '--out', out]);
    expect(r.stderr).not.toContain('internal error');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toContain('domain: shop.example.net');
    expect(readdirSync(dir)).toEqual(['spec.yaml']);
  });

  test.each([
    ['no --origin', ['z.zone'], /--origin <domain> is required/],
    ['no file', ['--origin', 'example.com'], /give exactly one zone file \(received 0\)/],
  ])('%s: exit 2 with the usage', async (_, args, message) => {
    const r = await cli(['import', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain('usage: mail-dns import <zonefile> --origin <domain>');
  });

  test.each([
    ['a file that does not exist', 'missing.zone', null, /missing\.zone: cannot read the zone file/],
    ['a syntax error, named by file and line', 'bad.zone', '$TTL 1h\n@ IN SOA ns1 hostmaster 1 2 3 4 5\nwww IN A 192.0.2.300\n', /bad\.zone:3: /],
    ['an $INCLUDE that cannot be read', 'inc.zone', '$TTL 1h\n@ IN SOA ns1 hostmaster 1 2 3 4 5\n$INCLUDE keys.inc\n', /inc\.zone:3: \$INCLUDE "keys\.inc" cannot be read/],
  ])('%s: exit 2, one message, nothing written', async (_, name, text, message) => {
    const zone = join(dir, name);
    if (text !== null) writeFileSync(zone, text);
    const out = join(dir, 'spec.yaml');
    const r = await cli(['import', zone, '--origin', 'example.com', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  test('a zone the spec format cannot express as it stands: written anyway, exit 1, the field to edit named', async () => {
    const zone = join(dir, 'u.zone');
    writeFileSync(zone, '$TTL 1h\n@ IN SOA ns1.example.net. hostmaster 1 3600 900 604800 300\nfoo_bar IN A 192.0.2.1\n');
    const out = join(dir, 'spec.yaml');
    const r = await cli(['import', zone, '--origin', 'example.com', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('mail-dns import: the imported spec does not plan as it stands: records[0].name: label "foo_bar"');
    // the rules still judged the zone as read, so the user sees why
    expect(r.stderr).toContain('INVALID_HOSTNAME: foo_bar.example.com');
    expect(readFileSync(out, 'utf8')).toContain('name: foo_bar');
  });

  test('$INCLUDE is read relative to the including file, wherever the command runs', async () => {
    const copy = join(dir, 'zones');
    mkdirSync(copy);
    for (const f of ['example.com.zone', 'example.com.dkim.inc']) copyFileSync(join(FIXTURES, f), join(copy, f));
    const r = await cli(['import', join(copy, 'example.com.zone'), '--origin', 'example.com', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).spec.records.map((x: { name: string }) => x.name)).toContain('s2024._domainkey');
  });
});

describeWithBind('mail-dns import then zonefile: the same zone, as BIND reads it', () => {
  test.each([['example.com'], ['shop.example.net']])('%s', async (origin) => {
    const dir = mkdtempSync(join(tmpdir(), 'mail-dns-import-rt-'));
    try {
      const spec = join(dir, `${origin}.yaml`);
      const zone = join(dir, `${origin}.zone`);
      expect((await cli(['import', join(FIXTURES, `${origin}.zone`), '--origin', origin, '--out', spec])).code).toBe(0);
      const written = await cli(['zonefile', spec, '--out', zone]);
      expect(written.stderr).not.toContain('error ');
      expect(written.code).toBe(0);
      const canonical = (file: string): string[] => normalizeZoneText(namedCompilezone(origin, file), { joinTxtStrings: true });
      expect(canonical(zone)).toEqual(canonical(join(FIXTURES, `${origin}.zone`)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
