import { Testing, TerraformStack } from 'cdktf';
import { MailDomain, MailDomainProps } from '../../../lib';
import { planDomain } from '../../../lib/plan/domain';
import { ARTICLE, findingsOf, messagesOf, planned, REASON, suppressedFindings, zoneWith } from '../../helpers/zone';

const RULE = 'SPF_LOOKUP_LIMIT';

/** A record at _spf.example.net with `n` a: terms (n lookups). */
const net = (n: number) =>
  zoneWith('example.net.', [['_spf', 'TXT', `"v=spf1 ${Array.from({ length: n }, (_, i) => `a:h${i}.example.net`).join(' ')} -all"`]]);
const com = (spf: string) => planned({ spf, mailHosts: [{ name: 'smtp', ipv4: ['192.0.2.25'], mx: 10 }] });

describe(RULE, () => {
  test('compliant: the article zone; exactly 10 lookups across two zones of the app', () => {
    expect(findingsOf(RULE, planDomain(ARTICLE))).toEqual([]);
    expect(findingsOf(RULE, com('v=spf1 mx a include:_spf.example.net -all'), net(7))).toEqual([]);
  });

  test('compliant: ip4/ip6/all do not count, nor a redirect beside all (RFC 7208 §6.1)', () => {
    expect(findingsOf(RULE, com('v=spf1 mx ip4:192.0.2.0/24 ip6:2001:db8::/32 redirect=_spf.example.net -all'), net(10))).toEqual([]);
  });

  test('non-compliant: an 11-lookup in-app chain across two zones (exact text)', () => {
    expect(messagesOf(RULE, com('v=spf1 mx a include:_spf.example.net -all'), net(8))).toEqual([
      "SPF_LOOKUP_LIMIT: SPF of example.com needs 11 DNS lookups across its includes and redirects — receivers stop at 10 and answer permerror, so SPF fails for all of the domain's mail (RFC 7208 §4.6.4) — replace includes and a/mx terms by ip4:/ip6: networks (flatten), or drop terms no longer needed",
    ]);
    expect(findingsOf(RULE, com('v=spf1 mx a include:_spf.example.net -all'), net(8))[0]).toMatchObject({ severity: 'error', name: 'example.com.' });
  });

  test('non-compliant: a redirect chain is walked too', () => {
    expect(messagesOf(RULE, com('v=spf1 mx a redirect=_spf.example.net'), net(9))).toEqual([expect.stringContaining('SPF of example.com needs 12 DNS lookups')]);
  });

  test('out-of-app includes count 1 each and the message says the total may be higher', () => {
    const spf = `v=spf1 mx a ${Array.from({ length: 9 }, (_, i) => `include:_spf${i}.example.org`).join(' ')} -all`;
    expect(messagesOf(RULE, com(spf))).toEqual([
      expect.stringContaining(
        'SPF of example.com needs 11 DNS lookups across its includes and redirects, counting include:_spf0.example.org, include:_spf1.example.org, include:_spf2.example.org, include:_spf3.example.org, include:_spf4.example.org, include:_spf5.example.org, include:_spf6.example.org, include:_spf7.example.org, include:_spf8.example.org as 1 each since they are outside this app, so the real total may be higher — ',
      ),
    ]);
    // Below the limit with outside includes: nothing is proven either way, so nothing is reported.
    expect(findingsOf(RULE, com('v=spf1 mx include:_spf.google.com -all'))).toEqual([]);
  });

  test('non-compliant: an include loop inside the app', () => {
    const loop = zoneWith('example.net.', [['_spf', 'TXT', '"v=spf1 include:example.com -all"']]);
    expect(messagesOf(RULE, com('v=spf1 include:_spf.example.net -all'), loop)).toEqual([
      expect.stringContaining('SPF_LOOKUP_LIMIT: SPF of example.com includes itself (example.com -> _spf.example.net -> example.com)'),
    ]);
  });

  test('suppressed with a reason', () => {
    expect(suppressedFindings(RULE, com('v=spf1 mx a include:_spf.example.net -all'), 'example.com.', net(8))).toEqual([
      expect.objectContaining({ suppressed: true, reason: REASON }),
    ]);
  });
});

describe(`${RULE} at synth (cdktf validations)`, () => {
  const base: MailDomainProps = {
    domain: 'example.com',
    dns: { provider: 'cloudflare', zoneId: 'zone123' },
    nameServers: ['ns1.example.net.', 'ns2.example.net.'],
    mailHosts: [{ name: 'smtp', ipv4: ['203.0.113.25'], mx: 10 }],
  };
  const synth = (n: number): string | undefined => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'chain');
    new MailDomain(stack, 'example.com', { ...base, spf: 'v=spf1 mx a include:_spf.example.net -all' });
    new MailDomain(stack, 'example.net', {
      ...base,
      domain: 'example.net',
      mailHosts: [],
      spf: 'v=spf1 -all',
      records: [{ name: '_spf', type: 'TXT', value: `v=spf1 ${Array.from({ length: n }, (_, i) => `a:h${i}.example.net`).join(' ')} -all` }],
    });
    try {
      Testing.synth(stack, true);
      return undefined;
    } catch (e) {
      return (e as Error).message;
    }
  };

  test('an 11-lookup chain across two zones of the app fails synth; 10 synthesizes', () => {
    expect(synth(8)).toMatch(/SPF_LOOKUP_LIMIT: SPF of example\.com needs 11 DNS lookups/);
    expect(synth(7)).toBeUndefined();
  });
});
