import { planReverse } from '../../../lib/plan/reverse';
import { ReverseZoneSpec } from '../../../lib/spec/types';
import { findingsOf, messagesOf, planned } from '../../helpers/zone';

const RULE = 'FCRDNS_MISMATCH';

const forward = planned({
  mailHosts: [{ name: 'smtp', ipv4: ['192.0.2.25'], ipv6: ['2001:db8::25'], mx: 10, aliases: ['mail'] }],
  webHosts: [{ name: 'www', ipv4: ['192.0.2.80'] }],
});

const reverse = (spec: Partial<ReverseZoneSpec> = {}) => planReverse({ kind: 'reverse', network: '192.0.2.0/24', ...spec }, { mailHosts: forward.hosts });

describe(RULE, () => {
  test('compliant: the automatic PTRs of the mail host resolve back to its addresses (IPv4, IPv6, classless)', () => {
    expect(findingsOf(RULE, reverse(), forward)).toEqual([]);
    expect(findingsOf(RULE, reverse({ network: '192.0.2.0/27' }), forward)).toEqual([]);
    const v6 = planReverse({ kind: 'reverse', network: '2001:db8::/48' }, { mailHosts: forward.hosts });
    expect(v6.ofType('PTR').length).toBe(1);
    expect(findingsOf(RULE, v6, forward)).toEqual([]);
  });

  test('non-compliant: a PTR naming a host whose A does not hold the address (exact text)', () => {
    const zone = reverse({ ptr: [{ address: '192.0.2.25', host: 'www.example.com.' }] });
    expect(messagesOf(RULE, zone, forward)).toEqual([
      "FCRDNS_MISMATCH: PTR 25.2.0.192.in-addr.arpa names www.example.com, but www.example.com resolves to 192.0.2.80, not to 192.0.2.25 — receivers look the PTR name up again and trust the sender only when it leads back to the connecting address (forward-confirmed reverse DNS); many refuse mail when it does not (RFC 1912 §2.1, Google's sender guidelines) — point the PTR at the host whose A/AAAA holds 192.0.2.25, or add 192.0.2.25 to www.example.com",
    ]);
    expect(findingsOf(RULE, zone, forward)[0]).toMatchObject({ severity: 'error', name: '25.2.0.192.in-addr.arpa.' });
  });

  test('non-compliant: a PTR naming an in-app name without addresses, in a classless zone', () => {
    const zone = reverse({ network: '192.0.2.0/25', ptr: [{ address: '192.0.2.30', host: 'ghost.example.com.' }] });
    expect(messagesOf(RULE, zone, forward)).toEqual([expect.stringContaining('PTR 30.0-127.2.0.192.in-addr.arpa names ghost.example.com, but ghost.example.com has no A or AAAA record, so it does not resolve to 192.0.2.30 — ')]);
  });

  test('not judged: targets outside the app, alias targets (PTR_TARGET_CNAME), deploy-time addresses', () => {
    expect(findingsOf(RULE, reverse({ ptr: [{ address: '192.0.2.40', host: 'mail.example.net.' }] }), forward)).toEqual([]);
    expect(findingsOf(RULE, reverse({ ptr: [{ address: '192.0.2.25', host: 'mail.example.com.' }] }), forward)).toEqual([]);
    const tokened = planned({ records: [{ name: 'dyn', type: 'A', value: '${TfToken[TOKEN.1]}' }] }, { isUnresolved: (v) => v.includes('${') });
    const dynPtr = planReverse({ kind: 'reverse', network: '192.0.2.0/24', ptr: [{ address: '192.0.2.50', host: 'dyn.example.com.' }] });
    expect(findingsOf(RULE, dynPtr, tokened)).toEqual([]);
    // The same PTR against a literal address that differs is judged: the token is what spares it.
    expect(findingsOf(RULE, dynPtr, planned({ records: [{ name: 'dyn', type: 'A', value: '192.0.2.51' }] })).length).toBe(1);
  });

  test('suppressed with a reason in the reverse zone', () => {
    const zone = reverse({ ptr: [{ address: '192.0.2.25', host: 'www.example.com.' }], suppress: [{ rule: RULE, name: '25', reason: 'the web name is what the ISP contract lists' }] });
    expect(findingsOf(RULE, zone, forward)).toEqual([expect.objectContaining({ rule: RULE, suppressed: true, reason: 'the web name is what the ISP contract lists' })]);
  });
});
