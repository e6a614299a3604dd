import { MailDnsError } from '../../lib/model/errors';
import { DnsRecord, RData } from '../../lib/model/records';
import { MAX_TTL, Zone } from '../../lib/model/zone';

const ORIGIN = 'example.com.';

function rec(name: string, data: RData, ttl = 3600, source?: string): DnsRecord {
  return { name, type: data.type, ttl, data, meta: { source } };
}

function thrown(fn: () => unknown): MailDnsError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MailDnsError);
    return e as MailDnsError;
  }
  throw new Error('expected a MailDnsError, nothing was thrown');
}

describe('Zone', () => {
  test('defaults: kind domain, TTL 172800 (the guide\'s $TTL 48H), no provider', () => {
    const zone = new Zone(ORIGIN);
    expect(zone.origin).toBe(ORIGIN);
    expect(zone.kind).toBe('domain');
    expect(zone.defaultTtl).toBe(172800);
    expect(zone.provider).toBeUndefined();
    expect(zone.records).toEqual([]);
    expect(zone.names()).toEqual([]);
    expect(zone.rrsets()).toEqual([]);
  });

  test('options are kept', () => {
    const zone = new Zone('2.0.192.in-addr.arpa.', { kind: 'reverse', defaultTtl: 300, provider: 'route53' });
    expect(zone).toMatchObject({ kind: 'reverse', defaultTtl: 300, provider: 'route53' });
  });

  describe('GIVEN the records of the guide\'s zone', () => {
    const zone = new Zone(ORIGIN);
    const apexA = zone.add(rec(ORIGIN, { type: 'A', address: '192.0.2.80' }));
    zone.add(rec(ORIGIN, { type: 'MX', preference: 10, exchange: 'smtp.example.com.' }));
    zone.add(rec('smtp.example.com.', { type: 'A', address: '192.0.2.25' }));
    zone.add(rec(ORIGIN, { type: 'TXT', text: 'v=spf1 mx -all' }));
    zone.add(rec('smtp.example.com.', { type: 'AAAA', address: '2001:db8::25' }));
    zone.add(rec('smtp.example.com.', { type: 'A', address: '192.0.2.26' }, 300));
    zone.add(rec('imap.example.com.', { type: 'CNAME', target: 'smtp.example.com.' }));

    test('add returns the record and records keeps insertion order', () => {
      expect(apexA.data).toEqual({ type: 'A', address: '192.0.2.80' });
      expect(zone.records.map((r) => `${r.name} ${r.type}`)).toEqual([
        'example.com. A',
        'example.com. MX',
        'smtp.example.com. A',
        'example.com. TXT',
        'smtp.example.com. AAAA',
        'smtp.example.com. A',
        'imap.example.com. CNAME',
      ]);
    });

    test('get by name and type; empty for what is absent', () => {
      expect(zone.get('smtp.example.com.', 'A').map((r) => r.data)).toEqual([
        { type: 'A', address: '192.0.2.25' },
        { type: 'A', address: '192.0.2.26' },
      ]);
      expect(zone.get('smtp.example.com.', 'MX')).toEqual([]);
      expect(zone.get('nothing.example.com.', 'A')).toEqual([]);
    });

    test('names in first-insertion order, typesAt, has', () => {
      expect(zone.names()).toEqual(['example.com.', 'smtp.example.com.', 'imap.example.com.']);
      expect(zone.typesAt(ORIGIN)).toEqual(['A', 'MX', 'TXT']);
      expect(zone.typesAt('nothing.example.com.')).toEqual([]);
      expect(zone.has('imap.example.com.')).toBe(true);
      expect(zone.has('www.example.com.')).toBe(false);
    });

    test('rrsets group by name and type; the TTL is the first record\'s', () => {
      const sets = zone.rrsets().map((s) => [s.name, s.type, s.ttl, s.records.length]);
      expect(sets).toEqual([
        ['example.com.', 'A', 3600, 1],
        ['example.com.', 'MX', 3600, 1],
        ['example.com.', 'TXT', 3600, 1],
        ['smtp.example.com.', 'A', 3600, 2],
        ['smtp.example.com.', 'AAAA', 3600, 1],
        ['imap.example.com.', 'CNAME', 3600, 1],
      ]);
    });

    test('ofType and contains', () => {
      expect(zone.ofType('A').map((r) => r.name)).toEqual(['example.com.', 'smtp.example.com.', 'smtp.example.com.']);
      expect(zone.contains('smtp.example.com.', { type: 'A', address: '192.0.2.25' })).toBe(true);
      expect(zone.contains('smtp.example.com.', { type: 'A', address: '192.0.2.27' })).toBe(false);
      expect(zone.contains(ORIGIN, { type: 'TXT', text: 'v=spf1 mx -all' })).toBe(true);
    });

    test('relative', () => {
      expect(zone.relative(ORIGIN)).toBe('@');
      expect(zone.relative('smtp.example.com.')).toBe('smtp');
      expect(zone.relative('ns1.example.net.')).toBe('ns1.example.net.');
    });
  });

  test.each(['example.net.', 'wwwexample.com.', 'com.'])('a record at %s is outside the zone', (name) => {
    const zone = new Zone(ORIGIN);
    const e = thrown(() => zone.add(rec(name, { type: 'A', address: '192.0.2.1' }, 3600, 'records[4].name')));
    expect(e.code).toBe('NAME_OUTSIDE_ZONE');
    expect(e.field).toBe('records[4].name');
    expect(e.value).toBe(name);
    expect(e.message).toBe(
      `records[4].name: ${JSON.stringify(name)} is not inside zone example.com. — write it relative to the zone, or put it in its own domain`,
    );
    expect(zone.records).toEqual([]);
  });

  test.each([
    [0, true],
    [MAX_TTL, true],
    [-1, false],
    [MAX_TTL + 1, false],
    [1.5, false],
    [Number.NaN, false],
  ])('TTL %p is accepted: %s', (ttl, ok) => {
    const zone = new Zone(ORIGIN);
    const add = () => zone.add(rec('www.example.com.', { type: 'A', address: '192.0.2.1' }, ttl, 'webHosts[0].ttl'));
    if (ok) {
      expect(add().ttl).toBe(ttl);
    } else {
      const e = thrown(add);
      expect(e.code).toBe('INVALID_TTL');
      expect(e.field).toBe('webHosts[0].ttl');
      expect(e.message).toBe(`webHosts[0].ttl: TTL ${String(ttl)} must be a whole number of seconds 0..2147483647`);
      expect(zone.records).toEqual([]);
    }
  });

  test('MAX_TTL is 2^31-1 (RFC 2181 §8)', () => {
    expect(MAX_TTL).toBe(2 ** 31 - 1);
  });
});
