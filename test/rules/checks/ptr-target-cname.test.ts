import { planReverse } from '../../../lib/plan/reverse';
import { ReverseZoneSpec } from '../../../lib/spec/types';
import { findingsOf, messagesOf, planned } from '../../helpers/zone';

const RULE = 'PTR_TARGET_CNAME';

const forward = planned({ mailHosts: [{ name: 'smtp', ipv4: ['192.0.2.25'], mx: 10, aliases: ['mail'] }] });
const reverse = (spec: Partial<ReverseZoneSpec> = {}) => planReverse({ kind: 'reverse', network: '192.0.2.0/24', ...spec }, { mailHosts: forward.hosts });

describe(RULE, () => {
  test('compliant: the PTR names the host itself', () => {
    expect(findingsOf(RULE, reverse(), forward)).toEqual([]);
  });

  test('non-compliant: the PTR names an alias (exact text)', () => {
    const zone = reverse({ ptr: [{ address: '192.0.2.25', host: 'mail.example.com.' }] });
    expect(messagesOf(RULE, zone, forward)).toEqual([
      'PTR_TARGET_CNAME: PTR 25.2.0.192.in-addr.arpa points to mail.example.com, which is a CNAME (-> smtp.example.com) — a PTR must name the host itself, not an alias, or the forward confirmation of the sender fails (RFC 1912 §2.1) — point the PTR at smtp.example.com',
    ]);
    expect(findingsOf(RULE, zone, forward)[0]).toMatchObject({ severity: 'error', name: '25.2.0.192.in-addr.arpa.' });
  });

  test('suppressed with a reason', () => {
    const zone = reverse({ ptr: [{ address: '192.0.2.25', host: 'mail.example.com.' }], suppress: [{ rule: RULE, reason: 'alias kept until the rename lands' }] });
    expect(findingsOf(RULE, zone, forward)).toEqual([expect.objectContaining({ suppressed: true, reason: 'alias kept until the rename lands' })]);
  });
});
