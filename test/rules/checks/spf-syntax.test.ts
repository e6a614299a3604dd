import { Zone } from '../../../lib/model/zone';
import { ARTICLE, findingsOf, messagesOf, planned, raw, REASON, suppressedFindings } from '../../helpers/zone';
import { planDomain } from '../../../lib/plan/domain';

const RULE = 'SPF_SYNTAX';
const withSpf = (spf: string) => planned({ spf });

describe(RULE, () => {
  test('compliant: the guide\'s three SPF records', () => {
    expect(findingsOf(RULE, planDomain(ARTICLE))).toEqual([]);
  });

  test.each([
    ['v=spf1 mx -all', true],
    ['v=spf1 ip4:192.0.2.0/24 include:_spf.example.net ~all', true],
    ['v=spf1 redirect=_spf.example.net', true],
    ['v=spf1 mx -all:foo', false],
    ['v=spf1 include -all', false],
    ['v=spf1 ip4:192.0.2.300 -all', false],
    ['v=spf1 ip4:192.0.2.0/33 -all', false],
    ['v=spf1 mx mx:example.com/ -all', false],
    ['v=spf1 foo -all', false],
    ['v=spf1 redirect=a.example redirect=b.example', false],
    ['v=spf1 exists:%{z}.example.net -all', false],
  ])('%s parses: %s', (spf, ok) => {
    expect(findingsOf(RULE, withSpf(spf))).toHaveLength(ok ? 0 : 1);
  });

  test('an argument on all, with the exact finding text', () => {
    expect(messagesOf(RULE, withSpf('v=spf1 mx -all:foo'))).toEqual([
      'SPF_SYNTAX: SPF of example.com does not parse ("v=spf1 mx -all:foo"): "all" takes no argument at position 14 (":foo") in SPF record "v=spf1 mx -all:foo" — RFC 7208 §5.1: all = "all" — receivers treat a malformed SPF as a permerror, so your mail fails authentication (RFC 7208 §4.6, §12) — fix the record',
    ]);
    expect(findingsOf(RULE, withSpf('v=spf1 mx -all:foo'))[0]).toMatchObject({ severity: 'error', name: 'example.com.' });
  });

  test('a TXT that is not SPF is not judged', () => {
    expect(findingsOf(RULE, planned({ records: [{ name: '@', type: 'TXT', value: 'v=spf10 foo bar' }] }))).toEqual([]);
  });

  test('an unresolved token record is skipped', () => {
    const zone = new Zone('example.com.');
    zone.add(raw('example.com.', { type: 'TXT', text: 'v=spf1 mx -all:foo' }, { unresolved: true }));
    expect(findingsOf(RULE, zone)).toEqual([]);
  });

  test('suppressed', () => {
    expect(suppressedFindings(RULE, withSpf('v=spf1 foo -all'))).toEqual([expect.objectContaining({ suppressed: true, reason: REASON })]);
  });
});
