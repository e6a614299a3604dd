import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TerraformStack, Testing } from 'cdktf';
import { File } from '@cdktf/provider-local/lib/file';
import { LocalProvider } from '@cdktf/provider-local/lib/provider';
import { MailDomain } from '../../../lib/constructs/mail-domain';
import { escapeTemplate } from '../../../lib/constructs/emit';
import { parseTxtValue } from '../../../lib/model/txt';
import { parseRData, rdataKey, RecordType } from '../../../lib/model/records';
import { Zone } from '../../../lib/model/zone';
import { writeZoneFile } from '../../../lib/model/zonefile/write';
import { zoneFilePath, zonefileAdapter } from '../../../lib/providers/zonefile/render';
import { dig, namedCheckzone, NamedServer, requireBind, startNamed } from '../../helpers/bind';
import { articleZone, contractSpec, contractZone } from '../support';
import { synthDomain } from '../synth';

const PATH = '/srv/bind/example.com.zone';

describe('BIND zone file through cdktf', () => {
  test('the complete zone file is written beside the stack as zones/<domain>.zone', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new MailDomain(stack, 'example.com', contractSpec({ provider: 'zonefile' }));
    const outdir = Testing.fullSynth(stack);
    const file = join(outdir, 'stacks', 'test', 'zones', 'example.com.zone');
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(writeZoneFile(contractZone({ provider: 'zonefile' })));
    expect(zoneFilePath('example.com.')).toBe('zones/example.com.zone');
  });

  test('without dns.path nothing is deployed: no resource and no provider block', () => {
    const out = JSON.parse(synthDomain(contractSpec({ provider: 'zonefile' })));
    expect(out.resource).toBeUndefined();
    expect(out.provider).toBeUndefined();
  });

  test('with dns.path a local_file deploys the same text there', () => {
    const out = synthDomain(contractSpec({ provider: 'zonefile', path: PATH }));
    expect(out).toHaveProvider(LocalProvider);
    const text = writeZoneFile(contractZone({ provider: 'zonefile', path: PATH }));
    // Terraform reads `%{`/`${` in JSON strings as templates: the SPF macro arrives escaped and
    // Terraform writes the file with the text as planned.
    expect(text).toContain('%{i}');
    expect(out).toHaveResourceWithProperties(File, { filename: PATH, content: escapeTemplate(text), file_permission: '0644' });
  });
});

describe('BIND zone file quirks', () => {
  // Quirk: local_file replaces the file when its content changes; create-before-destroy would
  // write the new file and then delete the same filename.
  test('the local_file is never created before destroy', () => {
    const rendering = zonefileAdapter.render(contractZone({ provider: 'zonefile' }), { provider: 'zonefile', path: PATH }, 'example_com');
    expect(rendering.resources).toHaveLength(1);
    expect(rendering.resources[0].createBeforeDestroy).toBeUndefined();
  });

  test('a zone without apex NS cannot be written, and says why', () => {
    const z = new Zone('example.com.');
    z.add({ name: 'www.example.com.', type: 'A', ttl: 60, data: { type: 'A', address: '192.0.2.1' }, meta: {} });
    expect(() => zonefileAdapter.render(z, { provider: 'zonefile' }, 'p')).toThrow(/ZONEFILE_WRITE|no NS record at the apex/);
  });
});

/** Records of dig's presentation output (`name ttl IN type rdata`) of one name and type: RDATA keys and TTLs. */
function parseDig(lines: string[], name: string, type: RecordType, origin: string): { keys: string[]; ttls: number[] } {
  const rows = lines
    .map((l) => /^(\S+)\s+(\d+)\s+IN\s+(\S+)\s+(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null && m[1].toLowerCase() === name && m[3] === type);
  const data = (text: string) => (type === 'TXT' ? { type, text: parseTxtValue(text) } : parseRData(type, text, origin).data);
  return { keys: rows.map((m) => rdataKey(data(m[4]))).sort(), ttls: rows.map((m) => Number(m[2])) };
}

describe('real BIND: named-checkzone and named', () => {
  const zones: [string, Zone][] = [
    ['contract', contractZone({ provider: 'zonefile' })],
    ['article', articleZone({ provider: 'zonefile' })],
  ];
  let dir: string;
  beforeAll(() => {
    requireBind();
    dir = mkdtempSync(join(tmpdir(), 'mail-dns-zonefile-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test.each(zones)('named-checkzone accepts the %s zone', (name, zone) => {
    const file = join(dir, `${name}.zone`);
    writeFileSync(file, zonefileAdapter.render(zone, { provider: 'zonefile' }, 'example_com').artifacts[0].content);
    const result = namedCheckzone('example.com', file);
    expect(result.output).toMatch(/OK$/);
    expect(result.ok).toBe(true);
  });

  describe('named serves the contract zone as planned', () => {
    const zone = zones[0][1];
    let named: NamedServer;
    beforeAll(async () => {
      requireBind();
      named = await startNamed({ zones: [{ origin: zone.origin, text: zonefileAdapter.render(zone, { provider: 'zonefile' }, 'p').artifacts[0].content }] });
    });
    afterAll(async () => named?.stop());

    test.each(zone.rrsets().map((rs) => [rs.name, rs.type, rs] as const))('dig %s %s', async (name, type, rs) => {
      // The 754-byte DKIM record is asked over TCP; a delegation comes back as a referral.
      const tcp = rs.records.some((r) => r.data.type === 'TXT' && Buffer.byteLength(r.data.text) > 255);
      const delegation = type === 'NS' && name !== zone.origin;
      const lines = await dig(name, type, named.port, { tcp, args: delegation ? ['+authority'] : [] });
      const got = parseDig(lines, name, type, zone.origin);
      expect(got.keys).toEqual(rs.records.map((r) => rdataKey(r.data)).sort());
      expect(got.ttls.every((t) => t === rs.ttl)).toBe(true);
    });
  });
});

test('a deploy-time value cannot go into a zone file written at synth', () => {
  const z = contractZone({ provider: 'zonefile' });
  z.add({ name: 'dyn.example.com.', type: 'A', ttl: 60, data: { type: 'A', address: '${TfToken[TOKEN.1]}' }, meta: { source: 'webHosts[2].ipv4[0]', unresolved: true } });
  expect(() => zonefileAdapter.render(z, { provider: 'zonefile' }, 'p')).toThrow(/^webHosts\[2\]\.ipv4\[0\]: a zone file is written at synth, but this A value of dyn\.example\.com is only known at deploy time/);
});
