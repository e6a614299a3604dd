import { Zone } from '../../../lib/model/zone';
import { findingsOf, messagesOf, planned, raw, REASON, suppressedFindings } from '../../helpers/zone';

const RULE = 'SPF_PTR';
const withSpf = (spf: string) => planned({ spf });

describe(RULE, () => {
  test.each([
    ['v=spf1 mx -all', false],
    ['v=spf1 include:ptr.example.net -all', false],
    ['v=spf1 ptr -all', true],
    ['v=spf1 ?ptr:example.com -all', true],
    ['v=spf1 mx PTR -all', true],
  ])('%s is reported: %s', (spf, reported) => {
    expect(findingsOf(RULE, withSpf(spf))).toHaveLength(reported ? 1 : 0);
  });

  test('ptr, with the exact finding text', () => {
    expect(messagesOf(RULE, withSpf('v=spf1 ptr -all'))).toEqual([
      'SPF_PTR: SPF of example.com uses the ptr mechanism ("v=spf1 ptr -all") — it costs many DNS lookups, fails when reverse DNS is slow, and RFC 7208 §5.5 says it SHOULD NOT be used; large receivers skip it — list the sending addresses with ip4:/ip6: or use a/mx',
    ]);
    expect(findingsOf(RULE, withSpf('v=spf1 ptr -all'))[0]).toMatchObject({ severity: 'warning', name: 'example.com.' });
  });

  test('an unresolved token record is skipped', () => {
    const zone = new Zone('example.com.');
    zone.add(raw('example.com.', { type: 'TXT', text: 'v=spf1 ptr -all' }, { unresolved: true }));
    expect(findingsOf(RULE, zone)).toEqual([]);
  });

  test('suppressed', () => {
    expect(suppressedFindings(RULE, withSpf('v=spf1 ptr -all'))).toEqual([expect.objectContaining({ suppressed: true, reason: REASON })]);
  });
});
