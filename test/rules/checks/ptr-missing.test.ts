import { planReverse } from '../../../lib/plan/reverse';
import { MailHostSpec } from '../../../lib/spec/types';
import { findingsOf, messagesOf, planned } from '../../helpers/zone';

const RULE = 'PTR_MISSING';

const domain = (host: Partial<MailHostSpec>) => planned({ mailHosts: [{ name: 'smtp', ipv4: ['192.0.2.25'], mx: 10, ...host }] });

describe(RULE, () => {
  test('compliant: a managed PTR in a reverse zone of the app, or ptr external (the default outside one)', () => {
    const managed = domain({});
    expect(findingsOf(RULE, managed, planReverse({ kind: 'reverse', network: '192.0.2.0/24' }, { mailHosts: managed.hosts }))).toEqual([]);
    expect(findingsOf(RULE, domain({}))).toEqual([]);
    expect(findingsOf(RULE, domain({ ptr: 'external' }))).toEqual([]);
    expect(findingsOf(RULE, domain({ ptr: 'none', sends: false }))).toEqual([]);
  });

  test('non-compliant: ptr managed but no reverse zone of the app holds the address (exact text)', () => {
    expect(messagesOf(RULE, domain({ ptr: 'managed' }))).toEqual([
      "PTR_MISSING: sending mail host smtp.example.com has ptr: managed but no reverse zone of the app holds the address, so 192.0.2.25 gets no PTR (25.2.0.192.in-addr.arpa) — many receivers refuse or junk mail from addresses without reverse DNS (RFC 1912 §2.1, Google's sender guidelines, the guide) — add a ReverseZone for the network of 192.0.2.25, or set ptr: external and have the address's owner publish the PTR (synth writes ptr-requests.txt)",
    ]);
    expect(findingsOf(RULE, domain({ ptr: 'managed' }))[0]).toMatchObject({ severity: 'warning', name: 'smtp.example.com.' });
  });

  test('non-compliant: ptr none on a sending host; a reverse zone of another network does not help', () => {
    const zone = domain({ ptr: 'none', ipv6: ['2001:db8::25'] });
    const other = planReverse({ kind: 'reverse', network: '198.51.100.0/24' }, { mailHosts: zone.hosts });
    expect(messagesOf(RULE, zone, other)).toEqual([
      expect.stringMatching(/^PTR_MISSING: sending mail host smtp\.example\.com has ptr: none, so 192\.0\.2\.25 gets no PTR/),
      expect.stringMatching(/^PTR_MISSING: sending mail host smtp\.example\.com has ptr: none, so 2001:db8::25 gets no PTR \(5\.2\.0\.0\.[0-9a-f.]+ip6\.arpa\)/),
    ]);
  });

  test('suppressed at the host with a reason', () => {
    const zone = domain({ ptr: 'none', suppress: [{ rule: RULE, reason: 'relays through the ISP smarthost only' }] });
    expect(findingsOf(RULE, zone)).toEqual([expect.objectContaining({ suppressed: true, reason: 'relays through the ISP smarthost only' })]);
  });
});
