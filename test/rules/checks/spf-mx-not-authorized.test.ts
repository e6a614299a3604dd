import { Testing, TerraformStack } from 'cdktf';
import { MailDomain, MailDomainProps } from '../../../lib';
import { planDomain } from '../../../lib/plan/domain';
import { ARTICLE, findingsOf, messagesOf, planned, raw, REASON, suppressedFindings, zoneWith } from '../../helpers/zone';

const RULE = 'SPF_MX_NOT_AUTHORIZED';

/** smtp has a second, new address that the domain's SPF may or may not list. */
const moved = (spf: string | false) => planned({ spf, mailHosts: [{ name: 'smtp', ipv4: ['192.0.2.25', '192.0.2.26'], mx: 10 }] });

describe(RULE, () => {
  test('compliant: the article zone (v=spf1 mx -all) permits both addresses of its MX', () => {
    expect(findingsOf(RULE, planDomain(ARTICLE))).toEqual([]);
    expect(findingsOf(RULE, moved('v=spf1 mx -all'))).toEqual([]);
    expect(findingsOf(RULE, moved('v=spf1 ip4:192.0.2.24/30 -all'))).toEqual([]);
  });

  test('compliant: an in-app include in another zone of the app authorizes the MX', () => {
    const net = zoneWith('example.net.', [['_spf', 'TXT', '"v=spf1 ip4:192.0.2.0/24 -all"']]);
    expect(findingsOf(RULE, moved('v=spf1 include:_spf.example.net -all'), net)).toEqual([]);
  });

  test('non-compliant: the SPF lists the old address only (exact text)', () => {
    expect(messagesOf(RULE, moved('v=spf1 ip4:192.0.2.25 -all'))).toEqual([
      'SPF_MX_NOT_AUTHORIZED: MX host smtp.example.com (192.0.2.26) is not permitted to send for example.com: check_host gives fail (matched -all) for "v=spf1 ip4:192.0.2.25 -all" — mail the MX sends or forwards as the domain (bounces, forwards, replies) is rejected or junked, and the guide requires the domain to permit its MX (RFC 7208 §2.6, §8.4) — add mx to the SPF record, or ip4:192.0.2.26',
    ]);
    expect(findingsOf(RULE, moved('v=spf1 ip4:192.0.2.25 -all'))[0]).toMatchObject({ severity: 'error', name: 'example.com.' });
  });

  test('non-compliant: IPv6 address, softfail, and an in-app include without SPF (permerror)', () => {
    const v6 = planned({ spf: 'v=spf1 ip4:192.0.2.25 ~all', mailHosts: [{ name: 'smtp', ipv4: ['192.0.2.25'], ipv6: ['2001:db8::25'], mx: 10 }] });
    expect(messagesOf(RULE, v6)).toEqual([expect.stringContaining('MX host smtp.example.com (2001:db8::25) is not permitted to send for example.com: check_host gives softfail (matched ~all)')]);
    expect(messagesOf(RULE, v6)[0]).toMatch(/add mx to the SPF record, or ip6:2001:db8::25$/);
    const net = zoneWith('example.net.', [['_spf', 'TXT', '"not spf"']]);
    expect(messagesOf(RULE, moved('v=spf1 include:_spf.example.net -all'), net)).toEqual([
      expect.stringMatching(/\(192\.0\.2\.25\) is not permitted .* gives permerror \(example\.com: include:_spf\.example\.net — _spf\.example\.net has no SPF record/),
      expect.stringMatching(/\(192\.0\.2\.26\) is not permitted .* gives permerror/),
    ]);
  });

  test('skipped: no SPF (SPF_MISSING), a parked domain with null MX, an unresolved SPF token, an outside include (SPF_MX_UNPROVEN)', () => {
    expect(findingsOf(RULE, moved(false))).toEqual([]);
    expect(findingsOf(RULE, zoneWith('example.com.', [['@', 'MX', '0 .'], ['@', 'TXT', '"v=spf1 -all"']], { kind: 'parked' }))).toEqual([]);
    const token = zoneWith('example.com.', [['@', 'MX', '10 smtp'], ['smtp', 'A', '192.0.2.25']]);
    token.add(raw('example.com.', { type: 'TXT', text: '${TfToken[TOKEN.7]}' }, { unresolved: true }));
    expect(findingsOf(RULE, token)).toEqual([]);
    expect(findingsOf(RULE, moved('v=spf1 ip4:192.0.2.25 include:_spf.google.com -all'))).toEqual([]);
  });

  test('suppressed at the MX host with a reason', () => {
    expect(suppressedFindings(RULE, moved('v=spf1 ip4:192.0.2.25 -all'), 'smtp.example.com.')).toEqual([expect.objectContaining({ suppressed: true, reason: REASON })]);
  });
});

describe(`${RULE} at synth (cdktf validations)`, () => {
  const synth = (props: Partial<MailDomainProps>): string | undefined => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'mx');
    new MailDomain(stack, 'example.com', { ...(ARTICLE as MailDomainProps), ...props });
    try {
      Testing.synth(stack, true);
      return undefined;
    } catch (e) {
      return (e as Error).message;
    }
  };

  test("the article's zone synthesizes: its SPF permits the MX", () => {
    expect(synth({})).toBeUndefined();
  });

  test("a zone whose SPF omits the MX's new address fails synth", () => {
    const error = synth({
      spf: 'v=spf1 ip4:192.0.2.25 ip6:2001:db8::25 -all',
      mailHosts: [{ name: 'smtp', ipv4: ['192.0.2.25', '192.0.2.26'], ipv6: ['2001:db8::25'], mx: 10, aliases: ['imap', 'mail'] }],
    });
    expect(error).toMatch(/SPF_MX_NOT_AUTHORIZED: MX host smtp\.example\.com \(192\.0\.2\.26\) is not permitted to send for example\.com/);
    expect(error).not.toMatch(/192\.0\.2\.25\) is not permitted/);
  });
});
