import { planDomain } from '../../../lib/plan/domain';
import { ARTICLE, findingsOf, messagesOf, planned, REASON, suppressedFindings } from '../../helpers/zone';

const RULE = 'SPF_MX_UNPROVEN';

const domain = (spf: string) => planned({ spf, mailHosts: [{ name: 'smtp', ipv4: ['192.0.2.25'], mx: 10 }] });

describe(RULE, () => {
  test('compliant: the article zone; an in-app term that matches before the third-party include', () => {
    expect(findingsOf(RULE, planDomain(ARTICLE))).toEqual([]);
    expect(findingsOf(RULE, domain('v=spf1 mx include:_spf.google.com -all'))).toEqual([]);
  });

  test('compliant: a fail proven without outside names is SPF_MX_NOT_AUTHORIZED, not this rule', () => {
    expect(findingsOf(RULE, domain('v=spf1 ip4:198.51.100.1 -all'))).toEqual([]);
  });

  test('non-compliant: the answer depends on a third-party include (exact text)', () => {
    expect(messagesOf(RULE, domain('v=spf1 include:_spf.google.com -all'))).toEqual([
      "SPF_MX_UNPROVEN: cannot prove that MX host smtp.example.com (192.0.2.25) may send for example.com: the SPF answer depends on include:_spf.google.com (in the SPF of example.com), outside this app — a third party's record is not known at synth time and can change without notice, so the MX may be refused (RFC 7208 §5.2) — put mx or ip4:192.0.2.25 before that include so the proof stays in the app, or suppress SPF_MX_UNPROVEN with the reason",
    ]);
    expect(findingsOf(RULE, domain('v=spf1 include:_spf.google.com -all'))[0]).toMatchObject({ severity: 'warning', name: 'example.com.' });
  });

  test('non-compliant: an outside name reached through a/mx names the lookup', () => {
    expect(messagesOf(RULE, domain('v=spf1 a:relay.example.net -all'))).toEqual([
      expect.stringContaining('the SPF answer depends on a:relay.example.net (in the SPF of example.com), outside this app'),
    ]);
  });

  test('suppressed at the MX host with a reason', () => {
    expect(suppressedFindings(RULE, domain('v=spf1 include:_spf.google.com -all'), 'smtp.example.com.')).toEqual([expect.objectContaining({ suppressed: true, reason: REASON })]);
  });
});
