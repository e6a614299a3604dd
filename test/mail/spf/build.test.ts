import { MailDnsError } from '../../../lib/model/errors';
import { buildSpf, SPF_MAX_BYTES } from '../../../lib/mail/spf/build';
import { checkHostSync } from '../../../lib/mail/spf/check-host';
import { parseSpf } from '../../../lib/mail/spf/parse';
import { StaticSpfResolver, StaticZoneData } from '../../../lib/mail/spf/resolvers';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('buildSpf: canonical text', () => {
  test.each<[string, Parameters<typeof buildSpf>[1], string, number]>([
    ['nothing sends', {}, 'v=spf1 -all', 0],
    ['MX hosts only', { mx: true }, 'v=spf1 mx -all', 1],
    [
      'every part, in canonical order whatever the input order',
      { include: ['_spf.google.com'], ip6: ['2001:DB8::/32'], ip4: ['192.0.2.1', '198.51.100.0/24'], a: true, mx: true, all: '~' },
      'v=spf1 mx a ip4:192.0.2.1 ip4:198.51.100.0/24 ip6:2001:db8::/32 include:_spf.google.com ~all',
      3,
    ],
    ['neutral all', { a: true, all: '?' }, 'v=spf1 a ?all', 1],
    ['"+" is the default qualifier, so +all prints as all', { all: '+' }, 'v=spf1 all', 0],
    ['redirect instead of all', { mx: true, redirect: '_spf.example.net' }, 'v=spf1 mx redirect=_spf.example.net', 2],
    ['an IPv4-mapped ip6 and host routes', { ip4: ['192.0.2.1/32'], ip6: ['::ffff:192.0.2.1'] }, 'v=spf1 ip4:192.0.2.1/32 ip6:::ffff:192.0.2.1 -all', 0],
    ['internationalised include as A-labels', { include: ['bücher.example'] }, 'v=spf1 include:xn--bcher-kva.example -all', 1],
    ['macros are kept', { include: ['%{ir}.%{v}._spf.example.com'] }, 'v=spf1 include:%{ir}.%{v}._spf.example.com -all', 1],
  ])('%s', (_name, opts, text, lookups) => {
    const built = buildSpf('example.com.', opts);
    expect(built).toEqual({ text, chain: [], lookups });
    expect(parseSpf(built.text).terms.length).toBeGreaterThan(0);
  });
});

describe('buildSpf: input errors name the field', () => {
  test.each<[Parameters<typeof buildSpf>[1], string, RegExp]>([
    [{ ip4: ['192.0.2.1', '192.0.2.300'] }, 'spf.ip4[1]', /"192\.0\.2\.300" is not an IPv4 address or network — write 192\.0\.2\.10/],
    [{ ip4: ['2001:db8::1'] }, 'spf.ip4[0]', /that is an IPv6 address: list it under ip6/],
    [{ ip4: ['192.0.2.01'] }, 'spf.ip4[0]', /not an IPv4 address/],
    [{ ip4: ['192.0.2.0/33'] }, 'spf.ip4[0]', /prefix length "33"; use 0 to 32/],
    [{ ip4: ['192.0.2.0/08'] }, 'spf.ip4[0]', /prefix length "08"/],
    [{ ip4: ['192.0.2.0/'] }, 'spf.ip4[0]', /prefix length ""/],
    [{ ip6: ['192.0.2.1'] }, 'spf.ip6[0]', /list it under ip4/],
    [{ ip6: ['fe80::1%eth0'] }, 'spf.ip6[0]', /not an IPv6 address/],
    [{ ip6: ['2001:db8::/129'] }, 'spf.ip6[0]', /use 0 to 128/],
    [{ include: ['example.net', 'localhost'] }, 'spf.include[1]', /must end in "\." and a top-level label/],
    [{ include: ['bad domain.example'] }, 'spf.include[0]', /U\+0020/],
    [{ redirect: 'x.example', all: '-' }, 'spf.all', /cannot be combined with redirect/],
    [{ redirect: '' }, 'spf.redirect', /domain-spec is empty/],
    [{ all: '!' as never }, 'spf.all', /must be one of/],
  ])('%j -> %s', (opts, field, message) => {
    let error: unknown;
    try {
      buildSpf('example.com', opts);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MailDnsError);
    expect(error).toMatchObject({ code: 'SPF_BUILD', field });
    expect((error as MailDnsError).message.startsWith(`${field}: `)).toBe(true);
    expect((error as MailDnsError).message).toMatch(message);
  });

  test.each(['', 'localhost', 'a..example', '[192.0.2.1]'])('domain %j is rejected', (domain) => {
    expect(() => buildSpf(domain, {})).toThrow(expect.objectContaining({ code: 'SPF_BUILD', field: 'domain' }));
  });
});

describe('buildSpf: chaining above 450 bytes', () => {
  // 20 terms " ip4:198.51.100.NN" of 18 bytes; "v=spf1" + them + " include:<d>" + " -all" is 380 + |d| bytes.
  const ip4 = Array.from({ length: 20 }, (_, i) => `198.51.100.${i + 10}`);
  const domainOf = (length: number) => `${'a'.repeat(length - 12)}.example.com`;

  test(`a record of exactly ${SPF_MAX_BYTES} bytes stays whole`, () => {
    const built = buildSpf('example.com', { ip4, include: [domainOf(70)] });
    expect(bytes(built.text)).toBe(450);
    expect(built.chain).toEqual([]);
    expect(built.lookups).toBe(1);
  });

  test('one byte more moves ip4, ip6 and include terms into _spf1, _spf2, ...', () => {
    const d = domainOf(71);
    const built = buildSpf('example.com.', { ip4, include: [d] });
    expect(built.text).toBe('v=spf1 include:_spf1.example.com -all');
    expect(built.chain).toEqual([
      { name: '_spf1', text: `v=spf1 ${ip4.map((a) => `ip4:${a}`).join(' ')} include:_spf2.example.com` },
      { name: '_spf2', text: `v=spf1 include:${d}` },
    ]);
    expect(bytes(built.chain[0].text)).toBe(392);
    // The apex include, the link to _spf2, and the third-party include.
    expect(built.lookups).toBe(3);
  });

  test('a long list: mx and a stay, every link fits, order is kept, evaluation agrees', () => {
    const v4 = Array.from({ length: 90 }, (_, i) => `192.0.2.${i + 1}`);
    const v6 = Array.from({ length: 12 }, (_, i) => `2001:db8:${i.toString(16)}::/48`);
    const include = ['_spf.partner-one.example', '_spf.partner-two.example'];
    const built = buildSpf('example.com', { mx: true, a: true, ip4: v4, ip6: v6, include, all: '~' });

    expect(built.text).toBe('v=spf1 mx a include:_spf1.example.com ~all');
    expect(built.chain.length).toBeGreaterThan(2);
    built.chain.forEach((link, i) => {
      expect(link.name).toBe(`_spf${i + 1}`);
      expect(bytes(link.text)).toBeLessThanOrEqual(SPF_MAX_BYTES);
      const last = i === built.chain.length - 1;
      expect(link.text.endsWith(` include:_spf${i + 2}.example.com`)).toBe(!last);
      expect(link.text).not.toMatch(/all/);
    });
    const moved = built.chain.flatMap((l) => l.text.split(' ').slice(1)).filter((t) => !/^include:_spf\d+\.example\.com$/.test(t));
    expect(moved).toEqual([...v4.map((a) => `ip4:${a}`), ...v6.map((a) => `ip6:${a}`), ...include.map((d) => `include:${d}`)]);
    expect(built.lookups).toBe(2 + include.length + built.chain.length);

    const zone: StaticZoneData = {
      'example.com': [{ TXT: built.text }, { MX: [10, 'mx.example.com'] }, { A: '198.51.100.1' }],
      'mx.example.com': [{ A: '198.51.100.2' }],
      '_spf.partner-one.example': [{ TXT: 'v=spf1 ip4:203.0.113.1 -all' }],
      '_spf.partner-two.example': [{ TXT: 'v=spf1 ip4:203.0.113.2 -all' }],
      ...Object.fromEntries(built.chain.map((l) => [`${l.name}.example.com`, [{ TXT: l.text }]])),
    };
    const resolver = new StaticSpfResolver(zone);
    for (const ip of ['198.51.100.1', '198.51.100.2', '192.0.2.1', '192.0.2.90', '2001:db8:b::7', '203.0.113.2']) {
      expect([ip, checkHostSync(ip, 'example.com', resolver).result]).toEqual([ip, 'pass']);
    }
    const stranger = checkHostSync('192.0.2.91', 'example.com', resolver);
    expect(stranger).toMatchObject({ result: 'softfail', lookups: built.lookups });
  });
});
