import { Zone } from '../../../lib/model/zone';
import { ARTICLE, findingsOf, messagesOf, planned, PUBLIC_V4, raw, REASON, suppressedFindings } from '../../helpers/zone';
import { planDomain } from '../../../lib/plan/domain';

const RULE = 'SPF_MISSING';

describe(RULE, () => {
  test('compliant: the guide\'s zone (apex and smtp both publish SPF)', () => {
    expect(findingsOf(RULE, planDomain(ARTICLE))).toEqual([]);
  });

  test('compliant: a domain without MX and without mail hosts needs none', () => {
    expect(findingsOf(RULE, planned({ spf: false, webHosts: [{ name: 'www', ipv4: [PUBLIC_V4] }] }))).toEqual([]);
  });

  test('compliant: a domain with only the null MX', () => {
    expect(findingsOf(RULE, planned({ spf: false, mx: [{ priority: 0, host: '.' }] }))).toEqual([]);
  });

  test('a domain with MX but no SPF, with the exact finding text', () => {
    const zone = planned({ spf: false, mx: [{ priority: 10, host: 'mx.example.net.' }] });
    expect(messagesOf(RULE, zone)).toEqual([
      'SPF_MISSING: example.com receives or sends mail but publishes no SPF record — receivers cannot tell forged mail from yours and many reject or junk it (RFC 7208 §2.3) — publish "v=spf1 mx -all" at the apex (spf in the spec)',
    ]);
    expect(findingsOf(RULE, zone)[0]).toMatchObject({ severity: 'error', name: 'example.com.' });
  });

  test('a domain whose mail host sends but that has no MX and no SPF', () => {
    const zone = planned({ spf: false, mailHosts: [{ name: 'out', ipv4: [PUBLIC_V4] }] });
    expect(findingsOf(RULE, zone).map((f) => f.name)).toEqual(['example.com.']);
  });

  test('a sending mail host without its own SPF, with the exact finding text', () => {
    const zone = planned({ mailHosts: [{ name: 'smtp', ipv4: [PUBLIC_V4], mx: 10, spf: false }] });
    expect(messagesOf(RULE, zone)).toEqual([
      'SPF_MISSING: mail host smtp.example.com publishes no SPF record — receivers check the HELO name of the sending host against it (RFC 7208 §2.3) — publish "v=spf1 a -all" on the host (its spf prop)',
    ]);
  });

  test('a mail host that does not send needs no SPF of its own', () => {
    const zone = planned({ mailHosts: [{ name: 'mx', ipv4: [PUBLIC_V4], mx: 10, spf: false, sends: false }] });
    expect(findingsOf(RULE, zone)).toEqual([]);
  });

  test('a non-SPF TXT at the apex is no SPF', () => {
    const zone = planned({ spf: false, mx: [{ priority: 10, host: 'mx.example.net.' }], records: [{ name: '@', type: 'TXT', value: 'v=spf10 mx -all' }] });
    expect(findingsOf(RULE, zone)).toHaveLength(1);
  });

  test('an unresolved token TXT at the apex may be the SPF: not reported', () => {
    const zone = new Zone('example.com.');
    zone.add(raw('example.com.', { type: 'MX', preference: 10, exchange: 'mx.example.net.' }));
    zone.add(raw('example.com.', { type: 'TXT', text: '${TfToken[TOKEN.4]}' }, { unresolved: true }));
    expect(findingsOf(RULE, zone)).toEqual([]);
  });

  test('suppressed', () => {
    const zone = planned({ spf: false, mx: [{ priority: 10, host: 'mx.example.net.' }] });
    expect(suppressedFindings(RULE, zone)).toEqual([expect.objectContaining({ suppressed: true, reason: REASON })]);
  });
});
