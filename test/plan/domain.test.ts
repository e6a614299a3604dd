import { MailDnsError } from '../../lib/model/errors';
import { DnsRecord, formatRData, RecordType } from '../../lib/model/records';
import { Zone } from '../../lib/model/zone';
import { DEFAULT_DOMAIN_SPF, DEFAULT_HOST_SPF, DEFAULT_TTL, mailboxToDns, NULL_SPF, planDomain, planParked, SOA_DEFAULTS } from '../../lib/plan/domain';
import { DomainSpec } from '../../lib/spec/types';
import { ARTICLE } from '../helpers/zone';

/** `name type value` lines of the records at a name (absolute names, presentation values). */
function at(zone: Zone, name: string, type?: RecordType): string[] {
  return zone.records.filter((r) => r.name === name && (!type || r.type === type)).map((r) => `${r.type} ${formatRData(r.data)}`);
}

function thrown(fn: () => unknown): MailDnsError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MailDnsError);
    return e as MailDnsError;
  }
  throw new Error('expected a MailDnsError, nothing was thrown');
}

const base = (extra: Partial<DomainSpec> = {}): DomainSpec => ({ domain: 'example.com', ...extra });

describe('the guide\'s zone for example.com, record by record', () => {
  const zone = planDomain(ARTICLE);

  test('origin, kind, TTL and provider', () => {
    expect(zone.origin).toBe('example.com.');
    expect(zone.kind).toBe('domain');
    expect(zone.defaultTtl).toBe(172800);
    expect(zone.provider).toBe('cloudflare');
  });

  test('SOA: ns1.example.net. hostmaster.example.com. 2012040900 12H 15M 4W 3H', () => {
    expect(at(zone, 'example.com.', 'SOA')).toEqual(['SOA ns1.example.net. hostmaster.example.com. 2012040900 43200 900 2419200 10800']);
  });

  test('NS: ns1 and ns2.example.net.', () => {
    expect(at(zone, 'example.com.', 'NS')).toEqual(['NS ns1.example.net.', 'NS ns2.example.net.']);
  });

  test('apex A', () => {
    expect(at(zone, 'example.com.', 'A')).toEqual(['A 192.0.2.80']);
  });

  test('MX 10 smtp', () => {
    expect(at(zone, 'example.com.', 'MX')).toEqual(['MX 10 smtp.example.com.']);
  });

  test('apex SPF v=spf1 mx -all, and only that TXT at the apex', () => {
    expect(at(zone, 'example.com.', 'TXT')).toEqual(['TXT "v=spf1 mx -all"']);
  });

  test('smtp: A, AAAA and v=spf1 a -all', () => {
    expect(at(zone, 'smtp.example.com.')).toEqual(['A 192.0.2.25', 'AAAA 2001:db8::25', 'TXT "v=spf1 a -all"']);
  });

  test('www: A and v=spf1 -all', () => {
    expect(at(zone, 'www.example.com.')).toEqual(['A 192.0.2.80', 'TXT "v=spf1 -all"']);
  });

  test('imap and mail: CNAME smtp', () => {
    expect(at(zone, 'imap.example.com.')).toEqual(['CNAME smtp.example.com.']);
    expect(at(zone, 'mail.example.com.')).toEqual(['CNAME smtp.example.com.']);
  });

  test('_dmarc: the DMARC record main.ts adds to the guide', () => {
    expect(at(zone, '_dmarc.example.com.')).toEqual(['TXT "v=DMARC1; p=reject; rua=mailto:dmarc@example.com"']);
  });

  test('nothing else: 14 records at 6 names, every one with the 48 h TTL', () => {
    expect(zone.records).toHaveLength(14);
    expect(zone.names().sort()).toEqual(['_dmarc.example.com.', 'example.com.', 'imap.example.com.', 'mail.example.com.', 'smtp.example.com.', 'www.example.com.']);
    expect(new Set(zone.records.map((r) => r.ttl))).toEqual(new Set([172800]));
  });

  test('host facts: smtp is a sending MX host, @ and www are web hosts', () => {
    expect(zone.hosts).toEqual([
      {
        name: 'smtp.example.com.',
        kind: 'mail',
        addresses: ['192.0.2.25', '2001:db8::25'],
        mx: 10,
        sends: true,
        helo: 'smtp.example.com.',
        heloWritten: undefined,
        ptr: undefined,
        proxied: undefined,
        source: 'mailHosts[0]',
      },
      { name: 'example.com.', kind: 'web', addresses: ['192.0.2.80'], sends: false, proxied: undefined, source: 'webHosts[0]' },
      { name: 'www.example.com.', kind: 'web', addresses: ['192.0.2.80'], sends: false, proxied: undefined, source: 'webHosts[1]' },
    ]);
  });

  test('every record knows the spec field it came from', () => {
    const sources = zone.records.map((r) => `${r.type} ${r.meta.source}`);
    expect(sources).toEqual([
      'NS nameServers[0]',
      'NS nameServers[1]',
      'SOA soa',
      'TXT spf',
      'A mailHosts[0].ipv4[0]',
      'AAAA mailHosts[0].ipv6[0]',
      'MX mailHosts[0].mx',
      'TXT mailHosts[0].spf',
      'CNAME mailHosts[0].aliases[0]',
      'CNAME mailHosts[0].aliases[1]',
      'A webHosts[0].ipv4[0]',
      'A webHosts[1].ipv4[0]',
      'TXT webHosts[1].spf',
      'TXT dmarc',
    ]);
  });
});

describe('defaults', () => {
  test('TTL 172800 and domain SPF v=spf1 mx -all when omitted', () => {
    expect(DEFAULT_TTL).toBe(172800);
    expect(DEFAULT_DOMAIN_SPF).toBe('v=spf1 mx -all');
    expect(DEFAULT_HOST_SPF).toBe('v=spf1 a -all');
    expect(NULL_SPF).toBe('v=spf1 -all');
    const zone = planDomain(base({ mailHosts: [{ name: 'smtp', ipv4: ['192.0.2.25'], mx: 10 }] }));
    expect(zone.defaultTtl).toBe(172800);
    expect(at(zone, 'example.com.', 'TXT')).toEqual(['TXT "v=spf1 mx -all"']);
    expect(at(zone, 'smtp.example.com.', 'TXT')).toEqual(['TXT "v=spf1 a -all"']);
    expect(zone.records.every((r) => r.ttl === 172800)).toBe(true);
  });

  test('a domain TTL and host TTLs', () => {
    const zone = planDomain(base({ ttl: 3600, mailHosts: [{ name: 'smtp', ipv4: ['192.0.2.25'], ttl: 300, aliases: ['mail'] }], webHosts: [{ name: 'www', ipv4: ['192.0.2.80'] }] }));
    expect(zone.records.map((r) => `${r.name} ${r.type} ${r.ttl}`)).toEqual([
      'example.com. TXT 3600',
      'smtp.example.com. A 300',
      'smtp.example.com. TXT 300',
      'mail.example.com. CNAME 300',
      'www.example.com. A 3600',
      'www.example.com. TXT 3600',
    ]);
  });

  test('no SOA unless asked for; SOA defaults are the guide\'s timers and hostmaster', () => {
    expect(planDomain(base({ nameServers: ['ns1.example.net.', 'ns2.example.net.'] })).get('example.com.', 'SOA')).toEqual([]);
    const zone = planDomain(base({ nameServers: ['ns1.example.net.', 'ns2.example.net.'], soa: {} }), { today: new Date(Date.UTC(2024, 0, 5)) });
    expect(SOA_DEFAULTS).toEqual({ rname: 'hostmaster', refresh: 43200, retry: 900, expire: 2419200, minimum: 10800 });
    expect(at(zone, 'example.com.', 'SOA')).toEqual(['SOA ns1.example.net. hostmaster.example.com. 2024010500 43200 900 2419200 10800']);
  });

  test('an SOA without mname and without name servers is refused', () => {
    const e = thrown(() => planDomain(base({ soa: {} })));
    expect(e.field).toBe('soa.mname');
    expect(e.message).toBe('soa.mname: the SOA needs a primary name server — set soa.mname or nameServers');
  });

  test('spf: false publishes no domain SPF; the provider defaults to cloudflare', () => {
    const zone = planDomain(base({ spf: false }));
    expect(zone.records).toEqual([]);
    expect(zone.provider).toBe('cloudflare');
  });

  test('severity overrides: the domain\'s win over the app\'s', () => {
    const zone = planDomain(base({ rules: { NS_COUNT: 'warning' } }), { rules: { NS_COUNT: 'off', SPF_PTR: 'off' } });
    expect(zone.severity).toEqual({ NS_COUNT: 'warning', SPF_PTR: 'off' });
  });
});

describe('mailboxToDns', () => {
  test.each([
    ['hostmaster', 'hostmaster'],
    ['hostmaster@example.com', 'hostmaster.example.com.'],
    ['john.doe@example.com', 'john\\.doe.example.com.'],
    ['hostmaster@example.com.', 'hostmaster.example.com.'],
  ])('%s -> %s', (mailbox, dns) => {
    expect(mailboxToDns(mailbox)).toBe(dns);
  });
});

describe('web hosts', () => {
  test('the apex web host adds no null SPF when the apex has the domain\'s SPF', () => {
    const zone = planDomain(base({ webHosts: [{ name: '@', ipv4: ['192.0.2.80'] }] }));
    expect(at(zone, 'example.com.', 'TXT')).toEqual(['TXT "v=spf1 mx -all"']);
  });

  test('the apex web host gets the null SPF when the domain publishes none', () => {
    const zone = planDomain(base({ spf: false, webHosts: [{ name: '@', ipv4: ['192.0.2.80'] }] }));
    expect(at(zone, 'example.com.', 'TXT')).toEqual(['TXT "v=spf1 -all"']);
  });

  test('a web host on a mail host\'s name keeps the mail host\'s SPF only', () => {
    const zone = planDomain(base({ mailHosts: [{ name: 'smtp', ipv4: ['192.0.2.25'] }], webHosts: [{ name: 'smtp', ipv6: ['2001:db8::80'] }] }));
    expect(at(zone, 'smtp.example.com.', 'TXT')).toEqual(['TXT "v=spf1 a -all"']);
  });

  test('two web hosts on one name publish one null SPF', () => {
    const zone = planDomain(base({ webHosts: [{ name: 'www', ipv4: ['192.0.2.80'] }, { name: 'www', ipv6: ['2001:db8::80'] }] }));
    expect(at(zone, 'www.example.com.', 'TXT')).toEqual(['TXT "v=spf1 -all"']);
  });

  test('spf: false and a custom SPF', () => {
    const zone = planDomain(base({ webHosts: [{ name: 'www', ipv4: ['192.0.2.80'], spf: false }, { name: 'news', ipv4: ['192.0.2.81'], spf: 'v=spf1 include:esp.example.net -all' }] }));
    expect(at(zone, 'www.example.com.', 'TXT')).toEqual([]);
    expect(at(zone, 'news.example.com.', 'TXT')).toEqual(['TXT "v=spf1 include:esp.example.net -all"']);
  });

  test('a CNAME web host: one CNAME, no SPF, no host fact, proxied kept', () => {
    const zone = planDomain(base({ webHosts: [{ name: 'shop', cname: 'shops.example.net.', proxied: true }] }));
    expect(at(zone, 'shop.example.com.')).toEqual(['CNAME shops.example.net.']);
    expect(zone.get('shop.example.com.', 'CNAME')[0].meta).toMatchObject({ written: 'shops.example.net.', proxied: true, source: 'webHosts[0].cname', role: 'cname-shop' });
    expect(zone.hosts).toEqual([]);
  });

  test('a CNAME web host with addresses too is refused', () => {
    const e = thrown(() => planDomain(base({ webHosts: [{ name: 'shop', cname: 'shops.example.net.', ipv4: ['192.0.2.80'] }] })));
    expect(e.field).toBe('webHosts[0]');
    expect(e.value).toBe('shop');
    expect(e.message).toContain('has both addresses and a cname');
  });

  test('a web host with neither addresses nor cname is refused', () => {
    const e = thrown(() => planDomain(base({ webHosts: [{ name: 'www' }] })));
    expect(e.message).toBe('webHosts[0]: web host "www" has neither addresses nor a cname — give ipv4/ipv6 or cname');
  });
});

describe('mail hosts', () => {
  test('a host without mx is no MX; spf: false; sends: false; helo', () => {
    const zone = planDomain(base({ mailHosts: [{ name: 'out', ipv4: ['192.0.2.30'], spf: false, sends: false, helo: 'out.example.com.' }] }));
    expect(zone.get('example.com.', 'MX')).toEqual([]);
    expect(at(zone, 'out.example.com.')).toEqual(['A 192.0.2.30']);
    expect(zone.hosts[0]).toMatchObject({ sends: false, helo: 'out.example.com.', heloWritten: 'out.example.com.' });
  });

  test('a mail host at the apex does not repeat the domain\'s SPF', () => {
    const zone = planDomain(base({ mailHosts: [{ name: '@', ipv4: ['192.0.2.25'], mx: 10 }] }));
    expect(at(zone, 'example.com.')).toEqual(['TXT "v=spf1 mx -all"', 'A 192.0.2.25', 'MX 10 example.com.']);
  });

  test('services become SRV records (RFC 6186 / RFC 8314)', () => {
    const zone = planDomain(base({ mailHosts: [{ name: 'smtp', ipv4: ['192.0.2.25'], services: ['submissions', 'imaps'] }] }));
    expect(at(zone, '_submissions._tcp.example.com.')).toEqual(['SRV 0 1 465 smtp.example.com.']);
    expect(at(zone, '_imaps._tcp.example.com.')).toEqual(['SRV 0 1 993 smtp.example.com.']);
  });

  test('a mail host without any address is refused', () => {
    const e = thrown(() => planDomain(base({ mailHosts: [{ name: 'smtp', mx: 10 }] })));
    expect(e.field).toBe('mailHosts[0]');
    expect(e.value).toBe('smtp');
    expect(e.message).toMatch(/^mailHosts\[0\]: mail host "smtp" has no address/);
  });
});

describe('extra MX and records', () => {
  test('extra MX targets, absolute and relative', () => {
    const zone = planDomain(base({ spf: false, mx: [{ priority: 20, host: 'backup-mx.example.net.' }, { priority: 30, host: 'mx3' }] }));
    expect(at(zone, 'example.com.', 'MX')).toEqual(['MX 20 backup-mx.example.net.', 'MX 30 mx3.example.com.']);
    expect(zone.records.map((r) => r.meta.written)).toEqual(['backup-mx.example.net.', 'mx3']);
  });

  test('records in presentation format, one value or several', () => {
    const zone = planDomain(
      base({
        spf: false,
        records: [
          { name: 'shop', type: 'CNAME', value: 'shops.example.net.' },
          { name: '@', type: 'CAA', value: ['0 issue "letsencrypt.org"', '0 iodef "mailto:security@example.com"'], ttl: 3600 },
          { name: '_dmarc', type: 'TXT', value: 'v=DMARC1; p=reject' },
        ],
      }),
    );
    expect(zone.records.map((r) => `${r.name} ${r.ttl} ${r.type} ${formatRData(r.data)} ${r.meta.source}`)).toEqual([
      'shop.example.com. 172800 CNAME shops.example.net. records[0].value',
      'example.com. 3600 CAA 0 issue "letsencrypt.org" records[1].value[0]',
      'example.com. 3600 CAA 0 iodef "mailto:security@example.com" records[1].value[1]',
      '_dmarc.example.com. 172800 TXT "v=DMARC1; p=reject" records[2].value',
    ]);
  });

  test('a token value is kept unresolved for A/AAAA/TXT/CNAME and refused for other types', () => {
    const isUnresolved = (v: string) => v.includes('${TfToken');
    const zone = planDomain(base({ spf: false, records: [{ name: 'app', type: 'A', value: '${TfToken[TOKEN.1]}' }] }), { isUnresolved });
    expect(zone.records[0]).toMatchObject({ type: 'A', data: { type: 'A', address: '${TfToken[TOKEN.1]}' }, meta: { unresolved: true } });
    const e = thrown(() => planDomain(base({ records: [{ name: '@', type: 'MX', value: '${TfToken[TOKEN.2]}' }] }), { isUnresolved }));
    expect(e.field).toBe('records[0].value');
    expect(e.message).toContain('a MX value cannot be a deploy-time reference');
  });
});

describe('bad props throw with the field path and the value', () => {
  test.each<[string, Partial<DomainSpec>, string, unknown, string]>([
    ['a bad IPv4', { mailHosts: [{ name: 'smtp', ipv4: ['192.0.2.25', '192.0.2.300'] }] }, 'mailHosts[0].ipv4[1]', '192.0.2.300', 'INVALID_IPV4'],
    ['a bad IPv6', { webHosts: [{ name: 'www', ipv6: ['2001:db8::g'] }] }, 'webHosts[0].ipv6[0]', '2001:db8::g', 'INVALID_IPV6'],
    ['a host name with an underscore', { mailHosts: [{ name: 'mail_relay', ipv4: ['192.0.2.25'] }] }, 'mailHosts[0].name', 'mail_relay', 'INVALID_HOSTNAME'],
    ['an alias with a bad label', { mailHosts: [{ name: 'smtp', ipv4: ['192.0.2.25'], aliases: ['-imap'] }] }, 'mailHosts[0].aliases[0]', '-imap', 'INVALID_HOSTNAME'],
    ['a name server with a bad label', { nameServers: ['ns_1.example.net.'] }, 'nameServers[0]', 'ns_1.example.net.', 'INVALID_HOSTNAME'],
    ['a label over 63 octets', { webHosts: [{ name: 'a'.repeat(64), ipv4: ['192.0.2.80'] }] }, 'webHosts[0].name', 'a'.repeat(64), 'LABEL_TOO_LONG'],
    ['a bad record value', { records: [{ name: 'x', type: 'A', value: ['192.0.2.1', 'nope'] }] }, 'records[0].value[1]', 'nope', 'INVALID_IPV4'],
    ['an extra MX with a bad host', { mx: [{ priority: 10, host: 'mx_1.example.net.' }] }, 'mx[0].host', 'mx_1.example.net.', 'INVALID_HOSTNAME'],
    ['a record outside the zone', { records: [{ name: 'www.example.net.', type: 'A', value: '192.0.2.1' }] }, 'records[0].name', 'www.example.net.', 'NAME_OUTSIDE_ZONE'],
    ['a web host outside the zone', { webHosts: [{ name: 'www.example.net.', ipv4: ['192.0.2.80'] }] }, 'webHosts[0].name', 'www.example.net.', 'NAME_OUTSIDE_ZONE'],
    ['a mail host outside the zone', { mailHosts: [{ name: 'smtp.example.net.', ipv4: ['192.0.2.25'] }] }, 'mailHosts[0].name', 'smtp.example.net.', 'NAME_OUTSIDE_ZONE'],
    ['an alias outside the zone', { mailHosts: [{ name: 'smtp', ipv4: ['192.0.2.25'], aliases: ['imap.example.net.'] }] }, 'mailHosts[0].aliases[0]', 'imap.example.net.', 'NAME_OUTSIDE_ZONE'],
    ['a bad TTL on a host', { webHosts: [{ name: 'www', ipv4: ['192.0.2.80'], ttl: -1 }] }, 'webHosts[0].ipv4[0]', -1, 'INVALID_TTL'],
    ['a suppression with a short reason', { suppress: [{ rule: 'NS_COUNT', reason: 'because' }] }, 'suppress[0].reason', 'because', 'SUPPRESSION_REASON'],
    ['a bad SPF builder part', { spf: { ip4: ['300.1.1.1'] } }, 'spf.ip4[0]', '300.1.1.1', 'SPF_BUILD'],
  ])('%s', (_what, extra, field, value, code) => {
    const e = thrown(() => planDomain(base(extra)));
    expect(e.code).toBe(code);
    expect(e.field).toBe(field);
    expect(e.value).toEqual(value);
    expect(e.message.startsWith(`${field}: `)).toBe(true);
  });

  test('inside a domains list the path starts with the entry', () => {
    const e = thrown(() => planDomain(base({ mailHosts: [{ name: 'smtp', ipv4: ['192.0.2.300'] }] }), { where: 'domains[4]' }));
    expect(e.field).toBe('domains[4].mailHosts[0].ipv4[0]');
    expect(e.message).toBe('domains[4].mailHosts[0].ipv4[0]: "192.0.2.300" is not an IPv4 address — write four decimal octets such as 192.0.2.25');
    const spf = thrown(() => planDomain(base({ spf: { ip4: ['300.1.1.1'] } }), { where: 'domains[4]' }));
    expect(spf.field).toBe('domains[4].spf.ip4[0]');
  });

  test('a name outside the zone is reported at the name, with the zone', () => {
    const e = thrown(() => planDomain(base({ records: [{ name: 'shop.example.net.', type: 'CNAME', value: 'shops.example.net.' }] })));
    expect(e.message).toBe('records[0].name: "shop.example.net." is not inside zone example.com. — write it relative to the zone, or put it in its own domain');
  });

  test('a bad domain', () => {
    const e = thrown(() => planDomain({ domain: 'exa_mple.com' }));
    expect(e.field).toBe('domain');
    expect(e.value).toBe('exa_mple.com.');
  });
});

describe('roles are the stable identity of records', () => {
  const roles = (z: Zone) => z.records.map((r: DnsRecord) => `${r.type} ${r.meta.role}`);

  test('the guide\'s zone', () => {
    expect(roles(planDomain(ARTICLE))).toEqual([
      'NS ns-apex',
      'NS ns-apex-2',
      'SOA soa-apex',
      'TXT spf-apex',
      'A a-smtp',
      'AAAA aaaa-smtp',
      'MX mx-smtp',
      'TXT spf-smtp',
      'CNAME cname-imap',
      'CNAME cname-mail',
      'A a-apex',
      'A a-www',
      'TXT spf-www',
      'TXT dmarc-dmarc',
    ]);
  });

  test('changing addresses, the MX preference or the SPF text keeps every role', () => {
    const changed: DomainSpec = {
      ...ARTICLE,
      spf: 'v=spf1 mx ip4:198.51.100.0/24 -all',
      mailHosts: [{ ...ARTICLE.mailHosts![0], ipv4: ['198.51.100.25'], ipv6: ['2001:db8:1::25'], mx: 20 }],
      webHosts: [
        { name: '@', ipv4: ['198.51.100.80'] },
        { name: 'www', ipv4: ['198.51.100.81'] },
      ],
    };
    const before = planDomain(ARTICLE);
    const after = planDomain(changed);
    expect(roles(after)).toEqual(roles(before));
    expect(after.records.map((r) => formatRData(r.data))).not.toEqual(before.records.map((r) => formatRData(r.data)));
  });

  test('a mail host renamed with id = its old name keeps its A, AAAA, MX and SPF roles; aliases stay keyed by their own names', () => {
    const renamed: DomainSpec = { ...ARTICLE, mailHosts: [{ ...ARTICLE.mailHosts![0], name: 'mx1', id: 'smtp' }] };
    const zone = planDomain(renamed);
    expect(roles(zone)).toEqual(roles(planDomain(ARTICLE)));
    expect(at(zone, 'example.com.', 'MX')).toEqual(['MX 10 mx1.example.com.']);
    expect(zone.records.filter((r) => r.name === 'mx1.example.com.').map((r) => r.meta.role)).toEqual(['a-smtp', 'aaaa-smtp', 'spf-smtp']);
  });

  test('a mail host id must look like a label and be unique among the mail hosts', () => {
    const host = ARTICLE.mailHosts![0];
    const bad = thrown(() => planDomain({ ...ARTICLE, mailHosts: [{ ...host, id: 'Smtp Main' }] }));
    expect(bad.field).toBe('mailHosts[0].id');
    expect(bad.message).toMatch(/is not a mail host id/);
    const twice = thrown(() => planDomain({ ...ARTICLE, mailHosts: [host, { name: 'smtp2', ipv4: ['192.0.2.26'], id: 'smtp' }] }));
    expect(twice.field).toBe('mailHosts[1].id');
    expect(twice.message).toMatch(/mail hosts 0 and 1 both have the id "smtp"/);
  });
});

describe('planParked', () => {
  test('null MX, deny-all SPF and DMARC, empty wildcard DKIM key', () => {
    const zone = planParked({ kind: 'parked', domain: 'example.org', webHosts: [{ name: '@', ipv4: ['192.0.2.80'] }] });
    expect(zone.kind).toBe('parked');
    expect(zone.records.map((r) => `${r.name} ${r.type} ${formatRData(r.data)}`)).toEqual([
      'example.org. MX 0 .',
      'example.org. TXT "v=spf1 -all"',
      '_dmarc.example.org. TXT "v=DMARC1; p=reject;"',
      '*._domainkey.example.org. TXT "v=DKIM1; p="',
      'example.org. A 192.0.2.80',
    ]);
  });
});
