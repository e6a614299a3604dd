import { MailDnsError } from '../../lib/model/errors';
import { check } from '../../lib/spec/schema';
import { FILE_SCHEMA, zoneSchema } from '../../lib/spec/spec-schema';
import { ARTICLE } from '../helpers/zone';

function fieldOf(kind: unknown, value: unknown): string {
  try {
    check(zoneSchema(kind), value);
  } catch (e) {
    expect(e).toBeInstanceOf(MailDnsError);
    return `${(e as MailDnsError).field} | ${(e as MailDnsError).message}`;
  }
  return 'ok';
}

describe('zoneSchema: domain', () => {
  test('the issue\'s example spec is valid, with extra MX and records', () => {
    const spec = {
      ...ARTICLE,
      mx: [{ priority: 20, host: 'backup-mx.example.net.' }],
      records: [{ name: 'shop', type: 'CNAME', value: 'shops.example.net.' }],
    };
    expect(fieldOf(undefined, spec)).toBe('ok');
    expect(fieldOf('domain', { ...spec, kind: 'domain' })).toBe('ok');
  });

  test.each<[string, object]>([
    ['spf as text', { spf: 'v=spf1 mx -all' }],
    ['spf false', { spf: false }],
    ['spf as parts', { spf: { mx: true, ip4: ['192.0.2.0/24'], include: ['_spf.example.net'], all: '~' } }],
    ['dmarc as text', { dmarc: 'v=DMARC1; p=reject' }],
    ['dmarc as parts', { dmarc: { p: 'quarantine', rua: ['mailto:d@example.com'] } }],
    ['a host-level suppression', { mailHosts: [{ name: 'smtp', ipv4: ['192.0.2.25'], suppress: [{ rule: 'MAIL_HOST_PRIVATE_IP', reason: 'lab network only' }] }] }],
    ['rules overrides', { rules: { NS_COUNT: 'warning', SPF_PTR: 'off' } }],
    ['a web host CNAME', { webHosts: [{ name: 'shop', cname: 'shops.example.net.' }] }],
    ['a mail host renamed keeping its id', { mailHosts: [{ name: 'smtp2', id: 'smtp', ipv4: ['192.0.2.25'], mx: 10 }] }],
    ['a record with several values', { records: [{ name: '@', type: 'TXT', value: ['a', 'b'], ttl: 300 }] }],
  ])('accepts %s', (_what, extra) => {
    expect(fieldOf(undefined, { domain: 'example.com', ...extra })).toBe('ok');
  });

  test('a mail host id that is not a lower-case label is reported at mailHosts[0].id', () => {
    expect(fieldOf(undefined, { domain: 'example.com', mailHosts: [{ name: 'smtp2', id: 'SMTP main', ipv4: ['192.0.2.25'] }] })).toMatch(/^mailHosts\[0\]\.id \| .*expected something like "smtp"/);
  });

  test.each<[string, object, string]>([
    ['a misspelt mailHosts', { mailHost: [] }, 'mailHost | mailHost: unknown field "mailHost" — did you mean "mailHosts"?'],
    ['a misspelt host field', { mailHosts: [{ name: 'smtp', ip4: [] }] }, 'mailHosts[0].ip4 | mailHosts[0].ip4: unknown field "ip4" — did you mean "ipv4"?'],
    ['an unquoted address that YAML read as a number', { mailHosts: [{ name: 'smtp', ipv4: ['192.0.2.25', 1] }] }, 'mailHosts[0].ipv4[1] | mailHosts[0].ipv4[1]: expected text such as 192.0.2.25 (received number 1) — quote it'],
    ['an MX preference as text', { mailHosts: [{ name: 'smtp', mx: 'ten' }] }, 'mailHosts[0].mx | mailHosts[0].mx: expected a whole number 0..65535 (received string "ten")'],
    ['a negative TTL', { ttl: -5 }, 'ttl | ttl: -5 is out of range 0..2147483647'],
    ['a record type not supported', { records: [{ name: 'x', type: 'HINFO', value: 'a' }] }, 'records[0].type | records[0].type: expected one of A, AAAA, MX, TXT, CNAME, NS, PTR, SRV, CAA, TLSA, SPF (received string "HINFO")'],
    ['a suppression without reason', { suppress: [{ rule: 'NS_COUNT' }] }, 'suppress[0].reason | suppress[0].reason: required field is missing'],
    ['a lower-case rule id', { suppress: [{ rule: 'ns_count', reason: 'the registrar forces one' }] }, 'suppress[0].rule | suppress[0].rule: "ns_count" is not valid — expected something like NS_COUNT'],
    ['a rules override with a bad severity', { rules: { NS_COUNT: 'info' } }, 'rules.NS_COUNT | rules.NS_COUNT: expected one of off, warning, error (received string "info")'],
    ['a dns provider not known', { dns: { provider: 'cloudflair' } }, 'dns.provider | dns.provider: expected one of cloudflare, route53, google, azure, digitalocean, rfc2136, zonefile (received string "cloudflair") — did you mean "cloudflare"?'],
    ['spf true', { spf: true }, 'spf | spf: expected SPF text, { mx, ip4, include, all } or false (received boolean true)'],
    ['a bad spf part', { spf: { all: 'x' } }, 'spf.all | spf.all: expected one of -, ~, ?, + (received string "x")'],
    ['a mail host without name', { mailHosts: [{ ipv4: ['192.0.2.25'] }] }, 'mailHosts[0].name | mailHosts[0].name: required field is missing'],
  ])('rejects %s at its path', (_what, extra, expected) => {
    expect(fieldOf(undefined, { domain: 'example.com', ...extra })).toBe(expected);
  });

  test('the domain is required', () => {
    expect(fieldOf(undefined, { ttl: 300 })).toBe('domain | domain: required field is missing');
  });
});

describe('zoneSchema: parked and reverse', () => {
  test('a parked domain has no mail hosts', () => {
    expect(fieldOf('parked', { kind: 'parked', domain: 'example.org', webHosts: [{ name: '@', ipv4: ['192.0.2.80'] }] })).toBe('ok');
    expect(fieldOf('parked', { kind: 'parked', domain: 'example.org', mailHosts: [] })).toMatch(/^mailHosts \| mailHosts: unknown field "mailHosts"/);
  });

  test('a reverse zone needs a network, not a domain', () => {
    expect(fieldOf('reverse', { kind: 'reverse', network: '192.0.2.0/24' })).toBe('ok');
    expect(fieldOf('reverse', { kind: 'reverse' })).toBe('network | network: required field is missing');
  });
});

describe('FILE_SCHEMA', () => {
  test('a domains list with app-wide rules', () => {
    expect(() => check(FILE_SCHEMA, { domains: [{ domain: 'a.example' }], rules: { NS_COUNT: 'off' } })).not.toThrow();
  });

  test('domains must be a list', () => {
    expect(() => check(FILE_SCHEMA, { domains: { domain: 'a.example' } })).toThrow('domains: expected a list (received a mapping)');
  });

  test('an unknown top-level field beside domains', () => {
    expect(() => check(FILE_SCHEMA, { domains: [], rule: {} })).toThrow('rule: unknown field "rule" — did you mean "rules"?');
  });
});
