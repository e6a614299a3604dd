import { generateKeyPairSync } from 'node:crypto';
import { Zone } from '../../../lib/model/zone';
import { DnsRecord, RData } from '../../../lib/model/records';
import { cloudflareAdapter } from '../../../lib/providers/cloudflare/render';
import { UnsupportedTypeError } from '../../../lib/providers/types';

function zoneOf(records: [string, RData, Partial<DnsRecord['meta']>?][]): Zone {
  const z = new Zone('example.com.', { defaultTtl: 3600 });
  records.forEach(([name, data, meta], i) => z.add({ name, type: data.type, ttl: 3600, data, meta: { role: `r${i}`, ...meta } }));
  return z;
}

const render = (z: Zone) => cloudflareAdapter.render(z, { provider: 'cloudflare', zoneId: 'zid' }, 'example_com').resources;

describe('Cloudflare rendering', () => {
  test('SOA and apex NS are left to Cloudflare; delegations below the apex are kept', () => {
    const z = zoneOf([
      ['example.com.', { type: 'SOA', mname: 'ns1.example.net.', rname: 'hostmaster.example.com.', serial: 1, refresh: 43200, retry: 900, expire: 2419200, minimum: 10800 }],
      ['example.com.', { type: 'NS', target: 'ns1.example.net.' }],
      ['lab.example.com.', { type: 'NS', target: 'ns.lab.example.net.' }],
    ]);
    expect(render(z).map((r) => `${r.attributes.name} ${r.attributes.type} ${r.attributes.content}`)).toEqual(['lab.example.com NS ns.lab.example.net']);
  });

  test('a 4096-bit DKIM key is emitted as quoted strings of at most 255 bytes that join back to the value', () => {
    const spki = generateKeyPairSync('rsa', { modulusLength: 4096 }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const text = `v=DKIM1; k=rsa; p=${spki}`;
    const [r] = render(zoneOf([['s1._domainkey.example.com.', { type: 'TXT', text }]]));
    const content = r.attributes.content as string;
    const strings = [...content.matchAll(/"([^"]*)"/g)].map((m) => m[1]);
    expect(strings.length).toBeGreaterThan(2);
    expect(strings.every((s) => Buffer.byteLength(s) <= 255)).toBe(true);
    expect(strings.join('')).toBe(text);
    // Exactly one space between strings and nothing else: the form the API stores.
    expect(content).toBe(strings.map((s) => `"${s}"`).join(' '));
  });

  test('quotes and backslashes inside TXT are escaped', () => {
    const [r] = render(zoneOf([['t.example.com.', { type: 'TXT', text: 'say "hi" \\ bye' }]]));
    expect(r.attributes.content).toBe('"say \\"hi\\" \\\\ bye"');
  });

  test('MX, null MX, SRV, CAA and TLSA', () => {
    const rs = render(
      zoneOf([
        ['example.com.', { type: 'MX', preference: 10, exchange: 'smtp.example.com.' }],
        ['example.org.example.com.', { type: 'MX', preference: 0, exchange: '.' }],
        ['_submissions._tcp.example.com.', { type: 'SRV', priority: 0, weight: 1, port: 465, target: 'smtp.example.com.' }],
        ['example.com.', { type: 'CAA', flags: 0, tag: 'issue', value: 'letsencrypt.org' }],
        ['_25._tcp.smtp.example.com.', { type: 'TLSA', usage: 3, selector: 1, matchingType: 1, certificate: 'ab'.repeat(32) }],
      ]),
    );
    expect(rs[0].attributes).toMatchObject({ type: 'MX', content: 'smtp.example.com', priority: 10 });
    expect(rs[1].attributes).toMatchObject({ type: 'MX', content: '.', priority: 0 });
    expect(rs[2].attributes).toMatchObject({ type: 'SRV', data: { priority: 0, weight: 1, port: 465, target: 'smtp.example.com' } });
    expect(rs[3].attributes).toMatchObject({ type: 'CAA', data: { flags: 0, tag: 'issue', value: 'letsencrypt.org' } });
    expect(rs[4].attributes).toMatchObject({ type: 'TLSA', data: { usage: 3, selector: 1, matching_type: 1, certificate: 'ab'.repeat(32) } });
  });

  test('proxied records get the automatic TTL (1); others keep theirs', () => {
    const rs = render(zoneOf([['www.example.com.', { type: 'A', address: '203.0.113.80' }, { proxied: true }], ['api.example.com.', { type: 'A', address: '203.0.113.81' }]]));
    expect(rs.map((r) => [r.attributes.ttl, r.attributes.proxied])).toEqual([
      [1, true],
      [3600, false],
    ]);
  });

  test('an SPF-type record is refused with PROVIDER_UNSUPPORTED_TYPE, never dropped', () => {
    expect(() => render(zoneOf([['example.com.', { type: 'SPF', text: 'v=spf1 -all' }]]))).toThrow(UnsupportedTypeError);
    expect(() => render(zoneOf([['example.com.', { type: 'SPF', text: 'v=spf1 -all' }]]))).toThrow(/^PROVIDER_UNSUPPORTED_TYPE: Cloudflare cannot publish SPF records \(example\.com\)/);
  });

  test('mail-critical records are replaced create-before-destroy', () => {
    const z = zoneOf([
      ['example.com.', { type: 'MX', preference: 10, exchange: 'smtp.example.com.' }],
      ['example.com.', { type: 'TXT', text: 'v=spf1 mx -all' }],
      ['example.com.', { type: 'TXT', text: 'google-site-verification=abc' }],
    ]);
    expect(render(z).map((r) => r.createBeforeDestroy === true)).toEqual([true, true, false]);
  });
});
