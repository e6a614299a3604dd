import { findingsOf, messagesOf, planned, PUBLIC_V4, REASON, suppressedFindings } from '../../helpers/zone';

const RULE = 'MTA_STS_MAX_AGE';
const MAIL = { mailHosts: [{ name: 'smtp', ipv4: [PUBLIC_V4], mx: 10 }] };

describe(RULE, () => {
  test.each([0, 86400, 604800, 31557600])('compliant: max_age %i', (maxAge) => {
    expect(findingsOf(RULE, planned({ ...MAIL, mtaSts: { mode: 'enforce', maxAge } }))).toEqual([]);
  });

  test.each([31557601, 4294967295, -1])('max_age %i, with the exact finding text', (maxAge) => {
    const zone = planned({ ...MAIL, mtaSts: { mode: 'enforce', maxAge } });
    expect(messagesOf(RULE, zone)).toEqual([
      `MTA_STS_MAX_AGE: the MTA-STS policy of example.com has max_age ${maxAge} (mtaSts.maxAge), outside 0..31557600; neither the policy nor _mta-sts was published — senders reject a policy whose max_age is out of range (RFC 8461 §3.2) — use a value up to 31557600 (one year); 604800 (a week) is common`,
    ]);
    expect(findingsOf(RULE, zone)[0]).toMatchObject({ severity: 'error', name: '_mta-sts.example.com.' });
  });

  test('no policy, nothing to judge', () => {
    expect(findingsOf(RULE, planned(MAIL))).toEqual([]);
  });

  test('suppressed', () => {
    expect(suppressedFindings(RULE, planned({ ...MAIL, mtaSts: { mode: 'enforce', maxAge: 31557601 } }))).toEqual([expect.objectContaining({ suppressed: true, reason: REASON })]);
  });
});
