import * as fc from 'fast-check';
import { MailDnsError } from '../../lib/model/errors';
import { buildTlsRpt, isTlsRptUri, parseTlsRpt } from '../../lib/mail/tls-rpt';
import { onlyPositionedErrors, thrown } from '../helpers/errors';

const FC = { seed: 8460, numRuns: 1000 };

describe('parseTlsRpt', () => {
  // RFC 8460 §3 examples, then variations.
  test.each<[string, string[], Record<string, string>]>([
    ['v=TLSRPTv1;rua=mailto:reports@example.com', ['mailto:reports@example.com'], {}],
    ['v=TLSRPTv1; rua=https://reporting.example.com/v1/tlsrpt', ['https://reporting.example.com/v1/tlsrpt'], {}],
    ['v=TLSRPTv1; rua=mailto:reports@example.com,https://reporting.example.com/v1/tlsrpt', ['mailto:reports@example.com', 'https://reporting.example.com/v1/tlsrpt'], {}],
    ['v=TLSRPTv1; rua=mailto:a@example.com , mailto:b@example.net;', ['mailto:a@example.com', 'mailto:b@example.net'], {}],
    ['v=TLSRPTv1; ext_1=value; rua=mailto:a%2Cb@example.com', ['mailto:a%2Cb@example.com'], { ext_1: 'value' }],
    ['v=TLSRPTv1; rua=https://r.example.net/in?k=v=', ['https://r.example.net/in?k=v='], {}],
  ])('parses %j', (text, uris, extensions) => {
    const r = parseTlsRpt(text);
    expect(r.rua.map((u) => u.uri)).toEqual(uris);
    expect(r.extensions).toEqual(extensions);
  });

  test('decodes the destination of a mailto: URI', () => {
    expect(parseTlsRpt('v=TLSRPTv1; rua=mailto:tls%2Breports@Example.com').rua).toEqual([
      { uri: 'mailto:tls%2Breports@Example.com', scheme: 'mailto', address: 'tls+reports@Example.com', domain: 'example.com', position: 16 },
    ]);
  });

  test.each<[string, string, number]>([
    ['', 'empty', 0],
    ['v=TLSRPTv2; rua=mailto:a@example.com', 'wrong version', 0],
    ['v=tlsrptv1; rua=mailto:a@example.com', 'version is case-sensitive', 0],
    ['rua=mailto:a@example.com; v=TLSRPTv1', 'v not first', 0],
    ['v=TLSRPTv1', 'missing rua', 10],
    ['v=TLSRPTv1; rua=http://reports.example.com/', 'http scheme', 16],
    ['v=TLSRPTv1; rua=mailto:a@example.com,ftp://example.com/r', 'ftp scheme', 37],
    ['v=TLSRPTv1; rua=reports@example.com', 'no scheme', 16],
    ['v=TLSRPTv1; rua = mailto:a@example.com', 'space before =', 15],
    ['v=TLSRPTv1; rua=mailto:a@example.com; rua=mailto:b@example.com', 'duplicate rua', 38],
    ['v=TLSRPTv1; rua=mailto:a@example.com; ext=a b', 'space in an extension value', 43],
    ['v=TLSRPTv1; rua=mailto:a@example.com; ext=a=b', '= in an extension value', 43],
    ['v=TLSRPTv1; rua=mailto:a@example.com!10m', 'DMARC size suffix', 16],
    ['v=TLSRPTv1; rua=mailto:a@example.com,', 'trailing comma', 37],
  ])('rejects %j (%s) at position %d', (text, _, position) => {
    const e = thrown(() => parseTlsRpt(text));
    expect(e.code).toBe('TLSRPT_SYNTAX');
    expect(e.position).toBe(position);
    expect(e.message).toContain(`position ${position}`);
  });

  test('throws nothing but positioned MailDnsError on arbitrary text', () => {
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ maxLength: 80 }).map((s) => `v=TLSRPTv1; ${s}`), fc.string({ maxLength: 40 }).map((s) => `v=TLSRPTv1; rua=${s}`));
    fc.assert(
      fc.property(text, (t) => {
        onlyPositionedErrors(parseTlsRpt, t);
      }),
      FC,
    );
  });
});

describe('buildTlsRpt', () => {
  test.each<[string[], string]>([
    [['mailto:tls@example.com'], 'v=TLSRPTv1; rua=mailto:tls@example.com'],
    [['tls@example.com', 'https://reports.example.net/v1/tlsrpt'], 'v=TLSRPTv1; rua=mailto:tls@example.com,https://reports.example.net/v1/tlsrpt'],
    [['a,b@example.com'], 'v=TLSRPTv1; rua=mailto:a%2Cb@example.com'],
    [['https://r.example.net/in?x=1;y=2'], 'v=TLSRPTv1; rua=https://r.example.net/in?x=1%3By=2'],
    [['https://r.example.net/in?token=abc='], 'v=TLSRPTv1; rua=https://r.example.net/in?token=abc='],
  ])('builds %j', (rua, text) => {
    expect(buildTlsRpt({ rua })).toBe(text);
  });

  test.each<[string, string[], string]>([
    ['no destination', [], 'rua'],
    ['an http: URL', ['https://ok.example.com/', 'http://reports.example.com/'], 'rua[1]'],
    ['an unsupported scheme', ['ftp://reports.example.com/'], 'rua[0]'],
    ['something that is no address', ['reports'], 'rua[0]'],
  ])('rejects %s', (_, rua, field) => {
    const e = thrown(() => buildTlsRpt({ rua }));
    expect(e.code).toBe('TLSRPT_OPTIONS');
    expect(e.field).toBe(field);
  });

  test('gives back what it was given', () => {
    const dest = fc.oneof(
      fc.emailAddress().map((a) => ({ input: a, address: a as string | undefined, uri: undefined as string | undefined })),
      fc.webUrl({ validSchemes: ['https'] }).map((u) => ({ input: u, address: undefined, uri: u as string | undefined })),
    );
    fc.assert(
      fc.property(fc.array(dest, { minLength: 1, maxLength: 4 }), (dests) => {
        const parsed = parseTlsRpt(buildTlsRpt({ rua: dests.map((d) => d.input) }));
        expect(parsed.rua.map((u) => u.address)).toEqual(dests.map((d) => d.address));
        parsed.rua.forEach((u, i) => {
          const want = dests[i].uri;
          if (want !== undefined) expect(decodeURIComponent(u.uri)).toBe(decodeURIComponent(want));
        });
      }),
      FC,
    );
  });
});

describe('isTlsRptUri', () => {
  test.each<[string, boolean]>([
    ['mailto:reports@example.com', true],
    ['https://reporting.example.com/v1/tlsrpt', true],
    ['HTTPS://reporting.example.com/', true],
    ['http://reporting.example.com/', false],
    ['mailto:', false],
    ['reports@example.com', false],
    ['ftp://example.com/', false],
    ['mailto:a,b@example.com', false],
  ])('%j: %s', (uri, ok) => {
    expect(isTlsRptUri(uri)).toBe(ok);
  });
});
