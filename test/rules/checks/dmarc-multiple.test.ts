import { findingsOf, messagesOf, planned, REASON, suppressedFindings } from '../../helpers/zone';

const RULE = 'DMARC_MULTIPLE';

describe(RULE, () => {
  test('compliant: one DMARC record beside a TXT that is not one', () => {
    expect(findingsOf(RULE, planned({ dmarc: { p: 'reject' }, records: [{ name: '_dmarc', type: 'TXT', value: 'verification=abc' }] }))).toEqual([]);
  });

  test('one under records: and the spec\'s record (in zone order), with the exact finding text', () => {
    const zone = planned({ dmarc: { p: 'reject' }, records: [{ name: '_dmarc', type: 'TXT', value: 'v=DMARC1; p=none' }] });
    expect(messagesOf(RULE, zone)).toEqual([
      'DMARC_MULTIPLE: _dmarc.example.com has 2 DMARC records ("v=DMARC1; p=none", "v=DMARC1; p=reject") — with more than one, policy discovery ends and receivers apply no DMARC policy at all (RFC 7489 §6.6.3) — merge them into one record',
    ]);
    expect(findingsOf(RULE, zone)[0]).toMatchObject({ severity: 'error', name: '_dmarc.example.com.' });
  });

  test('records that do not parse still count when they start with v=DMARC1', () => {
    const zone = planned({ records: [{ name: '_dmarc.shop', type: 'TXT', value: ['v=DMARC1; p=reject', 'v=DMARC1; p=bogus'] }] });
    expect(findingsOf(RULE, zone).map((f) => f.name)).toEqual(['_dmarc.shop.example.com.']);
  });

  test('suppressed', () => {
    const zone = planned({ dmarc: { p: 'reject' }, records: [{ name: '_dmarc', type: 'TXT', value: 'v=DMARC1; p=none' }] });
    expect(suppressedFindings(RULE, zone)).toEqual([expect.objectContaining({ suppressed: true, reason: REASON })]);
  });
});
