import { findingsOf, messagesOf, planned, PUBLIC_V4, REASON, suppressedFindings, zoneWith } from '../../helpers/zone';

const RULE = 'MX_TARGET_CNAME';

describe(RULE, () => {
  test('compliant: the guide\'s MX 10 smtp, a host with addresses', () => {
    const zone = planned({ mailHosts: [{ name: 'smtp', ipv4: [PUBLIC_V4], mx: 10, aliases: ['imap', 'mail'] }] });
    expect(findingsOf(RULE, zone)).toEqual([]);
  });

  test('an MX at the guide\'s alias mail, with the exact finding text of STYLE.md', () => {
    const zone = planned({ mailHosts: [{ name: 'smtp', ipv4: [PUBLIC_V4], aliases: ['imap', 'mail'] }], mx: [{ priority: 10, host: 'mail' }] });
    expect(messagesOf(RULE, zone)).toEqual([
      'MX_TARGET_CNAME: MX 10 mail.example.com points to a CNAME (-> smtp.example.com) — RFC 2181 §10.3 forbids an MX exchange that is an alias; many senders will bounce — point the MX at smtp.example.com',
    ]);
    expect(findingsOf(RULE, zone)[0]).toMatchObject({ severity: 'error', name: 'example.com.' });
  });

  test('an MX at a CNAME in another zone of the app', () => {
    const com = planned({ mx: [{ priority: 20, host: 'mx.example.net.' }] });
    const net = zoneWith('example.net.', [['mx', 'CNAME', 'relay.example.org.']]);
    expect(messagesOf(RULE, com, net)).toEqual([expect.stringContaining('MX 20 mx.example.net points to a CNAME (-> relay.example.org)')]);
  });

  test('an MX below the apex at a CNAME', () => {
    const zone = zoneWith('example.com.', [
      ['lists', 'MX', '10 mail'],
      ['mail', 'CNAME', 'smtp.example.net.'],
    ]);
    expect(findingsOf(RULE, zone).map((f) => f.name)).toEqual(['lists.example.com.']);
  });

  test('the null MX and targets outside the app are not judged', () => {
    const zone = zoneWith('example.com.', [
      ['@', 'MX', '0 .'],
      ['sub', 'MX', '10 mx.elsewhere.example.'],
    ]);
    expect(findingsOf(RULE, zone)).toEqual([]);
  });

  test('suppressed at the MX target (the finding\'s subject)', () => {
    const zone = planned({ mailHosts: [{ name: 'smtp', ipv4: [PUBLIC_V4], aliases: ['mail'] }], mx: [{ priority: 10, host: 'mail' }] });
    expect(suppressedFindings(RULE, zone, 'mail.example.com.')).toEqual([expect.objectContaining({ suppressed: true, reason: REASON })]);
  });
});
