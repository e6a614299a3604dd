import { addReportAuthorizations } from '../../../lib/plan/policy';
import { findingsOf, messagesOf, planned, REASON, suppressedFindings } from '../../helpers/zone';

const RULE = 'DMARC_REPORT_UNAUTHORIZED';
const WHY = 'receivers send reports to another organization only once it has authorized them (RFC 7489 §7.1, RFC 9990 §4)';

describe(RULE, () => {
  test('compliant: reports to the own organization (a subdomain included)', () => {
    expect(findingsOf(RULE, planned({ dmarc: { p: 'reject', rua: ['mailto:dmarc@example.com', 'mailto:agg@reports.example.com'] } }))).toEqual([]);
  });

  test('a destination outside the app, with the exact record to ask for', () => {
    const zone = planned({ dmarc: { p: 'reject', rua: ['mailto:dmarc@example.com', 'mailto:agg@dmarc.example.net'], ruf: ['mailto:ruf@dmarc.example.net'] } });
    expect(messagesOf(RULE, zone)).toEqual([
      `DMARC_REPORT_UNAUTHORIZED: _dmarc.example.com sends reports to mailto:agg@dmarc.example.net, mailto:ruf@dmarc.example.net in another organization, dmarc.example.net, outside this app — ${WHY} — dmarc.example.net must publish example.com._report._dmarc.dmarc.example.net TXT "v=DMARC1" (or a *._report._dmarc.dmarc.example.net wildcard); once it does, suppress this finding with that reason`,
    ]);
    expect(findingsOf(RULE, zone)[0]).toMatchObject({ severity: 'warning', name: '_dmarc.example.com.' });
  });

  test('GIVEN the destination is a mail domain of the app WHEN the zones are linked THEN it publishes the record and nothing is reported', () => {
    const com = planned({ dmarc: { p: 'reject', rua: ['mailto:dmarc@example.net'] } });
    const net = planned({ domain: 'example.net' });
    expect(messagesOf(RULE, com, net)).toEqual([
      `DMARC_REPORT_UNAUTHORIZED: _dmarc.example.com sends reports to mailto:dmarc@example.net in another organization, example.net, whose zone in this app does not publish example.com._report._dmarc.example.net — ${WHY} — publish example.com._report._dmarc.example.net TXT "v=DMARC1" in that zone`,
    ]);
    addReportAuthorizations([com, net]);
    expect(findingsOf(RULE, com, net)).toEqual([]);
  });

  test('a wildcard authorization in the app counts', () => {
    const com = planned({ dmarc: 'v=DMARC1; p=reject; rua=mailto:dmarc@example.net' });
    const net = planned({ domain: 'example.net', records: [{ name: '*._report._dmarc', type: 'TXT', value: 'v=DMARC1' }] });
    expect(findingsOf(RULE, com, net)).toEqual([]);
  });

  test('suppressed at the destination (the finding\'s subject)', () => {
    const zone = planned({ dmarc: { p: 'reject', rua: ['mailto:agg@dmarc.example.net'] } });
    expect(suppressedFindings(RULE, zone, 'dmarc.example.net.')).toEqual([expect.objectContaining({ suppressed: true, reason: REASON })]);
  });
});
