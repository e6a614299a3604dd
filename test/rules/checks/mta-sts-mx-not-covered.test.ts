import { findingsOf, messagesOf, planned, PUBLIC_V4, REASON, suppressedFindings } from '../../helpers/zone';

const RULE = 'MTA_STS_MX_NOT_COVERED';
const MAIL = { mailHosts: [{ name: 'smtp', ipv4: [PUBLIC_V4], mx: 10 }], mx: [{ priority: 20, host: 'backup.mx.example.net.' }] };

describe(RULE, () => {
  test('compliant: the default mx list, and a *. pattern matching one label', () => {
    expect(findingsOf(RULE, planned({ ...MAIL, mtaSts: { mode: 'enforce' } }))).toEqual([]);
    expect(findingsOf(RULE, planned({ ...MAIL, mtaSts: { mode: 'enforce', mx: ['smtp.example.com', '*.mx.example.net'] } }))).toEqual([]);
  });

  test('an MX outside the enforce policy, with the exact finding text', () => {
    const zone = planned({ ...MAIL, mtaSts: { mode: 'enforce', mx: ['smtp.example.com'] } });
    expect(messagesOf(RULE, zone)).toEqual([
      'MTA_STS_MX_NOT_COVERED: MX backup.mx.example.net matches no mx pattern of the MTA-STS policy (smtp.example.com; mtaSts) — senders that honour the policy will not deliver to it (RFC 8461 §4.1) — add backup.mx.example.net to mtaSts.mx, or leave mx out to list the domain\'s MX hosts',
    ]);
    expect(findingsOf(RULE, zone)[0]).toMatchObject({ severity: 'error', name: 'example.com.' });
  });

  test('a *. pattern matches exactly one label; a testing policy reports instead of refusing', () => {
    const zone = planned({ ...MAIL, mtaSts: { mode: 'testing', mx: ['*.example.com', '*.example.net'] } });
    expect(messagesOf(RULE, zone)).toEqual([expect.stringContaining('MX backup.mx.example.net matches no mx pattern of the MTA-STS policy (*.example.com, *.example.net; mtaSts) — senders report every delivery to it as a policy failure')]);
  });

  test('mode none needs no mx', () => {
    expect(findingsOf(RULE, planned({ ...MAIL, mtaSts: { mode: 'none', mx: [] } }))).toEqual([]);
  });

  test('suppressed at the MX host (the finding\'s subject)', () => {
    const zone = planned({ ...MAIL, mtaSts: { mode: 'enforce', mx: ['smtp.example.com'] } });
    expect(suppressedFindings(RULE, zone, 'backup.mx.example.net.')).toEqual([expect.objectContaining({ suppressed: true, reason: REASON })]);
  });
});
