import { findingsOf, messagesOf, PUBLIC_V4, REASON, suppressedFindings, zoneWith } from '../../helpers/zone';

const RULE = 'CNAME_CHAIN';

describe(RULE, () => {
  test('compliant: CNAMEs straight at names with addresses or outside the app', () => {
    const zone = zoneWith('example.com.', [
      ['web', 'A', PUBLIC_V4],
      ['www', 'CNAME', 'web'],
      ['shop', 'CNAME', 'shops.example.net.'],
    ]);
    expect(findingsOf(RULE, zone)).toEqual([]);
  });

  test('a chain of two in the zone, with the exact finding text', () => {
    const zone = zoneWith('example.com.', [
      ['www', 'CNAME', 'web'],
      ['web', 'CNAME', 'lb.example.net.'],
    ]);
    expect(messagesOf(RULE, zone)).toEqual([
      'CNAME_CHAIN: www.example.com is a CNAME to web.example.com, which is itself a CNAME (-> lb.example.net) — chains cost resolvers extra lookups and some stop after a few (RFC 1034 §3.6.2, RFC 1912 §2.4) — point www.example.com directly at lb.example.net',
    ]);
    expect(findingsOf(RULE, zone)[0]).toMatchObject({ severity: 'warning', name: 'www.example.com.' });
  });

  test('a longer chain: every link but the last is reported, each told the final target', () => {
    const zone = zoneWith('example.com.', [
      ['a', 'CNAME', 'b'],
      ['b', 'CNAME', 'c'],
      ['c', 'CNAME', 'd'],
      ['d', 'A', PUBLIC_V4],
    ]);
    const messages = messagesOf(RULE, zone);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(/^CNAME_CHAIN: a\.example\.com is a CNAME to b\.example\.com, which is itself a CNAME \(-> c\.example\.com\) — .* — point a\.example\.com directly at d\.example\.com$/);
    expect(messages[1]).toMatch(/— point b\.example\.com directly at d\.example\.com$/);
  });

  test('a chain across zones of the app', () => {
    const com = zoneWith('example.com.', [['www', 'CNAME', 'web.example.net.']]);
    const net = zoneWith('example.net.', [['web', 'CNAME', 'lb.example.org.']]);
    expect(findingsOf(RULE, com, net).map((f) => f.name)).toEqual(['www.example.com.']);
  });

  test('loops are CNAME_LOOP\'s: no chain finding on them or on names leading into them', () => {
    const zone = zoneWith('example.com.', [
      ['a', 'CNAME', 'b'],
      ['b', 'CNAME', 'a'],
      ['self', 'CNAME', 'self'],
      ['x', 'CNAME', 'a'],
    ]);
    expect(findingsOf(RULE, zone)).toEqual([]);
  });

  test('suppressed', () => {
    const zone = zoneWith('example.com.', [
      ['www', 'CNAME', 'web'],
      ['web', 'CNAME', 'lb.example.net.'],
    ]);
    expect(suppressedFindings(RULE, zone, 'www.example.com.')).toEqual([expect.objectContaining({ suppressed: true, reason: REASON })]);
  });
});
