import { planParked } from '../../../lib/plan/domain';
import { Zone } from '../../../lib/model/zone';
import { findingsOf, messagesOf, planned, PUBLIC_V4, raw, REASON, suppressedFindings } from '../../helpers/zone';

const RULE = 'DMARC_MISSING';
const WHY = 'receivers apply no policy to mail forged in its name, and Google and Yahoo require DMARC of bulk senders (RFC 9989)';

describe(RULE, () => {
  test('compliant: a mail domain with DMARC, a parked domain, a domain with neither MX nor SPF', () => {
    expect(findingsOf(RULE, planned({ mailHosts: [{ name: 'smtp', ipv4: [PUBLIC_V4], mx: 10 }], dmarc: { p: 'reject' } }))).toEqual([]);
    expect(findingsOf(RULE, planParked({ kind: 'parked', domain: 'example.org' }))).toEqual([]);
    expect(findingsOf(RULE, planned({ spf: false, webHosts: [{ name: 'www', ipv4: ['8.8.8.80'] }] }))).toEqual([]);
  });

  test('MX and SPF without DMARC, with the exact finding text', () => {
    const zone = planned({ mailHosts: [{ name: 'smtp', ipv4: [PUBLIC_V4], mx: 10 }] });
    expect(messagesOf(RULE, zone)).toEqual([
      `DMARC_MISSING: example.com has MX and SPF but no DMARC record at _dmarc.example.com — ${WHY} — publish one: dmarc: { p: reject, rua: [mailto:dmarc@example.com] } (start with p: none to collect reports first)`,
    ]);
    expect(findingsOf(RULE, zone)[0]).toMatchObject({ severity: 'warning', name: 'example.com.' });
  });

  test('SPF alone, and MX alone, are enough', () => {
    expect(messagesOf(RULE, planned({}))).toEqual([expect.stringContaining('example.com has SPF but no DMARC record')]);
    expect(messagesOf(RULE, planned({ spf: false, mx: [{ priority: 10, host: 'mx.provider.example.' }] }))).toEqual([expect.stringContaining('example.com has MX but no DMARC record')]);
  });

  test('a _dmarc TXT under records: counts (DMARC_SYNTAX judges what it says), a token too', () => {
    expect(findingsOf(RULE, planned({ records: [{ name: '_dmarc', type: 'TXT', value: 'v=DMARC1; p=none' }] }))).toEqual([]);
    const zone = new Zone('example.com.');
    zone.add(raw('example.com.', { type: 'TXT', text: 'v=spf1 -all' }));
    zone.add(raw('_dmarc.example.com.', { type: 'TXT', text: '${TfToken[TOKEN.1]}' }, { unresolved: true }));
    expect(findingsOf(RULE, zone)).toEqual([]);
  });

  test('a subdomain zone is covered by its organizational domain\'s record in the app, and not judged when that domain is outside the app', () => {
    const sub = planned({ domain: 'lists.example.com' });
    const org = planned({ dmarc: { p: 'reject' } });
    expect(findingsOf(RULE, sub, org)).toEqual([]);
    expect(findingsOf(RULE, sub)).toEqual([]);
    expect(messagesOf(RULE, sub, planned({}))).toEqual([expect.stringContaining('lists.example.com has SPF but no DMARC record at _dmarc.lists.example.com')]);
  });

  test('suppressed', () => {
    expect(suppressedFindings(RULE, planned({}))).toEqual([expect.objectContaining({ suppressed: true, reason: REASON })]);
  });
});
