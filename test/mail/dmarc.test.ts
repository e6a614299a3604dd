import * as fc from 'fast-check';
import { MailDnsError } from '../../lib/model/errors';
import { buildDmarc, DmarcOptions, parseDmarc, ParsedDmarc, reportDestinations } from '../../lib/mail/dmarc';
import { organizationalDomain } from '../../lib/mail/org-domain';
import { onlyPositionedErrors, thrown } from '../helpers/errors';

const FC = { seed: 9989, numRuns: 1000 };

describe('parseDmarc', () => {
  // Records from RFC 9989 Appendix B (joined character-strings), RFC 7489 Appendix B, and variations.
  test.each<[string, Partial<ParsedDmarc>]>([
    ['v=DMARC1; p=none; rua=mailto:dmarc-feedback@example.com', { p: 'none', pDefaulted: false, pIsSecond: true }],
    [
      'v=DMARC1; p=none; rua=mailto:dmarc-feedback@example.com; ruf=mailto:auth-reports@thirdparty.example.net',
      { ruf: [{ uri: 'mailto:auth-reports@thirdparty.example.net', scheme: 'mailto', address: 'auth-reports@thirdparty.example.net', domain: 'thirdparty.example.net', position: 61 }] },
    ],
    ['v=DMARC1; rua=mailto:aggregate-reports@thirdparty.example.net; ruf=mailto:failure-reports@thirdparty.example.net', { p: 'none', pDefaulted: true, pIsSecond: false }],
    ['v=DMARC1; p=quarantine; rua=mailto:dmarc-feedback@example.com,mailto:tld-test@thirdparty.example.net; t=y', { p: 'quarantine', t: 'y' }],
    ['v=DMARC1; p=reject; aspf=r;\nrua=mailto:dmarc-feedback@example.com'.replace('\n', ' '), { p: 'reject', aspf: 'r' }],
    ['v=DMARC1', { p: 'none', pDefaulted: true, rua: [], ruf: [] }],
    [
      'v=DMARC1; p=quarantine; rua=mailto:dmarc-feedback@example.com,mailto:tld-test@thirdparty.example.net!10m; pct=25',
      { pct: 25, legacyTags: ['pct'], rua: [expect.anything(), expect.objectContaining({ uri: 'mailto:tld-test@thirdparty.example.net', size: '10m' })] },
    ],
    ['v=DMARC1; p=reject; sp=quarantine; np=reject; psd=n; t=n; adkim=s; aspf=s', { sp: 'quarantine', np: 'reject', psd: 'n', t: 'n', adkim: 's', aspf: 's' }],
    ['v=DMARC1;p=reject', { p: 'reject' }],
    ['v = DMARC1 ; p = reject ;', { p: 'reject' }],
    ['v=DMARC1; p=none;', { p: 'none' }],
    ['v=DMARC1; p=Reject; SP=None', { p: 'reject', sp: 'none', tags: { v: 'DMARC1', p: 'Reject', sp: 'None' } }],
    ['v=DMARC1; sp=reject; p=none', { p: 'none', sp: 'reject', pIsSecond: false }],
    ['v=DMARC1; p=none; fo=d : s', { fo: 'd:s' }],
    ['v=DMARC1; p=none; ruf=mailto:f@example.com; fo=1:d:s', { fo: '1:d:s' }],
    ['v=DMARC1; p=none; rf=afrf:iodef; ri=86400', { rf: ['afrf', 'iodef'], ri: 86400, legacyTags: ['rf', 'ri'] }],
    ['v=DMARC1; p=none; future=yes; Other=1', { unknownTags: ['future', 'Other'] }],
    ['v=DMARC1; p=none; rua=mailto:a%2Cb@example.com , https://reports.example.net/dmarc', {
      rua: [
        { uri: 'mailto:a%2Cb@example.com', scheme: 'mailto', address: 'a,b@example.com', domain: 'example.com', position: 22 },
        { uri: 'https://reports.example.net/dmarc', scheme: 'https', domain: 'reports.example.net', position: 49 },
      ],
    }],
    ['v=DMARC1; p=none; rua=mailto:Reports@Example.COM?subject=dmarc', { rua: [expect.objectContaining({ address: 'Reports@Example.COM', domain: 'example.com' })] }],
  ])('parses %j', (text, expected) => {
    expect(parseDmarc(text)).toMatchObject(expected);
  });

  test.each<[string, string, number]>([
    ['', 'empty', 0],
    [' v=DMARC1; p=none', 'leading whitespace', 0],
    ['v=DMARC2; p=none', 'wrong version', 2],
    ['v=dmarc1; p=none', 'version is case-sensitive', 2],
    ['v=DMARC1 p=none', 'missing ;', 2],
    ['p=none; v=DMARC1', 'v not first', 0],
    ['v=DMARC1; p=rejct', 'invalid p', 12],
    ['v=DMARC1; p=', 'empty p', 10],
    ['v=DMARC1; p=none; sp=all', 'invalid sp', 21],
    ['v=DMARC1; p=none; np=block', 'invalid np', 21],
    ['v=DMARC1; p=none; p=reject', 'duplicate p', 18],
    ['v=DMARC1; p=none; P=reject', 'duplicate p, other case', 18],
    ['v=DMARC1; p=none; adkim=x', 'invalid adkim', 24],
    ['v=DMARC1; p=none; t=yes', 'invalid t', 20],
    ['v=DMARC1; p=none; psd=maybe', 'invalid psd', 22],
    ['v=DMARC1; p=none; rua=dmarc@example.com', 'rua without a scheme', 22],
    ['v=DMARC1; p=none; rua=mailto:a@b.com,,mailto:c@d.com', 'empty URI', 37],
    ['v=DMARC1; p=none; ruf=mailto:a@b.com, mailto:bad', 'mailto without an address', 38],
    ['v=DMARC1; p=none; rua=mailto:a b@c.com', 'unencoded space', 22],
    ['v=DMARC1; p=none; rua=mailto:a@b.com!10x', 'bad size suffix', 22],
    ['v=DMARC1; p=none; rua=mailto:a@b.com%2', 'broken percent-encoding', 22],
    ['v=DMARC1; p=none; ruf=mailto:a@%FF.com', 'percent-encoding that is not UTF-8', 22],
    ['v=DMARC1; p=none; rua=https://', 'URL without a host', 22],
    ['v=DMARC1; p=none; fo=0:1', 'fo with 0 and 1', 21],
    ['v=DMARC1; p=none; fo=2', 'unknown fo option', 21],
    ['v=DMARC1; p=none; fo=1:d:d', 'repeated fo option', 21],
    ['v=DMARC1; p=none; pct=101', 'pct over 100', 22],
    ['v=DMARC1; p=none; ri=-1', 'negative ri', 21],
    ['v=DMARC1; p=none; rf=afrf:', 'empty rf item', 26],
    ['v=DMARC1; p=none;; rua=mailto:a@b.com', 'empty tag', 17],
    ['v=DMARC1; p=none; x_y=1', 'tag name with "_"', 18],
    ['v=DMARC1; p=none; rua=mailto:a@b.com\u00a0', 'non-ASCII', 36],
  ])('rejects %j (%s) at position %d', (text, _, position) => {
    const e = thrown(() => parseDmarc(text));
    expect(e.code).toBe('DMARC_SYNTAX');
    expect(e.position).toBe(position);
    expect(e.message).toContain(`position ${position}`);
  });

  test('says how receivers treat an invalid p', () => {
    expect(thrown(() => parseDmarc('v=DMARC1; p=rejct; rua=mailto:d@example.com')).message).toMatch(/p=none if rua= has a valid URI/);
  });

  test('throws nothing but positioned MailDnsError on arbitrary text', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.string({ maxLength: 80 }).map((s) => `v=DMARC1; ${s}`),
      fc
        .array(fc.tuple(fc.constantFrom('p', 'sp', 'np', 'rua', 'ruf', 'fo', 'pct', 'ri', 'rf', 'adkim', 't', 'psd', 'x'), fc.string({ unit: fc.constantFrom('a', '@', 'm', ':', ',', '!', '%', '1', 'r', ' ', 'e', '.', 'F'), maxLength: 12 })), { maxLength: 5 })
        .map((tags) => ['v=DMARC1', ...tags.map(([k, v]) => `${k}=${v}`)].join('; ')),
    );
    fc.assert(
      fc.property(text, (t) => {
        onlyPositionedErrors(parseDmarc, t);
      }),
      FC,
    );
  });
});

describe('buildDmarc', () => {
  test.each<[DmarcOptions, string]>([
    [{ p: 'reject' }, 'v=DMARC1; p=reject'],
    [
      { p: 'quarantine', sp: 'reject', np: 'reject', psd: 'n', t: 'y', adkim: 's', aspf: 'r', rua: ['dmarc@example.com'], ruf: ['mailto:forensic@example.com'], fo: '1' },
      'v=DMARC1; p=quarantine; sp=reject; np=reject; psd=n; t=y; adkim=s; aspf=r; rua=mailto:dmarc@example.com; ruf=mailto:forensic@example.com; fo=1',
    ],
    [{ p: 'none', rua: ['mailto:a@example.com', 'https://reports.example.net/in'] }, 'v=DMARC1; p=none; rua=mailto:a@example.com,https://reports.example.net/in'],
    [{ p: 'none', rua: ['a,b;c!d&e@example.com'] }, 'v=DMARC1; p=none; rua=mailto:a%2Cb%3Bc%21d%26e@example.com'],
    [{ p: 'none', rua: ['100%@example.com'] }, 'v=DMARC1; p=none; rua=mailto:100%25@example.com'],
    [{ p: 'none', rua: ['mailto:a%2Cb@example.com', 'https://r.example.net/in?k=1,2;3 4!'] }, 'v=DMARC1; p=none; rua=mailto:a%2Cb@example.com,https://r.example.net/in?k=1%2C2%3B3%204%21'],
    [{ p: 'none', rua: ['mailto:dmarc@exämple.com'] }, 'v=DMARC1; p=none; rua=mailto:dmarc@ex%C3%A4mple.com'],
    [{ p: 'none', ruf: ['f@example.com'], fo: 'D : s' }, 'v=DMARC1; p=none; ruf=mailto:f@example.com; fo=d:s'],
  ])('builds %j', (opts, text) => {
    expect(buildDmarc(opts)).toBe(text);
  });

  test.each<[string, DmarcOptions, string]>([
    ['a missing p', { p: undefined as unknown as 'none' }, 'p'],
    ['an invalid p', { p: 'block' as 'none' }, 'p'],
    ['an invalid np', { p: 'none', np: 'all' as 'none' }, 'np'],
    ['an invalid adkim', { p: 'none', adkim: 'x' as 'r' }, 'adkim'],
    ['an empty rua', { p: 'none', rua: [] }, 'rua'],
    ['a destination that is no address', { p: 'none', rua: ['dmarc-reports'] }, 'rua[0]'],
    ['a mailto: without address', { p: 'none', ruf: ['mailto:x@example.com', 'mailto:nobody'] }, 'ruf[1]'],
    ['an invalid fo', { p: 'none', fo: '0:1' }, 'fo'],
  ])('rejects %s', (_, opts, field) => {
    const e = thrown(() => buildDmarc(opts));
    expect(e.code).toBe('DMARC_OPTIONS');
    expect(e.field).toBe(field);
  });

  test('gives back what it was given', () => {
    const policy = fc.constantFrom<'none' | 'quarantine' | 'reject'>('none', 'quarantine', 'reject');
    const options = fc.record(
      {
        p: policy,
        sp: policy,
        np: policy,
        adkim: fc.constantFrom<'r' | 's'>('r', 's'),
        aspf: fc.constantFrom<'r' | 's'>('r', 's'),
        psd: fc.constantFrom<'y' | 'n' | 'u'>('y', 'n', 'u'),
        t: fc.constantFrom<'y' | 'n'>('y', 'n'),
        rua: fc.array(fc.emailAddress(), { minLength: 1, maxLength: 3 }),
        ruf: fc.array(fc.emailAddress(), { minLength: 1, maxLength: 2 }),
        fo: fc.constantFrom('0', '1', 'd', 's', '0:d', '1:d:s', 'd:s', 's:1'),
      },
      { requiredKeys: ['p'] },
    );
    fc.assert(
      fc.property(options, (x) => {
        const parsed = parseDmarc(buildDmarc(x));
        for (const k of ['p', 'sp', 'np', 'adkim', 'aspf', 'psd', 't', 'fo'] as const) expect(parsed[k]).toEqual(x[k]);
        expect(parsed.pDefaulted).toBe(false);
        expect(parsed.pIsSecond).toBe(true);
        expect(parsed.rua.map((u) => u.address)).toEqual(x.rua ?? []);
        expect(parsed.ruf.map((u) => u.address)).toEqual(x.ruf ?? []);
        expect(parsed.legacyTags).toEqual([]);
        expect(parsed.unknownTags).toEqual([]);
      }),
      FC,
    );
  });
});

describe('reportDestinations', () => {
  test('lists only destinations outside the organization, with the record each must publish', () => {
    const parsed = parseDmarc(
      'v=DMARC1; p=none; rua=mailto:d@example.com,mailto:agg@reports.example.com,mailto:a@dmarc.vendor.net,https://in.vendor.net/r; ruf=mailto:f@thirdparty.example.net,mailto:a@dmarc.vendor.net',
    );
    expect(reportDestinations(parsed, 'Example.COM.', organizationalDomain)).toEqual([
      { destination: 'dmarc.vendor.net', uris: ['mailto:a@dmarc.vendor.net'], name: 'example.com._report._dmarc.dmarc.vendor.net.', text: 'v=DMARC1' },
      { destination: 'in.vendor.net', uris: ['https://in.vendor.net/r'], name: 'example.com._report._dmarc.in.vendor.net.', text: 'v=DMARC1' },
      { destination: 'thirdparty.example.net', uris: ['mailto:f@thirdparty.example.net'], name: 'example.com._report._dmarc.thirdparty.example.net.', text: 'v=DMARC1' },
    ]);
  });

  test('names the subdomain that publishes the policy, not its organization', () => {
    const parsed = parseDmarc('v=DMARC1; p=none; rua=mailto:d@example.com,mailto:x@vendor.net');
    expect(reportDestinations(parsed, 'test.example.com', organizationalDomain).map((d) => [d.destination, d.name])).toEqual([
      ['vendor.net', 'test.example.com._report._dmarc.vendor.net.'],
    ]);
  });

  test('treats a name without organizational domain as its own organization', () => {
    const parsed = parseDmarc('v=DMARC1; p=none; rua=mailto:d@example.com,mailto:e@other.example.com');
    expect(reportDestinations(parsed, 'example.com', () => null).map((d) => d.destination)).toEqual(['other.example.com']);
  });

  test('ignores URIs without a domain', () => {
    const parsed = parseDmarc('v=DMARC1; p=none; rua=urn:example:reports');
    expect(parsed.rua).toEqual([{ uri: 'urn:example:reports', scheme: 'urn', position: 22 }]);
    expect(reportDestinations(parsed, 'example.com', organizationalDomain)).toEqual([]);
  });
});
