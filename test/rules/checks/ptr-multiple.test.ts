import { planReverse } from '../../../lib/plan/reverse';
import { ReverseZoneSpec } from '../../../lib/spec/types';
import { findingsOf, messagesOf, planned } from '../../helpers/zone';

const RULE = 'PTR_MULTIPLE';

const forward = planned({
  mailHosts: [
    { name: 'smtp', ipv4: ['192.0.2.25'], mx: 10 },
    { name: 'relay', ipv4: ['192.0.2.25'] },
  ],
});
const reverse = (spec: Partial<ReverseZoneSpec> = {}) => planReverse({ kind: 'reverse', network: '192.0.2.0/24', ...spec }, { mailHosts: forward.hosts });

describe(RULE, () => {
  test('compliant: one PTR per address (an explicit entry picks the name of a shared address)', () => {
    expect(findingsOf(RULE, reverse({ ptr: [{ address: '192.0.2.25', host: 'smtp.example.com.' }] }), forward)).toEqual([]);
  });

  test('non-compliant: two hosts share an address and both get a PTR (exact text)', () => {
    const zone = reverse();
    expect(messagesOf(RULE, zone, forward)).toEqual([
      "PTR_MULTIPLE: 192.0.2.25 has 2 PTR records (relay.example.com, smtp.example.com) — receivers use any one of them for forward-confirmed reverse DNS and the HELO comparison, so checks pass or fail by chance (RFC 1912 §2.1, Google's sender guidelines: the address maps to a hostname) — keep one PTR naming the host that sends from 192.0.2.25; an explicit ptr entry in the reverse zone replaces the automatic ones",
    ]);
    expect(findingsOf(RULE, zone, forward)[0]).toMatchObject({ severity: 'warning', name: '25.2.0.192.in-addr.arpa.' });
  });

  test('non-compliant across zones: the same address in a /24 zone and in a classless zone of the app', () => {
    const whole = planReverse({ kind: 'reverse', network: '192.0.2.0/24', ptr: [{ address: '192.0.2.25', host: 'smtp.example.com.' }] });
    const block = planReverse({ kind: 'reverse', network: '192.0.2.0/25', ptr: [{ address: '192.0.2.25', host: 'relay.example.com.' }] });
    expect(messagesOf(RULE, block, whole, forward)).toEqual([expect.stringMatching(/^PTR_MULTIPLE: 192\.0\.2\.25 has 2 PTR records \(relay\.example\.com, smtp\.example\.com\) — /)]);
  });

  test('suppressed with a reason', () => {
    const zone = reverse({ suppress: [{ rule: RULE, reason: 'both names until the relay is retired' }] });
    expect(findingsOf(RULE, zone, forward)).toEqual([expect.objectContaining({ suppressed: true, reason: 'both names until the relay is retired' })]);
  });
});
