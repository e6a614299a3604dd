import { MailDnsError } from '../../lib/model/errors';
import { any, arr, bool, check, closest, editDistance, int, literal, map, obj, oneOf, Schema, str, union } from '../../lib/spec/schema';

function failure(schema: Schema, value: unknown): MailDnsError {
  try {
    check(schema, value);
  } catch (e) {
    expect(e).toBeInstanceOf(MailDnsError);
    expect((e as MailDnsError).code).toBe('SPEC_FIELD');
    return e as MailDnsError;
  }
  throw new Error('expected the value to be rejected');
}

describe('editDistance and closest', () => {
  test.each([
    ['mailHost', 'mailHosts', 1],
    ['MailHosts', 'mailHosts', 0],
    ['nameservers', 'nameServers', 0],
    ['webhost', 'webHosts', 1],
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
  ])('%s -> %s: %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  test('closest finds a near field and nothing for a far one', () => {
    const fields = ['domain', 'mailHosts', 'webHosts', 'nameServers', 'ttl'];
    expect(closest('mailHost', fields)).toBe('mailHosts');
    expect(closest('nameserver', fields)).toBe('nameServers');
    expect(closest('tll', fields)).toBe('ttl');
    expect(closest('completelyDifferent', fields)).toBeUndefined();
  });
});

describe('check', () => {
  const HOST = obj({ name: str(), ipv4: arr(str()), mx: int(0, 65535), proxied: bool }, ['name']);
  const SPEC = obj({ domain: str(), mailHosts: arr(HOST), rules: map(oneOf('off', 'warning', 'error'), /^[A-Z_]+$/) }, ['domain']);

  test('a valid value passes', () => {
    expect(() => check(SPEC, { domain: 'example.com', mailHosts: [{ name: 'smtp', ipv4: ['192.0.2.25'], mx: 10, proxied: false }], rules: { NS_COUNT: 'warning' } })).not.toThrow();
  });

  // [value, path, message after the path]
  test.each<[string, unknown, string, string]>([
    ['a number where text goes', { domain: 5 }, 'domain', 'expected text (received number 5) — quote it'],
    ['a list where a mapping goes', { domain: 'x', mailHosts: [[]] }, 'mailHosts[0]', 'expected a mapping with fields name, ipv4, mx, proxied (received a list)'],
    ['null where a mapping goes', { domain: 'x', mailHosts: [null] }, 'mailHosts[0]', 'expected a mapping with fields name, ipv4, mx, proxied (received null)'],
    ['a mapping where a list goes', { domain: 'x', mailHosts: { name: 'smtp' } }, 'mailHosts', 'expected a list (received a mapping)'],
    ['a number in a list of text', { domain: 'x', mailHosts: [{ name: 'smtp', ipv4: ['192.0.2.1', 10] }] }, 'mailHosts[0].ipv4[1]', 'expected text (received number 10) — quote it'],
    ['a fraction', { domain: 'x', mailHosts: [{ name: 'smtp', mx: 1.5 }] }, 'mailHosts[0].mx', 'expected a whole number 0..65535 (received number 1.5)'],
    ['a number out of range', { domain: 'x', mailHosts: [{ name: 'smtp', mx: 70000 }] }, 'mailHosts[0].mx', '70000 is out of range 0..65535'],
    ['text where a number goes', { domain: 'x', mailHosts: [{ name: 'smtp', mx: '10' }] }, 'mailHosts[0].mx', 'expected a whole number 0..65535 (received string "10")'],
    ['text where a boolean goes', { domain: 'x', mailHosts: [{ name: 'smtp', proxied: 'no' }] }, 'mailHosts[0].proxied', 'expected true or false (received string "no")'],
    ['a required field missing', { mailHosts: [] }, 'domain', 'required field is missing'],
    ['a nested required field missing', { domain: 'x', mailHosts: [{ ipv4: [] }] }, 'mailHosts[0].name', 'required field is missing'],
    ['an unknown field with a near name', { domain: 'x', mailHost: [] }, 'mailHost', 'unknown field "mailHost" — did you mean "mailHosts"?'],
    ['an unknown field with no near name', { domain: 'x', zzzzzzzz: 1 }, 'zzzzzzzz', 'unknown field "zzzzzzzz" — known fields: domain, mailHosts, rules'],
    ['an enum value misspelt', { domain: 'x', rules: { NS_COUNT: 'warnign' } }, 'rules.NS_COUNT', 'expected one of off, warning, error (received string "warnign") — did you mean "warning"?'],
    ['a map key that does not match', { domain: 'x', rules: { 'ns-count': 'off' } }, 'rules.ns-count', '"ns-count" is not a valid key here'],
    ['a top-level list', [], '(top level)', 'expected a mapping with fields domain, mailHosts, rules (received a list)'],
  ])('%s', (_what, value, path, message) => {
    const e = failure(SPEC, value);
    expect(e.field).toBe(path);
    expect(e.message).toBe(`${path}: ${message}`);
  });

  test('the error carries the offending value', () => {
    expect(failure(SPEC, { domain: 'x', mailHosts: [{ name: 'smtp', ipv4: ['192.0.2.1', 10] }] }).value).toBe(10);
    expect(failure(SPEC, { domain: 'x', mailHost: ['smtp'] }).value).toEqual(['smtp']);
  });

  test('string length and pattern', () => {
    const s = str({ pattern: /^[A-Z_]+$/, hint: 'NS_COUNT', max: 10 });
    expect(failure(obj({ rule: s }), { rule: 'ns_count' }).message).toBe('rule: "ns_count" is not valid — expected something like NS_COUNT');
    expect(failure(obj({ rule: s }), { rule: 'A'.repeat(11) }).message).toBe(`rule: text of 11 characters is longer than the 10 allowed (received "${'A'.repeat(11)}")`);
  });

  test('list length', () => {
    const e = failure(obj({ l: arr(any, 2) }), { l: [1, 2, 3] });
    expect(e.message).toBe('l: a list of 3 entries is longer than the 2 allowed');
  });

  test('literal', () => {
    expect(failure(obj({ kind: literal('parked') }), { kind: 'domain' }).message).toBe('kind: expected "parked" (received string "domain")');
  });

  describe('union', () => {
    const SPF = union('SPF text, { mx, all } or false', str(), obj({ mx: bool, all: oneOf('-', '~') }), literal(false));
    const S = obj({ spf: SPF });

    test.each([['v=spf1 -all'], [false], [{ mx: true, all: '~' }]])('accepts %p', (v) => {
      expect(() => check(S, { spf: v })).not.toThrow();
    });

    test('reports the option that got furthest into the value', () => {
      const e = failure(S, { spf: { mx: 'yes' } });
      expect(e.field).toBe('spf.mx');
      expect(e.message).toBe('spf.mx: expected true or false (received string "yes")');
    });

    test('describes every option when none got further', () => {
      expect(failure(S, { spf: true }).message).toBe('spf: expected SPF text, { mx, all } or false (received boolean true)');
    });
  });

  test('nesting deeper than 32 levels is refused', () => {
    const deep: Schema = { kind: 'array', of: { kind: 'any' } };
    let schema: Schema = deep;
    let value: unknown = [];
    for (let i = 0; i < 40; i++) {
      schema = arr(schema);
      value = [value];
    }
    const e = failure(schema, value);
    expect(e.message).toContain('nesting deeper than 32 levels is not a spec');
  });
});

describe('closest: no hint that rewrites the whole word', () => {
  test.each([
    ['x', ['-', '~', '?', '+']],
    ['ab', ['xy', 'zz']],
  ])('%s has no near candidate', (word, candidates) => {
    expect(closest(word, candidates)).toBeUndefined();
  });

  test('a one-letter slip in a short word is still found', () => {
    expect(closest('tll', ['ttl', 'domain'])).toBe('ttl');
    expect(closest('r', ['r', 's'])).toBe('r');
  });
});
