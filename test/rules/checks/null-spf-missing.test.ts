import { Zone } from '../../../lib/model/zone';
import { ARTICLE, findingsOf, messagesOf, planned, PUBLIC_V4, raw, REASON, suppressedFindings } from '../../helpers/zone';
import { planDomain } from '../../../lib/plan/domain';

const RULE = 'NULL_SPF_MISSING';

describe(RULE, () => {
  test('compliant: the guide\'s www with v=spf1 -all, the apex with the domain SPF, smtp with its own', () => {
    expect(findingsOf(RULE, planDomain(ARTICLE))).toEqual([]);
  });

  test('a web host without SPF, with the exact finding text', () => {
    const zone = planned({ webHosts: [{ name: 'www', ipv4: [PUBLIC_V4], spf: false }] });
    expect(messagesOf(RULE, zone)).toEqual([
      'NULL_SPF_MISSING: www.example.com has an address but no SPF record — spammers forge mail from such names because nothing forbids it (RFC 7208 §10.1.3 on HELO and host names) — publish the null SPF "v=spf1 -all" on it, as the guide does for www',
    ]);
    expect(findingsOf(RULE, zone)[0]).toMatchObject({ severity: 'warning', name: 'www.example.com.' });
  });

  test('an address record added by hand, and the apex when the domain publishes no SPF', () => {
    const zone = planned({ spf: false, records: [{ name: '@', type: 'AAAA', value: '2a00:1450::80' }, { name: 'app', type: 'A', value: PUBLIC_V4 }] });
    expect(findingsOf(RULE, zone).map((f) => f.name)).toEqual(['app.example.com.', 'example.com.']);
  });

  test('a mail host that does not send and has no SPF', () => {
    const zone = planned({ mailHosts: [{ name: 'mx', ipv4: [PUBLIC_V4], mx: 10, sends: false, spf: false }] });
    expect(findingsOf(RULE, zone).map((f) => f.name)).toEqual(['mx.example.com.']);
  });

  test('not judged: a sending mail host (SPF_MISSING\'s), a wildcard, a CNAME', () => {
    const zone = planned({
      mailHosts: [{ name: 'smtp', ipv4: [PUBLIC_V4], spf: false }],
      records: [{ name: '*', type: 'A', value: PUBLIC_V4 }],
      webHosts: [{ name: 'shop', cname: 'shops.example.net.' }],
    });
    expect(findingsOf(RULE, zone)).toEqual([]);
  });

  test('an unresolved token TXT at the name may be its SPF: not reported', () => {
    const zone = new Zone('example.com.');
    zone.add(raw('www.example.com.', { type: 'A', address: PUBLIC_V4 }));
    zone.add(raw('www.example.com.', { type: 'TXT', text: '${TfToken[TOKEN.5]}' }, { unresolved: true }));
    expect(findingsOf(RULE, zone)).toEqual([]);
  });

  test('suppressed at the name', () => {
    const zone = planned({ webHosts: [{ name: 'www', ipv4: [PUBLIC_V4], spf: false }] });
    expect(suppressedFindings(RULE, zone, 'www.example.com.')).toEqual([expect.objectContaining({ suppressed: true, reason: REASON })]);
  });
});
