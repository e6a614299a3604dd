import { domainToASCII } from 'node:url';
import { MailDnsError, show } from './errors';

/**
 * Domain names with zone-file semantics, as the guide teaches: `@` is the zone apex, a name
 * ending in a dot is absolute, anything else is relative to the zone and gets the zone appended.
 *
 * Inside the library every name is kept absolute, lower-case, in A-labels and with its trailing
 * dot (`smtp.example.com.`); the root is `.`.
 */

/** Longest name in presentation form without the trailing dot (RFC 1035 §2.3.4: 255 octets on the wire). */
export const MAX_NAME_LENGTH = 253;
/** Longest label (RFC 1035 §2.3.4). */
export const MAX_LABEL_LENGTH = 63;

/** How strictly the labels of a name are checked. */
export type NameSyntax =
  /** letters, digits, hyphen, not at the ends of a label (RFC 952/1123): host names, MX and NS targets */
  | 'host'
  /** as `host`, plus labels starting with `_` (`_dmarc`, `_domainkey`, `_tcp`) and a leading `*` wildcard */
  | 'owner'
  /** any octets; only lengths are checked (TXT owner names of third parties, CNAME targets) */
  | 'any';

const LDH = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const UNDERSCORE = '_[a-z0-9](?:[a-z0-9_-]{0,61})?';
const LDH_LABEL = new RegExp(`^${LDH}$`);
const UNDERSCORE_LABEL = new RegExp(`^${UNDERSCORE}$`);
/**
 * Whole names (without the trailing dot) whose every label passes the label checks below, in one
 * test: `host` names, and `owner` names (which pass `any` too). A name they refuse takes the
 * label-by-label path, which finds and words the problem.
 */
const HOST_NAME = new RegExp(`^${LDH}(?:\\.${LDH})*$`);
const OWNER_NAME = new RegExp(`^(?:\\*|${LDH}|${UNDERSCORE})(?:\\.(?:${LDH}|${UNDERSCORE}))*$`);

/** True when `name` ends with a dot, i.e. is written absolute. */
export function isAbsolute(name: string): boolean {
  return name.endsWith('.');
}

/** Ensures a zone origin is absolute and normalised: `example.com` and `Example.COM.` give `example.com.`. */
export function normalizeOrigin(origin: string, field = 'domain'): string {
  if (typeof origin !== 'string' || origin.trim() === '') {
    throw new MailDnsError('INVALID_NAME', `${field}: expected a domain name such as "example.com" (received ${show(origin)})`, {
      field,
      value: origin,
    });
  }
  const abs = origin.endsWith('.') ? origin : `${origin}.`;
  return checkName(toAscii(abs, field), 'host', field);
}

/**
 * Resolves a name as a zone file would: `@` is the origin, a trailing dot is absolute, anything
 * else has the origin appended. The result is absolute, lower-case A-labels.
 */
export function resolveName(name: string, origin: string, syntax: NameSyntax = 'owner', field = 'name'): string {
  if (typeof name !== 'string' || name === '') {
    throw new MailDnsError('INVALID_NAME', `${field}: expected a name such as "@", "www" or "mail.example.net." (received ${show(name)})`, {
      field,
      value: name,
    });
  }
  let abs: string;
  if (name === '@') abs = origin;
  else if (name === '.') abs = '.';
  else if (name.endsWith('.')) abs = name;
  else abs = origin === '.' ? `${name}.` : `${name}.${origin}`;
  return checkName(toAscii(abs, field, name), syntax, field, name);
}

/** Converts Unicode labels to A-labels (IDNA via the WHATWG URL rules) and lower-cases the rest. */
function toAscii(abs: string, field: string, written: string = abs): string {
  if (/^[\x21-\x7e]*$/.test(abs)) return abs.toLowerCase();
  const bare = abs.slice(0, -1);
  const ascii = domainToASCII(bare);
  if (!ascii) {
    throw new MailDnsError('INVALID_NAME', `${field}: ${show(written)} is not a valid internationalised domain name — use its A-label form (xn--...)`, {
      field,
      value: written,
    });
  }
  return `${ascii.toLowerCase()}.`;
}

/** Checks lengths and label syntax of an absolute, lower-case name; returns it unchanged. */
export function checkName(abs: string, syntax: NameSyntax, field = 'name', written: string = abs): string {
  if (abs === '.') return abs;
  const bare = abs.slice(0, -1);
  if (bare.length > MAX_NAME_LENGTH) {
    throw new MailDnsError('NAME_TOO_LONG', `${field}: ${show(written)} is ${bare.length} characters long; a domain name holds at most ${MAX_NAME_LENGTH} (RFC 1035 §2.3.4)`, {
      field,
      value: written,
    });
  }
  // The common case: a valid name, checked without splitting it (planning and rules check every name).
  if ((syntax === 'host' ? HOST_NAME : OWNER_NAME).test(bare)) return abs;
  const labels = bare.split('.');
  labels.forEach((label, i) => {
    if (label === '') {
      throw new MailDnsError('INVALID_NAME', `${field}: ${show(written)} has an empty label — remove the doubled or leading dot`, { field, value: written });
    }
    if (Buffer.byteLength(label) > MAX_LABEL_LENGTH) {
      throw new MailDnsError('LABEL_TOO_LONG', `${field}: label ${show(label)} of ${show(written)} is ${Buffer.byteLength(label)} octets; a label holds at most ${MAX_LABEL_LENGTH} (RFC 1035 §2.3.4)`, {
        field,
        value: written,
      });
    }
    if (syntax === 'any') return;
    if (LDH_LABEL.test(label)) return;
    if (syntax === 'owner' && (UNDERSCORE_LABEL.test(label) || (label === '*' && i === 0))) return;
    const allowed = syntax === 'host' ? 'letters, digits and inner hyphens (RFC 1123)' : 'letters, digits, inner hyphens, a leading underscore, or a leading * wildcard';
    throw new MailDnsError('INVALID_HOSTNAME', `${field}: label ${show(label)} of ${show(written)} is not a valid ${syntax === 'host' ? 'host name' : 'owner name'} label — use ${allowed}`, {
      field,
      value: written,
    });
  });
  return abs;
}

/** True when `name` is `zone` or below it. Both absolute. */
export function isInZone(name: string, zone: string): boolean {
  if (zone === '.') return true;
  return name === zone || isBelow(name, zone);
}

/** True when `name` ends with `.` + `suffix` (without building that string: rules ask this hundreds of thousands of times). */
function isBelow(name: string, suffix: string): boolean {
  return name.length > suffix.length && name.endsWith(suffix) && name.charCodeAt(name.length - suffix.length - 1) === 46; // '.'
}

/** The name relative to `origin`: `@` for the apex, `smtp` for `smtp.example.com.`, else absolute. */
export function relativize(name: string, origin: string): string {
  if (name === origin) return '@';
  if (origin !== '.' && isBelow(name, origin)) return name.slice(0, -(origin.length + 1));
  return name;
}

/** The parent of an absolute name: `example.com.` for `smtp.example.com.`, the root `.` for a top-level name and for the root. */
export function parentName(name: string): string {
  const dot = name.indexOf('.');
  return dot < 0 || dot === name.length - 1 ? '.' : name.slice(dot + 1);
}

/** The name without its trailing dot, for messages and provider APIs that want it bare. */
export function bare(name: string): string {
  return name === '.' || !name.endsWith('.') ? name : name.slice(0, -1);
}

/** The labels of an absolute name, leftmost first. */
export function labelsOf(name: string): string[] {
  return name === '.' ? [] : name.slice(0, -1).split('.');
}

/** True for a syntactically valid host name (RFC 1123 labels), without throwing. */
export function isHostname(abs: string): boolean {
  try {
    checkName(abs, 'host');
    return true;
  } catch {
    return false;
  }
}

const PLAIN_LABEL = /^[a-z0-9-]*$/;

/** A label usable in logical ids (Terraform addresses): `@` is `apex`, `*` is `wildcard`, dots become underscores. */
export function roleLabel(relative: string): string {
  if (relative === '@') return 'apex';
  // Most names are one plain label (`smtp`, `www`), which the replacements below leave as it is.
  if (PLAIN_LABEL.test(relative)) return relative;
  return relative
    .replace(/\.$/, '')
    .replace(/\*/g, 'wildcard')
    .replace(/^_+/, '')
    .replace(/[^a-z0-9_-]/g, '_');
}
