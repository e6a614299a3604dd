import { Zone } from '../../../lib/model/zone';
import { findingsOf, messagesOf, planned, REASON, suppressedFindings } from '../../helpers/zone';

const RULE = 'NS_COUNT';
const servers = (n: number) => Array.from({ length: n }, (_, i) => `ns${i + 1}.example.net.`);

describe(RULE, () => {
  test.each<[number, string | undefined]>([
    [0, 'error'],
    [1, 'error'],
    [2, undefined],
    [5, undefined],
    [6, undefined],
    [7, 'warning'],
    [13, 'warning'],
  ])('%i declared name servers on a self-hosted zone: %s', (n, severity) => {
    const zone = planned({ dns: { provider: 'zonefile' }, nameServers: servers(n) });
    const found = findingsOf(RULE, zone);
    if (severity === undefined) expect(found).toEqual([]);
    else expect(found).toEqual([expect.objectContaining({ rule: RULE, severity, name: 'example.com.' })]);
  });

  test('one name server, with the exact finding text', () => {
    const zone = planned({ dns: { provider: 'zonefile' }, nameServers: ['ns1.example.net.'] });
    expect(messagesOf(RULE, zone)).toEqual([
      'NS_COUNT: example.com has 1 name server (ns1.example.net) — a zone needs at least two, on separate networks, or one outage takes the domain and its mail offline (RFC 1034 §4.1, RFC 2182 §5) — list at least two in nameServers',
    ]);
  });

  test('none declared on a self-hosted zone says none', () => {
    const zone = planned({ dns: { provider: 'zonefile' } });
    expect(messagesOf(RULE, zone)[0]).toContain('example.com has 0 name servers (none) —');
  });

  test('seven name servers, with the exact finding text', () => {
    const zone = planned({ dns: { provider: 'zonefile' }, nameServers: servers(7) });
    expect(messagesOf(RULE, zone)).toEqual([
      'NS_COUNT: example.com has 7 name servers (ns1.example.net, ns2.example.net, ns3.example.net, ns4.example.net, ns5.example.net, ns6.example.net, ns7.example.net) — more than five or six adds little availability and can overflow referral responses (RFC 2182 §5) — keep two to six',
    ]);
  });

  test.each(['cloudflare', 'route53', 'google', 'azure', 'digitalocean'] as const)('no declared NS is fine on %s, which publishes its own', (provider) => {
    expect(findingsOf(RULE, planned({ dns: { provider } }))).toEqual([]);
  });

  test('a declared single NS is still an error on a managed host', () => {
    expect(findingsOf(RULE, planned({ nameServers: ['ns1.example.net.'] }))).toHaveLength(1);
  });

  test('a reverse zone without declared NS is not judged', () => {
    expect(findingsOf(RULE, new Zone('2.0.192.in-addr.arpa.', { kind: 'reverse', provider: 'zonefile' }))).toEqual([]);
  });

  test('suppressed', () => {
    const zone = planned({ dns: { provider: 'zonefile' }, nameServers: ['ns1.example.net.'] });
    expect(suppressedFindings(RULE, zone)).toEqual([expect.objectContaining({ suppressed: true, reason: REASON })]);
  });
});
