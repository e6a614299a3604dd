import { planReverse } from '../../../lib/plan/reverse';
import { MailHostSpec, PtrSpec } from '../../../lib/spec/types';
import { findingsOf, messagesOf, planned } from '../../helpers/zone';

const RULE = 'HELO_PTR_MISMATCH';

function app(host: Partial<MailHostSpec>, ptr: PtrSpec[] = []) {
  const forward = planned({
    mailHosts: [{ name: 'smtp', ipv4: ['192.0.2.25'], mx: 10, ...host }],
    webHosts: [{ name: 'www', ipv4: ['192.0.2.80'] }],
  });
  return [forward, planReverse({ kind: 'reverse', network: '192.0.2.0/24', ptr }, { mailHosts: forward.hosts })] as const;
}

describe(RULE, () => {
  test('compliant: HELO defaults to the host name, which the automatic PTR names', () => {
    expect(findingsOf(RULE, ...app({}))).toEqual([]);
    expect(findingsOf(RULE, ...app({ helo: 'smtp.example.com.' }))).toEqual([]);
  });

  test('not judged where the PTR is unknown (external) or the host does not send', () => {
    expect(findingsOf(RULE, planned({ mailHosts: [{ name: 'smtp', ipv4: ['192.0.2.25'], helo: 'mx.example.net.' }] }))).toEqual([]);
    expect(findingsOf(RULE, ...app({ helo: 'mx.example.net.', sends: false }))).toEqual([]);
  });

  test('a HELO that is no host name is left to HELO_NOT_FQDN', () => {
    expect(findingsOf(RULE, ...app({ helo: '[192.0.2.25]' }))).toEqual([]);
    expect(findingsOf('HELO_NOT_FQDN', ...app({ helo: '[192.0.2.25]' })).length).toBe(1);
  });

  test('non-compliant: HELO differs from the PTR name (exact text)', () => {
    expect(messagesOf(RULE, ...app({ helo: 'mx.example.net.' }))).toEqual([
      "HELO_PTR_MISMATCH: mail host smtp.example.com says HELO mx.example.net but the PTR of 192.0.2.25 names smtp.example.com — receivers compare the EHLO name with the reverse DNS of the connecting address and score a mismatch as spam (RFC 5321 §4.1.4, Google's sender guidelines) — make the PTR of 192.0.2.25 name mx.example.net (an explicit ptr entry), or set helo to smtp.example.com",
    ]);
    expect(findingsOf(RULE, ...app({ helo: 'mx.example.net.' }))[0]).toMatchObject({ severity: 'warning', name: 'smtp.example.com.' });
  });

  test('non-compliant: an explicit PTR names another host than the HELO', () => {
    expect(messagesOf(RULE, ...app({}, [{ address: '192.0.2.25', host: 'www.example.com.' }]))).toEqual([
      expect.stringMatching(/^HELO_PTR_MISMATCH: mail host smtp\.example\.com says HELO smtp\.example\.com but the PTR of 192\.0\.2\.25 names www\.example\.com — /),
    ]);
  });

  test('suppressed at the host with a reason', () => {
    const [forward, reverse] = app({ helo: 'mx.example.net.', suppress: [{ rule: RULE, reason: 'HELO kept during the provider move' }] });
    expect(findingsOf(RULE, forward, reverse)).toEqual([expect.objectContaining({ suppressed: true, reason: 'HELO kept during the provider move' })]);
  });
});
