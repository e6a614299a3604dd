import { findingsOf, messagesOf, planned, REASON, suppressedFindings } from '../../helpers/zone';

const RULE = 'DMARC_POLICY_NONE';
const WHY = 'a none policy only asks for reports; receivers deliver mail that fails DMARC as if there were no policy (RFC 9989)';
const FIX = 'once the reports show your own mail passing, move to p=quarantine, then p=reject';

describe(RULE, () => {
  test.each(['quarantine', 'reject'] as const)('compliant: p=%s', (p) => {
    expect(findingsOf(RULE, planned({ dmarc: { p } }))).toEqual([]);
  });

  test('p=none, with the exact finding text', () => {
    const zone = planned({ dmarc: { p: 'none', rua: ['mailto:dmarc@example.com'] } });
    expect(messagesOf(RULE, zone)).toEqual([`DMARC_POLICY_NONE: _dmarc.example.com has p=none ("v=DMARC1; p=none; rua=mailto:dmarc@example.com") — ${WHY} — ${FIX}`]);
    expect(findingsOf(RULE, zone)[0]).toMatchObject({ severity: 'warning', name: '_dmarc.example.com.' });
  });

  test('a record without p= reads as p=none (RFC 9989)', () => {
    expect(messagesOf(RULE, planned({ dmarc: 'v=DMARC1; rua=mailto:dmarc@example.com' }))).toEqual([
      `DMARC_POLICY_NONE: _dmarc.example.com has no p= tag, which receivers read as p=none ("v=DMARC1; rua=mailto:dmarc@example.com") — ${WHY} — ${FIX}`,
    ]);
  });

  test('a record that does not parse is DMARC_SYNTAX\'s', () => {
    expect(findingsOf(RULE, planned({ dmarc: 'v=DMARC1; p=none; p=none' }))).toEqual([]);
  });

  test('suppressed', () => {
    expect(suppressedFindings(RULE, planned({ dmarc: { p: 'none' } }))).toEqual([expect.objectContaining({ suppressed: true, reason: REASON })]);
  });
});
