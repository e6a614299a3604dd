import { MailDnsError } from '../../../lib/model/errors';
import {
  expandDomainSpec,
  expandExplanation,
  isMacroProblem,
  MacroValues,
  scanMacroString,
  truncateDomain,
  urlEscape,
  usesMacroLetter,
} from '../../../lib/mail/spf/macro';

// RFC 7208 §7.4: sender strong-bad@email.example.com, client 192.0.2.3 (or 2001:db8::cb01),
// PTR name mx.example.org.
const ipv4: MacroValues = {
  s: 'strong-bad@email.example.com',
  l: 'strong-bad',
  o: 'email.example.com',
  d: 'email.example.com',
  i: '192.0.2.3',
  p: 'mx.example.org',
  h: 'mx.example.org',
  c: '192.0.2.3',
  r: 'receiver.example.net',
  t: '1700000000',
  v: 'in-addr',
};
const ipv6: MacroValues = {
  ...ipv4,
  i: '2.0.0.1.0.d.b.8.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.c.b.0.1',
  c: '2001:db8::cb01',
  v: 'ip6',
};

describe('RFC 7208 §7.4 expansion examples', () => {
  test.each([
    ['%{s}', 'strong-bad@email.example.com'],
    ['%{o}', 'email.example.com'],
    ['%{d}', 'email.example.com'],
    ['%{d4}', 'email.example.com'],
    ['%{d3}', 'email.example.com'],
    ['%{d2}', 'example.com'],
    ['%{d1}', 'com'],
    ['%{dr}', 'com.example.email'],
    ['%{d2r}', 'example.email'],
    ['%{l}', 'strong-bad'],
    ['%{l-}', 'strong.bad'],
    ['%{lr}', 'strong-bad'],
    ['%{lr-}', 'bad.strong'],
    ['%{l1r-}', 'strong'],
  ])('%s -> %s', (macro, expected) => {
    expect(expandExplanation(macro, ipv4)).toBe(expected);
  });

  test.each([
    ['%{ir}.%{v}._spf.%{d2}', '3.2.0.192.in-addr._spf.example.com'],
    ['%{lr-}.lp._spf.%{d2}', 'bad.strong.lp._spf.example.com'],
    ['%{lr-}.lp.%{ir}.%{v}._spf.%{d2}', 'bad.strong.lp.3.2.0.192.in-addr._spf.example.com'],
    ['%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}', '3.2.0.192.in-addr.strong.lp._spf.example.com'],
    ['%{d2}.trusted-domains.example.net', 'example.com.trusted-domains.example.net'],
  ])('IPv4: %s', (spec, expected) => {
    expect(expandDomainSpec(spec, ipv4)).toBe(expected);
  });

  test('IPv6: %{ir}.%{v}._spf.%{d2}', () => {
    expect(expandDomainSpec('%{ir}.%{v}._spf.%{d2}', ipv6)).toBe(
      '1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com',
    );
  });
});

describe('expansion details', () => {
  test('several delimiters split at once, parts rejoin with dots (RFC 7208 §7.3)', () => {
    const v = { ...ipv4, l: 'foo-bar+zip+quux' };
    expect(expandDomainSpec('%{l2r+-}.user.%{d2}', v)).toBe('bar.foo.user.example.com');
    expect(expandDomainSpec('%{l=}.x.com', { ...v, l: 'a=b.c' })).toBe('a.b.c.x.com');
  });

  test('a count above the number of parts keeps them all (implementations must support 127)', () => {
    expect(expandExplanation('%{d127}', ipv4)).toBe('email.example.com');
  });

  test('uppercase letters are URL-escaped after transformation', () => {
    const v = { ...ipv4, l: '~jack&jill=up-a_b3.c' };
    expect(expandExplanation('http://example.com/why.html?l=%{L}', v)).toBe('http://example.com/why.html?l=~jack%26jill%3Dup-a_b3.c');
    expect(expandExplanation('%{S}', ipv4)).toBe('strong-bad%40email.example.com');
    expect(expandExplanation('%{L-}', { ...ipv4, l: 'a b-c' })).toBe('a%20b.c');
  });

  test('escapes %% %_ %- expand to "%", " " and "%20"', () => {
    expect(expandDomainSpec('macro%%percent%_%_space%-url-space.example.com', ipv4)).toBe('macro%percent  space%20url-space.example.com');
  });

  test('explanation-only letters c r t', () => {
    expect(expandExplanation('%{c} via %{r} at %{t}', ipv6)).toBe('2001:db8::cb01 via receiver.example.net at 1700000000');
  });

  test('domain expansion drops one trailing dot; explanation text keeps it', () => {
    expect(expandDomainSpec('%{d}.', { ...ipv4, d: 'a.example' })).toBe('a.example');
    expect(expandDomainSpec('_spf.example.com.', ipv4)).toBe('_spf.example.com');
    expect(expandExplanation('This is a test.', ipv4)).toBe('This is a test.');
  });

  test('expanded domains over 253 characters lose labels from the left (RFC 7208 §7.3)', () => {
    const o = 'somewhat.long.exp.example.com';
    const spec = 'foobar.%{o}.%{o}.%{o}.%{o}.%{o}.%{o}.%{o}.%{o}.example.com';
    const out = expandDomainSpec(spec, { ...ipv4, o });
    expect(out).toBe(`${Array(8).fill(o).join('.')}.example.com`);
    expect(out.length).toBe(251);
  });
});

describe('truncateDomain', () => {
  test.each([
    ['a.b', 'a.b'],
    ['a.b.', 'a.b'],
    [`${'x'.repeat(63)}.${'y'.repeat(63)}.${'z'.repeat(63)}.${'w'.repeat(61)}`, `${'x'.repeat(63)}.${'y'.repeat(63)}.${'z'.repeat(63)}.${'w'.repeat(61)}`],
    [`${'x'.repeat(63)}.${'y'.repeat(63)}.${'z'.repeat(63)}.${'w'.repeat(62)}`, `${'y'.repeat(63)}.${'z'.repeat(63)}.${'w'.repeat(62)}`],
    ['q'.repeat(300), 'q'.repeat(300)],
  ])('%#', (name, expected) => {
    expect(truncateDomain(name)).toBe(expected);
  });
});

describe('scanMacroString', () => {
  test('tokens carry their positions', () => {
    expect(scanMacroString('a%{d2r-}.%%x')).toEqual([
      { kind: 'literal', text: 'a', position: 0 },
      { kind: 'macro', letter: 'd', keep: 2, reverse: true, delimiters: '-', position: 1, text: '%{d2r-}' },
      { kind: 'literal', text: '.', position: 8 },
      { kind: 'escape', text: '%%', position: 9 },
      { kind: 'literal', text: 'x', position: 11 },
    ]);
  });

  test.each<[string, object, number, string]>([
    ['%', {}, 0, '%'],
    ['ab%x', {}, 2, '%x'],
    ['%{x}', {}, 0, '%{x}'],
    ['%{d', {}, 0, '%{d'],
    ['%{d2x}', {}, 0, '%{d2x}'],
    ['%{d0}', {}, 0, '%{d0}'],
    ['%{c}', {}, 0, '%{c}'],
    ['%{T}', {}, 0, '%{T}'],
    ['a b', {}, 1, ' '],
    ['\u00e9', { allowSpace: true, explanation: true }, 0, '\u00e9'],
    ['tab\there', { allowSpace: true }, 3, '\t'],
  ])('%j is malformed at %i', (text, opts, position, offending) => {
    const out = scanMacroString(text, opts);
    expect(isMacroProblem(out)).toBe(true);
    expect(out).toMatchObject({ position, offending });
  });

  test.each<[string, object]>([
    ['%{c}', { explanation: true }],
    ['%{c}', { anyLetter: true }],
    ['a b', { allowSpace: true }],
    ['', {}],
  ])('%j is fine with %j', (text, opts) => {
    expect(isMacroProblem(scanMacroString(text, opts))).toBe(false);
  });
});

test('expanding a malformed string throws SPF_SYNTAX with its position', () => {
  expect(() => expandDomainSpec('x.%{q}.com', ipv4)).toThrow(MailDnsError);
  try {
    expandDomainSpec('x.%{q}.com', ipv4);
  } catch (e) {
    expect(e).toMatchObject({ code: 'SPF_SYNTAX', position: 2 });
  }
});

test('usesMacroLetter sees either case', () => {
  expect(usesMacroLetter('%{P}.x.com', 'p')).toBe(true);
  expect(usesMacroLetter('%{d}.x.com', 'p')).toBe(false);
  expect(usesMacroLetter('p.%%p.com', 'p')).toBe(false);
});

test('urlEscape encodes every byte outside the RFC 3986 unreserved set, as UTF-8', () => {
  expect(urlEscape("AZaz09-._~ !\"#$%&'()*+,/:;<=>?@[\\]^`{|}")).toBe(
    'AZaz09-._~%20%21%22%23%24%25%26%27%28%29%2A%2B%2C%2F%3A%3B%3C%3D%3E%3F%40%5B%5C%5D%5E%60%7B%7C%7D',
  );
  expect(urlEscape('é')).toBe('%C3%A9');
});
