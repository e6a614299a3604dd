import { findingsOf, messagesOf, planned, PUBLIC_V4, REASON, suppressedFindings, zoneWith } from '../../helpers/zone';

const RULE = 'TTL_RANGE';

describe(RULE, () => {
  test.each([
    [0, true],
    [59, true],
    [60, false],
    [3600, false],
    [172800, false],
    [604800, false],
    [604801, true],
    [2147483647, true],
  ])('TTL %i is reported: %s', (ttl, reported) => {
    const zone = planned({ spf: false, records: [{ name: 'www', type: 'A', value: PUBLIC_V4, ttl }] });
    expect(findingsOf(RULE, zone)).toHaveLength(reported ? 1 : 0);
  });

  test('a short TTL, with the exact finding text', () => {
    const zone = planned({ spf: false, webHosts: [{ name: 'www', ipv4: [PUBLIC_V4], ttl: 30, spf: false }] });
    expect(messagesOf(RULE, zone)).toEqual([
      'TTL_RANGE: www.example.com A has TTL 30 s — below 60 s many resolvers raise it anyway and every query reaches your name servers (RFC 1912 §2.2, RFC 8767 §4) — use a TTL between 60 s and 604800 s',
    ]);
    expect(findingsOf(RULE, zone)[0]).toMatchObject({ severity: 'warning', name: 'www.example.com.' });
  });

  test('a long TTL says why it hurts', () => {
    const zone = planned({ ttl: 1209600 });
    expect(messagesOf(RULE, zone)).toEqual([expect.stringContaining('example.com TXT has TTL 1209600 s — above 7 days a mistake stays cached for weeks')]);
  });

  test('one finding per rrset and TTL, not per record', () => {
    const zone = zoneWith('example.com.', [
      ['www', 'A', '192.0.2.1', { ttl: 10 }],
      ['www', 'A', '192.0.2.2', { ttl: 10 }],
      ['www', 'A', '192.0.2.3', { ttl: 20 }],
    ]);
    expect(messagesOf(RULE, zone).map((m) => m.slice(0, 40))).toEqual(['TTL_RANGE: www.example.com A has TTL 10 ', 'TTL_RANGE: www.example.com A has TTL 20 ']);
  });

  test('suppressed', () => {
    const zone = planned({ spf: false, records: [{ name: 'www', type: 'A', value: PUBLIC_V4, ttl: 5 }] });
    expect(suppressedFindings(RULE, zone, 'www.example.com.')).toEqual([expect.objectContaining({ suppressed: true, reason: REASON })]);
  });
});
