import { findingsOf, messagesOf, planned, PUBLIC_V4, REASON, suppressedFindings, zoneWith } from '../../helpers/zone';

const RULE = 'MTA_STS_POLICY_HOST_MISSING';
const MAIL = { mailHosts: [{ name: 'smtp', ipv4: [PUBLIC_V4], mx: 10 }] };

describe(RULE, () => {
  test.each([
    ['an A', { webHosts: [{ name: 'mta-sts', ipv4: ['8.8.8.80'] }] }],
    ['an AAAA', { webHosts: [{ name: 'mta-sts', ipv6: ['2a00:1450::80'] }] }],
    ['a CNAME', { webHosts: [{ name: 'mta-sts', cname: 'policies.hosting.example.' }] }],
  ])('compliant: mta-sts.<domain> has %s', (_, hosts) => {
    expect(findingsOf(RULE, planned({ ...MAIL, ...hosts, mtaSts: { mode: 'enforce' } }))).toEqual([]);
  });

  test('a policy without the host, with the exact finding text', () => {
    const zone = planned({ ...MAIL, mtaSts: { mode: 'enforce' } });
    expect(messagesOf(RULE, zone)).toEqual([
      'MTA_STS_POLICY_HOST_MISSING: example.com announces an MTA-STS policy but mta-sts.example.com has no A, AAAA or CNAME record — senders fetch the policy from https://mta-sts.example.com/.well-known/mta-sts.txt (RFC 8461 §3.3) and, finding no host, deliver without the policy — point mta-sts.example.com at the web server that serves the policy file (a webHost or a CNAME)',
    ]);
    expect(findingsOf(RULE, zone)[0]).toMatchObject({ severity: 'error', name: '_mta-sts.example.com.' });
  });

  test('a _mta-sts record under records: (a subdomain\'s) is judged too; the host may live in another zone of the app', () => {
    const zone = planned({ records: [{ name: '_mta-sts.lists', type: 'TXT', value: 'v=STSv1; id=20240101' }] });
    expect(findingsOf(RULE, zone).map((f) => f.name)).toEqual(['_mta-sts.lists.example.com.']);
    const net = zoneWith('example.net.', [['_mta-sts', 'TXT', 'v=STSv1; id=1']]);
    expect(findingsOf(RULE, net)).toHaveLength(1);
    expect(findingsOf(RULE, net, zoneWith('mta-sts.example.net.', [['@', 'A', '8.8.8.80']]))).toEqual([]);
  });

  test('suppressed at the policy host (the finding\'s subject)', () => {
    expect(suppressedFindings(RULE, planned({ ...MAIL, mtaSts: { mode: 'testing' } }), 'mta-sts.example.com.')).toEqual([expect.objectContaining({ suppressed: true, reason: REASON })]);
  });
});
