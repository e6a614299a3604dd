import { Zone } from '../../../lib/model/zone';
import { findingsOf, messagesOf, planned, raw, REASON, suppressedFindings } from '../../helpers/zone';

const RULE = 'SPF_PERMISSIVE_ALL';
const withSpf = (spf: string) => planned({ spf });

describe(RULE, () => {
  test.each<[string, string | undefined]>([
    ['v=spf1 mx -all', undefined],
    ['v=spf1 mx ~all', undefined],
    ['v=spf1 mx ?all', 'warning'],
    ['v=spf1 mx +all', 'error'],
    ['v=spf1 mx all', 'error'],
    ['v=spf1 mx ALL', 'error'],
    ['v=spf1 redirect=_spf.example.net', undefined],
  ])('%s: %s', (spf, severity) => {
    const found = findingsOf(RULE, withSpf(spf));
    if (severity === undefined) expect(found).toEqual([]);
    else expect(found).toEqual([expect.objectContaining({ severity, name: 'example.com.' })]);
  });

  test('+all, with the exact finding text', () => {
    expect(messagesOf(RULE, withSpf('v=spf1 mx +all'))).toEqual([
      'SPF_PERMISSIVE_ALL: SPF of example.com ends in +all ("v=spf1 mx +all") — it authorises every host on the Internet to send as the domain (RFC 7208 §5.1, §8.2) — end it with -all (or ~all while you test)',
    ]);
  });

  test('?all, with the exact finding text', () => {
    expect(messagesOf(RULE, withSpf('v=spf1 mx ?all'))).toEqual([
      'SPF_PERMISSIVE_ALL: SPF of example.com ends in ?all ("v=spf1 mx ?all") — a neutral result protects nothing against forgery (RFC 7208 §5.1, §8.2) — end it with -all (or ~all while you test)',
    ]);
  });

  test('a host SPF is judged too', () => {
    const zone = planned({ mailHosts: [{ name: 'smtp', ipv4: ['8.8.8.25'], spf: 'v=spf1 +all' }] });
    expect(findingsOf(RULE, zone).map((f) => f.name)).toEqual(['smtp.example.com.']);
  });

  test('an unresolved token record is skipped', () => {
    const zone = new Zone('example.com.');
    zone.add(raw('example.com.', { type: 'TXT', text: 'v=spf1 +all' }, { unresolved: true }));
    expect(findingsOf(RULE, zone)).toEqual([]);
  });

  test('suppressed', () => {
    expect(suppressedFindings(RULE, withSpf('v=spf1 +all'))).toEqual([expect.objectContaining({ suppressed: true, reason: REASON })]);
  });
});
