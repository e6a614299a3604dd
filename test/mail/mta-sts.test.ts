import { createHash } from 'node:crypto';
import * as fc from 'fast-check';
import { MailDnsError } from '../../lib/model/errors';
import {
  buildMtaSts,
  isValidMaxAge,
  isValidMxPattern,
  MTA_STS_MAX_AGE_LIMIT,
  MtaStsOptions,
  mxMatchesPattern,
  parseMtaStsPolicy,
  parseMtaStsTxt,
} from '../../lib/mail/mta-sts';
import { onlyPositionedErrors, thrown } from '../helpers/errors';

const FC = { seed: 8461, numRuns: 1000 };

// RFC 8461 §3.2's example policy.
const RFC_POLICY = ['version: STSv1', 'mode: enforce', 'mx: mail.example.com', 'mx: *.example.net', 'mx: backupmx.example.com', 'max_age: 604800'];

describe('buildMtaSts', () => {
  test('writes the policy with CRLF line ends, an id from its SHA-256, and the TXT record', () => {
    const r = buildMtaSts({ mode: 'enforce', maxAge: 604800, mx: ['mail.example.com', '*.example.net', 'backupmx.example.com.'] });
    const policy = `${RFC_POLICY.join('\r\n')}\r\n`;
    const id = createHash('sha256').update(policy).digest('hex').slice(0, 32);
    expect(r).toEqual({ policy, id, txt: `v=STSv1; id=${id}` });
  });

  test('changes the id when the policy changes', () => {
    const a = buildMtaSts({ mode: 'testing', maxAge: 86400, mx: ['mx.example.com'] });
    const b = buildMtaSts({ mode: 'enforce', maxAge: 86400, mx: ['mx.example.com'] });
    expect(a.id).not.toBe(b.id);
  });

  test('allows a none policy without mx', () => {
    expect(buildMtaSts({ mode: 'none', maxAge: 0, mx: [] }).policy).toBe('version: STSv1\r\nmode: none\r\nmax_age: 0\r\n');
  });

  test.each<[string, MtaStsOptions, string]>([
    ['an unknown mode', { mode: 'on' as 'none', maxAge: 1, mx: ['a.example'] }, 'mode'],
    ['a negative max_age', { mode: 'testing', maxAge: -1, mx: ['a.example'] }, 'maxAge'],
    ['a max_age over a year', { mode: 'testing', maxAge: MTA_STS_MAX_AGE_LIMIT + 1, mx: ['a.example'] }, 'maxAge'],
    ['a fractional max_age', { mode: 'testing', maxAge: 1.5, mx: ['a.example'] }, 'maxAge'],
    ['enforce without mx', { mode: 'enforce', maxAge: 86400, mx: [] }, 'mx'],
    ['a wildcard not leftmost', { mode: 'enforce', maxAge: 86400, mx: ['mx.*.example.com'] }, 'mx[0]'],
    ['a double wildcard', { mode: 'enforce', maxAge: 86400, mx: ['ok.example.com', '*.*.example.com'] }, 'mx[1]'],
    ['a partial-label wildcard', { mode: 'enforce', maxAge: 86400, mx: ['mx*.example.com'] }, 'mx[0]'],
    ['an empty label', { mode: 'enforce', maxAge: 86400, mx: ['a..example.com'] }, 'mx[0]'],
  ])('rejects %s', (_, opts, field) => {
    const e = thrown(() => buildMtaSts(opts));
    expect(e.code).toBe('MTA_STS_OPTIONS');
    expect(e.field).toBe(field);
  });

  test('gives back what it was given, with an id of 1 to 32 letters and digits', () => {
    const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,8}[a-z0-9])?$/);
    const host = fc.array(label, { minLength: 2, maxLength: 4 }).map((l) => l.join('.'));
    const pattern = fc.tuple(fc.boolean(), host).map(([wild, h]) => (wild ? `*.${h}` : h));
    const options = fc.record({
      mode: fc.constantFrom<'enforce' | 'testing' | 'none'>('enforce', 'testing', 'none'),
      maxAge: fc.integer({ min: 0, max: MTA_STS_MAX_AGE_LIMIT }),
      mx: fc.array(pattern, { minLength: 1, maxLength: 4 }),
    });
    fc.assert(
      fc.property(options, (x) => {
        const r = buildMtaSts(x);
        expect(parseMtaStsPolicy(r.policy)).toEqual({ version: 'STSv1', mode: x.mode, maxAge: x.maxAge, mx: x.mx, extensions: {}, lineEnding: 'crlf' });
        expect(r.id).toMatch(/^[A-Za-z0-9]{1,32}$/);
        expect(parseMtaStsTxt(r.txt)).toEqual({ id: r.id, extensions: {} });
      }),
      FC,
    );
  });
});

describe('parseMtaStsTxt', () => {
  test.each<[string, string, Record<string, string>]>([
    ['v=STSv1; id=20160831085700Z;', '20160831085700Z', {}],
    ['v=STSv1;id=a', 'a', {}],
    ['v=STSv1; id=abc; ext.name-1=x:y', 'abc', { 'ext.name-1': 'x:y' }],
    [`v=STSv1; id=${'A'.repeat(32)}`, 'A'.repeat(32), {}],
  ])('parses %j', (text, id, extensions) => {
    expect(parseMtaStsTxt(text)).toEqual({ id, extensions });
  });

  test.each<[string, string, number]>([
    ['', 'empty', 0],
    ['v=STSv2; id=1', 'wrong version', 0],
    ['V=STSv1; id=1', 'version tag is case-sensitive', 0],
    ['id=1; v=STSv1', 'v not first', 0],
    ['v=STSv1', 'missing id', 7],
    ['v=STSv1; id=', 'empty id', 9],
    ['v=STSv1; id=abc-def', 'id with a hyphen', 12],
    [`v=STSv1; id=${'a'.repeat(33)}`, 'id over 32 characters', 12],
    ['v=STSv1; id = 1', 'spaces around =', 11],
    ['v=STSv1; id=1; id=2', 'duplicate id', 15],
    ['v=STSv1; id=1; v=STSv1', 'repeated v', 15],
    ['v=STSv1; id=1; e=a=b', 'extension value with =', 18],
  ])('rejects %j (%s) at position %d', (text, _, position) => {
    const e = thrown(() => parseMtaStsTxt(text));
    expect(e.code).toBe('MTA_STS_SYNTAX');
    expect(e.position).toBe(position);
    expect(e.message).toContain(`position ${position}`);
  });
});

describe('parseMtaStsPolicy', () => {
  test.each<[string, string, string]>([
    ['CRLF', `${RFC_POLICY.join('\r\n')}\r\n`, 'crlf'],
    ['LF', `${RFC_POLICY.join('\n')}\n`, 'lf'],
    ['LF without a final line end', RFC_POLICY.join('\n'), 'lf'],
    ['mixed', `${RFC_POLICY.slice(0, 3).join('\n')}\r\n${RFC_POLICY.slice(3).join('\r\n')}`, 'mixed'],
  ])('reads the RFC 8461 example with %s line ends', (_, text, lineEnding) => {
    expect(parseMtaStsPolicy(text)).toEqual({
      version: 'STSv1',
      mode: 'enforce',
      maxAge: 604800,
      mx: ['mail.example.com', '*.example.net', 'backupmx.example.com'],
      extensions: {},
      lineEnding,
    });
  });

  test('reads fields in any order, whitespace after values, and extensions', () => {
    expect(parseMtaStsPolicy('max_age:86400 \nmode:\ttesting\nx-note: hello world\nversion: STSv1\nmx: mx.example.com\n')).toEqual({
      version: 'STSv1',
      mode: 'testing',
      maxAge: 86400,
      mx: ['mx.example.com'],
      extensions: { 'x-note': 'hello world' },
      lineEnding: 'lf',
    });
  });

  test('accepts a none policy without mx', () => {
    expect(parseMtaStsPolicy('version: STSv1\nmode: none\nmax_age: 86400\n')).toMatchObject({ mode: 'none', mx: [] });
  });

  test.each<[string, string, number]>([
    ['', 'empty', 0],
    ['mode: enforce\nmx: a.example\nmax_age: 1\n', 'missing version', 39],
    ['version: STSv2\nmode: enforce\nmx: a.example\nmax_age: 1\n', 'wrong version', 9],
    ['version: STSv1\nmode: Enforce\nmx: a.example\nmax_age: 1\n', 'mode is case-sensitive', 21],
    ['version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 31557601\n', 'max_age over a year', 52],
    ['version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 1e5\n', 'max_age not digits', 52],
    ['version: STSv1\nmode: enforce\nmode: testing\nmx: a.example\nmax_age: 1\n', 'duplicate mode', 35],
    ['version: STSv1\n\nmode: enforce\nmx: a.example\nmax_age: 1\n', 'blank line', 15],
    ['version: STSv1\nmode: enforce\nmx : a.example\nmax_age: 1\n', 'space before the colon', 29],
    ['version: STSv1\nmode: enforce\nmax_age: 1\n', 'enforce without mx', 40],
    ['version: STSv1\nmode: enforce\nmx: a.example.\nmax_age: 1\n', 'mx with a trailing dot', 33],
    ['version: STSv1\nmode: enforce\nmx: *.*.example\nmax_age: 1\n', 'mx with two wildcards', 33],
    ['version: STSv1\nmode: enforce\nmx a.example\nmax_age: 1\n', 'a line without a colon', 29],
    ['version: STSv1\nmode: enforce\nmx: \nmax_age: 1\n', 'empty value', 29],
    ['version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 1\nnote: a\u0001b\n', 'control character', 61],
  ])('rejects %j (%s) at position %d', (text, _, position) => {
    const e = thrown(() => parseMtaStsPolicy(text));
    expect(e.code).toBe('MTA_STS_SYNTAX');
    expect(e.position).toBe(position);
    expect(e.message).toContain(`position ${position}`);
  });

  test('throws nothing but positioned MailDnsError on arbitrary text', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.string({ maxLength: 60 }).map((s) => `v=STSv1; ${s}`),
      fc
        .array(fc.tuple(fc.constantFrom('version', 'mode', 'mx', 'max_age', 'x'), fc.constantFrom(': ', ':', ' : '), fc.string({ maxLength: 12 }), fc.constantFrom('\n', '\r\n', '')), { maxLength: 6 })
        .map((lines) => lines.map((l) => l.join('')).join('')),
    );
    fc.assert(
      fc.property(text, (t) => {
        for (const parse of [parseMtaStsPolicy, parseMtaStsTxt]) {
          onlyPositionedErrors(parse, t);
        }
      }),
      FC,
    );
  });
});

describe('mxMatchesPattern', () => {
  test.each<[string, string, boolean]>([
    ['mail.example.com', 'mail.example.com', true],
    ['MAIL.Example.com.', 'mail.example.com', true],
    ['mail.example.com', 'mail.example.com.', true],
    ['mx1.example.com', '*.example.com', true],
    ['MX1.EXAMPLE.COM.', '*.example.com', true],
    // RFC 8461 §4.1: the wildcard matches exactly one label.
    ['example.com', '*.example.com', false],
    ['mx1.sub.example.com', '*.example.com', false],
    ['mx1.notexample.com', '*.example.com', false],
    ['.example.com', '*.example.com', false],
    ['mail.example.com', 'example.com', false],
    ['mail.example.net', 'mail.example.com', false],
    ['', '', false],
  ])('%j against %j: %s', (host, pattern, expected) => {
    expect(mxMatchesPattern(host, pattern)).toBe(expected);
  });
});

describe('checks', () => {
  test.each<[number, boolean]>([
    [0, true],
    [86400, true],
    [MTA_STS_MAX_AGE_LIMIT, true],
    [MTA_STS_MAX_AGE_LIMIT + 1, false],
    [-1, false],
    [0.5, false],
    [Number.NaN, false],
  ])('isValidMaxAge(%d) is %s', (n, ok) => {
    expect(isValidMaxAge(n)).toBe(ok);
  });

  test.each<[string, boolean]>([
    ['mx.example.com', true],
    ['*.example.com', true],
    ['localhost', true],
    ['mx.example.com.', false],
    ['*', false],
    ['*.', false],
    ['a.*.example.com', false],
    ['-mx.example.com', false],
    ['mx.exämple.com', false],
  ])('isValidMxPattern(%j) is %s', (p, ok) => {
    expect(isValidMxPattern(p)).toBe(ok);
  });
});
