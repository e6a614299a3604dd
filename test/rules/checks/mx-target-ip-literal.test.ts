import { findingsOf, messagesOf, planned, PUBLIC_V4, REASON, suppressedFindings } from '../../helpers/zone';

const RULE = 'MX_TARGET_IP_LITERAL';

describe(RULE, () => {
  test('compliant: host names, including ones made of digits and hyphens', () => {
    const zone = planned({
      mailHosts: [{ name: 'smtp', ipv4: [PUBLIC_V4], mx: 10 }],
      mx: [{ priority: 20, host: '192-0-2-25.example.net.' }],
    });
    expect(findingsOf(RULE, zone)).toEqual([]);
  });

  test('an address written as the exchange, with the exact finding text', () => {
    const zone = planned({ mx: [{ priority: 10, host: '192.0.2.25' }] });
    expect(messagesOf(RULE, zone)).toEqual([
      'MX_TARGET_IP_LITERAL: MX 10 192.0.2.25 names an IP address (read as 192.0.2.25.example.com) — an MX exchange must be a host name with A/AAAA records (RFC 1035 §3.3.9, RFC 7505 §3) — add a host such as smtp with that address and point the MX at it',
    ]);
    expect(findingsOf(RULE, zone)[0]).toMatchObject({ severity: 'error', name: 'example.com.' });
  });

  test('an address written absolute, with a trailing dot', () => {
    const zone = planned({ records: [{ name: '@', type: 'MX', value: '10 198.51.100.7.' }] });
    expect(messagesOf(RULE, zone)).toEqual([expect.stringContaining('MX 10 198.51.100.7 names an IP address (read as 198.51.100.7)')]);
  });

  test('suppressed', () => {
    const zone = planned({ mx: [{ priority: 10, host: '192.0.2.25' }] });
    expect(suppressedFindings(RULE, zone)).toEqual([expect.objectContaining({ suppressed: true, reason: REASON })]);
  });
});
