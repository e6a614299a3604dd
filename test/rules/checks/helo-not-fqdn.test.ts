import { findingsOf, messagesOf, planned } from '../../helpers/zone';

const RULE = 'HELO_NOT_FQDN';

const withHelo = (helo?: string, suppress?: { rule: string; reason: string }[]) => planned({ mailHosts: [{ name: 'smtp', ipv4: ['192.0.2.25'], mx: 10, helo, suppress }] });

describe(RULE, () => {
  test.each([undefined, 'smtp', 'mx1', 'smtp.example.com.', 'out.example.net.', 'Mail.Example.Com.'])('compliant: helo %s', (helo) => {
    expect(findingsOf(RULE, withHelo(helo))).toEqual([]);
  });

  test.each([
    ['mail.', 'is a single label (the trailing dot makes it absolute, so the domain is not appended)'],
    ['192.0.2.25', 'is an IP address literal, not a name'],
    ['[192.0.2.25]', 'is an IP address literal, not a name'],
    ['[IPv6:2001:db8::25]', 'is an IP address literal, not a name'],
    ['localhost', 'is "localhost", the name every unconfigured server says'],
    ['localhost.localdomain.', 'is "localhost.localdomain", the name every unconfigured server says'],
    ['smtp_1', 'reads as smtp_1.example.com, which is not a valid host name'],
  ])('non-compliant: helo %s', (helo, why) => {
    expect(messagesOf(RULE, withHelo(helo))).toEqual([
      `HELO_NOT_FQDN: HELO name ${JSON.stringify(helo)} of mail host smtp.example.com ${why} — EHLO must carry the client's fully-qualified domain name (RFC 5321 §4.1.1.1, §2.3.5) and many receivers reject a bare, local or literal HELO — leave helo out to use smtp.example.com, or write a full host name such as "smtp.example.com."`,
    ]);
    expect(findingsOf(RULE, withHelo(helo))[0]).toMatchObject({ severity: 'error', name: 'smtp.example.com.' });
  });

  test('suppressed at the host with a reason', () => {
    const zone = withHelo('localhost', [{ rule: RULE, reason: 'lab host that only talks to our own relay' }]);
    expect(findingsOf(RULE, zone)).toEqual([expect.objectContaining({ suppressed: true, reason: 'lab host that only talks to our own relay' })]);
  });
});
