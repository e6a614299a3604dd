import { MailDnsError } from '../../lib/model/errors';
import { HostFact, Zone } from '../../lib/model/zone';
import { planZone } from '../../lib/plan';
import { planReverse, ptrRequests, ptrRequestsJson, ptrRequestsText, resolvePtrModes } from '../../lib/plan/reverse';
import { indexPtrs } from '../../lib/model/reverse';
import { runRules } from '../../lib/rules/engine';
import { ReverseZoneSpec } from '../../lib/spec/types';
import { planned, PUBLIC_V4, PUBLIC_V6 } from '../helpers/zone';

const mailHost = (name: string, addresses: string[], extra: Partial<HostFact> = {}): HostFact => ({
  name,
  kind: 'mail',
  addresses,
  sends: true,
  source: `mailHosts(${name})`,
  ...extra,
});

const ptrs = (zone: Zone): [string, string, string | undefined][] =>
  zone.ofType('PTR').map((r) => [r.name, r.data.type === 'PTR' ? r.data.target : '', r.meta.role]);

describe('planReverse', () => {
  test('GIVEN mail hosts WHEN planning a /24 THEN every managed or unset address inside the network gets a PTR', () => {
    const zone = planReverse(
      { kind: 'reverse', network: '192.0.2.0/24' },
      {
        mailHosts: [
          mailHost('smtp.example.com.', ['192.0.2.25', '2001:db8::25']),
          mailHost('mx2.example.com.', ['192.0.2.26'], { ptr: 'managed' }),
          mailHost('isp.example.com.', ['192.0.2.27'], { ptr: 'external' }),
          mailHost('quiet.example.com.', ['192.0.2.28'], { ptr: 'none' }),
          mailHost('far.example.org.', ['198.51.100.25']),
          { name: 'www.example.com.', kind: 'web', addresses: ['192.0.2.80'], sends: false, source: 'webHosts[0]' },
        ],
      },
    );
    expect(zone.origin).toBe('2.0.192.in-addr.arpa.');
    expect(zone.kind).toBe('reverse');
    expect(ptrs(zone)).toEqual([
      ['25.2.0.192.in-addr.arpa.', 'smtp.example.com.', 'ptr-25'],
      ['26.2.0.192.in-addr.arpa.', 'mx2.example.com.', 'ptr-26'],
    ]);
  });

  test('an explicit ptr entry replaces the automatic PTR of its address', () => {
    const zone = planReverse(
      { kind: 'reverse', network: '192.0.2.0/24', ptr: [{ address: '192.0.2.25', host: 'mail.example.com.' }, { address: '192.0.2.90', host: 'printer.example.com.' }] },
      { mailHosts: [mailHost('smtp.example.com.', ['192.0.2.25']), mailHost('smtp.example.org.', ['192.0.2.25'])] },
    );
    expect(ptrs(zone)).toEqual([
      ['25.2.0.192.in-addr.arpa.', 'mail.example.com.', 'ptr-25'],
      ['90.2.0.192.in-addr.arpa.', 'printer.example.com.', 'ptr-90'],
    ]);
    expect(zone.get('25.2.0.192.in-addr.arpa.', 'PTR')[0].meta.source).toBe('ptr[0].host');
  });

  test('two hosts sharing an address each get a PTR (PTR_MULTIPLE then asks for one)', () => {
    const zone = planReverse({ kind: 'reverse', network: '192.0.2.0/24' }, { mailHosts: [mailHost('a.example.com.', ['192.0.2.25']), mailHost('b.example.org.', ['192.0.2.25'])] });
    expect(ptrs(zone)).toEqual([
      ['25.2.0.192.in-addr.arpa.', 'a.example.com.', 'ptr-25'],
      ['25.2.0.192.in-addr.arpa.', 'b.example.org.', 'ptr-25-2'],
    ]);
  });

  test('RFC 2317 classless block: zone <first>-<last>, owners <last octet>.<zone>', () => {
    const zone = planReverse({ kind: 'reverse', network: '192.0.2.0/26' }, { mailHosts: [mailHost('smtp.example.com.', ['192.0.2.25', '192.0.2.100'])] });
    expect(zone.origin).toBe('0-63.2.0.192.in-addr.arpa.');
    expect(ptrs(zone)).toEqual([['25.0-63.2.0.192.in-addr.arpa.', 'smtp.example.com.', 'ptr-25']]);
  });

  test('RFC 2317 with the name the parent chose', () => {
    const zone = planReverse({ kind: 'reverse', network: '192.0.2.0/26', domain: 'Block1.2.0.192.in-addr.arpa' }, { mailHosts: [mailHost('smtp.example.com.', ['192.0.2.25'])] });
    expect(zone.origin).toBe('block1.2.0.192.in-addr.arpa.');
    expect(ptrs(zone)).toEqual([['25.block1.2.0.192.in-addr.arpa.', 'smtp.example.com.', 'ptr-25']]);
  });

  test('an IPv6 /64 zone holds the 32-nibble names', () => {
    const zone = planReverse({ kind: 'reverse', network: '2001:db8:1:2::/64', ttl: 3600 }, { mailHosts: [mailHost('smtp.example.com.', ['192.0.2.25', '2001:db8:1:2::25'])] });
    expect(zone.origin).toBe('2.0.0.0.1.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.');
    const [r] = zone.ofType('PTR');
    expect(r.name).toBe('5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.2.0.0.0.1.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.');
    expect(r.ttl).toBe(3600);
    expect(r.meta.role).toBe('ptr-5_2_0_0_0_0_0_0_0_0_0_0_0_0_0_0');
  });

  test('name servers, SOA, records, suppressions and rule overrides are planned as for a domain', () => {
    const zone = planReverse(
      {
        kind: 'reverse',
        network: '192.0.2.0/24',
        nameServers: ['ns1.example.net.', 'ns2.example.net.'],
        soa: { rname: 'hostmaster@example.net' },
        records: [{ name: '1', type: 'PTR', value: 'router.example.net.' }],
        suppress: [{ rule: 'PTR_MULTIPLE', reason: 'two names during the migration' }],
        rules: { TTL_RANGE: 'off' },
      },
      { today: new Date(Date.UTC(2026, 0, 2)), rules: { NS_COUNT: 'warning' } },
    );
    expect(zone.get(zone.origin, 'NS').length).toBe(2);
    expect(zone.get(zone.origin, 'SOA')[0].data).toMatchObject({ mname: 'ns1.example.net.', rname: 'hostmaster.example.net.', serial: 2026010200 });
    expect(ptrs(zone)).toEqual([['1.2.0.192.in-addr.arpa.', 'router.example.net.', 'ptr-1']]);
    expect(zone.suppressions).toEqual([{ rule: 'PTR_MULTIPLE', reason: 'two names during the migration', name: undefined, source: 'suppress[0]' }]);
    expect(zone.severity).toEqual({ NS_COUNT: 'warning', TTL_RANGE: 'off' });
  });

  test.each<[Partial<ReverseZoneSpec>, string, RegExp]>([
    [{ network: '192.0.0.0/22' }, 'domains[3].network', /^domains\[3\]\.network: "192\.0\.0\.0\/22" is not a reverse-zone boundary/],
    [{ network: '192.0.2.0' }, 'domains[3].network', /is not a network — write it as address\/prefix/],
    [{ network: '192.0.2.0/24', domain: '3.0.192.in-addr.arpa' }, 'domains[3].domain', /^domains\[3\]\.domain: "3\.0\.192\.in-addr\.arpa" is not the reverse zone of 192\.0\.2\.0\/24 — write 2\.0\.192\.in-addr\.arpa\., or leave domain out/],
    [{ network: '192.0.2.0/25', domain: '0-127.3.0.192.in-addr.arpa' }, 'domains[3].domain', /write a name one label below 2\.0\.192\.in-addr\.arpa\. \(such as 0-127\.2\.0\.192\.in-addr\.arpa\.\)/],
    [{ network: '192.0.2.0/24', ptr: [{ address: '198.51.100.25', host: 'smtp.example.com.' }] }, 'domains[3].ptr[0].address', /198\.51\.100\.25 is outside the network 192\.0\.2\.0\/24 of this reverse zone — put its PTR in the reverse zone of its own network/],
    [{ network: '192.0.2.0/24', ptr: [{ address: '192.0.2.x', host: 'smtp.example.com.' }] }, 'domains[3].ptr[0].address', /"192\.0\.2\.x" is not an IPv4 or IPv6 address/],
  ])('%j fails at %s', (spec, field, message) => {
    let error: unknown;
    try {
      planReverse({ kind: 'reverse', network: '', ...spec } as ReverseZoneSpec, { where: 'domains[3]' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MailDnsError);
    expect((error as MailDnsError).field).toBe(field);
    expect((error as MailDnsError).message).toMatch(message);
  });

  test('a relative ptr host gets the zone appended, and MISSING_TRAILING_DOT catches it', () => {
    const zone = planReverse({ kind: 'reverse', network: '192.0.2.0/24', ptr: [{ address: '192.0.2.25', host: 'smtp.example.com' }] });
    expect(ptrs(zone)[0][1]).toBe('smtp.example.com.2.0.192.in-addr.arpa.');
    expect(runRules([zone], { only: ['MISSING_TRAILING_DOT'] })[0].findings.map((f) => f.rule)).toEqual(['MISSING_TRAILING_DOT']);
  });
});

describe('planZone', () => {
  test('kind reverse is planned from the mail hosts given', () => {
    const forward = planned({ mailHosts: [{ name: 'smtp', ipv4: ['192.0.2.25'], mx: 10 }] });
    const zone = planZone({ kind: 'reverse', network: '192.0.2.0/24' }, {}, forward.hosts);
    expect(ptrs(zone)).toEqual([['25.2.0.192.in-addr.arpa.', 'smtp.example.com.', 'ptr-25']]);
    expect(planZone({ kind: 'reverse', network: '192.0.2.0/24' }).ofType('PTR')).toEqual([]);
  });

  test('a mail host says its own name in HELO unless helo is given (zone-file semantics)', () => {
    const forward = planned({ mailHosts: [{ name: 'smtp', ipv4: ['192.0.2.25'] }, { name: 'out', ipv4: ['192.0.2.26'], helo: 'relay' }] });
    expect(forward.hosts.map((h) => [h.helo, h.heloWritten])).toEqual([
      ['smtp.example.com.', undefined],
      ['relay.example.com.', 'relay'],
    ]);
  });
});

describe('the app of a domain and its reverse zones', () => {
  /** A compliant app on public addresses: every rule, reverse zones included, finds nothing. */
  function app(): Zone[] {
    const forward = planned({
      nameServers: ['ns1.example.net.', 'ns2.example.net.'],
      mailHosts: [
        { name: 'smtp', ipv4: [PUBLIC_V4], ipv6: [PUBLIC_V6], mx: 10, aliases: ['imap'] },
        { name: 'relay', ipv4: ['8.8.4.25'] },
      ],
      webHosts: [{ name: 'www', ipv4: ['8.8.8.80'] }],
      dmarc: { p: 'reject', rua: ['mailto:dmarc@example.com'] },
    });
    const v4 = planReverse({ kind: 'reverse', network: '8.8.8.0/24', ptr: [{ address: '8.8.8.80', host: 'www.example.com.' }] }, { mailHosts: forward.hosts });
    const v6 = planReverse({ kind: 'reverse', network: '2a00:1450::/32', nameServers: ['ns1.example.net.', 'ns2.example.net.'] }, { mailHosts: forward.hosts });
    return [forward, v4, v6];
  }

  test('existing rules do not misfire on reverse zones', () => {
    const reports = runRules(app());
    expect(reports.map((r) => [r.domain, r.findings])).toEqual([
      ['example.com', []],
      ['8.8.8.in-addr.arpa', []],
      ['0.5.4.1.0.0.a.2.ip6.arpa', []],
    ]);
  });

  test('resolvePtrModes: addresses inside an app reverse zone are managed, the rest external', () => {
    const zones = app();
    expect(resolvePtrModes(zones).map((m) => [m.host.name, m.address, m.mode])).toEqual([
      ['smtp.example.com.', PUBLIC_V4, 'managed'],
      ['smtp.example.com.', PUBLIC_V6, 'managed'],
      ['relay.example.com.', '8.8.4.25', 'external'],
    ]);
    expect(ptrRequests([zones[0]], indexPtrs(zones))).toEqual([{ address: '8.8.4.25', ptr: '25.4.8.8.in-addr.arpa.', host: 'relay.example.com.' }]);
  });
});

describe('ptrRequests', () => {
  // GIVEN two mail hosts sharing an IPv4 and an IPv6 address, outside any reverse zone of the app
  const zone = planned({
    mailHosts: [
      { name: 'smtp', ipv4: ['192.0.2.25'], ipv6: ['2001:db8::25'], mx: 10 },
      { name: 'out', ipv4: ['192.0.2.25', '192.0.2.3'], ipv6: ['2001:db8::25'], ptr: 'external' },
      { name: 'own', ipv4: ['192.0.2.99'], ptr: 'none' },
      { name: 'inbound', ipv4: ['192.0.2.10'], sends: false, mx: 20 },
    ],
  });

  test('every external address once, sorted, named by its first host', () => {
    expect(ptrRequests([zone])).toEqual([
      { address: '192.0.2.3', ptr: '3.2.0.192.in-addr.arpa.', host: 'out.example.com.' },
      { address: '192.0.2.10', ptr: '10.2.0.192.in-addr.arpa.', host: 'inbound.example.com.' },
      { address: '192.0.2.25', ptr: '25.2.0.192.in-addr.arpa.', host: 'smtp.example.com.' },
      { address: '2001:db8::25', ptr: '5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.', host: 'smtp.example.com.' },
    ]);
  });

  test('the JSON and the plain-text request', () => {
    const requests = ptrRequests([zone]).slice(2);
    expect(JSON.parse(ptrRequestsJson(requests))).toEqual({ requests });
    expect(ptrRequestsJson(requests).endsWith('}\n')).toBe(true);
    expect(ptrRequestsText(requests)).toBe(
      'please set PTR 25.2.0.192.in-addr.arpa to smtp.example.com.\n' +
        'please set PTR 5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa to smtp.example.com.\n',
    );
  });

  test('an address a reverse zone of the app publishes is not requested', () => {
    const reverse = planReverse({ kind: 'reverse', network: '2001:db8::/32' }, { mailHosts: zone.hosts });
    expect(ptrRequests([zone], indexPtrs([zone, reverse])).map((r) => r.address)).toEqual(['192.0.2.3', '192.0.2.10', '192.0.2.25']);
  });
});
