import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { MailDnsError } from '../../../lib/model/errors';
import { formatIPv6 } from '../../../lib/model/ip';
import { DnsRecord, RData, RecordType, rdataKey } from '../../../lib/model/records';
import { MAX_TTL, Zone } from '../../../lib/model/zone';
import { parseZoneFile, readZoneFile, writeZoneFile, zoneFromParsed } from '../../../lib/model/zonefile';
import { namedCheckzone, namedCompilezone, normalizeZoneText, requireBind } from '../../helpers/bind';

const FIXTURES = join(__dirname, '../../fixtures/zones');

function add(zone: Zone, owner: string, data: RData, ttl?: number): void {
  const name = owner === '@' ? zone.origin : `${owner}.${zone.origin}`;
  zone.add({ name, type: data.type, ttl: ttl ?? zone.defaultTtl, data, meta: {} });
}

const TLSA_HEX = '8d02536c887482bc34ff54e41d2ba659bf85b341a0a20afadb5813dcfbcf286d';
const DKIM = `v=DKIM1; k=rsa; p=MIIB${'A'.repeat(300)}`;

/** A small mail zone, records added out of order on purpose. */
function handZone(): Zone {
  const zone = new Zone('example.com.', { defaultTtl: 3600 });
  add(zone, 'www', { type: 'CNAME', target: 'example.com.' });
  add(zone, '@', { type: 'NS', target: 'ns1.example.net.' });
  add(zone, '@', { type: 'NS', target: 'ns2.example.net.' });
  add(zone, '@', { type: 'MX', preference: 20, exchange: 'backup.example.net.' });
  add(zone, '@', { type: 'MX', preference: 10, exchange: 'smtp.example.com.' });
  add(zone, '@', { type: 'TXT', text: 'v=spf1 mx -all' });
  add(zone, '@', { type: 'A', address: '192.0.2.80' });
  add(zone, 'smtp', { type: 'AAAA', address: '2001:db8::25' });
  add(zone, 'smtp', { type: 'A', address: '192.0.2.100' });
  add(zone, 'smtp', { type: 'A', address: '192.0.2.25' });
  add(zone, '_dmarc', { type: 'TXT', text: 'v=DMARC1; p=reject; rua=mailto:dmarc@example.com' }, 300);
  add(zone, 'mail2024._domainkey', { type: 'TXT', text: DKIM });
  add(zone, 'quote', { type: 'TXT', text: 'say "hi" \\ bye' });
  add(zone, '@', { type: 'CAA', flags: 0, tag: 'issue', value: 'letsencrypt.org' });
  add(zone, '_submission._tcp', { type: 'SRV', priority: 0, weight: 1, port: 587, target: 'smtp.example.com.' });
  add(zone, '_25._tcp.smtp', { type: 'TLSA', usage: 3, selector: 1, matchingType: 1, certificate: TLSA_HEX });
  add(zone, '*', { type: 'MX', preference: 0, exchange: '.' });
  return zone;
}

/** The documented layout: owner padded to the longest owner (19), TTL column (3), "IN", type padded to CNAME (5). */
function row(owner: string, ttl: string, type: string, rdata: string): string {
  return `${owner.padEnd(19)} ${ttl.padEnd(3)} IN ${type.padEnd(5)} ${rdata}`;
}

describe('writeZoneFile: exact text', () => {
  test('a hand-built zone: synthesized SOA, apex first, canonical order, relative owners, absolute targets', () => {
    const I = '        ';
    const expected = [
      '; example.com. zone file, written by cdktf-mail-dns',
      '; Owner names are relative to $ORIGIN; names in record data are absolute (they end with a dot).',
      '$ORIGIN example.com.',
      '$TTL 3600',
      row('@', '', 'SOA', 'ns1.example.net. hostmaster.example.com. ('),
      `${I}2024061501 ; serial`,
      `${I}43200      ; refresh`,
      `${I}900        ; retry`,
      `${I}2419200    ; expire`,
      `${I}10800      ; minimum (negative-caching TTL, RFC 2308)`,
      `${I})`,
      row('@', '', 'NS', 'ns1.example.net.'),
      row('@', '', 'NS', 'ns2.example.net.'),
      row('@', '', 'A', '192.0.2.80'),
      row('@', '', 'MX', '10 smtp.example.com.'),
      row('@', '', 'MX', '20 backup.example.net.'),
      row('@', '', 'TXT', '"v=spf1 mx -all"'),
      row('@', '', 'CAA', '0 issue "letsencrypt.org"'),
      row('*', '', 'MX', '0 .'),
      row('_dmarc', '300', 'TXT', '"v=DMARC1; p=reject; rua=mailto:dmarc@example.com"'),
      row('mail2024._domainkey', '', 'TXT', '('),
      `${I}"v=DKIM1; k=rsa; p=MIIB${'A'.repeat(233)}"`,
      `${I}"${'A'.repeat(67)}"`,
      `${I})`,
      row('_submission._tcp', '', 'SRV', '0 1 587 smtp.example.com.'),
      row('quote', '', 'TXT', '"say \\"hi\\" \\\\ bye"'),
      row('smtp', '', 'A', '192.0.2.25'),
      row('smtp', '', 'A', '192.0.2.100'),
      row('smtp', '', 'AAAA', '2001:db8::25'),
      row('_25._tcp.smtp', '', 'TLSA', `3 1 1 ${TLSA_HEX}`),
      row('www', '', 'CNAME', 'example.com.'),
      '',
    ].join('\n');
    expect(writeZoneFile(handZone(), { serial: 2024061501 })).toBe(expected);
  });

  test('the zone\'s own SOA is kept, its TTL written when it differs, the serial option replaces its serial', () => {
    const zone = new Zone('example.org.', { defaultTtl: 300 });
    add(zone, '@', { type: 'NS', target: 'ns.example.net.' });
    add(zone, '@', { type: 'SOA', mname: 'ns.example.net.', rname: 'admin.example.org.', serial: 7, refresh: 1, retry: 2, expire: 3, minimum: 4 }, 86400);
    expect(writeZoneFile(zone)).toBe(
      [
        '; example.org. zone file, written by cdktf-mail-dns',
        '; Owner names are relative to $ORIGIN; names in record data are absolute (they end with a dot).',
        '$ORIGIN example.org.',
        '$TTL 300',
        '@ 86400 IN SOA ns.example.net. admin.example.org. (',
        '        7 ; serial',
        '        1 ; refresh',
        '        2 ; retry',
        '        3 ; expire',
        '        4 ; minimum (negative-caching TTL, RFC 2308)',
        '        )',
        '@       IN NS  ns.example.net.',
        '',
      ].join('\n'),
    );
    expect(writeZoneFile(zone, { serial: 2024010101 })).toContain('        2024010101 ; serial\n');
  });

  test('a synthesized SOA without a serial option has serial 1; SPF type is written as it is', () => {
    const zone = new Zone('example.net.', { defaultTtl: 60 });
    add(zone, '@', { type: 'NS', target: 'a.example.net.' });
    add(zone, '@', { type: 'SPF', text: 'v=spf1 -all' });
    const text = writeZoneFile(zone);
    expect(text).toContain('\n@ IN SOA a.example.net. hostmaster.example.net. (\n        1       ; serial\n');
    expect(text).toContain('@ IN SPF "v=spf1 -all"\n');
  });

  test.each<[string, (z: Zone) => void, string]>([
    ['no SOA and no apex NS', (z) => add(z, 'www', { type: 'A', address: '192.0.2.1' }), 'the zone has no SOA record and no NS record at the apex'],
    [
      'two SOA records',
      (z) => {
        add(z, '@', { type: 'SOA', mname: 'a.example.net.', rname: 'h.example.com.', serial: 1, refresh: 1, retry: 1, expire: 1, minimum: 1 });
        add(z, '@', { type: 'SOA', mname: 'b.example.net.', rname: 'h.example.com.', serial: 1, refresh: 1, retry: 1, expire: 1, minimum: 1 });
      },
      'the zone has 2 SOA records',
    ],
    [
      'a name a zone file cannot carry',
      (z) => {
        add(z, '@', { type: 'NS', target: 'ns1.example.net.' });
        z.add({ name: 'a;b.example.com.', type: 'A', ttl: 60, data: { type: 'A', address: '192.0.2.1' }, meta: {} });
      },
      'the name cannot be written in a zone file as it is ("a;b")',
    ],
  ])('refuses %s', (_what, fill, fragment) => {
    const zone = new Zone('example.com.');
    fill(zone);
    expect(() => writeZoneFile(zone)).toThrow(MailDnsError);
    try {
      writeZoneFile(zone);
    } catch (e) {
      expect((e as MailDnsError).code).toBe('ZONEFILE_WRITE');
      expect((e as MailDnsError).message).toContain(fragment);
      expect((e as MailDnsError).message).toContain(' — ');
    }
  });

  test('refuses a serial that is not a 32-bit number', () => {
    const zone = handZone();
    expect(() => writeZoneFile(zone, { serial: 2 ** 32 })).toThrow(/serial: 4294967296 is not an SOA serial/);
  });
});

const FIXTURE_ZONES: [string, string][] = [
  ['example.com.zone', 'example.com'],
  ['example.org.zone', 'example.org'],
  ['syntax.example.net.zone', 'example.net'],
];

/** BIND reading corners that decide how an omitted owner or TTL is filled in. */
const BIND_CORNERS: [string, string][] = [
  ['RFC 1035 TTL: the last explicit one', '@ 600 IN SOA ns1.example.net. h 1 2 3 4 5\n  NS ns1.example.net.\na 1800 A 192.0.2.1\nb A 192.0.2.2\n'],
  ['SOA MINIMUM as default', '@ IN SOA ns1.example.net. h 1 2 3 4 77\n  NS ns1.example.net.\nb A 192.0.2.2\nc 9 A 192.0.2.3\nd A 192.0.2.4\n'],
  ['prior TTL within a run', '$TTL 100\n@ SOA ns1.example.net. h 1 2 3 4 5\n NS ns1.example.net.\na 200 A 192.0.2.1\n  300 A 192.0.2.2\n'],
  ['last run across runs', '$TTL 100\n@ SOA ns1.example.net. h 1 2 3 4 5\n NS ns1.example.net.\na 200 A 192.0.2.1\nb A 192.0.2.9\na 50 A 192.0.2.3\n'],
  ['$INCLUDE inherits and restores the owner', '$TTL 60\n@ SOA ns1.example.net. h 1 2 3 4 5\n NS ns1.example.net.\nwww A 192.0.2.1\n$INCLUDE @@INC@@\n  A 192.0.2.3\n'],
  ['TTL above 2^31-1', '$TTL 2147483648\n@ SOA ns1.example.net. h 1 2 3 4 5\n NS ns1.example.net.\na 4294967295 A 192.0.2.1\n'],
  ['duplicates and out-of-zone data', '$TTL 60\n@ SOA ns1.example.net. h 1 2 3 4 5\n NS ns1.example.net.\na A 192.0.2.1\na A 192.0.2.1\nother.example.org. A 192.0.2.2\n'],
  ['$ORIGIN then inherited owner', '$TTL 60\n@ SOA ns1.example.net. h 1 2 3 4 5\n NS ns1.example.net.\nwww A 192.0.2.1\n$ORIGIN sub.example.com.\n  TXT "still www"\nx A 192.0.2.2\n'],
];

describe('writeZoneFile with BIND', () => {
  let dir: string;
  beforeAll(() => {
    requireBind();
    dir = mkdtempSync(join(tmpdir(), 'mail-dns-zonefile-'));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function written(name: string, text: string): string {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  }

  test('named-checkzone accepts the hand-built zone', () => {
    const result = namedCheckzone('example.com', written('hand.zone', writeZoneFile(handZone(), { serial: 2024061501 })));
    expect(result.output).toMatch(/loaded serial 2024061501/);
    expect(result.ok).toBe(true);
  });

  test.each(FIXTURE_ZONES)('named-checkzone accepts %s once parsed and written', (fixture, origin) => {
    const text = writeZoneFile(zoneFromParsed(readZoneFile(join(FIXTURES, fixture), { origin })));
    const result = namedCheckzone(origin, written(`checked-${fixture}`, text));
    expect(result.output).toMatch(/\nOK$/);
    expect(result.ok).toBe(true);
  });

  test.each(FIXTURE_ZONES)('round trip of %s: BIND reads the written zone as it reads the original', (fixture, origin) => {
    // GIVEN BIND's canonical reading of the fixture (its $INCLUDEs resolved from the fixture directory)
    const original = normalizeZoneText(namedCompilezone(origin, join(FIXTURES, fixture)), { joinTxtStrings: true });
    // WHEN the fixture is parsed into the model and written back
    const text = writeZoneFile(zoneFromParsed(readZoneFile(join(FIXTURES, fixture), { origin })));
    // THEN BIND reads the same records (TXT compared by joined value: the model keeps logical values)
    const roundTripped = normalizeZoneText(namedCompilezone(origin, written(`rt-${fixture}`, text)), { joinTxtStrings: true });
    expect(roundTripped).toEqual(original);
    expect(original.length).toBeGreaterThan(10);
  });

  test.each(BIND_CORNERS)('round trip agrees with BIND: %s', (what, zoneText) => {
    const slug = what.replace(/\W+/g, '-');
    const include = written(`corner-${slug}.inc`, '  TXT "inherited"\nother A 192.0.2.2\n');
    const source = written(`corner-${slug}.zone`, zoneText.replace('@@INC@@', include));
    const original = normalizeZoneText(namedCompilezone('example.com', source));
    const text = writeZoneFile(zoneFromParsed(readZoneFile(source, { origin: 'example.com' })));
    expect(normalizeZoneText(namedCompilezone('example.com', written(`corner-out-${what.replace(/\W+/g, '-')}.zone`, text)))).toEqual(original);
  });

  test('the TXT normalization is not hiding a difference: split points differ, joined values agree', () => {
    const raw = normalizeZoneText(namedCompilezone('example.org', join(FIXTURES, 'example.org.zone')));
    expect(raw.some((l) => l.startsWith('mail2024._domainkey.example.org. 3600 in txt "v=DKIM1; k=rsa; p=') && l.includes('" "'))).toBe(true);
  });
});

describe('writeZoneFile then parseZoneFile gives back the same records', () => {
  const ldh = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,8}[a-z0-9])?$/);
  const underscore = fc.stringMatching(/^_[a-z0-9][a-z0-9_-]{0,8}$/);
  const relative = fc.array(fc.oneof(ldh, underscore), { minLength: 1, maxLength: 3 }).map((ls) => ls.join('.'));
  const host = fc.array(ldh, { minLength: 1, maxLength: 3 }).map((ls) => `${ls.join('.')}.example.net.`);
  const ownerName = (origin: string): fc.Arbitrary<string> =>
    fc.oneof({ arbitrary: fc.constant(origin), weight: 2 }, relative.map((r) => `${r}.${origin}`), relative.map((r) => `*.${r}.${origin}`), fc.constant(`*.${origin}`));
  const u16 = fc.integer({ min: 0, max: 65535 });
  const u8 = fc.integer({ min: 0, max: 255 });
  const u32 = fc.integer({ min: 0, max: 4294967295 });
  const tricky = fc.constantFrom('"', '\\', ';', ' ', '(', ')', 'a', 'é', '€', '\u{1F600}', '\n', '\t', '\u0000', '\u007f', 'v=spf1 ');
  const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: tricky, maxLength: 80 }), fc.string({ unit: 'binary', minLength: 250, maxLength: 700 }));
  const ownerTarget = fc.oneof(host, relative.map((r) => `${r}.example.org.`), relative.map((r) => `*.${r}.example.org.`));

  const rdata: fc.Arbitrary<RData> = fc.oneof(
    fc.tuple(u8, u8, u8, u8).map(([a, b, c, d]): RData => ({ type: 'A', address: `${a}.${b}.${c}.${d}` })),
    fc.uint8Array({ minLength: 16, maxLength: 16 }).map((bytes): RData => ({ type: 'AAAA', address: formatIPv6(bytes) })),
    fc.tuple(u16, fc.oneof(host, fc.constant('.'))).map(([preference, exchange]): RData => ({ type: 'MX', preference, exchange })),
    text.map((t): RData => ({ type: 'TXT', text: t })),
    text.map((t): RData => ({ type: 'SPF', text: t })),
    ownerTarget.map((target): RData => ({ type: 'CNAME', target })),
    ownerTarget.map((target): RData => ({ type: 'PTR', target })),
    host.map((target): RData => ({ type: 'NS', target })),
    fc.tuple(u16, u16, u16, fc.oneof(host, fc.constant('.'))).map(([priority, weight, port, target]): RData => ({ type: 'SRV', priority, weight, port, target })),
    fc.tuple(u8, fc.stringMatching(/^[a-z0-9]{1,15}$/), fc.string({ unit: 'binary', maxLength: 60 })).map(([flags, tag, value]): RData => ({ type: 'CAA', flags, tag, value })),
    fc.tuple(u8, u8, u8, fc.uint8Array({ minLength: 1, maxLength: 64 })).map(
      ([usage, selector, matchingType, cert]): RData => ({ type: 'TLSA', usage, selector, matchingType, certificate: Buffer.from(cert).toString('hex') }),
    ),
  );
  const soa: fc.Arbitrary<RData> = fc
    .tuple(host, fc.oneof(host, relative.map((r) => `${r}.example.com.`)), u32, u32, u32, u32, u32)
    .map(([mname, rname, serial, refresh, retry, expire, minimum]): RData => ({ type: 'SOA', mname, rname, serial, refresh, retry, expire, minimum }));
  const ttl = fc.oneof(fc.integer({ min: 0, max: MAX_TTL }), fc.constantFrom(0, 300, 3600, 86400));

  const zoneArb = fc
    .record({
      origin: fc.constantFrom('example.com.', 'mail.example.org.', 'x-1.example.'),
      defaultTtl: ttl,
      ns: fc.array(host, { minLength: 1, maxLength: 3 }),
      soa: fc.option(fc.tuple(soa, ttl), { nil: undefined }),
      serial: fc.option(u32, { nil: undefined }),
      records: fc.array(fc.tuple(fc.nat(), rdata, ttl), { maxLength: 25 }),
      owners: fc.array(relative, { minLength: 1, maxLength: 6 }),
    })
    .map((g) => {
      const zone = new Zone(g.origin, { defaultTtl: g.defaultTtl });
      const rrsetTtl = new Map<string, number>();
      const put = (name: string, data: RData, t: number): void => {
        const key = `${name} ${data.type}`;
        if (!rrsetTtl.has(key)) rrsetTtl.set(key, t);
        if (zone.contains(name, data)) return;
        const record: DnsRecord = { name, type: data.type as RecordType, ttl: rrsetTtl.get(key)!, data, meta: {} };
        zone.add(record);
      };
      const owners = [g.origin, `*.${g.origin}`, ...g.owners.map((o) => `${o}.${g.origin}`)];
      for (const target of g.ns) put(g.origin, { type: 'NS', target }, g.defaultTtl);
      if (g.soa) put(g.origin, g.soa[0], g.soa[1]);
      for (const [pick, data, t] of g.records) put(owners[pick % owners.length], data, t);
      return { zone, serial: g.serial };
    });

  const key = (r: { name: string; type: string; ttl: number; data: RData }): string => `${r.name} ${r.type} ${r.ttl} ${rdataKey(r.data)}`;

  test('for random zones (fixed seed, 1000 runs)', () => {
    fc.assert(
      fc.property(zoneArb, ({ zone, serial }) => {
        const text = writeZoneFile(zone, { serial });
        const parsed = parseZoneFile(text, { origin: zone.origin, file: 'written.zone' });
        expect(parsed.warnings).toEqual([]);
        expect(parsed.ttl).toBe(zone.defaultTtl);
        const soas = parsed.records.filter((r) => r.type === 'SOA');
        expect(soas).toHaveLength(1);
        expect(soas[0].name).toBe(zone.origin);
        const ownSoa = zone.get(zone.origin, 'SOA')[0];
        if (serial !== undefined) expect((soas[0].data as { serial: number }).serial).toBe(serial);
        const expected = zone.records.filter((r) => r.type !== 'SOA').map(key).sort();
        const actual = parsed.records.filter((r) => r.type !== 'SOA').map(key).sort();
        expect(actual).toEqual(expected);
        if (ownSoa && serial === undefined) expect(key(soas[0])).toBe(key(ownSoa));
      }),
      { seed: 4034, numRuns: 1000 },
    );
  });

  test('the generator covers every type, underscores, wildcards and multi-string TXT', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(zoneArb, ({ zone }) => {
        for (const r of zone.records) {
          seen.add(r.type);
          if (r.name.includes('_')) seen.add('underscore');
          if (r.name.startsWith('*')) seen.add('wildcard');
          if (r.data.type === 'TXT' && Buffer.byteLength(r.data.text) > 255) seen.add('long TXT');
          if (r.data.type === 'TXT' && /["\\]/.test(r.data.text)) seen.add('escaped TXT');
        }
      }),
      { seed: 4034, numRuns: 300 },
    );
    expect([...seen].sort()).toEqual(['A', 'AAAA', 'CAA', 'CNAME', 'MX', 'NS', 'PTR', 'SOA', 'SPF', 'SRV', 'TLSA', 'TXT', 'escaped TXT', 'long TXT', 'underscore', 'wildcard'].sort());
  });
});
