import { findingsOf, messagesOf, planned, REASON, suppressedFindings } from '../../helpers/zone';

const RULE = 'CAA_SYNTAX';
const WHY = 'a CA that cannot read a CAA record of the name may refuse to issue, or ignore the property (RFC 8659 §4)';
const FIX = 'write issue/issuewild/issuemail/issuevmc as "ca.example" or "ca.example; key=value", iodef as a mailto: or https: URL';

describe(RULE, () => {
  test('compliant: issue, issuewild ";", issuemail with a parameter, iodef, critical', () => {
    const zone = planned({
      caa: [
        { tag: 'issue', value: 'letsencrypt.org' },
        { tag: 'issuewild', value: ';' },
        { tag: 'issuemail', value: 'ca.example.net; validationmethods=dns-01' },
        { tag: 'issuevmc', value: 'digicert.com' },
        { tag: 'iodef', value: 'mailto:security@example.com', critical: true },
      ],
    });
    expect(findingsOf(RULE, zone)).toEqual([]);
  });

  test('an issue value that is a URL, in the spec, with the exact finding text', () => {
    const zone = planned({ caa: [{ tag: 'issue', value: 'https://letsencrypt.org' }] });
    expect(messagesOf(RULE, zone)).toEqual([
      `CAA_SYNTAX: example.com CAA 0 issue "https://letsencrypt.org": the issue value is not valid: issuer "https://letsencrypt.org" is not a domain name of letters, digits and inner hyphens (RFC 8659 §4.2) — ${WHY} — ${FIX}`,
    ]);
    expect(findingsOf(RULE, zone)[0]).toMatchObject({ severity: 'error', name: 'example.com.' });
  });

  test.each([
    ['0 iodef "security@example.com"', 'the iodef value is not valid: not a mailto:, http: or https: URL (RFC 8659 §4.4)'],
    ['0 policy "x"', 'tag "policy" is reserved and has no meaning (RFC 8659 §7.2)'],
    ['64 issue "letsencrypt.org"', 'flags 64 set reserved bits; only 128 (issuer critical) is defined (RFC 8659 §4.1)'],
  ])('under records: %s', (value, problem) => {
    const zone = planned({ records: [{ name: '@', type: 'CAA', value }] });
    expect(messagesOf(RULE, zone)).toEqual([expect.stringContaining(`: ${problem} — ${WHY}`)]);
  });

  test('suppressed', () => {
    expect(suppressedFindings(RULE, planned({ caa: [{ tag: 'issue', value: 'https://ca.example' }] }))).toEqual([expect.objectContaining({ suppressed: true, reason: REASON })]);
  });
});
