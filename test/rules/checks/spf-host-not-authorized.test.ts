import { planDomain } from '../../../lib/plan/domain';
import { MailHostSpec } from '../../../lib/spec/types';
import { ARTICLE, findingsOf, messagesOf, planned, REASON, suppressedFindings } from '../../helpers/zone';

const RULE = 'SPF_HOST_NOT_AUTHORIZED';

const host = (h: Partial<MailHostSpec>) => planned({ mailHosts: [{ name: 'smtp', ipv4: ['192.0.2.25'], mx: 10, ...h }] });

describe(RULE, () => {
  test("compliant: the article's v=spf1 a -all on smtp passes both its addresses", () => {
    expect(findingsOf(RULE, planDomain(ARTICLE))).toEqual([]);
    expect(findingsOf(RULE, host({ ipv6: ['2001:db8::25'], spf: 'v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 -all' }))).toEqual([]);
  });

  test('skipped: a host that does not send, a host without SPF (SPF_MISSING), an outside include', () => {
    expect(findingsOf(RULE, host({ sends: false, spf: 'v=spf1 -all' }))).toEqual([]);
    expect(findingsOf(RULE, host({ spf: false }))).toEqual([]);
    expect(findingsOf(RULE, host({ spf: 'v=spf1 include:_spf.google.com -all' }))).toEqual([]);
  });

  test('non-compliant: the host SPF omits its address (exact text)', () => {
    expect(messagesOf(RULE, host({ spf: 'v=spf1 ip4:192.0.2.24 -all' }))).toEqual([
      'SPF_HOST_NOT_AUTHORIZED: mail host smtp.example.com (192.0.2.25) is not permitted by its own SPF "v=spf1 ip4:192.0.2.24 -all": check_host gives fail (matched -all) — receivers check the HELO name against the host\'s SPF and reject or junk its mail (RFC 7208 §2.3, §8.4) — publish "v=spf1 a -all" on the host (its spf prop), or add ip4:192.0.2.25',
    ]);
    expect(findingsOf(RULE, host({ spf: 'v=spf1 ip4:192.0.2.24 -all' }))[0]).toMatchObject({ severity: 'error', name: 'smtp.example.com.' });
  });

  test('non-compliant: a null SPF on a sending host fails every address', () => {
    expect(messagesOf(RULE, host({ ipv6: ['2001:db8::25'], spf: 'v=spf1 -all' }))).toEqual([
      expect.stringContaining('(192.0.2.25) is not permitted by its own SPF "v=spf1 -all"'),
      expect.stringContaining('(2001:db8::25) is not permitted by its own SPF "v=spf1 -all"'),
    ]);
  });

  test('suppressed at the host with a reason', () => {
    expect(suppressedFindings(RULE, host({ spf: 'v=spf1 -all' }), 'smtp.example.com.')).toEqual([expect.objectContaining({ suppressed: true, reason: REASON })]);
  });
});
