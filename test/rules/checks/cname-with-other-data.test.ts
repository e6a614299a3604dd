import { findingsOf, messagesOf, planned, PUBLIC_V4, REASON, suppressedFindings, zoneWith } from '../../helpers/zone';

const RULE = 'CNAME_WITH_OTHER_DATA';

describe(RULE, () => {
  test('compliant: the guide\'s aliases imap and mail stand alone', () => {
    const zone = planned({ mailHosts: [{ name: 'smtp', ipv4: [PUBLIC_V4], mx: 10, aliases: ['imap', 'mail'] }] });
    expect(findingsOf(RULE, zone)).toEqual([]);
  });

  test('a CNAME beside a TXT record, with the exact finding text', () => {
    const zone = planned({
      webHosts: [{ name: 'shop', cname: 'shops.example.net.' }],
      records: [{ name: 'shop', type: 'TXT', value: 'google-site-verification=abc' }],
    });
    expect(messagesOf(RULE, zone)).toEqual([
      "CNAME_WITH_OTHER_DATA: shop.example.com has a CNAME beside TXT (CNAME -> shops.example.net) — a name with a CNAME can have no other data (RFC 1034 §3.6.2); resolvers will ignore one or the other — keep only the CNAME, or replace it with the target's A/AAAA records",
    ]);
  });

  test('a mail alias that also has an address', () => {
    const zone = planned({ mailHosts: [{ name: 'smtp', ipv4: [PUBLIC_V4], aliases: ['mail'] }], webHosts: [{ name: 'mail', ipv4: [PUBLIC_V4] }] });
    const [f] = findingsOf(RULE, zone);
    expect(f.name).toBe('mail.example.com.');
    expect(f.message).toContain('has a CNAME beside A, TXT (CNAME -> smtp.example.com)');
  });

  test('two CNAMEs at one name', () => {
    const zone = zoneWith('example.com.', [
      ['www', 'CNAME', 'a.example.net.'],
      ['www', 'CNAME', 'b.example.net.'],
    ]);
    expect(messagesOf(RULE, zone)[0]).toContain('www.example.com has 2 CNAMEs (CNAME -> a.example.net, b.example.net)');
  });

  test('a CNAME at the apex beside only SOA and NS is left to CNAME_AT_APEX', () => {
    const zone = zoneWith('example.com.', [
      ['@', 'SOA', 'ns1.example.net. hostmaster 1 43200 900 2419200 10800'],
      ['@', 'NS', 'ns1.example.net.'],
      ['@', 'CNAME', 'site.example.net.'],
    ]);
    expect(findingsOf(RULE, zone)).toEqual([]);
  });

  test('a CNAME at the apex beside MX is reported', () => {
    const zone = zoneWith('example.com.', [
      ['@', 'NS', 'ns1.example.net.'],
      ['@', 'MX', '10 mx.example.net.'],
      ['@', 'CNAME', 'site.example.net.'],
    ]);
    expect(messagesOf(RULE, zone)[0]).toContain('example.com has a CNAME beside NS, MX');
  });

  test('suppressed at the name', () => {
    const zone = zoneWith('example.com.', [
      ['www', 'CNAME', 'a.example.net.'],
      ['www', 'A', '192.0.2.1'],
    ]);
    expect(suppressedFindings(RULE, zone, 'www.example.com.')).toEqual([expect.objectContaining({ suppressed: true, reason: REASON })]);
  });
});
