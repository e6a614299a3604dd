import { planParked } from '../../../lib/plan/domain';
import { ParkedDomainSpec } from '../../../lib/spec/types';
import { findingsOf, messagesOf, planned, REASON, suppressedFindings } from '../../helpers/zone';

const RULE = 'PARKED_SENDS_MAIL';
const parked = (extra: Partial<ParkedDomainSpec> = {}) => planParked({ kind: 'parked', domain: 'example.org', ...extra });

describe(RULE, () => {
  test('compliant: the parked records, a web host with its null SPF', () => {
    expect(findingsOf(RULE, parked({ webHosts: [{ name: 'www', ipv4: ['8.8.8.80'] }] }))).toEqual([]);
  });

  test('a mail domain is not judged', () => {
    expect(findingsOf(RULE, planned({ mx: [{ priority: 10, host: 'mx.example.net.' }] }))).toEqual([]);
  });

  test('an MX besides the null MX, with the exact finding text', () => {
    const zone = parked({ records: [{ name: '@', type: 'MX', value: '10 mx.example.net.' }] });
    expect(messagesOf(RULE, zone)).toEqual([
      'PARKED_SENDS_MAIL: parked domain example.org has MX 10 mx.example.net at example.org — a parked domain announces with the null MX alone that it receives no mail (RFC 7505 §3); another MX invites mail and spam to it — remove the MX, or make the domain a MailDomain',
    ]);
    expect(findingsOf(RULE, zone)[0]).toMatchObject({ severity: 'error', name: 'example.org.' });
  });

  test('an SPF with mechanisms, at a web host and under records:', () => {
    const zone = parked({ webHosts: [{ name: 'www', ipv4: ['8.8.8.80'], spf: 'v=spf1 a -all' }], records: [{ name: 'news', type: 'TXT', value: 'v=spf1 redirect=_spf.example.net' }] });
    expect(messagesOf(RULE, zone)).toEqual([
      'PARKED_SENDS_MAIL: parked domain example.org has the SPF record "v=spf1 redirect=_spf.example.net" at news.example.org, which has terms besides all (redirect=_spf.example.net) — a parked domain publishes "v=spf1 -all" so that nobody can send as it (RFC 7208 §10.1.3, RFC 7505) — publish "v=spf1 -all", or make the domain a MailDomain',
      'PARKED_SENDS_MAIL: parked domain example.org has the SPF record "v=spf1 a -all" at www.example.org, which has terms besides all (a) — a parked domain publishes "v=spf1 -all" so that nobody can send as it (RFC 7208 §10.1.3, RFC 7505) — publish "v=spf1 -all", or make the domain a MailDomain',
    ]);
  });

  test('suppressed', () => {
    expect(suppressedFindings(RULE, parked({ records: [{ name: '@', type: 'MX', value: '10 mx.example.net.' }] }))).toEqual([expect.objectContaining({ suppressed: true, reason: REASON })]);
  });
});
