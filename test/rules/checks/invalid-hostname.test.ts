import { RData } from '../../../lib/model/records';
import { Zone } from '../../../lib/model/zone';
import { findingsOf, messagesOf, planned, PUBLIC_V4, raw, REASON, suppressedFindings } from '../../helpers/zone';

const RULE = 'INVALID_HOSTNAME';

/** Targets with underscores cannot come through the planner, which refuses them; a zone file import can hold them. */
function zone(...rows: [string, RData][]): Zone {
  const z = new Zone('example.com.');
  for (const [name, data] of rows) z.add(raw(name, data));
  return z;
}

describe(RULE, () => {
  test('compliant: the guide\'s zone shapes, the null MX, a wildcard A, underscore owners of TXT and SRV', () => {
    const z = planned({
      nameServers: ['ns1.example.net.', 'ns2.example.net.'],
      mailHosts: [{ name: 'smtp', ipv4: [PUBLIC_V4], mx: 10, services: ['submissions'] }],
      records: [
        { name: '*', type: 'A', value: PUBLIC_V4 },
        { name: '_dmarc', type: 'TXT', value: 'v=DMARC1; p=reject' },
        { name: 'parked', type: 'MX', value: '0 .' },
      ],
    });
    expect(findingsOf(RULE, z)).toEqual([]);
  });

  test('an MX target with an underscore, with the exact finding text', () => {
    const z = zone(['example.com.', { type: 'MX', preference: 10, exchange: 'mx_1.example.com.' }]);
    expect(messagesOf(RULE, z)).toEqual([
      "INVALID_HOSTNAME: MX target mx_1.example.com is not a valid host name — mail and name-server targets must be letters, digits and inner hyphens; senders refuse others (RFC 1123 §2.1, RFC 2181 §11) — use the host's real name",
    ]);
    expect(findingsOf(RULE, z)[0]).toMatchObject({ severity: 'error', name: 'example.com.' });
  });

  test.each<[string, [string, RData]]>([
    ['an NS target', ['example.com.', { type: 'NS', target: 'ns-.example.net.' }]],
    ['an SRV target', ['_imaps._tcp.example.com.', { type: 'SRV', priority: 0, weight: 1, port: 993, target: '_imap.example.com.' }]],
  ])('%s that is no host name', (_what, row) => {
    expect(messagesOf(RULE, zone(row))).toEqual([expect.stringContaining(`${row[1].type} target`)]);
  });

  test('an A record at a name that is no host name', () => {
    const z = zone(['_acme.example.com.', { type: 'A', address: '192.0.2.1' }]);
    expect(messagesOf(RULE, z)).toEqual([
      'INVALID_HOSTNAME: _acme.example.com has an A record but is not a valid host name — hosts are named with letters, digits and inner hyphens (RFC 1123 §2.1) — rename the host',
    ]);
  });

  test('a mail host fact with a name that is no host name', () => {
    const z = new Zone('example.com.');
    z.hosts.push({ name: 'mail_relay.example.com.', kind: 'mail', addresses: [], sends: true, source: 'mailHosts[0]' });
    expect(messagesOf(RULE, z)).toEqual([
      'INVALID_HOSTNAME: mail host mail_relay.example.com is not a valid host name — RFC 5321 §2.3.5 requires a host name of letters, digits and hyphens — rename the host',
    ]);
  });

  test('suppressed', () => {
    const z = zone(['example.com.', { type: 'MX', preference: 10, exchange: 'mx_1.example.com.' }]);
    expect(suppressedFindings(RULE, z)).toEqual([expect.objectContaining({ suppressed: true, reason: REASON })]);
  });
});
