import { planDomain } from '../../lib/plan';
import { DomainSpec } from '../../lib/spec/types';
import { DomainVerification, LIVE_RULE_IDS, verifyZones, VerifyOptions } from '../../lib/verify';
import { UdpClient } from '../../lib/verify/udp-client';
import { dig, NamedServer, startNamed } from '../helpers/bind';
import { blackHole, closedPort, describeWithBind, exampleNet, REVERSE_ZONES, verifySpec, VERIFICATION_TOKENS, zoneText } from './helpers';

/** Live rule findings and errors of a result, for compact assertions. */
function rulesOf(v: DomainVerification, opts: { errorsOnly?: boolean } = {}): string[] {
  return v.findings.filter((f) => !opts.errorsOnly || f.severity === 'error').map((f) => f.rule);
}

function verify(spec: DomainSpec, server: NamedServer, opts: VerifyOptions = {}): Promise<DomainVerification[]> {
  const at = `127.0.0.1:${server.port}`;
  return verifyZones([{ zone: planDomain(spec), spec }], { servers: [at], resolver: at, timeoutMs: 1000, ...opts });
}

describeWithBind('verifyZones against a real named', () => {
  let good: NamedServer;
  let drifted: NamedServer;
  const spec = verifySpec();

  beforeAll(async () => {
    // GIVEN one named serving the planned zone as the zone-file adapter writes it, and one serving a drifted copy
    const aux = [{ origin: 'example.net.', text: exampleNet() }, ...REVERSE_ZONES];
    const drift: DomainSpec = {
      ...spec,
      spf: false,
      mailHosts: [{ ...spec.mailHosts![0], mx: 20 }],
      webHosts: [{ ...spec.webHosts![0], spf: false }, ...spec.webHosts!.slice(1)],
      records: [...spec.records!, { name: 'www', type: 'TXT', value: 'v=verification; added by hand' }],
    };
    [good, drifted] = await Promise.all([
      startNamed({ zones: [{ origin: 'example.com.', text: zoneText(spec) }, ...aux] }),
      startNamed({ zones: [{ origin: 'example.com.', text: zoneText(drift) }, ...aux] }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([good?.stop(), drifted?.stop()]);
  });

  test('the served plan verifies: status ok, no difference, every live rule passes', async () => {
    const [v] = await verify(spec, good);
    expect(v.differences).toEqual([]);
    expect(v.status).toBe('ok');
    expect(v.servers).toEqual([{ server: `127.0.0.1:${good.port}`, status: 'ok', serial: 2024061501 }]);
    // no live finding at all (every lookup answered, every check passed) and no error of any kind
    expect(rulesOf(v).filter((r) => LIVE_RULE_IDS.includes(r))).toEqual([]);
    expect(rulesOf(v, { errorsOnly: true })).toEqual([]);
    expect(v.skipped).toEqual([]);
  });

  test('each question is asked once of a server: the live rules reuse the comparison\'s answers, and CNAME is asked only at planned aliases', async () => {
    const asked = jest.spyOn(UdpClient.prototype, 'query');
    try {
      const [v] = await verify(spec, good);
      expect(v.status).toBe('ok');
      const questions = asked.mock.calls.map((c, i) => ({ client: asked.mock.contexts[i], q: `${c[0].toLowerCase().replace(/\.$/, '')} ${c[1]}` }));
      const authoritative = questions[0].client; // the SOA question goes to the server first
      const mine = questions.filter((x) => x.client === authoritative).map((x) => x.q);
      expect(mine.filter((q, i) => mine.indexOf(q) !== i)).toEqual([]);
      const aliases = planDomain(spec).ofType('CNAME').map((r) => `${r.name.replace(/\.$/, '')} CNAME`);
      expect(mine.filter((q) => q.endsWith(' CNAME')).sort()).toEqual(aliases.sort());
    } finally {
      asked.mockRestore();
    }
  });

  test('a CNAME served where the plan has other data is seen in the answers to the planned questions', async () => {
    // GIVEN www, planned with addresses and a null SPF, is served as an alias of another host
    const text = zoneText(spec)
      .split('\n')
      .filter((l) => !/^www\s/.test(l))
      .concat('www 300 IN CNAME ns1.example.net.', '')
      .join('\n');
    const aliased = await startNamed({ zones: [{ origin: 'example.com.', text }, { origin: 'example.net.', text: exampleNet() }, ...REVERSE_ZONES] });
    const asked = jest.spyOn(UdpClient.prototype, 'query');
    try {
      const [v] = await verify(spec, aliased);
      // THEN the alias is reported as the CNAME question would have (and A, AAAA, TXT as not served: named answers with the CNAME alone)
      expect(v.differences.filter((d) => d.name === 'www.example.com.').map((d) => `${d.type} ${d.kind} ${d.actual.join(' ')}`)).toEqual([
        'A missing ',
        'AAAA missing ',
        'TXT missing ',
        'CNAME unexpected ns1.example.net.',
      ]);
      expect(v.status).toBe('drift');
      // without a question of its own
      expect(asked.mock.calls.filter(([n, t]) => /^www\.example\.com\.?$/i.test(n) && t === 'CNAME')).toEqual([]);
    } finally {
      asked.mockRestore();
      await aliased.stop();
    }
  });

  test('a drifted copy gives exactly its differences: changed MX, missing SPF, extra TXT at a planned name', async () => {
    const [v] = await verify(spec, drifted);
    const server = `127.0.0.1:${drifted.port}`;
    // the apex TXT rrset also holds the vendor tokens: they are still there, only the SPF is gone
    const tokens = VERIFICATION_TOKENS.map((t) => `"${t}"`);
    expect(v.differences).toEqual([
      { name: 'example.com.', type: 'TXT', kind: 'missing', severity: 'error', expected: ['"v=spf1 mx include:_spf.example.net -all"', ...tokens].sort(), actual: [...tokens].sort(), server },
      { name: 'example.com.', type: 'MX', kind: 'different', severity: 'error', expected: ['10 smtp.example.com.'], actual: ['20 smtp.example.com.'], server },
      { name: 'www.example.com.', type: 'TXT', kind: 'unexpected', severity: 'error', expected: ['"v=spf1 -all"'], actual: ['"v=spf1 -all"', '"v=verification; added by hand"'], server },
    ].map((d) => expect.objectContaining(d)));
    expect(v.differences).toHaveLength(3);
    expect(v.status).toBe('drift');
    // the missing SPF is also what the live SPF check sees, for both addresses of smtp
    expect(rulesOf(v, { errorsOnly: true }).filter((r) => LIVE_RULE_IDS.includes(r))).toEqual(['SPF_LIVE_FAIL', 'SPF_LIVE_FAIL']);
    expect(v.findings.find((f) => f.rule === 'SPF_LIVE_FAIL')!.message).toMatch(
      /^SPF_LIVE_FAIL: example\.com publishes no SPF record live, so 192\.0\.2\.25 \(smtp\.example\.com, MAIL FROM example\.com\) is not authorized \(result none\)/,
    );
  });

  test('two servers that disagree are reported per server, with NS_INCONSISTENT', async () => {
    const [v] = await verifyZones([{ zone: planDomain(spec), spec }], {
      servers: [`127.0.0.1:${good.port}`, `127.0.0.1:${drifted.port}`],
      resolver: `127.0.0.1:${good.port}`,
      timeoutMs: 1000,
    });
    expect(v.differences.map((d) => [d.type, d.name, d.server])).toEqual([
      ['TXT', 'example.com.', `127.0.0.1:${drifted.port}`],
      ['MX', 'example.com.', `127.0.0.1:${drifted.port}`],
      ['TXT', 'www.example.com.', `127.0.0.1:${drifted.port}`],
    ]);
    const split = v.findings.find((f) => f.rule === 'NS_INCONSISTENT');
    expect(split?.severity).toBe('warning');
    expect(split?.message).toContain('disagree on TXT example.com, MX example.com, TXT www.example.com');
  });

  test('an unreachable server is an NS_UNREACHABLE finding within the timeout, and the run goes on', async () => {
    // GIVEN a port where nothing listens and a socket that swallows every question
    const closed = await closedPort();
    const hole = await blackHole();
    try {
      const started = Date.now();
      const [v] = await verifyZones([{ zone: planDomain(spec), spec }], {
        servers: [`127.0.0.1:${closed}`, `127.0.0.1:${hole.port}`, `127.0.0.1:${good.port}`],
        resolver: `127.0.0.1:${good.port}`,
        timeoutMs: 300,
        retries: 1,
      });
      const elapsed = Date.now() - started;
      // THEN the silent server cost its two attempts of 300 ms, not more
      expect(elapsed).toBeLessThan(3000);
      expect(v.servers.map((s) => s.status)).toEqual(['unreachable', 'unreachable', 'ok']);
      const unreachable = v.findings.filter((f) => f.rule === 'NS_UNREACHABLE');
      expect(unreachable).toHaveLength(2);
      expect(unreachable.map((f) => f.message)).toEqual(
        expect.arrayContaining([
          expect.stringContaining(`127.0.0.1:${closed} gave no answer for the SOA of example.com (ECONNREFUSED)`),
          expect.stringContaining(`127.0.0.1:${hole.port} gave no answer for the SOA of example.com (ETIMEOUT)`),
        ]),
      );
      // AND the reachable server was still verified in full
      expect(v.differences).toEqual([]);
      expect(v.status).toBe('error');
    } finally {
      await hole.close();
    }
  });

  test('when no server answers, only that is reported: the live rules do not judge an absent zone', async () => {
    const [v] = await verifyZones([{ zone: planDomain(spec), spec }], { servers: [`127.0.0.1:${await closedPort()}`], resolver: `127.0.0.1:${good.port}`, timeoutMs: 300 });
    expect(rulesOf(v).filter((r) => LIVE_RULE_IDS.includes(r))).toEqual(['NS_UNREACHABLE']);
    expect(v.differences).toEqual([]);
    expect(v.status).toBe('error');
  });

  test('a server that does not serve the zone is NS_LAME', async () => {
    const other: DomainSpec = { domain: 'example.org', nameServers: ['ns1.example.net.', 'ns2.example.net.'], spf: false };
    const [v] = await verify(other, good);
    expect(v.servers).toEqual([{ server: `127.0.0.1:${good.port}`, status: 'lame' }]);
    expect(v.findings.find((f) => f.rule === 'NS_LAME')?.message).toContain(`127.0.0.1:${good.port} answers an error answer (EREFUSED) for the SOA of example.org`);
    expect(v.status).toBe('error');
  });

  test('an answer too large for UDP arrives over TCP and verifies', async () => {
    // GIVEN the apex TXT rrset (SPF plus vendor tokens) is larger than a UDP answer may be
    const tokens = VERIFICATION_TOKENS.reduce((n, t) => n + t.length, 0);
    expect(tokens).toBeGreaterThan(1500);
    const udp = await dig('example.com', 'TXT', good.port, { args: ['+notcp', '+ignore', '+bufsize=1232'] });
    const tcp = await dig('example.com', 'TXT', good.port, { tcp: true });
    expect(udp).toEqual([]); // truncated: named sends TC and no records
    expect(tcp).toHaveLength(VERIFICATION_TOKENS.length + 1);
    // WHEN verify asks (c-ares sees TC and repeats the question over TCP)
    const [v] = await verify(spec, good);
    // THEN the rrset and the 4096-bit DKIM key compare equal, and the SPF check read the apex TXT
    expect(v.differences.filter((d) => d.type === 'TXT')).toEqual([]);
    expect(v.findings.filter((f) => f.rule.startsWith('SPF_LIVE') || f.rule === 'LIVE_LOOKUP_FAILED')).toEqual([]);
  });
});

describeWithBind('live rules against a real named', () => {
  let server: NamedServer;

  // A domain whose records are served as planned but whose surroundings are broken.
  const spec: DomainSpec = {
    domain: 'example.com',
    ttl: 3600,
    nameServers: ['ns1.example.net.', 'ns2.example.net.'],
    spf: 'v=spf1 include:_spf.deep.example.net -all',
    mailHosts: [
      { name: 'smtp', ipv4: ['192.0.2.26'], ipv6: ['2001:db8::26'], mx: 10, spf: 'v=spf1 a:nx1.example.net a:nx2.example.net a:nx3.example.net a -all' },
      { name: 'relay', ipv4: ['203.0.113.9'], spf: 'v=spf1 ip4:203.0.113.1 -all' },
    ],
    records: [
      { name: '_dmarc', type: 'TXT', value: 'v=DMARC1; p=reject; rua=mailto:dmarc@reports.example.net' },
      { name: 'blog', type: 'CNAME', value: 'ghost.example.net.' },
      { name: 'shop', type: 'CNAME', value: 'shop-alias.example.net.' },
    ],
  };
  // An include chain of 11 DNS-querying terms: over the limit of 10 (RFC 7208 §4.6.4).
  const deep = Array.from({ length: 11 }, (_, i) => `d${i}._spf.deep IN TXT "v=spf1 ${i < 10 ? `include:d${i + 1}._spf.deep.example.net` : 'ip4:192.0.2.0/24'} -all"`);
  const net = [
    exampleNet({ authorizeReports: false }).trimEnd(),
    '_spf.deep IN TXT "v=spf1 include:d0._spf.deep.example.net -all"',
    ...deep,
    'wrong IN A 192.0.2.99',
    'shop-alias IN CNAME gone.example.net.',
    '',
  ].join('\n');
  const reverse = ['$TTL 300', '@ IN SOA ns1.example.net. hostmaster.example.net. 1 3600 900 604800 300', '@ IN NS ns1.example.net.', '26 IN PTR wrong.example.net.', ''].join('\n');

  beforeAll(async () => {
    server = await startNamed({
      zones: [
        { origin: 'example.com.', text: zoneText(spec) },
        { origin: 'example.net.', text: net },
        { origin: '2.0.192.in-addr.arpa.', text: reverse },
        { origin: '8.b.d.0.1.0.0.2.ip6.arpa.', text: reverse.replace('26 IN PTR wrong.example.net.\n', '') },
      ],
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  test('each live rule reports what is broken, while the records themselves match the plan', async () => {
    const [v] = await verify({ ...spec }, server);
    expect(v.differences).toEqual([]);
    const by = (rule: string): string[] => v.findings.filter((f) => f.rule === rule).map((f) => f.message);

    // SPF: the domain's include chain passes 10 lookups; the host's SPF makes 3 void lookups
    expect(by('SPF_LIVE_ERROR')).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^SPF_LIVE_ERROR: SPF of example\.com gives permerror for 192\.0\.2\.26 \(smtp\.example\.com, MAIL FROM example\.com\): .*\(11 DNS lookups/),
        expect.stringMatching(/^SPF_LIVE_ERROR: SPF of smtp\.example\.com gives permerror for 192\.0\.2\.26 \(smtp\.example\.com, HELO smtp\.example\.com\): .*3 void/),
      ]),
    );
    // SPF: the relay's own record does not list its address
    expect(by('SPF_LIVE_FAIL')).toEqual([
      expect.stringContaining('SPF of relay.example.com gives fail for 203.0.113.9 (relay.example.com, HELO relay.example.com), decided by -all (0 DNS lookups, 0 void)'),
    ]);
    // a lookup nobody could answer (no reverse zone for 203.0.113.0/24 here) is said, not passed over
    expect(by('LIVE_LOOKUP_FAILED')).toEqual([expect.stringContaining('PTR 9.113.0.203.in-addr.arpa got an error answer (EREFUSED)')]);
    // FCrDNS: the IPv4 PTR names a host with another address; the IPv6 address has no PTR at all
    expect(by('FCRDNS_FAIL')).toEqual([
      expect.stringContaining('192.0.2.26 of smtp.example.com has PTR wrong.example.net, which does not resolve back to it (wrong.example.net -> 192.0.2.99)'),
      expect.stringContaining('2001:db8::26 of smtp.example.com has no PTR record'),
    ]);
    // DMARC: the external destination has not authorized the reports
    expect(by('DMARC_REPORT_AUTH')).toEqual([expect.stringContaining('report destination reports.example.net (mailto:dmarc@reports.example.net) has not authorized reports for example.com: example.com._report._dmarc.reports.example.net holds NXDOMAIN')]);
    // dangling aliases, directly and through a chain
    expect(by('CNAME_DANGLING')).toEqual([
      expect.stringContaining('blog.example.com is an alias of ghost.example.net, which does not exist (NXDOMAIN)'),
      expect.stringContaining('shop.example.com is an alias of gone.example.net (via shop-alias.example.net), which does not exist (NXDOMAIN)'),
    ]);
    expect(v.status).toBe('error');
  });

  test('the plan has MTA-STS but the record is not served: a difference and MTA_STS_TXT_MISSING', async () => {
    const withSts: DomainSpec = { ...spec, records: [...spec.records!, { name: '_mta-sts', type: 'TXT', value: 'v=STSv1; id=1' }] };
    const [v] = await verify(withSts, server);
    expect(v.differences).toEqual([expect.objectContaining({ name: '_mta-sts.example.com.', type: 'TXT', kind: 'missing' })]);
    expect(v.findings.filter((f) => f.rule === 'MTA_STS_TXT_MISSING').map((f) => f.message)).toEqual([expect.stringContaining('the plan has MTA-STS but _mta-sts.example.com answers NXDOMAIN')]);
  });

  test('suppressions and severity overrides apply to live findings', async () => {
    const tuned: DomainSpec = {
      ...spec,
      rules: { DMARC_REPORT_AUTH: 'off', FCRDNS_FAIL: 'warning' },
      suppress: [{ rule: 'CNAME_DANGLING', name: 'blog', reason: 'the blog moves back next week, ticket OPS-12' }],
    };
    const [v] = await verify(tuned, server);
    expect(v.findings.some((f) => f.rule === 'DMARC_REPORT_AUTH')).toBe(false);
    expect(v.findings.filter((f) => f.rule === 'FCRDNS_FAIL').map((f) => f.severity)).toEqual(['warning', 'warning']);
    const blog = v.findings.find((f) => f.rule === 'CNAME_DANGLING' && f.name === 'blog.example.com.');
    expect(blog).toMatchObject({ suppressed: true, reason: 'the blog moves back next week, ticket OPS-12' });
    expect(v.findings.some((f) => f.rule === 'SUPPRESSION_UNUSED')).toBe(false);
  });
});
