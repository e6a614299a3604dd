import { findingsOf, messagesOf, planned, PUBLIC_V4, REASON, suppressedFindings, zoneWith } from '../../helpers/zone';

const RULE = 'SRV_TARGET_CNAME';

describe(RULE, () => {
  test('compliant: services of a mail host, and a service not offered (SRV 0 0 0 .)', () => {
    const zone = planned({
      mailHosts: [{ name: 'smtp', ipv4: [PUBLIC_V4], aliases: ['imap'], services: ['submissions', 'imaps'] }],
      records: [{ name: '_pop3._tcp', type: 'SRV', value: '0 0 0 .' }],
    });
    expect(findingsOf(RULE, zone)).toEqual([]);
  });

  test('an SRV at the guide\'s alias imap, with the exact finding text', () => {
    const zone = planned({
      mailHosts: [{ name: 'smtp', ipv4: [PUBLIC_V4], aliases: ['imap'] }],
      records: [{ name: '_imaps._tcp', type: 'SRV', value: '0 1 993 imap' }],
    });
    expect(messagesOf(RULE, zone)).toEqual([
      'SRV_TARGET_CNAME: SRV 0 1 993 imap.example.com at _imaps._tcp.example.com points to a CNAME (-> smtp.example.com) — RFC 2782 forbids an SRV target that is an alias, and mail clients following RFC 6186 may not connect — point the SRV at smtp.example.com',
    ]);
    expect(findingsOf(RULE, zone)[0]).toMatchObject({ severity: 'error', name: '_imaps._tcp.example.com.' });
  });

  test('a target that is a CNAME in another zone of the app', () => {
    const zone = planned({ records: [{ name: '_submissions._tcp', type: 'SRV', value: '0 1 465 mail.example.net.' }] });
    const net = zoneWith('example.net.', [['mail', 'CNAME', 'smtp.example.org.']]);
    expect(messagesOf(RULE, zone, net)).toEqual([expect.stringContaining('SRV 0 1 465 mail.example.net at _submissions._tcp.example.com points to a CNAME (-> smtp.example.org)')]);
  });

  test('suppressed at the target (the finding\'s subject)', () => {
    const zone = planned({ mailHosts: [{ name: 'smtp', ipv4: [PUBLIC_V4], aliases: ['imap'] }], records: [{ name: '_imap._tcp', type: 'SRV', value: '0 1 143 imap' }] });
    expect(suppressedFindings(RULE, zone, 'imap.example.com.')).toEqual([expect.objectContaining({ suppressed: true, reason: REASON })]);
  });
});
