import { findingsOf, messagesOf, planned, PUBLIC_V4, REASON, suppressedFindings, zoneWith } from '../../helpers/zone';

const RULE = 'DUPLICATE_RECORD';

describe(RULE, () => {
  test('compliant: same value at two names, two values at one name, TXT differing in case', () => {
    const zone = zoneWith('example.com.', [
      ['a', 'A', PUBLIC_V4],
      ['b', 'A', PUBLIC_V4],
      ['a', 'A', '8.8.4.4'],
      ['@', 'TXT', 'Token=ABC'],
      ['@', 'TXT', 'token=abc'],
    ]);
    expect(findingsOf(RULE, zone)).toEqual([]);
  });

  test('the same address twice in a record list, with the exact finding text', () => {
    const zone = planned({ records: [{ name: 'www', type: 'A', value: ['192.0.2.80', '192.0.2.80'] }] });
    expect(messagesOf(RULE, zone)).toEqual([
      'DUPLICATE_RECORD: www.example.com A 192.0.2.80 is defined twice (records[0].value[1]) — an rrset is a set, so DNS hosts reject or silently merge the copy and plans never converge (RFC 2181 §5) — remove one of them',
    ]);
    expect(findingsOf(RULE, zone)[0]).toMatchObject({ severity: 'error', name: 'www.example.com.' });
  });

  test('a web host and a record with the same address', () => {
    const zone = planned({ webHosts: [{ name: 'www', ipv4: [PUBLIC_V4] }], records: [{ name: 'www', type: 'A', value: PUBLIC_V4 }] });
    expect(messagesOf(RULE, zone)).toEqual([expect.stringContaining(`www.example.com A ${PUBLIC_V4} is defined twice (records[0].value)`)]);
  });

  test('the domain SPF written again as a record shows the TXT text', () => {
    const zone = planned({ records: [{ name: '@', type: 'TXT', value: 'v=spf1 mx -all' }] });
    expect(messagesOf(RULE, zone)).toEqual([expect.stringContaining('example.com TXT "v=spf1 mx -all" is defined twice')]);
  });

  test('names compare case-insensitively: the same CAA value in different case', () => {
    const zone = zoneWith('example.com.', [
      ['@', 'CAA', '0 issue "LetsEncrypt.org"'],
      ['@', 'CAA', '0 issue "letsencrypt.org"'],
    ]);
    expect(findingsOf(RULE, zone)).toHaveLength(1);
  });

  test('three copies give two findings', () => {
    const zone = zoneWith('example.com.', [
      ['@', 'MX', '10 smtp'],
      ['@', 'MX', '10 smtp.example.com.'],
      ['@', 'MX', '10 SMTP'],
    ]);
    expect(findingsOf(RULE, zone)).toHaveLength(2);
  });

  test('suppressed', () => {
    const zone = planned({ records: [{ name: 'www', type: 'A', value: ['192.0.2.80', '192.0.2.80'] }] });
    expect(suppressedFindings(RULE, zone, 'www.example.com.')).toEqual([expect.objectContaining({ suppressed: true, reason: REASON })]);
  });
});
