import { Zone } from '../../../lib/model/zone';
import { findingsOf, messagesOf, planned, raw, REASON, suppressedFindings } from '../../helpers/zone';

const RULE = 'SPF_TYPE99';

describe(RULE, () => {
  test('compliant: SPF published as TXT', () => {
    expect(findingsOf(RULE, planned({}))).toEqual([]);
  });

  test('an SPF-type record, with the exact finding text', () => {
    const zone = planned({ records: [{ name: '@', type: 'SPF', value: 'v=spf1 mx -all' }] });
    expect(messagesOf(RULE, zone)).toEqual([
      'SPF_TYPE99: example.com publishes an SPF-type (99) record ("v=spf1 mx -all") — RFC 7208 §3.1 removed the SPF RR type; receivers ignore it and some providers reject it — publish the policy as a TXT record only',
    ]);
    expect(findingsOf(RULE, zone)[0]).toMatchObject({ severity: 'error', name: 'example.com.' });
  });

  test('one finding per SPF-type record, at its name', () => {
    const zone = planned({ records: [{ name: 'smtp', type: 'SPF', value: ['v=spf1 a -all', 'v=spf1 -all'] }] });
    expect(findingsOf(RULE, zone).map((f) => f.name)).toEqual(['smtp.example.com.', 'smtp.example.com.']);
  });

  test('the record type is known even when its value is a token: still reported', () => {
    // Unlike the value checks, this rule judges the type, which a deploy-time token cannot change.
    const zone = new Zone('example.com.');
    zone.add(raw('example.com.', { type: 'SPF', text: '${TfToken[TOKEN.9]}' }, { unresolved: true }));
    expect(findingsOf(RULE, zone)).toHaveLength(1);
  });

  test('suppressed', () => {
    const zone = planned({ records: [{ name: '@', type: 'SPF', value: 'v=spf1 mx -all' }] });
    expect(suppressedFindings(RULE, zone)).toEqual([expect.objectContaining({ suppressed: true, reason: REASON })]);
  });
});
