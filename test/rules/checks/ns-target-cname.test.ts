import { findingsOf, messagesOf, planned, PUBLIC_V4, REASON, suppressedFindings, zoneWith } from '../../helpers/zone';

const RULE = 'NS_TARGET_CNAME';

describe(RULE, () => {
  test('compliant: name servers with addresses or outside the app', () => {
    const zone = planned({ nameServers: ['ns1', 'ns2.example.net.'], records: [{ name: 'ns1', type: 'A', value: PUBLIC_V4 }] });
    expect(findingsOf(RULE, zone)).toEqual([]);
  });

  test('a name server that is an alias, with the exact finding text', () => {
    const zone = planned({ nameServers: ['ns1', 'ns2.example.net.'], records: [{ name: 'ns1', type: 'CNAME', value: 'dns.example.net.' }] });
    expect(messagesOf(RULE, zone)).toEqual([
      'NS_TARGET_CNAME: NS ns1.example.com points to a CNAME (-> dns.example.net) — RFC 2181 §10.3 forbids a name server name that is an alias — name the server by its canonical name dns.example.net',
    ]);
    expect(findingsOf(RULE, zone)[0]).toMatchObject({ severity: 'error', name: 'example.com.' });
  });

  test('a delegation below the apex to an alias in another zone of the app', () => {
    const com = zoneWith('example.com.', [['sub', 'NS', 'ns.example.net.']]);
    const net = zoneWith('example.net.', [['ns', 'CNAME', 'dns.example.org.']]);
    expect(findingsOf(RULE, com, net).map((f) => f.name)).toEqual(['sub.example.com.']);
  });

  test('suppressed at the name server (the finding\'s subject)', () => {
    const zone = planned({ nameServers: ['ns1', 'ns2.example.net.'], records: [{ name: 'ns1', type: 'CNAME', value: 'dns.example.net.' }] });
    expect(suppressedFindings(RULE, zone, 'ns1.example.com.')).toEqual([expect.objectContaining({ suppressed: true, reason: REASON })]);
  });
});
