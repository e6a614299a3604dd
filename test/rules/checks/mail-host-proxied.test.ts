import { findingsOf, messagesOf, planned, PUBLIC_V4, REASON, suppressedFindings } from '../../helpers/zone';

const RULE = 'MAIL_HOST_PROXIED';

describe(RULE, () => {
  test('compliant: mail names DNS-only, a proxied web host and a proxied CNAME to a web name', () => {
    const zone = planned({
      mailHosts: [{ name: 'smtp', ipv4: [PUBLIC_V4], mx: 10, aliases: ['mail'], proxied: false }],
      webHosts: [{ name: 'www', ipv4: [PUBLIC_V4], proxied: true }],
      records: [{ name: 'blog', type: 'CNAME', value: 'www', proxied: true }],
    });
    expect(findingsOf(RULE, zone)).toEqual([]);
  });

  test('a proxied mail host, reported once although it is also the MX target, with the exact finding text', () => {
    const zone = planned({ mailHosts: [{ name: 'smtp', ipv4: [PUBLIC_V4], mx: 10, proxied: true }] });
    expect(messagesOf(RULE, zone)).toEqual([
      "MAIL_HOST_PROXIED: mail host smtp.example.com is proxied — a DNS host's HTTP proxy answers with its own addresses and does not carry SMTP, IMAP or POP, so mail never reaches the server — set proxied: false (DNS only) on mail names",
    ]);
    expect(findingsOf(RULE, zone)[0]).toMatchObject({ severity: 'error', name: 'smtp.example.com.' });
  });

  test('an MX target whose address record is proxied', () => {
    const zone = planned({ mx: [{ priority: 10, host: 'mx' }], records: [{ name: 'mx', type: 'A', value: PUBLIC_V4, proxied: true }] });
    expect(messagesOf(RULE, zone)).toEqual([expect.stringContaining('MAIL_HOST_PROXIED: MX target mx.example.com is proxied')]);
  });

  test('a proxied CNAME to a mail host (a mail alias)', () => {
    const zone = planned({
      mailHosts: [{ name: 'smtp', ipv4: [PUBLIC_V4], mx: 10 }],
      records: [{ name: 'imap', type: 'CNAME', value: 'smtp', proxied: true }],
    });
    expect(messagesOf(RULE, zone)).toEqual([expect.stringContaining('MAIL_HOST_PROXIED: mail alias imap.example.com is proxied')]);
  });

  test('suppressed at the host', () => {
    const zone = planned({ mailHosts: [{ name: 'smtp', ipv4: [PUBLIC_V4], proxied: true }] });
    expect(suppressedFindings(RULE, zone, 'smtp.example.com.')).toEqual([expect.objectContaining({ suppressed: true, reason: REASON })]);
  });
});
