import * as fc from 'fast-check';
import { MailDnsError } from '../../../lib/model/errors';
import { domainSpecProblem, formatSpf, formatTerm, isSpfText, parseSpf, SpfRecord, SpfTerm } from '../../../lib/mail/spf/parse';

/** A term without its position, for structural comparison. */
type WithoutPosition<T> = T extends unknown ? Omit<T, 'position'> : never;
type Shape = WithoutPosition<SpfTerm>;

function shape(record: SpfRecord): Shape[] {
  return record.terms.map(({ position: _position, ...rest }) => rest);
}

function syntaxErrorOf(text: string): MailDnsError {
  try {
    parseSpf(text);
  } catch (e) {
    if (e instanceof MailDnsError) return e;
    throw e;
  }
  throw new Error(`expected ${JSON.stringify(text)} not to parse`);
}

describe('isSpfText', () => {
  test.each([
    ['v=spf1', true],
    ['v=spf1 -all', true],
    ['V=SpF1 ~all', true],
    ['v=spf1  ', true],
    ['v=spf10', false],
    ['v=spf1mx', false],
    ['v=spf1\t-all', false],
    [' v=spf1 -all', false],
    ['spf2.0/pra -all', false],
    ['', false],
  ])('%j -> %s', (text, expected) => {
    expect(isSpfText(text)).toBe(expected);
  });
});

describe('parseSpf accepts RFC 7208 records', () => {
  test.each<[string, Shape[]]>([
    ['v=spf1', []],
    ['V=SPF1 -ALL', [{ kind: 'mechanism', qualifier: '-', mechanism: 'all' }]],
    ['v=spf1   a  -all   ', [
      { kind: 'mechanism', qualifier: '+', mechanism: 'a' },
      { kind: 'mechanism', qualifier: '-', mechanism: 'all' },
    ]],
    ['v=spf1 +mx/24 ?a:foo.example.com/24//64 ~mx:%{d}//0 a/0', [
      { kind: 'mechanism', qualifier: '+', mechanism: 'mx', cidr4: 24 },
      { kind: 'mechanism', qualifier: '?', mechanism: 'a', domainSpec: 'foo.example.com', cidr4: 24, cidr6: 64 },
      { kind: 'mechanism', qualifier: '~', mechanism: 'mx', domainSpec: '%{d}', cidr6: 0 },
      { kind: 'mechanism', qualifier: '+', mechanism: 'a', cidr4: 0 },
    ]],
    ['v=spf1 ptr PTR:example.com', [
      { kind: 'mechanism', qualifier: '+', mechanism: 'ptr' },
      { kind: 'mechanism', qualifier: '+', mechanism: 'ptr', domainSpec: 'example.com' },
    ]],
    ['v=spf1 ip4:192.0.2.0/24 ip4:0.0.0.0/0 ip6:2001:DB8::/32 ip6:::FFFF:1.2.3.4 ip6:::1.1.1.1/0', [
      { kind: 'mechanism', qualifier: '+', mechanism: 'ip4', ip: '192.0.2.0', cidr4: 24 },
      { kind: 'mechanism', qualifier: '+', mechanism: 'ip4', ip: '0.0.0.0', cidr4: 0 },
      { kind: 'mechanism', qualifier: '+', mechanism: 'ip6', ip: '2001:db8::', cidr6: 32 },
      { kind: 'mechanism', qualifier: '+', mechanism: 'ip6', ip: '::ffff:1.2.3.4' },
      { kind: 'mechanism', qualifier: '+', mechanism: 'ip6', ip: '::1.1.1.1', cidr6: 0 },
    ]],
    ['v=spf1 exists:%{ir}.%{l1r+-}.%{d} include:_spf.example.net.', [
      { kind: 'mechanism', qualifier: '+', mechanism: 'exists', domainSpec: '%{ir}.%{l1r+-}.%{d}' },
      { kind: 'mechanism', qualifier: '+', mechanism: 'include', domainSpec: '_spf.example.net.' },
    ]],
    ['v=spf1 a:foo:bar/baz.example.com a:foo.example.xn--zckzah a:macro%%percent%_%_space%-url-space.example.com', [
      { kind: 'mechanism', qualifier: '+', mechanism: 'a', domainSpec: 'foo:bar/baz.example.com' },
      { kind: 'mechanism', qualifier: '+', mechanism: 'a', domainSpec: 'foo.example.xn--zckzah' },
      { kind: 'mechanism', qualifier: '+', mechanism: 'a', domainSpec: 'macro%%percent%_%_space%-url-space.example.com' },
    ]],
    ['v=spf1 Redirect=_spf.example.com EXP=explain.%{d} moo.cow-far_out=man:dog/cat default=+ empty=', [
      { kind: 'modifier', name: 'redirect', value: '_spf.example.com' },
      { kind: 'modifier', name: 'exp', value: 'explain.%{d}' },
      { kind: 'modifier', name: 'moo.cow-far_out', value: 'man:dog/cat' },
      { kind: 'modifier', name: 'default', value: '+' },
      { kind: 'modifier', name: 'empty', value: '' },
    ]],
    // Unknown modifiers are never expanded, so any macro letter is accepted in them.
    ['v=spf1 note=%{c}-%{R}-%{t}', [{ kind: 'modifier', name: 'note', value: '%{c}-%{R}-%{t}' }]],
    ['v=spf1 a:%{d2}.%{H}', [{ kind: 'mechanism', qualifier: '+', mechanism: 'a', domainSpec: '%{d2}.%{H}' }]],
  ])('%j', (text, terms) => {
    const record = parseSpf(text);
    expect(record.version).toBe('spf1');
    expect(shape(record)).toEqual(terms);
  });

  test('term positions point at the term (qualifier included)', () => {
    const text = 'v=spf1  -mx   include:a.example redirect=b.example';
    expect(parseSpf(text).terms.map((t) => t.position)).toEqual([8, 14, 32]);
    for (const t of parseSpf(text).terms) expect(text.slice(t.position)).toMatch(/^(-mx|include:|redirect=)/);
  });
});

describe('parseSpf rejects malformed records with position and offending text', () => {
  test.each<[string, number, string, RegExp]>([
    ['v=spf10 -all', 0, 'v=spf10', /does not start with "v=spf1"/],
    ['spf1 -all', 0, 'spf1 -a', /does not start/],
    ['v=spf1 ip4:1.2.3.4 -all moo', 24, 'moo', /unknown mechanism/],
    ['v=spf1 all.', 7, 'all.', /unknown mechanism/],
    ['v=spf1 -all:foobar', 11, ':foobar', /takes no argument/],
    ['v=spf1 -all/8', 11, '/8', /takes no argument/],
    ['v=spf1 redirect:t2.example.com', 7, 'redirect', /redirect is a modifier/],
    ['v=spf1 1up=foo', 7, '1up=foo', /unknown mechanism/],
    ['v=spf1 =all', 7, '=all', /unknown mechanism/],
    ['v=spf1 a - all', 9, '-', /has no mechanism name/],
    ['v=spf1 ~:x.example', 7, '~:x.example', /has no mechanism name/],
    ['v=spf1 \u0080a:example.net', 7, '\u0080a', /unknown mechanism/],
    ['v=spf1 moo.cow/far_out=man:dog/cat', 7, 'moo.cow', /unknown mechanism/],
    ['v=spf1 ip4', 10, 'ip4', /needs ":<address>"/],
    ['v=spf1 ip4:1.2.3', 11, '1.2.3', /invalid ip4 network/],
    ['v=spf1 ip4:1.2.3.4:8080', 11, '1.2.3.4:8080', /invalid ip4 network/],
    ['v=spf1 ip4:01.2.3.4', 11, '01.2.3.4', /invalid ip4 network/],
    ['v=spf1 ip4:192.0.2.5\n', 11, '192.0.2.5\n', /invalid ip4 network/],
    ['v=spf1 ip4:1.2.3.4/33', 18, '/33', /prefix length/],
    ['v=spf1 ip4:1.2.3.4/032', 18, '/032', /leading zeros/],
    ['v=spf1 ip4:1.2.3.4//32', 18, '//32', /prefix length/],
    ['v=spf1 ip4:1.2.3.4/', 18, '/', /prefix length/],
    ['v=spf1 ip6', 10, 'ip6', /needs ":<address>"/],
    ['v=spf1 ip6::CAFE::BABE', 11, ':CAFE::BABE', /invalid ip6 network/],
    ['v=spf1 ip6:fe80::1%eth0', 11, 'fe80::1%eth0', /invalid ip6 network/],
    ['v=spf1 ip6:::1.1.1.1/129', 20, '/129', /prefix length/],
    ['v=spf1 ip6:::1.1.1.1//33', 20, '//33', /prefix length/],
    ['v=spf1 a:', 9, '', /domain-spec is empty/],
    ['v=spf1 a:museum', 9, 'museum', /must end in "\."/],
    ['v=spf1 a:museum.', 9, 'museum.', /must end in "\."/],
    ['v=spf1 a:foo-bar -all', 9, 'foo-bar', /must end in "\."/],
    ['v=spf1 a:example.-com', 17, '-com', /not a valid top-level label/],
    ['v=spf1 a:abc.123', 13, '123', /not a valid top-level label/],
    ['v=spf1 a:111.222.33.44', 20, '44', /not a valid top-level label/],
    ['v=spf1 mx:example.com:8080', 18, 'com:8080', /must end in "\."/],
    ['v=spf1 a:foo.example.com\u0000', 24, '\u0000', /U\+0000/],
    ['v=spf1 a:ctrl.example.com\rptr -all', 25, '\r', /U\+000D/],
    ['v=spf1 a:\u00efgarbage.example.net', 9, '\u00ef', /U\+00EF/],
    ['v=spf1 a/24/64', 8, '/24/64', /dual-cidr-length/],
    ['v=spf1 a//33x', 8, '//33x', /dual-cidr-length/],
    ['v=spf1 a//129', 8, '//129', /prefix length/],
    ['v=spf1 mx/33', 9, '/33', /prefix length/],
    ['v=spf1 a:foo.com/', 13, 'com/', /must end in "\."/],
    ['v=spf1 ptr/0', 10, '/0', /optional ":<domain>"/],
    ['v=spf1 ptr:', 11, '', /domain-spec is empty/],
    ['v=spf1 include +all', 14, 'include', /needs ":<domain>"/],
    ['v=spf1 include:', 15, '', /domain-spec is empty/],
    ['v=spf1 include:ip5.example.com/24', 27, 'com/24', /must end in "\."/],
    ['v=spf1 exists', 13, 'exists', /needs ":<domain>"/],
    ['v=spf1 exists:mail.example.com/24', 27, 'com/24', /must end in "\."/],
    ['v=spf1 -exists:%(ir).sbl.example.com', 15, '%(', /must start %\{/],
    ['v=spf1 exists:foo%.sbl.example.com', 17, '%.', /must start %\{/],
    ['v=spf1 a:%{a}.example.com', 9, '%{a}', /not a macro letter/],
    ['v=spf1 a:%{d0}.example.com', 9, '%{d0}', /nonzero/],
    ['v=spf1 a:%{d.example.com', 9, '%{d.example.com', /a macro is/],
    ['v=spf1 -all exp=%{r}.example.com', 16, '%{r}', /only in explanation text/],
    ['v=spf1 exp= -all', 11, '', /domain-spec is empty/],
    ['v=spf1 exp=-all', 11, '-all', /must end in "\."/],
    ['v=spf1 redirect=-all ?all', 16, '-all', /must end in "\."/],
    ['v=spf1 ?all redirect=', 21, '', /domain-spec is empty/],
    ['v=spf1 -all foo=%abc', 16, '%a', /must start %\{/],
    ['v=spf1 redirect=a.example.com -all redirect=b.example.com', 35, 'redirect=b.example.com', /second redirect= modifier \(the first is at position 7\)/],
    ['v=spf1 exp=a.example.com -all EXP=b.example.com', 30, 'EXP=b.example.com', /second exp= modifier/],
  ])('%j -> position %i', (text, position, offending, reason) => {
    const e = syntaxErrorOf(text);
    expect(e.code).toBe('SPF_SYNTAX');
    expect(e.position).toBe(position);
    expect(e.value).toBe(text);
    expect(e.message).toContain(`at position ${position} (${JSON.stringify(offending)})`);
    expect(e.message).toMatch(reason);
  });
});

describe('domainSpecProblem', () => {
  test.each([
    ['example.com', undefined],
    ['example.com.', undefined],
    ['%{d}', undefined],
    ['foo.%{d}', undefined],
    ['%{d}%%', undefined],
    ['.com', undefined],
    ['x.123-456', undefined],
    ['x.a-', 'not a valid top-level label'],
    ['%{d}.', 'must end in'],
    ['a.%%com', 'must end in'],
  ])('%j', (spec, problem) => {
    const found = domainSpecProblem(spec);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found?.reason).toContain(problem);
  });
});

describe('formatSpf', () => {
  test('prints canonical text: "+" omitted, names lowercase, single spaces', () => {
    const text = 'V=SPF1  +MX/24  -IP6:2001:DB8::/32 ?Include:_spf.example.net ~A//64 Redirect=x.example.com';
    expect(formatSpf(parseSpf(text))).toBe('v=spf1 mx/24 -ip6:2001:db8::/32 ?include:_spf.example.net ~a//64 redirect=x.example.com');
  });

  test('keeps domain-spec and macro case, which changes meaning (uppercase macros are URL-escaped)', () => {
    expect(formatTerm(parseSpf('v=spf1 exists:%{L}.Example.COM').terms[0])).toBe('exists:%{L}.Example.COM');
  });
});

// ---- round trip over arbitrary ASTs ----

const toplabel = fc.oneof(fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/), fc.constant('xn--zckzah'), fc.constant('co-op'));
const macroLetter = (exp: boolean) => fc.constantFrom(...(exp ? 'slodiphvcrtSLODIPHVCRT' : 'slodiphvSLODIPHV').split(''));
const macro = (exp: boolean) =>
  fc
    .record({
      letter: macroLetter(exp),
      keep: fc.option(fc.integer({ min: 1, max: 128 }), { nil: undefined }),
      reverse: fc.boolean(),
      delimiters: fc.subarray('.-+,/_='.split('')),
    })
    .map(({ letter, keep, reverse, delimiters }) => `%{${letter}${keep ?? ''}${reverse ? 'r' : ''}${delimiters.join('')}}`);
const literal = fc.stringMatching(/^[a-zA-Z0-9_:=+\-/~!*]{1,8}$/);
const piece = (exp: boolean) => fc.oneof(literal, macro(exp), fc.constantFrom('%%', '%_', '%-'));
const domainSpec = fc
  .record({
    pieces: fc.array(piece(false), { maxLength: 4 }),
    end: fc.oneof(
      toplabel.chain((t) => fc.constantFrom(`.${t}`, `.${t}.`)),
      macro(false),
      fc.constantFrom('%%', '%-'),
    ),
  })
  .map(({ pieces, end }) => (end.startsWith('.') ? pieces.join('.') + end : [...pieces, end].join('.')))
  // An empty piece list with a ".toplabel" end gives ".com": valid ABNF, but keep realistic names too.
  .filter((s) => domainSpecProblem(s) === undefined);
const qualifier = fc.constantFrom<'+' | '-' | '~' | '?'>('+', '-', '~', '?');
const cidr = (max: number) => fc.option(fc.integer({ min: 0, max }), { nil: undefined });

const withOptional = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

const mechanismTerm: fc.Arbitrary<Shape> = fc.oneof(
  qualifier.map((q) => ({ kind: 'mechanism' as const, qualifier: q, mechanism: 'all' as const })),
  fc.record({ q: qualifier, m: fc.constantFrom('include' as const, 'exists' as const), d: domainSpec }).map(({ q, m, d }) => ({
    kind: 'mechanism' as const,
    qualifier: q,
    mechanism: m,
    domainSpec: d,
  })),
  fc.record({ q: qualifier, d: fc.option(domainSpec, { nil: undefined }) }).map(({ q, d }) =>
    withOptional({ kind: 'mechanism' as const, qualifier: q, mechanism: 'ptr' as const, domainSpec: d }),
  ),
  fc
    .record({ q: qualifier, m: fc.constantFrom('a' as const, 'mx' as const), d: fc.option(domainSpec, { nil: undefined }), c4: cidr(32), c6: cidr(128) })
    .map(({ q, m, d, c4, c6 }) => withOptional({ kind: 'mechanism' as const, qualifier: q, mechanism: m, domainSpec: d, cidr4: c4, cidr6: c6 })),
  fc.record({ q: qualifier, ip: fc.ipV4(), c: cidr(32) }).map(({ q, ip, c }) =>
    withOptional({ kind: 'mechanism' as const, qualifier: q, mechanism: 'ip4' as const, ip, cidr4: c }),
  ),
  fc.record({ q: qualifier, ip: fc.ipV6(), c: cidr(128) }).map(({ q, ip, c }) =>
    withOptional({ kind: 'mechanism' as const, qualifier: q, mechanism: 'ip6' as const, ip: ip.toLowerCase(), cidr6: c }),
  ),
);
const modifierTerm: fc.Arbitrary<Shape> = fc.oneof(
  fc.record({ name: fc.constantFrom('redirect', 'exp'), value: domainSpec }).map(({ name, value }) => ({ kind: 'modifier' as const, name, value })),
  fc
    .record({
      name: fc.stringMatching(/^[a-z][a-z0-9_.-]{0,8}$/).filter((n) => n !== 'redirect' && n !== 'exp'),
      value: fc.array(piece(true), { maxLength: 4 }).map((p) => p.join('')),
    })
    .map(({ name, value }) => ({ kind: 'modifier' as const, name, value })),
);
const record = fc.array(fc.oneof({ weight: 3, arbitrary: mechanismTerm }, { weight: 1, arbitrary: modifierTerm }), { maxLength: 12 }).map((terms) => {
  // redirect= and exp= may each appear once.
  const seen = new Set<string>();
  return terms.filter((t) => t.kind !== 'modifier' || (t.name !== 'redirect' && t.name !== 'exp') || (!seen.has(t.name) && !!seen.add(t.name)));
});

describe('format/parse round trip (fast-check)', () => {
  test('parse(format(ast)) equals ast and format is a fixed point', () => {
    fc.assert(
      fc.property(record, (terms) => {
        const ast = { version: 'spf1' as const, terms: terms.map((t) => ({ ...t, position: 0 }) as SpfTerm) };
        const text = formatSpf(ast);
        const parsed = parseSpf(text);
        expect(shape(parsed)).toEqual(terms);
        expect(formatSpf(parsed)).toBe(text);
        expect(shape(parseSpf(formatSpf(parsed)))).toEqual(shape(parsed));
      }),
      { seed: 7208, numRuns: 2000 },
    );
  });

  test('every input either parses or throws SPF_SYNTAX with a position inside it', () => {
    const fragment = fc.constantFrom(
      'a', 'mx', 'ptr', 'all', 'include', 'exists', 'ip4', 'ip6', 'redirect', 'exp', 'x', ':', ':', '/', '//', '=', '-', '+', '~', '?',
      '%{d}', '%{ir}', '%{c}', '%', '%%', '{', '}', '1.2.3.4', '::1', '24', '0', '.com', '.com', 'example', '\t', '\u00e9', '\u0000',
    );
    const validTerm = fc.constantFrom('a', '-mx/24', '~all', 'ip4:192.0.2.1', 'ip6:::1/64', 'include:x.example', 'a:%{d}//64', 'ptr', 'exists:%{ir}.x.com', 'foo=bar', 'exp=e.%{d}');
    const term = fc.oneof(validTerm, fc.array(fragment, { minLength: 1, maxLength: 5 }).map((f) => f.join('')));
    const text = fc
      .record({
        version: fc.constantFrom('v=spf1', 'V=Spf1', 'v=spf1', 'v=spf10', 'spf1', ''),
        terms: fc.array(fc.tuple(fc.constantFrom(' ', ' ', '  ', ''), term), { maxLength: 6 }),
        trailing: fc.constantFrom('', ' '),
      })
      .map(({ version, terms, trailing }) => version + terms.map(([sep, t]) => sep + t).join('') + trailing);
    let parsedNonEmpty = 0;
    let rejected = 0;
    fc.assert(
      fc.property(text, (text) => {
        let error: unknown;
        try {
          const parsed = parseSpf(text);
          if (parsed.terms.length > 0) parsedNonEmpty++;
          // What parses must print to text that parses to the same terms.
          expect(shape(parseSpf(formatSpf(parsed)))).toEqual(shape(parsed));
        } catch (e) {
          error = e;
        }
        if (error === undefined) return;
        rejected++;
        expect(error).toBeInstanceOf(MailDnsError);
        const e = error as MailDnsError;
        expect(e.code).toBe('SPF_SYNTAX');
        expect(e.position).toBeGreaterThanOrEqual(0);
        expect(e.position).toBeLessThanOrEqual(text.length);
        expect(e.message).toContain(`position ${e.position}`);
      }),
      { seed: 4408, numRuns: 3000 },
    );
    // The generator must exercise both paths, or the property says little.
    expect(parsedNonEmpty).toBeGreaterThan(100);
    expect(rejected).toBeGreaterThan(100);
  });
});
