import { Zone } from '../../../lib/model/zone';
import { findingsOf, messagesOf, planned, raw, REASON, suppressedFindings } from '../../helpers/zone';

const RULE = 'SPF_MULTIPLE';

describe(RULE, () => {
  test('compliant: one SPF beside other TXT records at the apex', () => {
    const zone = planned({ records: [{ name: '@', type: 'TXT', value: ['google-site-verification=abc', 'v=spf10 not spf'] }] });
    expect(findingsOf(RULE, zone)).toEqual([]);
  });

  test('a second SPF at the apex, with the exact finding text', () => {
    const zone = planned({ records: [{ name: '@', type: 'TXT', value: 'v=spf1 include:_spf.example.net -all' }] });
    expect(messagesOf(RULE, zone)).toEqual([
      'SPF_MULTIPLE: example.com has 2 SPF records ("v=spf1 mx -all", "v=spf1 include:_spf.example.net -all") — with more than one, every SPF check of the name is a permerror and receivers treat the mail as unauthenticated (RFC 7208 §3.2) — merge them into one record',
    ]);
    expect(findingsOf(RULE, zone)[0]).toMatchObject({ severity: 'error', name: 'example.com.' });
  });

  test('the version tag is case-insensitive (RFC 7208 §4.5)', () => {
    const zone = planned({ records: [{ name: '@', type: 'TXT', value: 'V=SPF1 -all' }] });
    expect(messagesOf(RULE, zone)).toEqual([expect.stringContaining('example.com has 2 SPF records')]);
  });

  test('a host name with two SPF records', () => {
    const zone = planned({ spf: false, records: [{ name: 'smtp', type: 'TXT', value: ['v=spf1 a -all', 'v=spf1 ip4:192.0.2.25 -all'] }] });
    expect(findingsOf(RULE, zone).map((f) => f.name)).toEqual(['smtp.example.com.']);
  });

  test('an unresolved token TXT beside one SPF is not counted', () => {
    const zone = new Zone('example.com.');
    zone.add(raw('example.com.', { type: 'TXT', text: 'v=spf1 mx -all' }));
    zone.add(raw('example.com.', { type: 'TXT', text: 'v=spf1 -all' }, { unresolved: true }));
    expect(findingsOf(RULE, zone)).toEqual([]);
  });

  test('suppressed', () => {
    const zone = planned({ records: [{ name: '@', type: 'TXT', value: 'v=spf1 -all' }] });
    expect(suppressedFindings(RULE, zone)).toEqual([expect.objectContaining({ suppressed: true, reason: REASON })]);
  });
});
