import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fc from 'fast-check';
import * as yaml from 'js-yaml';
import { RData, rdataKey, RecordType } from '../../lib/model/records';
import { Zone } from '../../lib/model/zone';
import { parseZoneFile, readZoneFile, writeZoneFile, zoneFromParsed } from '../../lib/model/zonefile';
import { planDomain } from '../../lib/plan';
import { specFromZone } from '../../lib/spec/from-zone';
import { parseSpecText, toSpecFile } from '../../lib/spec/load';
import { DomainSpec } from '../../lib/spec/types';
import { namedCompilezone, normalizeZoneText } from '../helpers/bind';
import { describeWithBind } from '../verify/helpers';

const FIXTURES = join(__dirname, '../fixtures/import');

function importText(text: string, origin: string) {
  return specFromZone(zoneFromParsed(parseZoneFile(text, { origin })));
}

/** The spec as the CLI writes it and a user's next run reads it: YAML, loaded and checked by the spec loader. */
function throughYaml(spec: DomainSpec): DomainSpec {
  const text = yaml.dump(spec, { lineWidth: -1, noRefs: true });
  return toSpecFile(parseSpecText(text, 'imported.yaml'), 'imported.yaml').domains[0] as DomainSpec;
}

describe('specFromZone: the structure of an imported spec', () => {
  test('the guide’s zone becomes mail host, aliases, services, web hosts, and records for the rest', () => {
    const { spec, notes } = specFromZone(zoneFromParsed(readZoneFile(join(FIXTURES, 'example.com.zone'), { origin: 'example.com' })));
    expect(spec).toMatchObject({
      domain: 'example.com',
      nameServers: ['ns1.example.net.', 'ns2.example.net.'],
      soa: { mname: 'ns1.example.net.', rname: 'hostmaster', serial: 2024061501, refresh: 43200, retry: 900, expire: 2419200, minimum: 10800 },
      mailHosts: [{ name: 'smtp', ipv4: ['192.0.2.25'], ipv6: ['2001:db8::25'], mx: 10, aliases: ['imap', 'mail'], services: ['submission', 'imaps'] }],
      webHosts: [
        { name: '@', ipv4: ['192.0.2.80'], ipv6: ['2001:db8::80'] },
        { name: 'www', ipv4: ['192.0.2.80'], ipv6: ['2001:db8::80'] },
      ],
    });
    // defaults are left out: the guide's TTL, the domain SPF "v=spf1 mx -all", the host SPF "v=spf1 a -all"
    expect(spec).not.toHaveProperty('ttl');
    expect(spec).not.toHaveProperty('spf');
    expect(spec.mailHosts![0]).not.toHaveProperty('spf');
    // DKIM (split into strings in the file) is kept as its plain joined text
    const dkim = spec.records!.find((r) => r.name === 's2024._domainkey')!;
    expect(dkim.type).toBe('TXT');
    expect(dkim.value).toMatch(/^v=DKIM1; k=rsa; p=MIIBIjAN[A-Za-z0-9+/=]+$/);
    expect(spec.records!.map((r) => `${r.type} ${r.name}`)).toEqual(['CAA @', 'TXT _dmarc', 'TXT s2024._domainkey']);
    expect(notes).toEqual(['kept as records: 2 CAA, 1 DMARC, 1 DKIM']);
  });

  test('a mail host without SPF gets spf: false; a custom one is kept; the MX to an outside host goes to mx', () => {
    const { spec } = importText(
      [
        '$TTL 1h',
        '@ IN SOA ns1.example.net. hostmaster 1 3600 900 604800 300',
        '@ IN MX 10 mx1',
        '@ IN MX 20 mx2',
        '@ IN MX 30 backup.example.net.',
        '@ IN MX 40 mx1',
        'mx1 IN A 192.0.2.1',
        'mx2 IN A 192.0.2.2',
        'mx2 IN TXT "v=spf1 ip4:192.0.2.2 -all"',
      ].join('\n'),
      'example.com',
    );
    expect(spec.spf).toBe(false);
    expect(spec.mailHosts).toEqual([
      { name: 'mx1', ipv4: ['192.0.2.1'], mx: 10, spf: false },
      { name: 'mx2', ipv4: ['192.0.2.2'], mx: 20, spf: 'v=spf1 ip4:192.0.2.2 -all' },
    ]);
    expect(spec.mx).toEqual([
      { priority: 30, host: 'backup.example.net.' },
      { priority: 40, host: 'mx1' },
    ]);
  });

  test('what a structured field cannot hold with its TTL stays a record with that TTL', () => {
    const { spec, notes } = importText(
      [
        '$TTL 1h',
        '@ 600 IN SOA ns1.example.net. hostmaster 1 3600 900 604800 300',
        '@ 300 IN MX 10 smtp', // the MX set's TTL is not the default: MX stay records, smtp is still a mail host
        '@ IN TXT "v=spf1 mx -all"',
        '@ IN TXT "v=spf1 a -all"', // two SPF records: kept as they are, for SPF_MULTIPLE to report
        'smtp 600 IN A 192.0.2.25',
        'smtp 60 IN TXT "v=spf1 a -all"',
        'imap 600 IN CNAME smtp',
        'pop 60 IN CNAME smtp',
        'www IN A 192.0.2.80',
        'www IN TXT "v=spf1 ~all"', // not the null SPF: no web host
      ].join('\n'),
      'example.com',
    );
    expect(spec.mailHosts).toEqual([{ name: 'smtp', ipv4: ['192.0.2.25'], ttl: 600, spf: false, aliases: ['imap'] }]);
    expect(spec.spf).toBe(false);
    expect(spec.webHosts).toBeUndefined();
    expect(spec.records).toEqual([
      { name: '@', type: 'MX', value: '10 smtp.example.com.', ttl: 300 },
      { name: '@', type: 'TXT', value: ['v=spf1 mx -all', 'v=spf1 a -all'] },
      { name: 'smtp', type: 'TXT', value: 'v=spf1 a -all', ttl: 60 },
      { name: 'pop', type: 'CNAME', value: 'smtp.example.com.', ttl: 60 },
      { name: 'www', type: 'A', value: '192.0.2.80' },
      { name: 'www', type: 'TXT', value: 'v=spf1 ~all' },
    ]);
    expect(notes).toEqual([
      "the SOA's TTL 600 is not kept: the spec gives the SOA the domain's ttl (3600)",
      'the apex has 2 SPF records; they are kept as records (SPF_MULTIPLE explains why that breaks SPF)',
      'kept as records: 1 MX, 4 SPF, 1 CNAME, 1 A',
    ]);
  });

  test('TXT that starts with a quote is written in quoted form, so the loader does not read it as strings', () => {
    const { spec } = importText(['$TTL 1h', '@ IN SOA ns1.example.net. hostmaster 1 3600 900 604800 300', 'q IN TXT "\\"quoted\\" start"'].join('\n'), 'example.com');
    expect(spec.records).toEqual([{ name: 'q', type: 'TXT', value: '"\\"quoted\\" start"' }]);
    expect(planDomain(throughYaml(spec)).get('q.example.com.', 'TXT')[0].data).toEqual({ type: 'TXT', text: '"quoted" start' });
  });
});

describe('specFromZone on generated zones', () => {
  const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
  const ORIGIN = 'example.com.';
  /** Owner names that exercise every path of the import: hosts, aliases, services, policy names, a wildcard. */
  const owners = ['@', 'smtp', 'mx2', 'www', 'mail', 'imap', 'web', '_dmarc', 's1._domainkey', '_submission._tcp', '_imaps._tcp', '*', 'a.b'];
  const abs = (o: string): string => (o === '@' ? ORIGIN : `${o}.${ORIGIN}`);
  const target = fc.constantFrom('smtp', 'mx2', 'www', '@', 'elsewhere.example.net.').map((t) => (t.endsWith('.') ? t : abs(t)));
  const data: fc.Arbitrary<RData> = fc.oneof(
    fc.constantFrom('192.0.2.1', '192.0.2.2', '198.51.100.7').map((address): RData => ({ type: 'A', address })),
    fc.constantFrom('2001:db8::1', '2001:db8::2').map((address): RData => ({ type: 'AAAA', address })),
    fc.tuple(fc.constantFrom(0, 10, 20), target).map(([preference, exchange]): RData => ({ type: 'MX', preference, exchange })),
    fc.constantFrom('v=spf1 mx -all', 'v=spf1 a -all', 'v=spf1 -all', 'v=spf1 ~all', 'hello', '"quoted" text', ' spaced ', 'x'.repeat(300)).map((text): RData => ({ type: 'TXT', text })),
    target.map((t): RData => ({ type: 'CNAME', target: t })),
    fc.tuple(fc.constantFrom(0, 1), fc.constantFrom(0, 1), fc.constantFrom(465, 587, 993), target).map(([priority, weight, port, t]): RData => ({ type: 'SRV', priority, weight, port, target: t })),
    fc.constantFrom('letsencrypt.org', ';').map((value): RData => ({ type: 'CAA', flags: 0, tag: 'issue', value })),
  );
  /** The shapes the import turns into structure (mail hosts with aliases and services, web hosts, SPF), picked at random. */
  const typical: [string, RData][] = [
    ['@', { type: 'MX', preference: 10, exchange: abs('smtp') }],
    ['smtp', { type: 'A', address: '192.0.2.25' }],
    ['smtp', { type: 'AAAA', address: '2001:db8::25' }],
    ['smtp', { type: 'TXT', text: 'v=spf1 a -all' }],
    ['mail', { type: 'CNAME', target: abs('smtp') }],
    ['imap', { type: 'CNAME', target: abs('smtp') }],
    ['_submission._tcp', { type: 'SRV', priority: 0, weight: 1, port: 587, target: abs('smtp') }],
    ['_imaps._tcp', { type: 'SRV', priority: 0, weight: 1, port: 993, target: abs('smtp') }],
    ['@', { type: 'MX', preference: 20, exchange: abs('mx2') }],
    ['mx2', { type: 'A', address: '192.0.2.26' }],
    ['@', { type: 'MX', preference: 30, exchange: 'backup.example.net.' }],
    ['@', { type: 'TXT', text: 'v=spf1 mx -all' }],
    ['@', { type: 'A', address: '192.0.2.80' }],
    ['www', { type: 'A', address: '192.0.2.80' }],
    ['www', { type: 'TXT', text: 'v=spf1 -all' }],
  ];
  const ttl = fc.constantFrom(3600, 3600, 600, 300);
  const entries = fc
    .tuple(
      fc.subarray(typical).chain((picked) => fc.tuple(...picked.map(([o, d]) => ttl.map((t): [string, RData, number] => [o, d, t])))),
      fc.array(fc.tuple(fc.constantFrom(...owners), data, ttl), { maxLength: 12 }),
    )
    .chain(([a, b]) => fc.shuffledSubarray([...a, ...b], { minLength: a.length + b.length }));
  /** A zone as the parser leaves it: one TTL per rrset, no duplicate records, an SOA and two NS. */
  const zones = entries.map((entries) => {
    const zone = new Zone(ORIGIN, { defaultTtl: 3600 });
    zone.add({ name: ORIGIN, type: 'SOA', ttl: 3600, data: { type: 'SOA', mname: 'ns1.example.net.', rname: `hostmaster.${ORIGIN}`, serial: 1, refresh: 43200, retry: 900, expire: 2419200, minimum: 10800 }, meta: {} });
    zone.add({ name: ORIGIN, type: 'NS', ttl: 3600, data: { type: 'NS', target: 'ns1.example.net.' }, meta: {} });
    zone.add({ name: ORIGIN, type: 'NS', ttl: 3600, data: { type: 'NS', target: 'ns2.example.net.' }, meta: {} });
    for (const [owner, d, ttl] of entries) {
      const name = abs(owner);
      if (zone.contains(name, d)) continue;
      const rrsetTtl = zone.get(name, d.type as RecordType)[0]?.ttl ?? ttl;
      zone.add({ name, type: d.type as RecordType, ttl: rrsetTtl, data: d, meta: {} });
    }
    return zone;
  });
  const content = (z: Zone): string[] => z.records.map((r) => `${r.name} ${r.ttl} ${rdataKey(r.data)}`).sort();

  test('zone → spec → YAML → plan gives back the same records and TTLs', () => {
    fc.assert(
      fc.property(zones, (zone) => {
        const { spec, notes } = specFromZone(zone);
        expect(notes.filter((n) => !n.startsWith('kept as records') && !n.startsWith('the apex has'))).toEqual([]);
        expect(content(planDomain(throughYaml(spec)))).toEqual(content(zone));
      }),
      { numRuns: RUNS, seed: 20240611 },
    );
  });
});

describeWithBind('import round trip: zone file → spec → plan → zone file, compared by named-compilezone', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mail-dns-import-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** BIND's canonical reading of a zone, TXT strings joined (the model keeps values, not where they were split). */
  const canonical = (origin: string, file: string): string[] => normalizeZoneText(namedCompilezone(origin, file), { joinTxtStrings: true });

  const rewrite = (origin: string, spec: DomainSpec): string[] => {
    const file = join(dir, `${origin}.rt`);
    writeFileSync(file, writeZoneFile(planDomain(spec)));
    return canonical(origin, file);
  };

  test.each([
    ['example.com', 'the guide’s zone: $INCLUDE of a DKIM key split into strings, multi-line SOA, aliases, SRV, CAA, DMARC'],
    ['example.org', 'a hand-kept file: no $TTL (RFC 1035 TTLs), $ORIGIN changes, an apex MX host, a delegation, TLSA, a wildcard'],
    ['shop.example.net', 'a hosted-mail domain: outside MX with their own TTL, escapes in TXT, a delegated DKIM, SaaS CNAMEs'],
  ])('%s — %s', (origin) => {
    const file = join(FIXTURES, `${origin}.zone`);
    const original = canonical(origin, file);
    const { spec, notes } = specFromZone(zoneFromParsed(readZoneFile(file, { origin })));
    expect(notes.filter((n) => !n.startsWith('kept as records'))).toEqual([]);
    expect(rewrite(origin, throughYaml(spec))).toEqual(original);
    expect(original.length).toBeGreaterThan(15);
  });

  test('the comparison notices a record the import would lose', () => {
    const file = join(FIXTURES, 'example.com.zone');
    const { spec } = specFromZone(zoneFromParsed(readZoneFile(file, { origin: 'example.com' })));
    const lossy: DomainSpec = { ...spec, records: spec.records!.filter((r) => r.name !== '_dmarc') };
    expect(rewrite('example.com', lossy)).not.toEqual(canonical('example.com', file));
  });
});
