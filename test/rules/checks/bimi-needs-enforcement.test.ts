import { findingsOf, messagesOf, planned, REASON, suppressedFindings } from '../../helpers/zone';

const RULE = 'BIMI_NEEDS_ENFORCEMENT';
const BIMI = { bimi: { logoUrl: 'https://example.com/logo.svg' } };
const WHY = 'mailbox providers show BIMI logos only for domains whose DMARC policy enforces (p=quarantine or p=reject for all mail, BIMI draft §4)';
const FIX = 'set dmarc p: quarantine or p: reject (no pct below 100)';

describe(RULE, () => {
  test.each(['quarantine', 'reject'] as const)('compliant: p=%s', (p) => {
    expect(findingsOf(RULE, planned({ ...BIMI, dmarc: { p } }))).toEqual([]);
  });

  test('a declining record asks for nothing', () => {
    expect(findingsOf(RULE, planned({ records: [{ name: 'default._bimi', type: 'TXT', value: 'v=BIMI1; l=; a=' }] }))).toEqual([]);
  });

  test.each([
    [{ dmarc: { p: 'none' as const } }, 'the DMARC policy that applies (_dmarc.example.com) is none'],
    [{}, 'example.com has no DMARC record'],
    [{ dmarc: 'v=DMARC1; p=reject; pct=50' }, 'the DMARC policy that applies (_dmarc.example.com) is reject for only pct=50'],
    [{ dmarc: 'v=DMARC1; p=reject; p=none' }, 'the DMARC record of example.com is unusable (see DMARC_SYNTAX, DMARC_MULTIPLE)'],
  ])('not enforcing: %j', (dmarc, problem) => {
    const zone = planned({ ...BIMI, ...dmarc });
    expect(messagesOf(RULE, zone)).toEqual([`BIMI_NEEDS_ENFORCEMENT: default._bimi.example.com publishes a BIMI logo but ${problem} — ${WHY} — ${FIX}`]);
    expect(findingsOf(RULE, zone)[0]).toMatchObject({ severity: 'error', name: 'default._bimi.example.com.' });
  });

  test('a subdomain zone takes the organizational domain\'s sp= from the app', () => {
    const sub = planned({ domain: 'news.example.com', ...BIMI });
    expect(findingsOf(RULE, sub, planned({ dmarc: { p: 'reject' } }))).toEqual([]);
    expect(messagesOf(RULE, sub, planned({ dmarc: { p: 'reject', sp: 'none' } }))).toEqual([expect.stringContaining('the DMARC policy that applies (_dmarc.example.com) is none')]);
    // the organizational domain outside the app: nothing to judge by
    expect(findingsOf(RULE, sub)).toEqual([]);
  });

  test('suppressed', () => {
    expect(suppressedFindings(RULE, planned({ ...BIMI, dmarc: { p: 'none' } }))).toEqual([expect.objectContaining({ suppressed: true, reason: REASON })]);
  });
});
