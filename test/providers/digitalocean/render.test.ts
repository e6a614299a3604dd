import { Domain } from '@cdktf/provider-digitalocean/lib/domain';
import { DigitaloceanProvider } from '@cdktf/provider-digitalocean/lib/provider';
import { Record as DoRecord } from '@cdktf/provider-digitalocean/lib/record';
import { RData } from '../../../lib/model/records';
import { Zone } from '../../../lib/model/zone';
import { digitaloceanAdapter } from '../../../lib/providers/digitalocean/render';
import { UnsupportedTypeError } from '../../../lib/providers/types';
import { DomainSpec, RecordSpec } from '../../../lib/spec/types';
import { contractSpec, dkim4096 } from '../support';
import { resourcesOf, synthDomain } from '../synth';

/** The contract zone without what DigitalOcean cannot hold (see the contract suite). */
function doSpec(dns: DomainSpec['dns']): DomainSpec {
  const spec = contractSpec(dns!);
  const refused = (r: RecordSpec) => r.type === 'TLSA' || r.type === 'PTR' || (r.type === 'MX' && r.value === '0 .') || ['s4096._domainkey', 'quoted'].includes(r.name);
  return { ...spec, records: spec.records!.filter((r) => !refused(r)) };
}

function one(name: string, data: RData): Zone {
  const z = new Zone('example.com.');
  z.add({ name, type: data.type, ttl: 3600, data, meta: { role: 'r' } });
  return z;
}
const render = (z: Zone) => digitaloceanAdapter.render(z, { provider: 'digitalocean', zoneId: 'example.com' }, 'p').resources;

describe('DigitalOcean through cdktf', () => {
  let existing: string;
  let created: string;
  beforeAll(() => {
    existing = synthDomain(doSpec({ provider: 'digitalocean', zoneId: 'example.com' }));
    created = synthDomain(doSpec({ provider: 'digitalocean' }));
  });

  test('the digitalocean provider is declared', () => {
    expect(existing).toHaveProvider(DigitaloceanProvider);
  });

  test.each([
    ['A', 'smtp', { value: '192.0.2.25', ttl: 300 }],
    ['A', 'www', { value: '192.0.2.81', ttl: 3600 }],
    ['A', '*', { value: '192.0.2.80' }],
    ['AAAA', 'smtp', { value: '2001:db8::25', ttl: 300 }],
    ['MX', '@', { value: 'smtp.example.com.', priority: 10 }],
    ['TXT', '@', { value: 'v=spf1 mx -all' }],
    ['TXT', '_dmarc', { value: 'v=DMARC1; p=reject; rua=mailto:dmarc-reports@example.com', ttl: 600 }],
    ['CNAME', 'imap', { value: 'smtp.example.com.' }],
    ['NS', 'lab', { value: 'ns2.lab.example.net.' }],
    ['SRV', '_submissions._tcp', { value: 'smtp.example.com.', priority: 0, weight: 1, port: 465 }],
    ['CAA', '@', { value: 'letsencrypt.org.', flags: 0, tag: 'issue' }],
    ['CAA', '@', { value: 'mailto:security@example.com', flags: 0, tag: 'iodef' }],
  ])('%s %s is a digitalocean_record per value', (type, name, props) => {
    expect(existing).toHaveResourceWithProperties(DoRecord, { domain: 'example.com', type, name, ...props });
  });

  test('one resource per value: the two www addresses are two records with their own ids', () => {
    const records = resourcesOf(existing, 'digitalocean_record');
    expect(records['example_com_a-www'].value).toBe('192.0.2.80');
    expect(records['example_com_a-www-2'].value).toBe('192.0.2.81');
  });

  test('without zoneId the domain is created and referenced by name', () => {
    expect(created).toHaveResourceWithProperties(Domain, { name: 'example.com' });
    expect(Object.values(resourcesOf(created, 'digitalocean_record')).every((r) => r.domain === '${digitalocean_domain.example_com_zone.name}')).toBe(true);
    expect(existing).not.toHaveResource(Domain);
  });
});

describe('DigitalOcean quirks', () => {
  // Quirk: the provider reads CNAME, MX, NS, SRV and CAA data back with a dot appended, except
  // iodef (terraform-provider-digitalocean digitalocean/domain/resource_record.go); the API
  // wants CAA issuers with the dot (DNSControl providers/digitalocean, toReq).
  test('targets and CAA issuers are written with the trailing dot the provider reads back', () => {
    expect(render(one('example.com.', { type: 'MX', preference: 5, exchange: 'mx.example.net.' }))[0].attributes).toMatchObject({ value: 'mx.example.net.', priority: 5, name: '@' });
    expect(render(one('example.com.', { type: 'CAA', flags: 128, tag: 'issuewild', value: 'pki.example' }))[0].attributes).toMatchObject({ value: 'pki.example.', flags: 128, tag: 'issuewild' });
    expect(render(one('example.com.', { type: 'CAA', flags: 0, tag: 'iodef', value: 'https://example.com/caa' }))[0].attributes).toMatchObject({ value: 'https://example.com/caa' });
  });

  // Quirk: the provider accepts CAA tags issue, issuewild and iodef only (resource_record.go
  // validation); an issuer value with parameters would be mangled by the appended dot.
  test.each([
    [{ type: 'CAA', flags: 0, tag: 'issuemail', value: 'mail.example' }, 'CAA issuemail'],
    [{ type: 'CAA', flags: 0, tag: 'issue', value: 'ca.example; validationmethods=dns-01' }, 'CAA issue with a value other than an issuer domain'],
    [{ type: 'CAA', flags: 0, tag: 'issue', value: ';' }, 'CAA issue with a value other than an issuer domain'],
  ] as [RData, string][])('%#: %s', (data, what) => {
    expect(() => render(one('example.com.', data))).toThrow(UnsupportedTypeError);
    expect(() => render(one('example.com.', data))).toThrow(`PROVIDER_UNSUPPORTED_TYPE: DigitalOcean cannot publish ${what}`);
  });

  // Quirk: a null MX is rejected by the API (DNSControl providers/digitalocean/auditrecords.go,
  // rejectif.MxNull) and would read back as ".." (resource_record.go appends a dot).
  test('a null MX fails the synth naming DigitalOcean', () => {
    expect(() => render(one('example.com.', { type: 'MX', preference: 0, exchange: '.' }))).toThrow(
      'PROVIDER_UNSUPPORTED_TYPE: DigitalOcean cannot publish null MX (RFC 7505) records (example.com)',
    );
  });

  // Quirk: the API limits a TXT record's encoded form (quoted strings, separators) to about 512
  // bytes (DNSControl MaxLengthDO: over 509 fails; DNSControl#370): a 2048-bit DKIM key fits, a
  // 4096-bit one does not.
  test('TXT: the logical value is written; a 4096-bit DKIM key is refused, a 2048-bit one is not', () => {
    const dkim2048 = `v=DKIM1; k=rsa; p=${'M'.repeat(392)}`;
    expect(render(one('s2048._domainkey.example.com.', { type: 'TXT', text: dkim2048 }))[0].attributes.value).toBe(dkim2048);
    expect(() => render(one('s4096._domainkey.example.com.', { type: 'TXT', text: `v=DKIM1; k=rsa; p=${dkim4096()}` }))).toThrow(
      /^PROVIDER_UNSUPPORTED_TYPE: DigitalOcean cannot publish TXT longer than 509 bytes \(762\) records \(s4096\._domainkey\.example\.com\)/,
    );
  });

  // Quirk: TXT with a backslash and empty TXT are rejected (DNSControl rejectif.TxtHasBackslash,
  // rejectif.TxtIsEmpty); double quotes are fine (DNSControl#2691).
  test('TXT holding a backslash or nothing fails; double quotes pass through', () => {
    expect(() => render(one('t.example.com.', { type: 'TXT', text: 'a\\b' }))).toThrow(/DigitalOcean cannot publish TXT containing a backslash/);
    expect(() => render(one('t.example.com.', { type: 'TXT', text: '' }))).toThrow(/DigitalOcean cannot publish empty TXT/);
    expect(render(one('t.example.com.', { type: 'TXT', text: 'say "hi"' }))[0].attributes.value).toBe('say "hi"');
  });

  // Quirk: DigitalOcean has no PTR or TLSA records (API domain records reference; the provider's
  // `type` validation lists A, AAAA, CAA, CNAME, MX, NS, TXT, SRV, SOA).
  test.each([
    [{ type: 'PTR', target: 'smtp.example.com.' }, 'PTR'],
    [{ type: 'TLSA', usage: 3, selector: 1, matchingType: 1, certificate: 'ab' }, 'TLSA'],
  ] as [RData, string][])('%s fails the synth', (data, type) => {
    expect(() => render(one('x.example.com.', data))).toThrow(`PROVIDER_UNSUPPORTED_TYPE: DigitalOcean cannot publish ${type} records (x.example.com)`);
  });

  // Quirk: all records of a name and type get the TTL of the last one written (the provider
  // warns "TTL ... changed", RFC 2181 §5.2): every record carries its rrset's TTL.
  test('records of one rrset share its TTL', () => {
    const z = new Zone('example.com.');
    z.add({ name: 'www.example.com.', type: 'A', ttl: 300, data: { type: 'A', address: '192.0.2.1' }, meta: {} });
    z.add({ name: 'www.example.com.', type: 'A', ttl: 900, data: { type: 'A', address: '192.0.2.2' }, meta: {} });
    expect(render(z).map((r) => r.attributes.ttl)).toEqual([300, 300]);
  });
});
