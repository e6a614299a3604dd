import { Zone } from '../../../lib/model/zone';
import { findingsOf, messagesOf, planned, PUBLIC_V4, PUBLIC_V6, raw, REASON, suppressedFindings, zoneWith } from '../../helpers/zone';

const RULE = 'MAIL_HOST_PRIVATE_IP';

describe(RULE, () => {
  test('compliant: public addresses on the mail host; private ones on a web host are not judged', () => {
    const zone = planned({
      mailHosts: [{ name: 'smtp', ipv4: [PUBLIC_V4], ipv6: [PUBLIC_V6], mx: 10 }],
      webHosts: [{ name: 'intranet', ipv4: ['10.0.0.80'] }],
    });
    expect(findingsOf(RULE, zone)).toEqual([]);
  });

  test.each<[string, string | undefined]>([
    ['10.0.0.25', 'error'],
    ['172.16.5.5', 'error'],
    ['192.168.1.25', 'error'],
    ['127.0.0.1', 'error'],
    ['169.254.0.25', 'error'],
    ['0.0.0.0', 'error'],
    ['100.64.0.25', 'error'],
    ['224.0.0.25', 'error'],
    ['240.0.0.25', 'error'],
    ['192.0.2.25', 'warning'],
    ['198.51.100.25', 'warning'],
    ['203.0.113.25', 'warning'],
    ['2001:db8::25', 'warning'],
    ['fd00::25', 'error'],
    ['fe80::25', 'error'],
    ['::1', 'error'],
    ['::ffff:10.0.0.25', 'error'],
    ['8.8.8.25', undefined],
    ['2a00:1450::25', undefined],
  ])('a mail host at %s: %s', (address, severity) => {
    const v6 = address.includes(':');
    const zone = planned({ mailHosts: [{ name: 'smtp', ...(v6 ? { ipv6: [address] } : { ipv4: [address] }), mx: 10 }] });
    const found = findingsOf(RULE, zone);
    if (severity === undefined) expect(found).toEqual([]);
    else expect(found).toEqual([expect.objectContaining({ severity, name: 'smtp.example.com.' })]);
  });

  test('a private address, with the exact finding text', () => {
    const zone = planned({ mailHosts: [{ name: 'smtp', ipv4: ['10.0.0.25'], mx: 10 }] });
    expect(messagesOf(RULE, zone)).toEqual([
      "MAIL_HOST_PRIVATE_IP: mail host smtp.example.com has the private address 10.0.0.25 — other mail servers on the Internet cannot connect to it, so mail bounces (RFC 6890) — publish the server's public static address",
    ]);
  });

  test('a documentation address, with the exact finding text', () => {
    const zone = planned({ mailHosts: [{ name: 'smtp', ipv4: ['192.0.2.25'] }] });
    expect(messagesOf(RULE, zone)).toEqual([
      "MAIL_HOST_PRIVATE_IP: mail host smtp.example.com has the documentation address 192.0.2.25 (RFC 5737 / RFC 3849) — no mail can reach or come from a documentation range — replace it with the server's real static address before deploying",
    ]);
  });

  test('an MX target that is not a mail host: its records are judged', () => {
    const zone = planned({ mx: [{ priority: 10, host: 'mx' }], records: [{ name: 'mx', type: 'A', value: '192.168.0.25' }] });
    expect(findingsOf(RULE, zone)).toEqual([expect.objectContaining({ severity: 'error', name: 'mx.example.com.' })]);
  });

  test('an MX target in another zone of the app', () => {
    const com = planned({ mx: [{ priority: 10, host: 'mx.example.net.' }] });
    const net = zoneWith('example.net.', [['mx', 'A', '127.0.0.1']]);
    expect(messagesOf(RULE, com, net)).toEqual([expect.stringContaining('mail host mx.example.net has the loopback address 127.0.0.1')]);
  });

  test('a mail host that is also the MX target is reported once per address', () => {
    const zone = planned({ mailHosts: [{ name: 'smtp', ipv4: ['10.0.0.25', '10.0.0.26'], mx: 10 }] });
    expect(findingsOf(RULE, zone)).toHaveLength(2);
  });

  test('a deploy-time token address is skipped', () => {
    const zone = new Zone('example.com.');
    zone.add(raw('example.com.', { type: 'MX', preference: 10, exchange: 'mx.example.com.' }));
    zone.add(raw('mx.example.com.', { type: 'A', address: '${TfToken[TOKEN.3]}' }, { unresolved: true }));
    expect(findingsOf(RULE, zone)).toEqual([]);
  });

  test('suppressed at the host', () => {
    const zone = planned({ mailHosts: [{ name: 'smtp', ipv4: ['10.0.0.25'], mx: 10 }] });
    expect(suppressedFindings(RULE, zone, 'smtp.example.com.')).toEqual([expect.objectContaining({ suppressed: true, reason: REASON })]);
  });
});
