import { MailDnsError } from '../../lib/model/errors';
import { formatTxt, MAX_CHARACTER_STRING, parseTxtStrings, parseTxtValue, quoteCharacterString, splitTxt } from '../../lib/model/txt';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

function thrown(fn: () => unknown): MailDnsError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MailDnsError);
    return e as MailDnsError;
  }
  throw new Error('expected a MailDnsError, nothing was thrown');
}

describe('splitTxt: character-strings of at most 255 bytes (RFC 1035 §3.3.14)', () => {
  test('the limit is 255', () => {
    expect(MAX_CHARACTER_STRING).toBe(255);
  });

  test.each([
    [0, [0]],
    [1, [1]],
    [254, [254]],
    [255, [255]],
    [256, [255, 1]],
    [510, [255, 255]],
    [511, [255, 255, 1]],
  ])('ASCII of %i bytes splits into %p', (n, sizes) => {
    const value = 'k'.repeat(n);
    const parts = splitTxt(value);
    expect(parts.map(bytes)).toEqual(sizes);
    expect(parts.join('')).toBe(value);
  });

  // A multi-byte character whose bytes would straddle the 255th byte moves whole to the next string.
  test.each([
    // [description, prefix length in ASCII bytes, character, its UTF-8 size, expected sizes]
    ['2-byte ü ending exactly at 255', 253, 'ü', 2, [255, 1]],
    ['2-byte ü straddling 255', 254, 'ü', 2, [254, 3]],
    ['3-byte € ending exactly at 255', 252, '€', 3, [255, 1]],
    ['3-byte € straddling by one', 253, '€', 3, [253, 4]],
    ['3-byte € straddling by two', 254, '€', 3, [254, 4]],
    ['4-byte 😀 ending exactly at 255', 251, '😀', 4, [255, 1]],
    ['4-byte 😀 straddling by one', 252, '😀', 4, [252, 5]],
    ['4-byte 😀 straddling by three', 254, '😀', 4, [254, 5]],
  ])('%s', (_what, prefix, ch, size, sizes) => {
    expect(bytes(ch)).toBe(size);
    const value = `${'a'.repeat(prefix)}${ch}x`;
    const parts = splitTxt(value);
    expect(parts.map(bytes)).toEqual(sizes);
    expect(parts.join('')).toBe(value);
    // no part starts or ends inside a character: each is valid UTF-8 on its own
    for (const p of parts) expect(Buffer.from(p, 'utf8').toString('utf8')).toBe(p);
    expect(parts.some((p) => p.includes(ch))).toBe(true);
  });

  test.each([
    ['2-byte', 'é'],
    ['3-byte', '鍵'],
    ['4-byte', '𝄞'],
    ['mixed', 'aé鍵𝄞'],
  ])('a long %s value: every string ≤ 255 bytes, whole characters, joins back', (_what, unit) => {
    const value = unit.repeat(400);
    const parts = splitTxt(value);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) {
      expect(bytes(p)).toBeLessThanOrEqual(255);
      expect(p).not.toContain('\ufffd');
      expect(Buffer.from(Buffer.from(p, 'utf8')).toString('utf8')).toBe(p);
    }
    // every string but the last is full up to less than one character
    for (const p of parts.slice(0, -1)) expect(bytes(p)).toBeGreaterThan(255 - 4);
    expect(parts.join('')).toBe(value);
    expect(bytes(parts.join(''))).toBe(bytes(value));
  });

  test('a smaller limit is honoured', () => {
    expect(splitTxt('abcdef', 4)).toEqual(['abcd', 'ef']);
    expect(splitTxt('aé', 2)).toEqual(['a', 'é']);
  });
});

describe('quoteCharacterString and formatTxt', () => {
  test.each([
    ['v=spf1 mx -all', '"v=spf1 mx -all"'],
    ['', '""'],
    ['say "hi"', '"say \\"hi\\""'],
    ['back\\slash', '"back\\\\slash"'],
    ['tab\there', '"tab\\009here"'],
    ['nl\n', '"nl\\010"'],
    ['ü', '"\\195\\188"'],
    ['del\x7f', '"del\\127"'],
    ['~', '"~"'],
  ])('%p -> %s', (value, quoted) => {
    expect(quoteCharacterString(value)).toBe(quoted);
  });

  test('formatTxt joins quoted strings with a space', () => {
    expect(formatTxt(['v=DKIM1; k=rsa; ', 'p=MIIB'])).toBe('"v=DKIM1; k=rsa; " "p=MIIB"');
  });
});

describe('parseTxtStrings and parseTxtValue', () => {
  test.each<[string, string[]]>([
    ['"v=spf1 mx -all"', ['v=spf1 mx -all']],
    ['"v=spf1 " "mx -all"', ['v=spf1 ', 'mx -all']],
    ['"a"  \t"b"', ['a', 'b']],
    ['bare word', ['bare', 'word']],
    ['""', ['']],
    ['', ['']],
    ['"say \\"hi\\""', ['say "hi"']],
    ['"a\\\\b"', ['a\\b']],
    ['"\\065\\066C"', ['ABC']],
    ['"\\195\\188"', ['ü']],
    ['"\\;"', [';']],
    ['"ü"', ['ü']],
    ['unquoted\\ space', ['unquoted space']],
  ])('%s', (text, strings) => {
    expect(parseTxtStrings(text)).toEqual(strings);
  });

  test('the value joins strings by bytes, so a character split across strings survives', () => {
    // "€" is E2 82 AC; the first string ends after E2 82
    expect(parseTxtValue('"\\226\\130" "\\172"')).toBe('€');
    expect(parseTxtValue('"v=spf1 " "mx -all"')).toBe('v=spf1 mx -all');
  });

  test.each([
    ['"unterminated', 'unterminated quoted string'],
    ['"a" b"c"', 'unexpected quote inside an unquoted string'],
    ['"\\256"', 'escape \\256 is above 255'],
    ['abc\\', 'dangling backslash'],
    [`"${'a'.repeat(256)}"`, 'character-string of 256 octets exceeds 255'],
    [`"${'ü'.repeat(128)}"`, 'character-string of 256 octets exceeds 255'],
  ])('rejects %s: %s', (text, problem) => {
    const e = thrown(() => parseTxtValue(text, 'records[0].value'));
    expect(e.code).toBe('INVALID_TXT');
    expect(e.field).toBe('records[0].value');
    expect(e.value).toBe(text);
    expect(e.message).toContain(`records[0].value: ${problem} at position `);
    expect(typeof e.position).toBe('number');
  });

  test('exactly 255 octets in one quoted string is fine', () => {
    expect(parseTxtValue(`"${'a'.repeat(255)}"`)).toHaveLength(255);
  });

  test.each([
    ['ASCII', 'v=spf1 ip4:192.0.2.0/24 include:_spf.example.net -all'],
    ['quotes and backslashes', 'a "quoted" \\ value'],
    ['control characters', 'line1\nline2\ttab\u0000nul'],
    ['a 2048-bit DKIM key', `v=DKIM1; k=rsa; p=${'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA'.repeat(9)}`],
    ['multi-byte text across boundaries', `${'a'.repeat(254)}ü€😀${'é'.repeat(300)}`],
  ])('round trip through splitTxt, formatTxt and parseTxtValue: %s', (_what, value) => {
    const presented = formatTxt(splitTxt(value));
    expect(parseTxtValue(presented)).toBe(value);
    expect(parseTxtStrings(presented).join('')).toBe(value);
  });
});
