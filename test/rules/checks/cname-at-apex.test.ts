import { findingsOf, messagesOf, planned, PUBLIC_V4, REASON, suppressedFindings, zoneWith } from '../../helpers/zone';

const RULE = 'CNAME_AT_APEX';

describe(RULE, () => {
  test('compliant: A at the apex, CNAMEs below it', () => {
    const zone = planned({ webHosts: [{ name: '@', ipv4: [PUBLIC_V4] }, { name: 'shop', cname: 'shops.example.net.' }] });
    expect(findingsOf(RULE, zone)).toEqual([]);
  });

  test('a web host CNAME at the apex, with the exact finding text', () => {
    const zone = planned({ spf: false, webHosts: [{ name: '@', cname: 'site.example.net.' }] });
    expect(messagesOf(RULE, zone)).toEqual([
      "CNAME_AT_APEX: example.com is a CNAME (-> site.example.net) — the apex must hold SOA and NS, and a CNAME cannot stand beside other data (RFC 1034 §3.6.2, RFC 1912 §2.4) — publish A/AAAA records at the apex, or use the DNS host's apex flattening (ALIAS/ANAME) outside this zone",
    ]);
    expect(findingsOf(RULE, zone)[0]).toMatchObject({ severity: 'error', name: 'example.com.' });
  });

  test('a CNAME record at the apex beside SOA and NS', () => {
    const zone = zoneWith('example.com.', [
      ['@', 'NS', 'ns1.example.net.'],
      ['@', 'CNAME', 'site.example.net.'],
    ]);
    expect(findingsOf(RULE, zone).map((f) => f.name)).toEqual(['example.com.']);
  });

  test('suppressed', () => {
    const zone = zoneWith('example.com.', [['@', 'CNAME', 'site.example.net.']]);
    expect(suppressedFindings(RULE, zone)).toEqual([expect.objectContaining({ rule: RULE, suppressed: true, reason: REASON })]);
  });
});
