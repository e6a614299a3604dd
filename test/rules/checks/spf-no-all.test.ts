import { Zone } from '../../../lib/model/zone';
import { findingsOf, messagesOf, planned, raw, REASON, suppressedFindings } from '../../helpers/zone';

const RULE = 'SPF_NO_ALL';
const withSpf = (spf: string) => planned({ spf });

describe(RULE, () => {
  test.each([
    ['v=spf1 mx -all', false],
    ['v=spf1 mx ~all', false],
    ['v=spf1 redirect=_spf.example.net', false],
    ['v=spf1 mx', true],
    ['v=spf1', true],
    ['v=spf1 include:_spf.example.net exp=explain.example.net', true],
  ])('%s is reported: %s', (spf, reported) => {
    expect(findingsOf(RULE, withSpf(spf))).toHaveLength(reported ? 1 : 0);
  });

  test('no all, with the exact finding text', () => {
    expect(messagesOf(RULE, withSpf('v=spf1 mx'))).toEqual([
      'SPF_NO_ALL: SPF of example.com has neither an all mechanism nor redirect= ("v=spf1 mx") — unlisted senders then get a neutral result and forged mail is not refused (RFC 7208 §4.7) — end the record with -all',
    ]);
    expect(findingsOf(RULE, withSpf('v=spf1 mx'))[0]).toMatchObject({ severity: 'warning', name: 'example.com.' });
  });

  test('a record that does not parse is SPF_SYNTAX\'s, not this rule\'s', () => {
    expect(findingsOf(RULE, withSpf('v=spf1 foo'))).toEqual([]);
  });

  test('an unresolved token record is skipped', () => {
    const zone = new Zone('example.com.');
    zone.add(raw('example.com.', { type: 'TXT', text: 'v=spf1 mx' }, { unresolved: true }));
    expect(findingsOf(RULE, zone)).toEqual([]);
  });

  test('suppressed', () => {
    expect(suppressedFindings(RULE, withSpf('v=spf1 mx'))).toEqual([expect.objectContaining({ suppressed: true, reason: REASON })]);
  });
});
