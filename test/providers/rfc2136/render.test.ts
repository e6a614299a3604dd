import { AaaaRecordSet } from '@cdktf/provider-dns/lib/aaaa-record-set';
import { ARecordSet } from '@cdktf/provider-dns/lib/a-record-set';
import { CnameRecord } from '@cdktf/provider-dns/lib/cname-record';
import { MxRecordSet } from '@cdktf/provider-dns/lib/mx-record-set';
import { NsRecordSet } from '@cdktf/provider-dns/lib/ns-record-set';
import { DnsProvider } from '@cdktf/provider-dns/lib/provider';
import { PtrRecord } from '@cdktf/provider-dns/lib/ptr-record';
import { SrvRecordSet } from '@cdktf/provider-dns/lib/srv-record-set';
import { TxtRecordSet } from '@cdktf/provider-dns/lib/txt-record-set';
import { MailDnsError } from '../../../lib/model/errors';
import { RData } from '../../../lib/model/records';
import { Zone } from '../../../lib/model/zone';
import { rfc2136Adapter } from '../../../lib/providers/rfc2136/render';
import { DnsTargetSpec, DomainSpec } from '../../../lib/spec/types';
import { contractSpec, dkim4096, unescapeDecimal } from '../support';
import { synthDomain } from '../synth';

const TARGET: DnsTargetSpec = { provider: 'rfc2136', server: 'ns1.example.net', keyName: 'mail-dns-update', keyAlgorithm: 'hmac-sha512' };

/** The contract zone without CAA and TLSA, which hashicorp/dns 3.4 cannot write. */
function dnsSpec(dns: DnsTargetSpec): DomainSpec {
  const spec = contractSpec(dns);
  return { ...spec, records: spec.records!.filter((r) => r.type !== 'TLSA' && r.type !== 'CAA') };
}

function one(name: string, data: RData, target: DnsTargetSpec = TARGET) {
  const z = new Zone('example.com.');
  z.add({ name, type: data.type, ttl: 3600, data, meta: { role: 'r' } });
  return rfc2136Adapter.render(z, target, 'p');
}

const zone = 'example.com.';

describe('RFC 2136 (hashicorp/dns) through cdktf', () => {
  let out: string;
  beforeAll(() => {
    out = synthDomain(dnsSpec(TARGET));
  });

  test('the update block names the server and the TSIG key; the secret is a sensitive variable', () => {
    expect(out).toHaveProviderWithProperties(DnsProvider, {
      update: [{ server: 'ns1.example.net', key_name: 'mail-dns-update.', key_algorithm: 'hmac-sha512', key_secret: '${var.example_com_tsig_key_secret}' }],
    });
    const json = JSON.parse(out);
    expect(json.variable.example_com_tsig_key_secret).toMatchObject({ sensitive: true, type: 'string' });
    expect(json.variable.example_com_tsig_key_secret.default).toBeUndefined();
  });

  test('record sets per type, relative names, the apex without a name', () => {
    expect(out).toHaveResourceWithProperties(ARecordSet, { zone, name: 'www', ttl: 3600, addresses: ['192.0.2.80', '192.0.2.81'] });
    expect(out).toHaveResourceWithProperties(ARecordSet, { zone, name: '*', addresses: ['192.0.2.80'] });
    expect(out).toHaveResourceWithProperties(AaaaRecordSet, { zone, name: 'smtp', ttl: 300, addresses: ['2001:db8::25'] });
    expect(out).toHaveResourceWithProperties(MxRecordSet, { zone, ttl: 3600, mx: [{ preference: 10, exchange: 'smtp.example.com.' }] });
    expect(out).toHaveResourceWithProperties(MxRecordSet, { zone, name: 'parked', mx: [{ preference: 0, exchange: '.' }] });
    expect(out).toHaveResourceWithProperties(TxtRecordSet, { zone, name: '_dmarc', ttl: 600, txt: ['v=DMARC1; p=reject; rua=mailto:dmarc-reports@example.com'] });
    expect(out).toHaveResourceWithProperties(CnameRecord, { zone, name: 'imap', ttl: 300, cname: 'smtp.example.com.' });
    expect(out).toHaveResourceWithProperties(NsRecordSet, { zone, name: 'lab', nameservers: ['ns1.lab.example.net.', 'ns2.lab.example.net.'] });
    expect(out).toHaveResourceWithProperties(PtrRecord, { zone, name: 'host25', ptr: 'smtp.example.com.' });
    expect(out).toHaveResourceWithProperties(SrvRecordSet, { zone, name: '_xmpp-server._tcp', ttl: 86400, srv: [{ priority: 5, weight: 0, port: 5269, target: 'xmpp.example.net.' }] });
    const apexTxt = Object.values(JSON.parse(out).resource.dns_txt_record_set as Record<string, { name?: string; txt: string[] }>).find((r) => r.txt[0] === 'v=spf1 mx -all')!;
    expect(apexTxt.name).toBeUndefined();
  });

  // Quirk: `ttl` forces a replacement and deleting a record set deletes the RRset on the server
  // (hashicorp/terraform-provider-dns resource_dns_txt_record_set.go: ttl RequiresReplace), so
  // create-before-destroy would delete what it just wrote.
  test('no resource is created before destroy', () => {
    expect(out).not.toMatch(/create_before_destroy/);
  });
});

describe('RFC 2136 quirks', () => {
  // Quirk: the provider inserts `"<txt>"` into a zone-file line (resource_dns_txt_record_set.go)
  // that miekg/dns parses, cutting strings over 255 bytes into 255-byte pieces (scan_rr.go,
  // endingToTxtSlice): an element is the logical value with RFC 1035 escapes, never split.
  test('TXT elements are the escaped logical value; a 4096-bit DKIM key stays one element', () => {
    const text = `v=DKIM1; k=rsa; p=${dkim4096()}`;
    const [dkim] = one('s1._domainkey.example.com.', { type: 'TXT', text }).resources;
    expect(dkim.attributes.txt).toEqual([text]);
    const [quoted] = one('q.example.com.', { type: 'TXT', text: 'say "hi" \\ ünï' }).resources;
    expect(quoted.attributes.txt).toEqual(['say \\"hi\\" \\\\ \\195\\188n\\195\\175']);
    expect(unescapeDecimal((quoted.attributes.txt as string[])[0])).toBe('say "hi" \\ ünï');
  });

  // Quirk: "key_name should be fully-qualified" (provider config.go).
  test('the TSIG key name gets its trailing dot; the algorithm defaults to hmac-sha256', () => {
    const r = one('a.example.com.', { type: 'A', address: '192.0.2.1' }, { provider: 'rfc2136', server: '192.0.2.53', keyName: 'k1' });
    expect(r.provider.config).toEqual({ update: [{ server: '192.0.2.53', keyName: 'k1.', keyAlgorithm: 'hmac-sha256', keySecret: { $var: 'p_tsig_key_secret' } }] });
    expect(r.variables).toEqual([expect.objectContaining({ id: 'p_tsig_key_secret', sensitive: true })]);
  });

  test('without a key name updates are unsigned and no secret variable exists', () => {
    const r = one('a.example.com.', { type: 'A', address: '192.0.2.1' }, { provider: 'rfc2136', server: '192.0.2.53' });
    expect(r.provider.config).toEqual({ update: [{ server: '192.0.2.53' }] });
    expect(r.variables).toEqual([]);
  });

  test.each([
    ['192.0.2.53:5353', { server: '192.0.2.53', port: 5353 }],
    ['ns1.example.net:53', { server: 'ns1.example.net', port: 53 }],
    ['[2001:db8::53]:5353', { server: '2001:db8::53', port: 5353 }],
    ['2001:db8::53', { server: '2001:db8::53' }],
  ])('server %s is written as %j', (server, update) => {
    expect(one('a.example.com.', { type: 'A', address: '192.0.2.1' }, { provider: 'rfc2136', server }).provider.config).toEqual({ update: [update] });
  });

  test('dns.server is required, and the error says so', () => {
    expect(() => one('a.example.com.', { type: 'A', address: '192.0.2.1' }, { provider: 'rfc2136' })).toThrow(MailDnsError);
    expect(() => one('a.example.com.', { type: 'A', address: '192.0.2.1' }, { provider: 'rfc2136' })).toThrow(/^dns\.server: dynamic updates need the primary server of example\.com/);
  });

  // Quirk: hashicorp/dns 3.4 has resources for A, AAAA, CNAME, MX, NS, PTR, SRV and TXT only
  // (the provider's resource list; @cdktf/provider-dns 9 binds 3.4.3).
  test.each([
    [{ type: 'CAA', flags: 0, tag: 'issue', value: 'ca.example' }, 'CAA'],
    [{ type: 'TLSA', usage: 3, selector: 1, matchingType: 1, certificate: 'ab' }, 'TLSA'],
  ] as [RData, string][])('%#: a record of that type fails the synth', (data, type) => {
    expect(() => one('x.example.com.', data)).toThrow(`PROVIDER_UNSUPPORTED_TYPE: RFC 2136 (hashicorp/dns) cannot publish ${type} records (x.example.com)`);
  });

  // Quirk: dns_srv_record_set, dns_ns_record_set and dns_cname_record require `name`, so none of
  // them can be written at the apex (terraform-provider-dns#129).
  test('an SRV at the apex fails instead of landing elsewhere', () => {
    expect(() => one('example.com.', { type: 'SRV', priority: 0, weight: 0, port: 443, target: 'www.example.com.' })).toThrow(
      'PROVIDER_UNSUPPORTED_TYPE: RFC 2136 (hashicorp/dns) cannot publish SRV at the zone apex records (example.com)',
    );
  });

  test('a PTR with two values is refused rather than cut to one (dns_ptr_record holds one)', () => {
    const z = new Zone('example.com.');
    z.add({ name: 'x.example.com.', type: 'PTR', ttl: 60, data: { type: 'PTR', target: 'a.example.net.' }, meta: {} });
    z.add({ name: 'x.example.com.', type: 'PTR', ttl: 60, data: { type: 'PTR', target: 'b.example.net.' }, meta: {} });
    expect(() => rfc2136Adapter.render(z, TARGET, 'p')).toThrow(/cannot publish PTR with several values records/);
  });
});
