import * as fs from 'node:fs';
import * as path from 'node:path';
import * as yaml from 'js-yaml';
import { MailDnsError } from '../../../lib/model/errors';
import {
  checkHost,
  checkHostSync,
  DnsAnswer,
  DnsQuery,
  evaluate,
  isCheckableDomain,
  SpfResolver,
  SyncSpfResolver,
} from '../../../lib/mail/spf/check-host';
import { StaticSpfResolver, StaticZoneData } from '../../../lib/mail/spf/resolvers';

/** A static zone that also records the questions asked. */
class Recording implements SyncSpfResolver {
  readonly asked: string[] = [];
  private readonly inner: StaticSpfResolver;
  constructor(zone: StaticZoneData) {
    this.inner = new StaticSpfResolver(zone);
  }
  query(q: DnsQuery): DnsAnswer {
    this.asked.push(`${q.type} ${q.name}`);
    return this.inner.query(q);
  }
}

const check = (zone: StaticZoneData, ip: string, domain = 'example.com', opts = {}) => checkHostSync(ip, domain, new StaticSpfResolver(zone), opts);

describe('matching and the reported term', () => {
  const zone: StaticZoneData = {
    'example.com': [
      { TXT: 'v=spf1 mx a:relay.example.com ip4:192.0.2.0/24 include:_spf.partner.example ip6:2001:db8::/32 -all' },
      { MX: [10, 'mx1.example.com'] },
      { MX: [20, 'mx2.example.com.'] },
    ],
    'mx1.example.com': [{ A: '198.51.100.1' }],
    'mx2.example.com': [{ A: '198.51.100.2' }, { AAAA: '2001:db8:2::2' }],
    'relay.example.com': [{ A: '198.51.100.9' }],
    '_spf.partner.example': [{ TXT: ['v=spf1 ip4:203.0.113.0/24', ' ~all'] }],
  };

  test.each([
    ['198.51.100.2', 'pass', 'mx', 1, 0],
    ['198.51.100.9', 'pass', 'a:relay.example.com', 2, 0],
    ['192.0.2.77', 'pass', 'ip4:192.0.2.0/24', 2, 0],
    ['::ffff:192.0.2.77', 'pass', 'ip4:192.0.2.0/24', 2, 0],
    ['203.0.113.5', 'pass', 'include:_spf.partner.example', 3, 0],
    ['2001:db8:2::2', 'pass', 'mx', 1, 0],
    // relay.example.com has no AAAA: a void lookup for an IPv6 client.
    ['2001:db8:ffff::1', 'pass', 'ip6:2001:db8::/32', 3, 1],
    ['198.51.100.200', 'fail', '-all', 3, 0],
  ])('%s -> %s by %s after %i lookups, %i void', (ip, result, term, lookups, voidLookups) => {
    const answer = check(zone, ip);
    expect(answer).toMatchObject({ result, term, lookups, voidLookups });
    expect(answer.error).toBeUndefined();
  });

  test('domains lists every SPF record looked up, once, lowercase', () => {
    expect(check(zone, '198.51.100.200', 'Example.COM.').domains).toEqual(['example.com', '_spf.partner.example']);
  });

  test('an IPv4-mapped client asks A, never AAAA, and does not match ip6', () => {
    const r = new Recording(zone);
    checkHostSync('::ffff:198.51.100.200', 'example.com', r);
    expect(r.asked.filter((q) => q.startsWith('AAAA'))).toEqual([]);
    expect(r.asked).toContain('A mx1.example.com');
  });

  test('each distinct question is asked once per check', () => {
    const r = new Recording({
      'example.com': [{ TXT: 'v=spf1 include:a.example.com include:a.example.com mx mx -all' }, { MX: [1, 'a.example.com'] }],
      'a.example.com': [{ TXT: 'v=spf1 ?all' }, { A: '192.0.2.1' }],
    });
    const answer = checkHostSync('198.51.100.1', 'example.com', r);
    expect(answer).toMatchObject({ result: 'fail', lookups: 4 });
    expect(r.asked).toEqual(['TXT example.com', 'TXT a.example.com', 'MX example.com', 'A a.example.com']);
  });
});

describe('RFC 7208 §4.6.4 limits', () => {
  /** d0 includes d1 includes ... d(n-1), which authorises 192.0.2.1: n include lookups. */
  const includeChain = (n: number): StaticZoneData => {
    const zone: Record<string, StaticZoneData[string]> = {};
    for (let i = 0; i < n; i++) zone[`d${i}.example`] = [{ TXT: `v=spf1 include:d${i + 1}.example -all` }];
    zone[`d${n}.example`] = [{ TXT: 'v=spf1 ip4:192.0.2.1 -all' }];
    return zone;
  };

  test.each([
    [9, 'pass', 9],
    [10, 'pass', 10],
    [11, 'permerror', 11],
  ])('%i includes -> %s', (n, result, lookups) => {
    const answer = check(includeChain(n), '192.0.2.1', 'd0.example');
    expect(answer).toMatchObject({ result, lookups });
    if (result === 'permerror') expect(answer.error).toMatch(/more than 10 DNS-querying terms \(the 11th is include:d11\.example\)/);
  });

  test('terms that query nothing do not count', () => {
    const answer = check({ 'example.com': [{ TXT: `v=spf1 ${'ip4:198.51.100.1 '.repeat(30)}all` }] }, '192.0.2.1');
    expect(answer).toMatchObject({ result: 'pass', lookups: 0 });
  });

  test('a redirect counts, and a redirect loop ends as permerror', () => {
    const answer = check({ 'example.com': [{ TXT: 'v=spf1 ip4:198.51.100.1 redirect=example.com' }] }, '192.0.2.1');
    expect(answer).toMatchObject({ result: 'permerror', lookups: 11 });
  });

  test.each([
    ['a:nx1.example a:nx2.example ?all', 'neutral', 2],
    ['a:nx1.example mx:nodata.example exists:nx3.example ?all', 'permerror', 3],
    ['ptr ptr a:nx1.example ?all', 'permerror', 3],
  ])('void lookups: %s -> %s', (terms, result, voids) => {
    const answer = check({ 'example.com': [{ TXT: `v=spf1 ${terms}` }], 'nodata.example': [{ A: '192.0.2.9' }] }, '192.0.2.1');
    expect(answer).toMatchObject({ result, voidLookups: voids });
    if (result === 'permerror') expect(answer.error).toMatch(/more than 2 void lookups/);
  });

  test('exp= lookups count toward no limit', () => {
    const answer = check({ 'example.com': [{ TXT: 'v=spf1 a:nx1.example a:nx2.example exp=nx3.example -all' }] }, '192.0.2.1');
    expect(answer).toMatchObject({ result: 'fail', voidLookups: 2, lookups: 2 });
    expect(answer.explanation).toBeUndefined();
  });

  const mxZone = (hosts: number): StaticZoneData => {
    const zone: Record<string, StaticZoneData[string]> = { 'example.com': [{ TXT: 'v=spf1 mx -all' }] };
    for (let i = 1; i <= hosts; i++) {
      (zone['example.com'] as object[]).push({ MX: [i, `mx${i}.example.com`] });
      zone[`mx${i}.example.com`] = [{ A: `192.0.2.${i}` }];
    }
    return zone;
  };

  test.each([
    [10, '192.0.2.10', 'pass'],
    [11, '192.0.2.1', 'permerror'],
  ])('%i MX hosts -> %s', (hosts, ip, result) => {
    const answer = check(mxZone(hosts), ip);
    expect(answer.result).toBe(result);
    if (result === 'permerror') expect(answer.error).toMatch(/has 11 MX hosts, RFC 7208 §4.6.4 allows 10/);
  });

  test('a null MX (".") is no host and no error', () => {
    expect(check({ 'example.com': [{ TXT: 'v=spf1 mx ?all' }, { MX: [0, '.'] }] }, '192.0.2.1')).toMatchObject({ result: 'neutral', voidLookups: 0 });
  });

  const ptrZone = (names: number): StaticZoneData => {
    const zone: Record<string, StaticZoneData[string]> = { 'example.com': [{ TXT: 'v=spf1 ptr -all' }] };
    const reverse: object[] = [];
    for (let i = 1; i <= names; i++) {
      reverse.push({ PTR: `h${i}.example.com` });
      zone[`h${i}.example.com`] = i === names ? [{ A: '192.0.2.1' }] : [];
    }
    zone['1.2.0.192.in-addr.arpa'] = reverse as StaticZoneData[string];
    return zone;
  };

  test.each([
    [10, 'pass'],
    [11, 'fail'],
  ])('the validating name is PTR answer %i -> %s (names after the 10th are ignored)', (names, result) => {
    expect(check(ptrZone(names), '192.0.2.1').result).toBe(result);
  });
});

describe('DNS errors', () => {
  const zone = (terms: string): StaticZoneData => ({
    // No "all" with redirect=: it would make the redirect unused.
    'example.com': [{ TXT: `v=spf1 ${terms}${terms.startsWith('redirect=') ? '' : ' ?all'}` }],
    'mx.example.com': [{ MX: [1, 'down.example.com'] }],
    'down.example.com': ['TIMEOUT'],
    '1.2.0.192.in-addr.arpa': ['TIMEOUT'],
    '2.2.0.192.in-addr.arpa': [{ PTR: 'down.example.com' }, { PTR: 'up.example.com' }],
    'up.example.com': [{ A: '192.0.2.2' }],
  });

  test.each([
    ['a:down.example.com', '192.0.2.1', 'temperror'],
    ['mx:mx.example.com', '192.0.2.1', 'temperror'],
    ['exists:down.example.com', '192.0.2.1', 'temperror'],
    ['include:down.example.com', '192.0.2.1', 'temperror'],
    ['redirect=down.example.com', '192.0.2.1', 'temperror'],
    // RFC 7208 §5.5: PTR errors mean no match; an address error skips that name only.
    ['ptr', '192.0.2.1', 'neutral'],
    ['ptr', '192.0.2.2', 'pass'],
  ])('%s from %s -> %s', (terms, ip, result) => {
    const answer = check(zone(terms), ip);
    expect(answer.result).toBe(result);
    if (result === 'temperror') expect(answer.error).toMatch(/down\.example\.com/);
  });

  test('a TEMPFAIL on the first TXT lookup is temperror, NXDOMAIN is none', () => {
    expect(check({ 'example.com': ['TIMEOUT'] }, '192.0.2.1').result).toBe('temperror');
    expect(check({}, '192.0.2.1')).toMatchObject({ result: 'none', domains: ['example.com'] });
  });
});

describe('include and redirect (RFC 7208 §5.2, §6.1)', () => {
  test.each([
    ['v=spf1 ip4:192.0.2.1', 'pass', 'include:inc.example'],
    ['v=spf1 -ip4:192.0.2.1', 'softfail', '~all'],
    ['v=spf1 ~ip4:192.0.2.1', 'softfail', '~all'],
    ['v=spf1 ?ip4:192.0.2.1', 'softfail', '~all'],
    ['v=spf1', 'softfail', '~all'],
    ['not spf', 'permerror', undefined],
    ['v=spf1 bogus', 'permerror', undefined],
  ])('included record %j -> %s', (inc, result, term) => {
    const answer = check({ 'example.com': [{ TXT: 'v=spf1 include:inc.example ~all' }], 'inc.example': [{ TXT: inc }] }, '192.0.2.1');
    expect(answer.result).toBe(result);
    expect(answer.term).toBe(term);
  });

  test('errors name the domain and the problem', () => {
    const none = check({ 'example.com': [{ TXT: 'v=spf1 include:inc.example ~all' }] }, '192.0.2.1');
    expect(none.error).toMatch(/include:inc\.example — inc\.example has no SPF record \(RFC 7208 §5\.2\)/);
    const syntax = check({ 'example.com': [{ TXT: 'v=spf1 include:inc.example ~all' }], 'inc.example': [{ TXT: 'v=spf1 bogus' }] }, '192.0.2.1');
    expect(syntax.error).toMatch(/^inc\.example: unknown mechanism "bogus" at position 7/);
    const two = check({ 'example.com': [{ TXT: 'v=spf1 -all' }, { TXT: 'v=spf1 +all' }] }, '192.0.2.1');
    expect(two.error).toMatch(/example\.com publishes 2 SPF records/);
  });

  test('redirect: result, term and explanation come from the target; its own domain is %{d}', () => {
    const zone: StaticZoneData = {
      'example.com': [{ TXT: 'v=spf1 exp=old.example.com redirect=_spf.example.net' }],
      '_spf.example.net': [{ TXT: 'v=spf1 a -all exp=why.%{d}' }, { A: '192.0.2.1' }],
      'why._spf.example.net': [{ TXT: '%{d} says no to %{i}' }],
      'old.example.com': [{ TXT: 'not this one' }],
    };
    expect(check(zone, '192.0.2.1')).toMatchObject({ result: 'pass', term: 'a', lookups: 2 });
    expect(check(zone, '192.0.2.9')).toMatchObject({
      result: 'fail',
      term: '-all',
      explanation: '_spf.example.net says no to 192.0.2.9',
      domains: ['example.com', '_spf.example.net'],
    });
  });

  test('redirect to a domain without SPF is permerror; redirect is ignored when "all" is present', () => {
    expect(check({ 'example.com': [{ TXT: 'v=spf1 redirect=nowhere.example' }] }, '192.0.2.1').error).toMatch(/which has no SPF record/);
    expect(check({ 'example.com': [{ TXT: 'v=spf1 redirect=nowhere.example ?all' }] }, '192.0.2.1')).toMatchObject({ result: 'neutral', lookups: 0 });
  });

  test('an include target that is not a multi-label name is checked as "none", hence permerror', () => {
    const answer = check({ 'example.com': [{ TXT: 'v=spf1 include:%{h} -all' }] }, '192.0.2.1', 'example.com', { helo: 'OEMCOMPUTER' });
    expect(answer.result).toBe('permerror');
  });
});

describe('explanations (RFC 7208 §6.2) and identities', () => {
  const zone: StaticZoneData = {
    'example.com': [{ TXT: 'v=spf1 ~ip4:192.0.2.2 -ip4:192.0.2.1 exp=exp.example.com' }],
    'exp.example.com': [{ TXT: ['%{s} (%{l} at %{o}) from %{c} helo %{h}', ' checked by %{r} at %{t}'] }],
  };

  test('defaults: sender postmaster@<domain>, HELO and receiver "unknown"', () => {
    expect(check(zone, '192.0.2.1', 'example.com', { now: new Date(1_700_000_000_500) }).explanation).toBe(
      'postmaster@example.com (postmaster at example.com) from 192.0.2.1 helo unknown checked by unknown at 1700000000',
    );
  });

  test('options fill the macros; an empty local-part is postmaster', () => {
    const opts = { sender: '@mail.example.org', helo: 'smtp.example.org', receiver: 'mx.example.net', now: new Date(0) };
    expect(check(zone, '192.0.2.1', 'example.com', opts).explanation).toBe(
      'postmaster@mail.example.org (postmaster at mail.example.org) from 192.0.2.1 helo smtp.example.org checked by mx.example.net at 0',
    );
  });

  test('only a fail gets an explanation', () => {
    expect(check(zone, '192.0.2.2')).toMatchObject({ result: 'softfail' });
    expect(check(zone, '192.0.2.2').explanation).toBeUndefined();
  });

  test('%{p} prefers the domain, then a subdomain, then any validated name', () => {
    const base: StaticZoneData = {
      'example.com': [{ TXT: 'v=spf1 -all exp=exp.example.com' }],
      'exp.example.com': [{ TXT: '%{p}' }],
      'other.example.net': [{ A: '192.0.2.1' }],
      'host.example.com': [{ A: '192.0.2.1' }],
      'example.com.': [{ TXT: 'v=spf1 -all exp=exp.example.com' }, { A: '192.0.2.1' }],
      'unvalidated.example.com': [{ A: '192.0.2.99' }],
    };
    const withPtr = (...names: string[]): StaticZoneData => ({ ...base, '1.2.0.192.in-addr.arpa': names.map((n) => ({ PTR: n })) });
    expect(check(withPtr('other.example.net', 'host.example.com', 'example.com'), '192.0.2.1').explanation).toBe('example.com');
    expect(check(withPtr('other.example.net', 'host.example.com'), '192.0.2.1').explanation).toBe('host.example.com');
    expect(check(withPtr('unvalidated.example.com', 'other.example.net'), '192.0.2.1').explanation).toBe('other.example.net');
    expect(check(withPtr('unvalidated.example.com'), '192.0.2.1').explanation).toBe('unknown');
    expect(check(base, '192.0.2.1').explanation).toBe('unknown');
  });
});

describe('inputs', () => {
  test('an invalid client address throws SPF_INPUT', async () => {
    expect(() => checkHostSync('1.2.3', 'example.com', new StaticSpfResolver({}))).toThrow(MailDnsError);
    expect(() => evaluate('fe80::1%eth0', 'example.com')).toThrow(expect.objectContaining({ code: 'SPF_INPUT', field: 'ip' }));
    await expect(checkHost('nope', 'example.com', { query: async () => ({ rcode: 'NOERROR', records: [] }) })).rejects.toMatchObject({
      code: 'SPF_INPUT',
    });
  });

  test.each([
    ['example.com', true],
    ['example.com.', true],
    ['_spf.example.com', true],
    ['localhost', false],
    ['a..example.com', false],
    [`${'a'.repeat(64)}.example.com`, false],
    [`${'a'.repeat(63)}.example.com`, true],
    ['[192.0.2.1]', false],
    ['192.0.2.1', false],
    ['has space.example.com', false],
    ['bücher.example', false],
    ['', false],
  ])('isCheckableDomain(%j) = %s (RFC 7208 §4.3)', (domain, ok) => {
    expect(isCheckableDomain(domain)).toBe(ok);
  });

  test('a malformed domain is "none" without any DNS question', () => {
    const r = new Recording({});
    expect(checkHostSync('192.0.2.1', 'a..example.com', r)).toEqual({ result: 'none', lookups: 0, voidLookups: 0, domains: [] });
    expect(r.asked).toEqual([]);
  });

  test('the generator can be driven by hand: it yields questions and returns the answer', () => {
    const gen = evaluate('192.0.2.1', 'example.com');
    const first = gen.next();
    expect(first).toEqual({ done: false, value: { type: 'TXT', name: 'example.com' } });
    const second = gen.next({ rcode: 'NOERROR', records: [['v=spf1 ', 'a -all']] });
    expect(second).toEqual({ done: false, value: { type: 'A', name: 'example.com' } });
    const last = gen.next({ rcode: 'NOERROR', records: ['192.0.2.1'] });
    expect(last).toEqual({ done: true, value: { result: 'pass', term: 'a', lookups: 1, voidLookups: 0, domains: ['example.com'] } });
  });
});

test('the asynchronous driver gives the same answers as the synchronous one over the RFC 7208 suite', async () => {
  const docs = yaml.loadAll(fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'spf', 'rfc7208-tests.yml'), 'utf8')) as {
    tests: Record<string, { helo: string; host: string; mailfrom: string }>;
    zonedata: StaticZoneData;
  }[];
  let compared = 0;
  for (const doc of docs) {
    const sync = new StaticSpfResolver(doc.zonedata);
    const async: SpfResolver = { query: (q) => new Promise((resolve) => setImmediate(() => resolve(sync.query(q)))) };
    for (const t of Object.values(doc.tests)) {
      const sender = t.mailfrom ? t.mailfrom : `postmaster@${t.helo}`;
      const domain = sender.slice(sender.lastIndexOf('@') + 1);
      const opts = { sender, helo: t.helo, now: new Date(0) };
      expect(await checkHost(t.host, domain, async, opts)).toEqual(checkHostSync(t.host, domain, sync, opts));
      compared++;
    }
  }
  expect(compared).toBe(203);
});
