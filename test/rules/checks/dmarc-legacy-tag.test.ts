import { findingsOf, messagesOf, planned, REASON, suppressedFindings } from '../../helpers/zone';

const RULE = 'DMARC_LEGACY_TAG';

describe(RULE, () => {
  test('compliant: the RFC 9989 tags', () => {
    expect(findingsOf(RULE, planned({ dmarc: { p: 'reject', np: 'reject', t: 'y', psd: 'n' } }))).toEqual([]);
  });

  test('pct, rf and ri, with the exact finding text', () => {
    const zone = planned({ dmarc: 'v=DMARC1; p=quarantine; pct=25; rf=afrf; ri=3600' });
    expect(messagesOf(RULE, zone)).toEqual([
      'DMARC_LEGACY_TAG: _dmarc.example.com uses pct= (sampling; RFC 9989 has t=y for testing instead), rf= (failure report format; only afrf was ever defined), ri= (report interval; aggregate reports are daily) in "v=DMARC1; p=quarantine; pct=25; rf=afrf; ri=3600" — RFC 9989 removed these tags and its receivers ignore them, so the record does not do what it says — remove them (pct=0..99 becomes t=y)',
    ]);
    expect(findingsOf(RULE, zone)[0]).toMatchObject({ severity: 'warning', name: '_dmarc.example.com.' });
  });

  test('one legacy tag under records:, in capitals', () => {
    expect(messagesOf(RULE, planned({ records: [{ name: '_dmarc', type: 'TXT', value: 'v=DMARC1; p=reject; PCT=100' }] }))).toEqual([expect.stringContaining('uses pct= (sampling')]);
  });

  test('suppressed', () => {
    expect(suppressedFindings(RULE, planned({ dmarc: 'v=DMARC1; p=reject; pct=100' }))).toEqual([expect.objectContaining({ suppressed: true, reason: REASON })]);
  });
});
