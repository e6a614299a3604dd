import { Zone } from '../../lib/model/zone';
import { escapeCharacterString, isMailCritical, managedByHost, recordRoles, requireTxtSize, rrsetId } from '../../lib/providers/common';
import { ROUTE53_CAPABILITIES } from '../../lib/providers/route53/render';
import { ZONEFILE_CAPABILITIES } from '../../lib/providers/zonefile/render';
import { UnsupportedTypeError } from '../../lib/providers/types';

function zone(): Zone {
  const z = new Zone('example.com.');
  z.hosts.push({ name: 'smtp.example.com.', kind: 'mail', addresses: ['192.0.2.25'], sends: true, source: 'mailHosts[0]' });
  return z;
}

describe('record roles', () => {
  test('declared roles are kept; missing ones are <type>-<owner>, numbered, never colliding with declared ones', () => {
    const z = zone();
    const a1 = z.add({ name: 'www.example.com.', type: 'A', ttl: 60, data: { type: 'A', address: '192.0.2.1' }, meta: {} });
    const a2 = z.add({ name: 'www.example.com.', type: 'A', ttl: 60, data: { type: 'A', address: '192.0.2.2' }, meta: {} });
    const declared = z.add({ name: 'www.example.com.', type: 'A', ttl: 60, data: { type: 'A', address: '192.0.2.3' }, meta: { role: 'a-www-3' } });
    const apex = z.add({ name: 'example.com.', type: 'TXT', ttl: 60, data: { type: 'TXT', text: 'x' }, meta: {} });
    const wild = z.add({ name: '*._domainkey.example.com.', type: 'TXT', ttl: 60, data: { type: 'TXT', text: 'v=DKIM1; p=' }, meta: {} });
    const roles = recordRoles(z);
    expect([a1, a2, declared, apex, wild].map((r) => roles.get(r))).toEqual(['a-www', 'a-www-2', 'a-www-3', 'txt-apex', 'txt-wildcard__domainkey']);
  });

  test('a later undeclared record skips a role declared further down', () => {
    const z = zone();
    const a1 = z.add({ name: 'www.example.com.', type: 'A', ttl: 60, data: { type: 'A', address: '192.0.2.1' }, meta: {} });
    z.add({ name: 'www.example.com.', type: 'A', ttl: 60, data: { type: 'A', address: '192.0.2.2' }, meta: { role: 'a-www' } });
    expect(recordRoles(z).get(a1)).toBe('a-www-2');
  });

  test('an rrset is named after its first record, except an MX rrset, named after its owner', () => {
    const z = zone();
    z.add({ name: 'example.com.', type: 'MX', ttl: 60, data: { type: 'MX', preference: 10, exchange: 'smtp.example.com.' }, meta: { role: 'mx-smtp' } });
    z.add({ name: 'example.com.', type: 'MX', ttl: 60, data: { type: 'MX', preference: 20, exchange: 'backup.example.net.' }, meta: { role: 'mx-backup_example_net' } });
    z.add({ name: '_x.example.com.', type: 'MX', ttl: 60, data: { type: 'MX', preference: 0, exchange: '.' }, meta: { role: 'mx-x' } });
    z.add({ name: 'www.example.com.', type: 'A', ttl: 60, data: { type: 'A', address: '192.0.2.1' }, meta: { role: 'a-www' } });
    z.add({ name: 'www.example.com.', type: 'A', ttl: 60, data: { type: 'A', address: '192.0.2.2' }, meta: { role: 'a-www-2' } });
    const [mx, mxUnder, a] = z.rrsets();
    expect(rrsetId('example_com', recordRoles(z), mx, z)).toBe('example_com_mx-apex');
    expect(rrsetId('example_com', recordRoles(z), mxUnder, z)).toBe('example_com_mx-_x');
    expect(rrsetId('example_com', recordRoles(z), a, z)).toBe('example_com_a-www');
  });
});

describe('host-managed records', () => {
  test('SOA and apex NS only, and only for hosts that manage them', () => {
    const z = zone();
    expect(managedByHost({ name: 'example.com.', type: 'SOA' }, z, ROUTE53_CAPABILITIES)).toBe(true);
    expect(managedByHost({ name: 'example.com.', type: 'NS' }, z, ROUTE53_CAPABILITIES)).toBe(true);
    expect(managedByHost({ name: 'lab.example.com.', type: 'NS' }, z, ROUTE53_CAPABILITIES)).toBe(false);
    expect(managedByHost({ name: 'example.com.', type: 'SOA' }, z, ZONEFILE_CAPABILITIES)).toBe(false);
    expect(managedByHost({ name: 'example.com.', type: 'NS' }, z, ZONEFILE_CAPABILITIES)).toBe(false);
  });
});

describe('mail-critical records', () => {
  test.each([
    ['MX', { type: 'MX', preference: 10, exchange: 'smtp.example.com.' }, 'example.com.', true],
    ['SPF TXT', { type: 'TXT', text: 'v=spf1 mx -all' }, 'example.com.', true],
    ['other TXT', { type: 'TXT', text: 'google-site-verification=x' }, 'example.com.', false],
    ['mail host A', { type: 'A', address: '192.0.2.25' }, 'smtp.example.com.', true],
    ['web host A', { type: 'A', address: '192.0.2.80' }, 'www.example.com.', false],
  ] as const)('%s: %s', (_, data, name, critical) => {
    const z = zone();
    const r = z.add({ name, type: data.type, ttl: 60, data, meta: {} });
    expect(isMailCritical(r, z)).toBe(critical);
  });
});

describe('character-string escapes', () => {
  test.each([
    ['plain text', 'v=spf1 -all', 'v=spf1 -all', 'v=spf1 -all'],
    ['quote and backslash', 'a"b\\c', 'a\\"b\\\\c', 'a\\"b\\\\c'],
    ['non-ASCII (ä = C3 A4)', 'ä', '\\195\\164', '\\303\\244'],
    ['control characters', '\t\n', '\\009\\010', '\\011\\012'],
  ])('%s', (_, input, decimal, octal) => {
    expect(escapeCharacterString(input, 'decimal')).toBe(decimal);
    expect(escapeCharacterString(input, 'octal')).toBe(octal);
  });
});

test('requireTxtSize names the host, the limit and the size', () => {
  const z = zone();
  const r = z.add({ name: 'big.example.com.', type: 'TXT', ttl: 60, data: { type: 'TXT', text: 'x' }, meta: {} });
  expect(() => requireTxtSize('Route53', ROUTE53_CAPABILITIES, r, 4000)).not.toThrow();
  expect(() => requireTxtSize('Route53', ROUTE53_CAPABILITIES, r, 4001)).toThrow(UnsupportedTypeError);
  expect(() => requireTxtSize('Route53', ROUTE53_CAPABILITIES, r, 4001)).toThrow('Route53 cannot publish TXT longer than 4000 bytes (4001) records (big.example.com)');
});
