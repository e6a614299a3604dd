import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';
import { Zone } from '../../../lib/model/zone';
import { route53Adapter, route53Value } from '../../../lib/providers/route53/render';
import { UnsupportedTypeError } from '../../../lib/providers/types';
import { DomainSpec } from '../../../lib/spec/types';
import { TLSA_HASH, contractSpec, contractZone, dkim4096, parseOctalQuoted } from '../support';
import { resourcesOf, synthDomain } from '../synth';

const EXISTING: DomainSpec = contractSpec({ provider: 'route53', zoneId: 'Z0123456789ABCDEFGHIJ' });
const zoneRef = '${aws_route53_zone.example_com_zone.zone_id}';

describe('Route53 through cdktf', () => {
  let existing: string;
  let created: string;
  beforeAll(() => {
    existing = synthDomain(EXISTING);
    created = synthDomain(contractSpec({ provider: 'route53' }));
  });

  test('the aws provider block targets us-east-1 (Route 53 is global)', () => {
    expect(existing).toHaveProviderWithProperties(AwsProvider, { region: 'us-east-1' });
  });

  test.each([
    ['A', 'smtp.example.com', 300, ['192.0.2.25']],
    ['AAAA', 'smtp.example.com', 300, ['2001:db8::25']],
    ['A', 'www.example.com', 3600, ['192.0.2.80', '192.0.2.81']],
    ['MX', 'example.com', 3600, ['10 smtp.example.com.']],
    ['MX', 'parked.example.com', 3600, ['0 .']],
    ['TXT', 'example.com', 3600, ['v=spf1 mx -all']],
    ['TXT', '_dmarc.example.com', 600, ['v=DMARC1; p=reject; rua=mailto:dmarc-reports@example.com']],
    ['CNAME', 'imap.example.com', 300, ['smtp.example.com.']],
    ['NS', 'lab.example.com', 3600, ['ns1.lab.example.net.', 'ns2.lab.example.net.']],
    ['PTR', 'host25.example.com', 3600, ['smtp.example.com.']],
    ['SRV', '_submissions._tcp.example.com', 300, ['0 1 465 smtp.example.com.']],
    ['SRV', '_xmpp-server._tcp.example.com', 86400, ['5 0 5269 xmpp.example.net.']],
    ['CAA', 'example.com', 3600, ['0 issue "letsencrypt.org"', '0 iodef "mailto:security@example.com"']],
    ['TLSA', '_25._tcp.smtp.example.com', 3600, [`3 1 1 ${TLSA_HASH}`]],
    ['A', '*.example.com', 3600, ['192.0.2.80']],
  ])('%s %s is one aws_route53_record holding the whole rrset', (type, name, ttl, records) => {
    expect(existing).toHaveResourceWithProperties(Route53Record, { zone_id: 'Z0123456789ABCDEFGHIJ', name, type, ttl, records });
  });

  test('without zoneId a hosted zone is created and every record refers to it', () => {
    expect(created).toHaveResourceWithProperties(Route53Zone, { name: 'example.com' });
    const records = Object.values(resourcesOf(created, 'aws_route53_record'));
    expect(records.length).toBeGreaterThan(10);
    expect(records.every((r) => r.zone_id === zoneRef)).toBe(true);
    expect(existing).not.toHaveResource(Route53Zone);
  });

  test('logical ids come from roles: the same in both stacks, whatever the values', () => {
    expect(Object.keys(resourcesOf(existing, 'aws_route53_record'))).toEqual(Object.keys(resourcesOf(created, 'aws_route53_record')));
    expect(resourcesOf(existing, 'aws_route53_record')).toHaveProperty(['example_com_mx-apex']);
    expect(resourcesOf(existing, 'aws_route53_record')).toHaveProperty(['example_com_spf-apex']);
  });

  test('mail-critical rrsets (MX, SPF, mail host addresses) are created before the old ones are destroyed', () => {
    const r = resourcesOf(existing, 'aws_route53_record');
    for (const id of ['example_com_mx-apex', 'example_com_spf-apex', 'example_com_a-smtp', 'example_com_aaaa-smtp']) expect(r[id].lifecycle).toEqual({ create_before_destroy: true });
    expect(r['example_com_cname-imap'].lifecycle).toBeUndefined();
  });

  // Terraform reads JSON strings as templates; an SPF macro must reach Route 53 as written.
  test('an SPF macro (%{i}) is escaped for Terraform as %%{i}', () => {
    expect(existing).toHaveResourceWithProperties(Route53Record, { name: 'macro.example.com', type: 'TXT', records: ['v=spf1 exists:%%{i}._spf.%%{d} -all'] });
  });
});

describe('Route53 quirks', () => {
  // Quirk: apex NS and SOA belong to the hosted zone (Route 53 creates both with the zone; the
  // DeveloperGuide "NS and SOA records that Route 53 creates for a public hosted zone").
  test('the SOA and apex NS are left to the hosted zone; a delegation below the apex is kept', () => {
    const rendering = route53Adapter.render(contractZone({ provider: 'route53' }), { provider: 'route53', zoneId: 'Z1' }, 'example_com');
    const types = rendering.resources.map((r) => `${r.attributes.name} ${r.attributes.type}`);
    expect(types).not.toContain('example.com SOA');
    expect(types).not.toContain('example.com NS');
    expect(types).toContain('lab.example.com NS');
  });

  // Quirk: the AWS provider wraps each `records` element in one pair of quotes
  // (terraform-provider-aws internal/service/route53/flex.go, flattenTxtEntry) and documents
  // "first255characters\"\"morecharacters" for values over 255 characters (aws_route53_record
  // docs; hashicorp/terraform-provider-aws#14941).
  test('a 4096-bit DKIM key becomes 255-byte strings joined by "" with no outer quotes', () => {
    const text = `v=DKIM1; k=rsa; p=${dkim4096()}`;
    const z = new Zone('example.com.');
    const r = z.add({ name: 's1._domainkey.example.com.', type: 'TXT', ttl: 3600, data: { type: 'TXT', text }, meta: { role: 'dkim-s1' } });
    const value = route53Value(r);
    expect(value.startsWith('"')).toBe(false);
    expect(value.endsWith('"')).toBe(false);
    const strings = value.split('""');
    expect(strings.length).toBe(3);
    expect(strings.slice(0, -1).every((s) => Buffer.byteLength(s) === 255)).toBe(true);
    expect(strings.join('')).toBe(text);
    // What Route 53 receives after the provider adds the outer quotes reads back as the value.
    expect(parseOctalQuoted(`"${value}"`)).toBe(text);
  });

  // Quirk: Route 53's TXT format escapes `"` and `\` with a backslash and other characters as
  // three-digit octal codes (DeveloperGuide, ResourceRecordTypes.html#TXTFormat; "ex\344mple").
  test('quotes, backslashes and non-ASCII bytes use Route 53 escapes (octal, not decimal)', () => {
    const z = new Zone('example.com.');
    const r = z.add({ name: 't.example.com.', type: 'TXT', ttl: 60, data: { type: 'TXT', text: 'say "hi" \\ exämple' }, meta: {} });
    expect(route53Value(r)).toBe('say \\"hi\\" \\\\ ex\\303\\244mple');
    expect(parseOctalQuoted(`"${route53Value(r)}"`)).toBe('say "hi" \\ exämple');
  });

  // Quirk: a TXT value holds at most 4,000 characters (AWS knowledge center
  // "route-53-configure-long-spf-txt-records", quoted in gardener/external-dns-management#284).
  test('a TXT value over 4,000 characters fails the synth naming Route53 and TXT', () => {
    const z = new Zone('example.com.');
    z.add({ name: 'big.example.com.', type: 'TXT', ttl: 60, data: { type: 'TXT', text: 'x'.repeat(3990) }, meta: { role: 'txt-big' } });
    expect(() => route53Adapter.render(z, { provider: 'route53', zoneId: 'Z1' }, 'p')).toThrow(UnsupportedTypeError);
    // 3,990 bytes are 16 strings: 3,990 + 15 separators `""` + the outer quotes = 4,022.
    expect(() => route53Adapter.render(z, { provider: 'route53', zoneId: 'Z1' }, 'p')).toThrow(/^PROVIDER_UNSUPPORTED_TYPE: Route53 cannot publish TXT longer than 4000 bytes \(4022\) records \(big\.example\.com\)/);
    const fits = new Zone('example.com.');
    fits.add({ name: 'big.example.com.', type: 'TXT', ttl: 60, data: { type: 'TXT', text: 'x'.repeat(3900) }, meta: { role: 'txt-big' } });
    expect(route53Adapter.render(fits, { provider: 'route53', zoneId: 'Z1' }, 'p').resources).toHaveLength(1);
  });
});
