import { MailDnsError } from './errors';

/**
 * TXT data: a record holds one or more character-strings of at most 255 octets each
 * (RFC 1035 §3.3.14). Long values (DKIM keys, SPF) are split by bytes of their UTF-8 encoding,
 * never inside a multi-byte character, and receivers join the strings back without separator
 * (RFC 7208 §3.3, RFC 6376 §3.6.2.2).
 */

/** Most octets in one character-string. */
export const MAX_CHARACTER_STRING = 255;

/** Splits a logical TXT value into character-strings of at most `max` UTF-8 bytes, never mid-character. */
export function splitTxt(value: string, max = MAX_CHARACTER_STRING): string[] {
  if (value === '') return [''];
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of value) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > max) {
      out.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += n;
  }
  out.push(current);
  return out;
}

/** Quotes one character-string in zone-file presentation form: `"` and `\` escaped, non-printables as `\DDD`. */
export function quoteCharacterString(s: string): string {
  let out = '"';
  for (const byte of Buffer.from(s, 'utf8')) {
    if (byte === 0x22 || byte === 0x5c) out += `\\${String.fromCharCode(byte)}`;
    else if (byte < 0x20 || byte > 0x7e) out += `\\${byte.toString().padStart(3, '0')}`;
    else out += String.fromCharCode(byte);
  }
  return `${out}"`;
}

/** Presentation form of a whole TXT value: its character-strings, quoted, separated by a space. */
export function formatTxt(strings: readonly string[]): string {
  return strings.map(quoteCharacterString).join(' ');
}

/**
 * Parses presentation-form TXT data (`"v=spf1 " "mx -all"` or a bare word) into its character-strings,
 * decoding `\X` and `\DDD` escapes as bytes.
 */
export function parseTxtStrings(text: string, field = 'value'): string[] {
  return parseTxtBytes(text, field).map((b) => b.toString('utf8'));
}

/** The logical value of presentation-form TXT data: its character-strings joined by bytes, then decoded. */
export function parseTxtValue(text: string, field = 'value'): string {
  return Buffer.concat(parseTxtBytes(text, field)).toString('utf8');
}

function parseTxtBytes(text: string, field: string): Buffer[] {
  const out: Buffer[] = [];
  let i = 0;
  const fail = (msg: string): never => {
    throw new MailDnsError('INVALID_TXT', `${field}: ${msg} at position ${i} of ${JSON.stringify(text)}`, { field, value: text, position: i });
  };
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    const quoted = c === '"';
    if (quoted) i++;
    const bytes: number[] = [];
    let closed = !quoted;
    while (i < text.length) {
      const ch = text[i];
      if (quoted && ch === '"') {
        closed = true;
        i++;
        break;
      }
      if (!quoted && (ch === ' ' || ch === '\t')) break;
      if (!quoted && ch === '"') fail('unexpected quote inside an unquoted string');
      if (ch === '\\') {
        const digits = /^\d{3}/.exec(text.slice(i + 1, i + 4));
        if (digits) {
          const v = Number(digits[0]);
          if (v > 255) fail(`escape \\${digits[0]} is above 255`);
          bytes.push(v);
          i += 4;
          continue;
        }
        if (i + 1 >= text.length) fail('dangling backslash');
        const next = text.codePointAt(i + 1)!;
        const s = String.fromCodePoint(next);
        bytes.push(...Buffer.from(s, 'utf8'));
        i += 1 + s.length;
        continue;
      }
      const cp = text.codePointAt(i)!;
      const s = String.fromCodePoint(cp);
      bytes.push(...Buffer.from(s, 'utf8'));
      i += s.length;
    }
    if (!closed) fail('unterminated quoted string');
    if (bytes.length > MAX_CHARACTER_STRING) fail(`character-string of ${bytes.length} octets exceeds ${MAX_CHARACTER_STRING}`);
    out.push(Buffer.from(bytes));
  }
  return out.length ? out : [Buffer.alloc(0)];
}
