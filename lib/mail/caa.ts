import { MailDnsError, show } from '../model/errors';
import { parseReportUri } from './dmarc';

/**
 * CAA records (RFC 8659), including `issuemail` (RFC 9495, S/MIME certificates) and `issuevmc`
 * (BIMI Verified Mark Certificates), which take the `issue` value syntax.
 */

/** What a CAA record publishes. */
export interface CaaOptions {
  /** Property tag: `issue`, `issuewild`, `iodef`, `issuemail`, `issuevmc`, ... (letters and digits). */
  readonly tag: string;
  /** Property value, unquoted, e.g. `letsencrypt.org` or `mailto:security@example.com`. */
  readonly value: string;
  /** Sets the issuer-critical flag (128): a CA that does not understand the tag must not issue. @default false */
  readonly critical?: boolean;
}

/** A CAA record. */
export interface CaaRecord {
  /** The flags octet: 0, or 128 when critical (other bits are reserved). */
  readonly flags: number;
  /** The property tag, as written. */
  readonly tag: string;
  /** The property value, unquoted and unescaped. */
  readonly value: string;
  /** Whether the issuer-critical bit (128) is set. */
  readonly critical: boolean;
}

/** An `issue`-style value taken apart (RFC 8659 §4.2). */
export interface CaaIssueValue {
  /** The CA's domain; absent when the value names none (`;` alone: no CA may issue). */
  readonly issuer?: string;
  /** `key=value` parameters, in order. */
  readonly parameters: readonly { readonly tag: string; readonly value: string }[];
}

/** Whether a tag is registered (`known`), reserved by RFC 8659 §7.2 (`reserved`), or neither. */
export type CaaTagStatus = 'known' | 'reserved' | 'unknown';

const ISSUE_LIKE = new Set(['issue', 'issuewild', 'issuemail', 'issuevmc']);
const KNOWN = new Set([...ISSUE_LIKE, 'iodef', 'contactemail', 'contactphone']);
const RESERVED = new Set(['auth', 'path', 'policy']);
const ISSUE_LABEL = /^[A-Za-z0-9](?:-*[A-Za-z0-9])*$/;

/** The status of a tag, compared case-insensitively as RFC 8659 §4.1 requires. */
export function caaTagStatus(tag: string): CaaTagStatus {
  const t = tag.toLowerCase();
  return KNOWN.has(t) ? 'known' : RESERVED.has(t) ? 'reserved' : 'unknown';
}

/** Whether a tag has valid syntax: 1 to 255 ASCII letters and digits (RFC 8659 §4.1). */
export function isValidCaaTag(tag: string): boolean {
  return typeof tag === 'string' && /^[A-Za-z0-9]{1,255}$/.test(tag);
}

const isWsp = (c: string | undefined) => c === ' ' || c === '\t';

/**
 * Takes apart an `issue`, `issuewild`, `issuemail` or `issuevmc` value per the RFC 8659 §4.2 ABNF:
 * `[issuer-domain-name] [";" [parameters]]`, parameters `tag=value` separated by `;`.
 * @returns the parts, or a problem in words.
 */
export function parseCaaIssueValue(value: string): CaaIssueValue | string {
  let i = 0;
  const skip = () => {
    while (isWsp(value[i])) i++;
  };
  const readUntil = (stop: RegExp) => {
    const start = i;
    while (i < value.length && !stop.test(value[i])) i++;
    return value.slice(start, i);
  };
  skip();
  const issuer = readUntil(/[ \t;]/);
  if (issuer !== '' && !issuer.split('.').every((l) => ISSUE_LABEL.test(l))) {
    return `issuer ${show(issuer)} is not a domain name of letters, digits and inner hyphens`;
  }
  skip();
  const parameters: { tag: string; value: string }[] = [];
  const result = () => ({ ...(issuer !== '' ? { issuer } : {}), parameters });
  if (i >= value.length) return result();
  if (value[i] !== ';') return `${show(value.slice(i))} after the issuer — parameters follow a ";"`;
  i++;
  skip();
  if (i >= value.length) return result();
  for (;;) {
    const at = i;
    const tag = readUntil(/[ \t=;]/);
    if (!ISSUE_LABEL.test(tag)) return `parameter name ${show(tag)} at offset ${at} is not letters, digits and inner hyphens`;
    skip();
    if (value[i] !== '=') return `parameter ${show(tag)} has no "=value"`;
    i++;
    skip();
    const v = readUntil(/[ \t;]/);
    if (![...v].every((c) => c >= '\x21' && c <= '\x7e')) return `parameter ${show(tag)} has a value with characters outside printable ASCII`;
    parameters.push({ tag, value: v });
    skip();
    if (i >= value.length) return result();
    if (value[i] !== ';') return `${show(value.slice(i))} after parameter ${show(tag)} — separate parameters with ";"`;
    i++;
    skip();
    if (i >= value.length) return `a ";" ends the value with no parameter after it`;
  }
}

/**
 * Checks a value against the syntax of its tag: issue-style values per RFC 8659 §4.2, `iodef` a
 * `mailto:`, `http:` or `https:` URL (§4.4), `contactemail` an address, `contactphone` a `+` number
 * (CA/Browser Forum BR 3.2.2.4.16/17). Values of other tags are not checked.
 * @returns a problem in words, or `undefined` when the value is fine.
 */
export function checkCaaValue(tag: string, value: string): string | undefined {
  const t = tag.toLowerCase();
  if (ISSUE_LIKE.has(t)) {
    const r = parseCaaIssueValue(value);
    return typeof r === 'string' ? `${r} (RFC 8659 §4.2)` : undefined;
  }
  if (t === 'iodef') {
    const r = /^(?:mailto|https?):/i.test(value) ? parseReportUri(value, 0) : 'not a mailto:, http: or https: URL';
    if (typeof r === 'string') return `${r} (RFC 8659 §4.4)`;
    return r.scheme === 'mailto' || r.domain !== undefined ? undefined : 'not a mailto:, http: or https: URL (RFC 8659 §4.4)';
  }
  if (t === 'contactemail') return /^[^@\s]+@[^@\s]+\.[^@\s.]+$/.test(value) ? undefined : 'not an e-mail address';
  if (t === 'contactphone') return /^\+[0-9().-]*[0-9][0-9().-]*$/.test(value) ? undefined : 'not a global phone number such as +1-202-555-0100';
  return undefined;
}

function optionError(field: string, value: unknown, problem: string): MailDnsError {
  return new MailDnsError('CAA_OPTIONS', `${field}: ${show(value)} ${problem}`, { field, value });
}

/**
 * A validated CAA record.
 * @throws MailDnsError `CAA_OPTIONS`: bad tag syntax, a tag RFC 8659 §7.2 reserves, or a value that
 * does not fit its tag.
 */
export function buildCaa(opts: CaaOptions): CaaRecord {
  if (!isValidCaaTag(opts.tag)) throw optionError('tag', opts.tag, 'is not 1 to 255 ASCII letters and digits (RFC 8659 §4.1)');
  if (caaTagStatus(opts.tag) === 'reserved') throw optionError('tag', opts.tag, 'is reserved by RFC 8659 §7.2 and has no meaning — use issue, issuewild, issuemail or iodef');
  if (typeof opts.value !== 'string') throw optionError('value', opts.value, 'is not text');
  const problem = checkCaaValue(opts.tag, opts.value);
  if (problem) throw optionError('value', opts.value, `is not a valid ${opts.tag} value: ${problem}`);
  const critical = opts.critical === true;
  return { flags: critical ? 128 : 0, tag: opts.tag, value: opts.value, critical };
}

/**
 * The zone-file presentation of a CAA record: `0 issue "letsencrypt.org"`. The value is always
 * quoted; `"` and `\` are escaped, and bytes outside printable ASCII written as `\DDD`.
 */
export function formatCaa(record: Pick<CaaRecord, 'flags' | 'tag' | 'value'>): string {
  let out = '';
  for (const b of Buffer.from(record.value, 'utf8')) {
    if (b === 0x22 || b === 0x5c) out += `\\${String.fromCharCode(b)}`;
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else out += `\\${String(b).padStart(3, '0')}`;
  }
  return `${record.flags} ${record.tag} "${out}"`;
}

function syntax(problem: string, position: number, value: unknown): MailDnsError {
  return new MailDnsError('CAA_SYNTAX', `CAA record: ${problem}`, { position, value });
}

/**
 * Parses the presentation form `<flags> <tag> <value>`, the value quoted or not, with `\X` and
 * `\DDD` escapes (RFC 1035 §5.1) and its bytes read as UTF-8, then checks the tag syntax and the
 * value against its tag. Reserved and unknown tags parse; see {@link caaTagStatus}.
 * @throws MailDnsError `CAA_SYNTAX` with `position`.
 */
export function parseCaa(presentation: string): CaaRecord {
  const text = presentation;
  if (typeof text !== 'string') throw syntax(`expected text at position 0, received ${show(text)}`, 0, text);
  let i = 0;
  while (isWsp(text[i])) i++;
  const flagsAt = i;
  while (i < text.length && !isWsp(text[i])) i++;
  const flagsText = text.slice(flagsAt, i);
  if (!/^\d{1,3}$/.test(flagsText) || Number(flagsText) > 255) {
    throw syntax(`flags ${show(flagsText)} at position ${flagsAt} are not a number from 0 to 255 — write 0, or 128 for critical`, flagsAt, flagsText);
  }
  while (isWsp(text[i])) i++;
  const tagAt = i;
  while (i < text.length && !isWsp(text[i])) i++;
  const tag = text.slice(tagAt, i);
  if (!isValidCaaTag(tag)) throw syntax(`tag ${show(tag)} at position ${tagAt} is not 1 to 255 ASCII letters and digits — RFC 8659 §4.1`, tagAt, tag);
  while (isWsp(text[i])) i++;
  const valueAt = i;
  if (i >= text.length) throw syntax(`no value after tag ${show(tag)} at position ${i} — write "" for an empty value`, i, text);
  const quoted = text[i] === '"';
  if (quoted) i++;
  const bytes: number[] = [];
  let closed = !quoted;
  while (i < text.length) {
    const c = text[i];
    if (quoted && c === '"') {
      closed = true;
      i++;
      break;
    }
    if (!quoted && isWsp(c)) break;
    if (!quoted && c === '"') throw syntax(`unescaped '"' at position ${i} inside an unquoted value`, i, text);
    if (c === '\\') {
      const ddd = /^\d{3}/.exec(text.slice(i + 1, i + 4));
      if (ddd) {
        if (Number(ddd[0]) > 255) throw syntax(`escape \\${ddd[0]} at position ${i} is over 255`, i, ddd[0]);
        bytes.push(Number(ddd[0]));
        i += 4;
        continue;
      }
      if (i + 1 >= text.length) throw syntax(`"\\" at position ${i} ends the text`, i, text);
      i++;
    } else if ((c.charCodeAt(0) < 0x20 && !(quoted && c === '\t')) || c.charCodeAt(0) === 0x7f) {
      throw syntax(`control character at position ${i} — write it as \\DDD`, i, c);
    }
    const cp = text.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    bytes.push(...Buffer.from(ch, 'utf8'));
    i += ch.length;
  }
  if (!closed) throw syntax(`the quoted value starting at position ${valueAt} has no closing '"'`, valueAt, text.slice(valueAt));
  while (isWsp(text[i])) i++;
  if (i < text.length) throw syntax(`unexpected ${show(text.slice(i))} at position ${i} after the value — a CAA record is <flags> <tag> <value>`, i, text.slice(i));
  const value = Buffer.from(bytes).toString('utf8');
  const problem = checkCaaValue(tag, value);
  if (problem) throw syntax(`the ${tag} value ${show(value)} at position ${valueAt} is not valid: ${problem}`, valueAt, value);
  const flags = Number(flagsText);
  return { flags, tag, value, critical: (flags & 128) !== 0 };
}
