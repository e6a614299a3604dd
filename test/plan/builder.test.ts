import { MailDnsError } from '../../lib/model/errors';
import { Zone } from '../../lib/model/zone';
import { ZoneBuilder } from '../../lib/plan/builder';

const ORIGIN = 'example.com.';

function thrown(fn: () => unknown): MailDnsError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MailDnsError);
    return e as MailDnsError;
  }
  throw new Error('expected a MailDnsError, nothing was thrown');
}

describe('ZoneBuilder', () => {
  test('path prefixes fields with where, or leaves them alone', () => {
    expect(new ZoneBuilder(new Zone(ORIGIN), '').path('mailHosts[0]')).toBe('mailHosts[0]');
    expect(new ZoneBuilder(new Zone(ORIGIN), 'domains[2]').path('mailHosts[0]')).toBe('domains[2].mailHosts[0]');
  });

  test('name resolves relative to the zone and reports errors at the prefixed field', () => {
    const b = new ZoneBuilder(new Zone(ORIGIN), 'domains[1]');
    expect(b.name('smtp', 'mailHosts[0].name')).toBe('smtp.example.com.');
    expect(b.name('@', 'webHosts[0].name')).toBe(ORIGIN);
    const e = thrown(() => b.name('mail_relay', 'mailHosts[0].name', 'host'));
    expect(e.field).toBe('domains[1].mailHosts[0].name');
    expect(e.value).toBe('mail_relay');
  });

  test('owner accepts names inside the zone and refuses others at the field', () => {
    const b = new ZoneBuilder(new Zone(ORIGIN), 'domains[0]');
    expect(b.owner('@', 'webHosts[0].name')).toBe(ORIGIN);
    expect(b.owner('www.example.com.', 'webHosts[0].name')).toBe('www.example.com.');
    const e = thrown(() => b.owner('www.example.net.', 'webHosts[0].name'));
    expect(e.code).toBe('NAME_OUTSIDE_ZONE');
    expect(e.field).toBe('domains[0].webHosts[0].name');
    expect(e.value).toBe('www.example.net.');
    expect(e.message).toBe('domains[0].webHosts[0].name: "www.example.net." is not inside zone example.com. — write it relative to the zone, or put it in its own domain');
  });

  test('roles: kind plus owner label, numbered on repeats, never the value', () => {
    const b = new ZoneBuilder(new Zone(ORIGIN), '');
    expect(b.role('a', 'smtp.example.com.')).toBe('a-smtp');
    expect(b.role('a', 'smtp.example.com.')).toBe('a-smtp-2');
    expect(b.role('a', 'smtp.example.com.')).toBe('a-smtp-3');
    expect(b.role('spf', ORIGIN)).toBe('spf-apex');
    expect(b.role('a', 'www.example.com.')).toBe('a-www');
  });

  test('add fills the zone with role, prefixed source, written and the default TTL', () => {
    const zone = new Zone(ORIGIN, { defaultTtl: 600 });
    const b = new ZoneBuilder(zone, 'domains[0]');
    const r = b.add('smtp.example.com.', { type: 'A', address: '192.0.2.25' }, { source: 'mailHosts[0].ipv4[0]' });
    expect(r).toEqual({
      name: 'smtp.example.com.',
      type: 'A',
      ttl: 600,
      data: { type: 'A', address: '192.0.2.25' },
      meta: { role: 'a-smtp', source: 'domains[0].mailHosts[0].ipv4[0]', written: undefined, proxied: undefined, unresolved: undefined },
    });
    expect(zone.records).toEqual([r]);
    const spf = b.add(ORIGIN, { type: 'TXT', text: 'v=spf1 mx -all' }, { kind: 'spf', source: 'spf', ttl: 300 });
    expect(spf.meta.role).toBe('spf-apex');
    expect(spf.ttl).toBe(300);
  });

  describe('addresses', () => {
    test('canonicalises, adds A then AAAA with sources, returns the addresses', () => {
      const zone = new Zone(ORIGIN);
      const b = new ZoneBuilder(zone, '');
      const out = b.addresses('smtp.example.com.', ['192.0.2.25'], ['2001:0DB8:0:0:0:0:0:25'], 'mailHosts[0]', 300, false);
      expect(out).toEqual(['192.0.2.25', '2001:db8::25']);
      expect(zone.records.map((r) => [r.type, r.ttl, r.data, r.meta.source, r.meta.role])).toEqual([
        ['A', 300, { type: 'A', address: '192.0.2.25' }, 'mailHosts[0].ipv4[0]', 'a-smtp'],
        ['AAAA', 300, { type: 'AAAA', address: '2001:db8::25' }, 'mailHosts[0].ipv6[0]', 'aaaa-smtp'],
      ]);
    });

    test('a bad address throws at its path with its value', () => {
      const b = new ZoneBuilder(new Zone(ORIGIN), 'domains[3]');
      const e = thrown(() => b.addresses('smtp.example.com.', ['192.0.2.1', '192.0.2.300'], [], 'mailHosts[0]'));
      expect(e.code).toBe('INVALID_IPV4');
      expect(e.field).toBe('domains[3].mailHosts[0].ipv4[1]');
      expect(e.value).toBe('192.0.2.300');
      expect(e.message).toBe('domains[3].mailHosts[0].ipv4[1]: "192.0.2.300" is not an IPv4 address — write four decimal octets such as 192.0.2.25');
    });

    test('an unresolved token is added unchecked, marked, and not returned as a known address', () => {
      const zone = new Zone(ORIGIN);
      const b = new ZoneBuilder(zone, '', (v) => v.startsWith('${TfToken'));
      const out = b.addresses('smtp.example.com.', ['${TfToken[TOKEN.1]}'], ['${TfToken[TOKEN.2]}'], 'mailHosts[0]');
      expect(out).toEqual([]);
      expect(zone.records.map((r) => [r.type, r.data, r.meta.unresolved])).toEqual([
        ['A', { type: 'A', address: '${TfToken[TOKEN.1]}' }, true],
        ['AAAA', { type: 'AAAA', address: '${TfToken[TOKEN.2]}' }, true],
      ]);
    });
  });

  describe('suppress', () => {
    test('keeps rule, trimmed reason, resolved name or the scope, and the source path', () => {
      const zone = new Zone(ORIGIN);
      const b = new ZoneBuilder(zone, 'domains[0]');
      b.suppress([{ rule: 'NS_COUNT', reason: '  the registrar allows one  ' }], 'suppress');
      b.suppress([{ rule: 'MAIL_HOST_PRIVATE_IP', reason: 'lab network only' }], 'mailHosts[0].suppress', 'smtp.example.com.');
      b.suppress([{ rule: 'TTL_RANGE', reason: 'short TTL while migrating', name: 'www' }], 'suppress');
      expect(zone.suppressions).toEqual([
        { rule: 'NS_COUNT', reason: 'the registrar allows one', name: undefined, source: 'domains[0].suppress[0]' },
        { rule: 'MAIL_HOST_PRIVATE_IP', reason: 'lab network only', name: 'smtp.example.com.', source: 'domains[0].mailHosts[0].suppress[0]' },
        { rule: 'TTL_RANGE', reason: 'short TTL while migrating', name: 'www.example.com.', source: 'domains[0].suppress[0]' },
      ]);
    });

    test.each<[unknown]>([['too short'], ['         x'], [''], [undefined], [42]])('a reason %p (under 10 characters) is rejected', (reason) => {
      const zone = new Zone(ORIGIN);
      const b = new ZoneBuilder(zone, '');
      const e = thrown(() => b.suppress([{ rule: 'NS_COUNT', reason: 'a fine reason here' }, { rule: 'NS_COUNT', reason: reason as string }], 'suppress'));
      expect(e.code).toBe('SUPPRESSION_REASON');
      expect(e.field).toBe('suppress[1].reason');
      expect(e.value).toBe(reason);
      expect(e.message).toBe(
        `suppress[1].reason: a suppression of NS_COUNT needs a reason of at least 10 characters that a reviewer can judge (received ${reason === undefined ? 'undefined' : JSON.stringify(reason)})`,
      );
    });

    test('exactly 10 characters is enough', () => {
      const zone = new Zone(ORIGIN);
      new ZoneBuilder(zone, '').suppress([{ rule: 'NS_COUNT', reason: '0123456789' }], 'suppress');
      expect(zone.suppressions).toHaveLength(1);
    });
  });
});
