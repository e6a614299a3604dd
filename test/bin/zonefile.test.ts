import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeZoneFile } from '../../lib/model/zonefile';
import { planDomain } from '../../lib/plan';
import { DomainSpec } from '../../lib/spec/types';
import { namedCheckzone } from '../helpers/bind';
import { describeWithBind } from '../verify/helpers';
import { runCliAsync } from '../helpers/cli';


/** Runs the built CLI (`npm run build` first). */
function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return runCliAsync(args);
}

const SPEC: DomainSpec = {
  domain: 'example.com',
  nameServers: ['ns1.example.net.', 'ns2.example.net.'],
  soa: { serial: 2024061501 },
  mailHosts: [{ name: 'smtp', ipv4: ['192.0.2.25'], mx: 10, aliases: ['mail'] }],
  webHosts: [{ name: 'www', ipv4: ['192.0.2.80'] }],
};

describe('mail-dns zonefile', () => {
  let dir: string;
  let specFile: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mail-dns-zonefile-'));
    specFile = join(dir, 'example.com.json');
    writeFileSync(specFile, JSON.stringify(SPEC));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('prints the zone-file adapter’s master file of the spec', async () => {
    const r = await cli(['zonefile', specFile]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(writeZoneFile(planDomain(SPEC)));
  });

  test('--out replaces the file atomically and leaves no temporary file', async () => {
    const out = join(dir, 'zones', 'example.com.zone');
    const r = await cli(['zonefile', specFile, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toBe(writeZoneFile(planDomain(SPEC)));
    expect(readdirSync(join(dir, 'zones'))).toEqual(['example.com.zone']);
  });

  test('a spec with rule errors: exit 1, findings on stderr, the previous file untouched', async () => {
    const out = join(dir, 'example.com.zone');
    writeFileSync(out, 'previous\n');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...SPEC, nameServers: ['ns1.example.net.'] }));
    const r = await cli(['zonefile', bad, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('NS_COUNT');
    expect(r.stderr).toContain('example.com has rule errors; no zone file written');
    expect(readFileSync(out, 'utf8')).toBe('previous\n');
    expect(readdirSync(dir).sort()).toEqual(['bad.json', 'example.com.json', 'example.com.zone']);
  });

  test('a file of several domains needs --domain', async () => {
    const multi = join(dir, 'multi.json');
    writeFileSync(multi, JSON.stringify({ domains: [SPEC, { ...SPEC, domain: 'example.org' }] }));
    const r = await cli(['zonefile', multi]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('holds 2 domains (example.com, example.org) — choose one with --domain');
    const ok = await cli(['zonefile', multi, '--domain', 'example.org']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('$ORIGIN example.org.');
  });

  test.each([[[]], [['a.json', 'b.json']]])('%j: exit 2 with the usage', async (args) => {
    const r = await cli(['zonefile', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('usage: mail-dns zonefile <spec>');
  });

  test('an unreadable spec: exit 2, nothing written', async () => {
    const out = join(dir, 'never.zone');
    const r = await cli(['zonefile', join(dir, 'missing.yaml'), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('missing.yaml: no such file');
    expect(existsSync(out)).toBe(false);
  });
});

describeWithBind('mail-dns zonefile output loads in BIND', () => {
  test('named-checkzone accepts it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mail-dns-zonefile-'));
    try {
      writeFileSync(join(dir, 's.json'), JSON.stringify(SPEC));
      const r = await cli(['zonefile', join(dir, 's.json'), '--out', join(dir, 'z')]);
      expect(r.code).toBe(0);
      const check = namedCheckzone('example.com', join(dir, 'z'));
      expect(check.output).toContain('loaded serial 2024061501');
      expect(check.ok).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
