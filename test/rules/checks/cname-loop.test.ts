import { findingsOf, messagesOf, PUBLIC_V4, REASON, suppressedFindings, zoneWith } from '../../helpers/zone';

const RULE = 'CNAME_LOOP';

describe(RULE, () => {
  test('compliant: a chain that ends', () => {
    const zone = zoneWith('example.com.', [
      ['a', 'CNAME', 'b'],
      ['b', 'A', PUBLIC_V4],
    ]);
    expect(findingsOf(RULE, zone)).toEqual([]);
  });

  test('a loop of two, reported once at its smallest member, with the exact finding text', () => {
    const zone = zoneWith('example.com.', [
      ['b', 'CNAME', 'a'],
      ['a', 'CNAME', 'b'],
    ]);
    expect(messagesOf(RULE, zone)).toEqual([
      'CNAME_LOOP: a.example.com is part of a CNAME loop (a.example.com -> b.example.com -> a.example.com) — the name can never resolve (RFC 1034 §3.6.2, RFC 1912 §2.4) — point one of the CNAMEs at a name with A/AAAA records',
    ]);
    expect(findingsOf(RULE, zone)[0]).toMatchObject({ severity: 'error', name: 'a.example.com.' });
  });

  test('a CNAME to itself', () => {
    const zone = zoneWith('example.com.', [['self', 'CNAME', 'self']]);
    expect(messagesOf(RULE, zone)[0]).toContain('(self.example.com -> self.example.com)');
  });

  test('a loop of three, and a name leading into it that is not part of it', () => {
    const zone = zoneWith('example.com.', [
      ['x', 'CNAME', 'c'],
      ['c', 'CNAME', 'a'],
      ['a', 'CNAME', 'b'],
      ['b', 'CNAME', 'c'],
    ]);
    expect(messagesOf(RULE, zone)).toEqual([expect.stringContaining('(a.example.com -> b.example.com -> c.example.com -> a.example.com)')]);
  });

  test('a loop across two zones is reported once in the app, by the zone of its smallest member', () => {
    const com = zoneWith('example.com.', [['a', 'CNAME', 'b.example.net.']]);
    const net = zoneWith('example.net.', [['b', 'CNAME', 'a.example.com.']]);
    expect(findingsOf(RULE, com, net).map((f) => f.name)).toEqual(['a.example.com.']);
    expect(findingsOf(RULE, net, com)).toEqual([]);
  });

  test('suppressed', () => {
    const zone = zoneWith('example.com.', [['self', 'CNAME', 'self']]);
    expect(suppressedFindings(RULE, zone)).toEqual([expect.objectContaining({ suppressed: true, reason: REASON })]);
  });
});
