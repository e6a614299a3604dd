import { findingsOf, messagesOf, planned, REASON, suppressedFindings } from '../../helpers/zone';

const RULE = 'DMARC_REPORT_URI';

describe(RULE, () => {
  test('compliant: mailto: destinations, one with the obsolete size limit', () => {
    expect(findingsOf(RULE, planned({ dmarc: 'v=DMARC1; p=reject; rua=mailto:a@example.com,mailto:b@example.com!10m; ruf=mailto:f@example.com' }))).toEqual([]);
  });

  test('an https: aggregate destination in the spec parts, with the exact finding text', () => {
    const zone = planned({ dmarc: { p: 'reject', rua: ['https://reports.example.net/dmarc'] } });
    expect(messagesOf(RULE, zone)).toEqual([
      'DMARC_REPORT_URI: _dmarc.example.com sends aggregate reports to "https://reports.example.net/dmarc", which is not a mailto: URI — receivers are required to send reports only to mailto: URIs (RFC 7489 §6.3), so reports to any other scheme are mostly lost — use mailto:dmarc@example.com or your report provider\'s address',
    ]);
    expect(findingsOf(RULE, zone)[0]).toMatchObject({ severity: 'error', name: '_dmarc.example.com.' });
  });

  test('a failure destination under records:', () => {
    expect(messagesOf(RULE, planned({ records: [{ name: '_dmarc', type: 'TXT', value: 'v=DMARC1; p=none; ruf=ftp://reports.example.net/' }] }))).toEqual([
      expect.stringContaining('sends failure reports to "ftp://reports.example.net/", which is not a mailto: URI'),
    ]);
  });

  test('suppressed', () => {
    expect(suppressedFindings(RULE, planned({ dmarc: { p: 'reject', rua: ['https://reports.example.net/dmarc'] } }))).toEqual([expect.objectContaining({ suppressed: true, reason: REASON })]);
  });
});
