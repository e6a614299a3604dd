import * as fc from 'fast-check';
import { MailDnsError } from '../../lib/model/errors';
import { buildCaa, CaaOptions, caaTagStatus, checkCaaValue, formatCaa, isValidCaaTag, parseCaa, parseCaaIssueValue } from '../../lib/mail/caa';
import { onlyPositionedErrors, thrown } from '../helpers/errors';

const FC = { seed: 8659, numRuns: 1000 };

describe('parseCaa', () => {
  // Records from RFC 8659 §4 and RFC 9495, then variations.
  test.each<[string, number, string, string]>([
    ['0 issue "ca1.example.net"', 0, 'issue', 'ca1.example.net'],
    ['0 issue "ca1.example.net; account=230123"', 0, 'issue', 'ca1.example.net; account=230123'],
    ['0 issue ";"', 0, 'issue', ';'],
    ['0 issuewild "ca2.example.org"', 0, 'issuewild', 'ca2.example.org'],
    ['0 iodef "mailto:security@example.com"', 0, 'iodef', 'mailto:security@example.com'],
    ['0 iodef "https://iodef.example.com/"', 0, 'iodef', 'https://iodef.example.com/'],
    ['128 tbs "Unknown"', 128, 'tbs', 'Unknown'],
    ['0 issuemail "authority.example;loa=2"', 0, 'issuemail', 'authority.example;loa=2'],
    ['0 issuevmc "digicert.com"', 0, 'issuevmc', 'digicert.com'],
    ['0 issue ""', 0, 'issue', ''],
    ['0 issue letsencrypt.org', 0, 'issue', 'letsencrypt.org'],
    ['  0\tISSUE   "letsencrypt.org"  ', 0, 'ISSUE', 'letsencrypt.org'],
    ['0 issue "letsencrypt.org; validationmethods=dns-01; accounturi=https://acme-v02.api.letsencrypt.org/acme/acct/1"', 0, 'issue', 'letsencrypt.org; validationmethods=dns-01; accounturi=https://acme-v02.api.letsencrypt.org/acme/acct/1'],
    ['0 tbs "a\\"b\\\\c\\059d"', 0, 'tbs', 'a"b\\c;d'],
    ['0 tbs "caf\\195\\169"', 0, 'tbs', 'café'],
    ['0 contactemail "domainowner@example.com"', 0, 'contactemail', 'domainowner@example.com'],
    ['0 contactphone "+1(555)123-4567"', 0, 'contactphone', '+1(555)123-4567'],
    ['0 policy "x"', 0, 'policy', 'x'],
  ])('parses %j', (text, flags, tag, value) => {
    expect(parseCaa(text)).toEqual({ flags, tag, value, critical: flags >= 128 });
  });

  test.each<[string, string, number]>([
    ['', 'empty', 0],
    ['256 issue "ca.example"', 'flags over 255', 0],
    ['x issue "ca.example"', 'flags not a number', 0],
    ['0 iss-ue "ca.example"', 'tag with a hyphen', 2],
    ['0 issue', 'no value', 7],
    ['0 issue "ca.example', 'unclosed quote', 8],
    ['0 issue "ca.example" extra', 'text after the value', 21],
    ['0 issue "ca..example"', 'empty label in the issuer', 8],
    ['0 issue "-ca.example"', 'issuer label starting with "-"', 8],
    ['0 issue "ca.example; a=b;"', 'trailing ";" after a parameter', 8],
    ['0 issue "ca.example a=b"', 'parameter without ";"', 8],
    ['0 issue "ca.example; =b"', 'parameter without name', 8],
    ['0 issuewild "ca.example; a"', 'parameter without value', 12],
    ['0 iodef "ftp://example.com/"', 'iodef with ftp:', 8],
    ['0 iodef "mailto:nobody"', 'iodef mailto: without address', 8],
    ['0 contactemail "nobody"', 'contactemail without @', 15],
    ['0 issue "\\300"', 'escape over 255', 9],
    ['0 issue ca"x', 'quote inside an unquoted value', 10],
    ['0 issue "a\u0001b"', 'control character', 10],
    ['0 issue "a\\', 'backslash at the end', 10],
  ])('rejects %j (%s) at position %d', (text, _, position) => {
    const e = thrown(() => parseCaa(text));
    expect(e.code).toBe('CAA_SYNTAX');
    expect(e.position).toBe(position);
    expect(e.message).toContain(`position ${position}`);
  });

  test('throws nothing but positioned MailDnsError on arbitrary text', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.tuple(fc.constantFrom('0', '128', '255', '7'), fc.constantFrom('issue', 'issuewild', 'iodef', 'tbs', 'contactemail'), fc.string({ maxLength: 30 })).map(([f, t, v]) => `${f} ${t} "${v}"`),
      fc.string({ unit: fc.constantFrom('0', ' ', 'i', 's', 'u', 'e', '"', '\\', ';', '=', '.', '1', '2', 'a'), maxLength: 30 }),
    );
    fc.assert(
      fc.property(text, (t) => {
        onlyPositionedErrors(parseCaa, t);
      }),
      FC,
    );
  });
});

describe('buildCaa and formatCaa', () => {
  test.each<[CaaOptions, string]>([
    [{ tag: 'issue', value: 'letsencrypt.org' }, '0 issue "letsencrypt.org"'],
    [{ tag: 'issuewild', value: ';' }, '0 issuewild ";"'],
    [{ tag: 'issue', value: 'letsencrypt.org', critical: true }, '128 issue "letsencrypt.org"'],
    [{ tag: 'iodef', value: 'mailto:security@example.com' }, '0 iodef "mailto:security@example.com"'],
    [{ tag: 'issuemail', value: 'authority.example; loa=2' }, '0 issuemail "authority.example; loa=2"'],
    [{ tag: 'tbs', value: 'say "hi"\\\tcafé' }, '0 tbs "say \\"hi\\"\\\\\\009caf\\195\\169"'],
  ])('%j -> %s', (opts, text) => {
    const r = buildCaa(opts);
    expect(r.critical).toBe(opts.critical === true);
    expect(formatCaa(r)).toBe(text);
  });

  test.each<[string, CaaOptions, string]>([
    ['a tag with a hyphen', { tag: 'issue-wild', value: 'x' }, 'tag'],
    ['an empty tag', { tag: '', value: 'x' }, 'tag'],
    ['a reserved tag', { tag: 'path', value: 'x' }, 'tag'],
    ['a bad issuer', { tag: 'issue', value: 'lets encrypt.org' }, 'value'],
    ['a URL as issuer', { tag: 'issue', value: 'https://letsencrypt.org' }, 'value'],
    ['an iodef that is no URL', { tag: 'iodef', value: 'security@example.com' }, 'value'],
    ['a phone without +', { tag: 'contactphone', value: '555-1234' }, 'value'],
  ])('rejects %s', (_, opts, field) => {
    const e = thrown(() => buildCaa(opts));
    expect(e.code).toBe('CAA_OPTIONS');
    expect(e.field).toBe(field);
  });

  test('parseCaa(formatCaa(buildCaa(x))) gives back x', () => {
    const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,8}[a-z0-9])?$/);
    const issuer = fc.array(label, { minLength: 1, maxLength: 3 }).map((l) => l.join('.'));
    const param = fc.tuple(fc.stringMatching(/^[a-z0-9]{1,8}$/), fc.stringMatching(/^[\x21-\x3a\x3c-\x7e]{0,10}$/)).map(([k, v]) => `${k}=${v}`);
    const issueValue = fc.tuple(fc.option(issuer), fc.array(param, { maxLength: 3 })).map(([i, ps]) => `${i ?? ''}${ps.length > 0 ? `; ${ps.join('; ')}` : ''}`);
    const option = fc.oneof(
      fc.record({ tag: fc.constantFrom('issue', 'issuewild', 'issuemail', 'issuevmc'), value: issueValue, critical: fc.boolean() }),
      fc.record({ tag: fc.stringMatching(/^[a-z][a-z0-9]{0,14}$/).filter((t) => caaTagStatus(t) === 'unknown'), value: fc.string({ unit: 'grapheme', maxLength: 30 }), critical: fc.boolean() }),
    );
    fc.assert(
      fc.property(option, (x) => {
        expect(parseCaa(formatCaa(buildCaa(x)))).toEqual({ flags: x.critical ? 128 : 0, tag: x.tag, value: x.value, critical: x.critical });
      }),
      FC,
    );
  });
});

describe('checks', () => {
  test.each<[string, 'known' | 'reserved' | 'unknown']>([
    ['issue', 'known'],
    ['IssueWild', 'known'],
    ['iodef', 'known'],
    ['issuemail', 'known'],
    ['issuevmc', 'known'],
    ['contactemail', 'known'],
    ['auth', 'reserved'],
    ['path', 'reserved'],
    ['policy', 'reserved'],
    ['tbs', 'unknown'],
  ])('caaTagStatus(%j) is %s', (tag, status) => {
    expect(caaTagStatus(tag)).toBe(status);
  });

  test.each<[string, boolean]>([
    ['issue', true],
    ['a1', true],
    ['x'.repeat(255), true],
    ['x'.repeat(256), false],
    ['', false],
    ['is_sue', false],
    ['issüe', false],
  ])('isValidCaaTag(%j) is %s', (tag, ok) => {
    expect(isValidCaaTag(tag)).toBe(ok);
  });

  test('parseCaaIssueValue takes a value apart per the RFC 8659 §4.2 ABNF', () => {
    expect(parseCaaIssueValue('ca.example.net; account=230123; policy=ev')).toEqual({
      issuer: 'ca.example.net',
      parameters: [
        { tag: 'account', value: '230123' },
        { tag: 'policy', value: 'ev' },
      ],
    });
    expect(parseCaaIssueValue(' ; ')).toEqual({ parameters: [] });
    expect(parseCaaIssueValue('')).toEqual({ parameters: [] });
    expect(parseCaaIssueValue('ca.example;a = b')).toEqual({ issuer: 'ca.example', parameters: [{ tag: 'a', value: 'b' }] });
    expect(typeof parseCaaIssueValue('ca.example;a=b c')).toBe('string');
  });

  test.each<[string, string, boolean]>([
    ['iodef', 'http://iodef.example.com/report', true],
    ['iodef', 'mailto:a@example.com', true],
    ['iodef', 'https://', false],
    ['contactphone', '+1-202-555-0100', true],
    ['contactphone', '+', false],
    ['contactemail', 'a@b', false],
    ['tbs', 'anything at all', true],
  ])('checkCaaValue(%j, %j) accepts: %s', (tag, value, ok) => {
    expect(checkCaaValue(tag, value) === undefined).toBe(ok);
  });
});
