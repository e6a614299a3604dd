import { DnsManagedZone } from '@cdktf/provider-google/lib/dns-managed-zone';
import { DnsRecordSet } from '@cdktf/provider-google/lib/dns-record-set';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { parseTxtStrings } from '../../../lib/model/txt';
import { googleAdapter, managedZoneName } from '../../../lib/providers/google/render';
import { TLSA_HASH, contractSpec, contractZone, dkim4096 } from '../support';
import { resourcesOf, synthDomain } from '../synth';

describe('Google Cloud DNS through cdktf', () => {
  let existing: string;
  let created: string;
  beforeAll(() => {
    existing = synthDomain(contractSpec({ provider: 'google', managedZone: 'prod-example', project: 'mail-dns-test' }));
    created = synthDomain(contractSpec({ provider: 'google' }));
  });

  test('the google provider is declared', () => {
    expect(existing).toHaveProvider(GoogleProvider);
  });

  test.each([
    ['A', 'smtp.example.com.', 300, ['192.0.2.25']],
    ['AAAA', 'smtp.example.com.', 300, ['2001:db8::25']],
    ['MX', 'example.com.', 3600, ['10 smtp.example.com.']],
    ['MX', 'parked.example.com.', 3600, ['0 .']],
    ['TXT', 'example.com.', 3600, ['"v=spf1 mx -all"']],
    ['TXT', '*._domainkey.example.com.', 3600, ['"v=DKIM1; p="']],
    ['CNAME', 'mail.example.com.', 300, ['smtp.example.com.']],
    ['NS', 'lab.example.com.', 3600, ['ns1.lab.example.net.', 'ns2.lab.example.net.']],
    ['PTR', 'host25.example.com.', 3600, ['smtp.example.com.']],
    ['SRV', '_imaps._tcp.example.com.', 300, ['0 1 993 smtp.example.com.']],
    ['CAA', 'example.com.', 3600, ['0 issue "letsencrypt.org"', '0 iodef "mailto:security@example.com"']],
    ['TLSA', '_25._tcp.smtp.example.com.', 3600, [`3 1 1 ${TLSA_HASH}`]],
  ])('%s %s is one google_dns_record_set with rrdatas in presentation form', (type, name, ttl, rrdatas) => {
    expect(existing).toHaveResourceWithProperties(DnsRecordSet, { managed_zone: 'prod-example', project: 'mail-dns-test', name, type, ttl, rrdatas });
  });

  test('without managedZone a managed zone named after the domain is created and referenced', () => {
    expect(created).toHaveResourceWithProperties(DnsManagedZone, { name: 'example-com', dns_name: 'example.com.' });
    expect(Object.values(resourcesOf(created, 'google_dns_record_set')).every((r) => r.managed_zone === '${google_dns_managed_zone.example_com_zone.name}')).toBe(true);
    expect(existing).not.toHaveResource(DnsManagedZone);
    // No project given: the provider's default project applies, so none is written.
    expect(Object.values(resourcesOf(created, 'google_dns_record_set')).some((r) => 'project' in r)).toBe(false);
  });
});

describe('Google Cloud DNS quirks', () => {
  // Quirk: Cloud DNS returns TXT rrdatas quoted and splits an unquoted value on spaces, so an
  // unquoted value differs on every plan (hashicorp/terraform-provider-google#863, #5497).
  test('TXT rrdatas are quoted strings of at most 255 bytes, a 4096-bit DKIM key included', () => {
    const text = `v=DKIM1; k=rsa; p=${dkim4096()}`;
    const rendering = googleAdapter.render(contractZone({ provider: 'google' }), { provider: 'google', managedZone: 'z' }, 'example_com');
    const dkim = rendering.resources.find((r) => r.attributes.name === 's4096._domainkey.example.com.')!;
    const [rrdata] = dkim.attributes.rrdatas as string[];
    expect(rrdata.startsWith('"')).toBe(true);
    const strings = parseTxtStrings(rrdata);
    expect(strings.length).toBe(3);
    expect(strings.every((s) => Buffer.byteLength(s) <= 255)).toBe(true);
    expect(strings.join('')).toBe(text);
    const quoted = rendering.resources.find((r) => r.attributes.name === 'quoted.example.com.')!;
    // RFC 1035 §5.1 escapes inside the quotes: \" \\ and decimal \DDD.
    expect(quoted.attributes.rrdatas).toEqual(['"say \\"hi\\" \\\\ then bye; \\195\\188n\\195\\175"']);
  });

  // Quirk: a managed zone brings its own SOA and apex NS; writing the apex NS fails with
  // "already exists" (hashicorp/terraform#14796).
  test('the SOA and apex NS are left to the managed zone', () => {
    const rendering = googleAdapter.render(contractZone({ provider: 'google' }), { provider: 'google', managedZone: 'z' }, 'example_com');
    const sets = rendering.resources.map((r) => `${r.attributes.name} ${r.attributes.type}`);
    expect(sets).not.toContain('example.com. SOA');
    expect(sets).not.toContain('example.com. NS');
    expect(sets).toContain('lab.example.com. NS');
  });

  // Quirk: managed zone names are 1-63 of [a-z0-9-] starting with a letter (Cloud DNS API).
  test.each([
    ['example.com.', 'example-com'],
    ['Sub.Example.CO.uk.', 'sub-example-co-uk'],
    ['1password.example.', 'zone-1password-example'],
    [`${'a'.repeat(60)}.example.`, 'a'.repeat(60) + '-ex'],
  ])('managed zone name of %s is %s', (origin, name) => {
    expect(managedZoneName(origin)).toBe(name);
    expect(name).toMatch(/^[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/);
  });
});
