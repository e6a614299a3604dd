import { MailDnsError, show } from './errors';
import { parseIPv4, parseIPv6 } from './ip';
import { NameSyntax, resolveName } from './name';
import { formatTxt, parseTxtValue, quoteCharacterString, splitTxt } from './txt';

/** The record types the model holds. `SPF` (type 99) is kept only so that rules can reject it. */
export const RECORD_TYPES = ['A', 'AAAA', 'MX', 'TXT', 'CNAME', 'NS', 'SOA', 'PTR', 'SRV', 'CAA', 'TLSA', 'SPF'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/** SOA timers and contacts (RFC 1035 §3.3.13). Names are absolute. */
export interface SoaData {
  readonly type: 'SOA';
  readonly mname: string;
  readonly rname: string;
  readonly serial: number;
  readonly refresh: number;
  readonly retry: number;
  readonly expire: number;
  readonly minimum: number;
}

/** Typed RDATA. Names inside are absolute (trailing dot); TXT holds the logical (joined) value. */
export type RData =
  | { readonly type: 'A'; readonly address: string }
  | { readonly type: 'AAAA'; readonly address: string }
  | { readonly type: 'MX'; readonly preference: number; readonly exchange: string }
  | { readonly type: 'TXT'; readonly text: string }
  | { readonly type: 'SPF'; readonly text: string }
  | { readonly type: 'CNAME'; readonly target: string }
  | { readonly type: 'NS'; readonly target: string }
  | { readonly type: 'PTR'; readonly target: string }
  | SoaData
  | { readonly type: 'SRV'; readonly priority: number; readonly weight: number; readonly port: number; readonly target: string }
  | { readonly type: 'CAA'; readonly flags: number; readonly tag: string; readonly value: string }
  | { readonly type: 'TLSA'; readonly usage: number; readonly selector: number; readonly matchingType: number; readonly certificate: string };

/** Where a record came from and how it should be rendered; never part of its DNS identity. */
export interface RecordMeta {
  /** Stable key of the record's role (`mx-smtp`, `spf-apex`): logical ids derive from it, never from the value. */
  readonly role?: string;
  /** The prop or spec path that produced the record (`mailHosts[0].ipv4[1]`), for findings. */
  readonly source?: string;
  /** The target name exactly as the user wrote it, before the zone was appended. */
  readonly written?: string;
  /** Served through the DNS host's proxy (Cloudflare's orange cloud). */
  readonly proxied?: boolean;
  /** Free text shown beside the record where the provider supports comments. */
  readonly comment?: string;
  /** The value is an unresolved deploy-time token (a cdktf reference): rules skip value checks on it. */
  readonly unresolved?: boolean;
}

/** One resource record of the model. */
export interface DnsRecord {
  /** Absolute owner name. */
  readonly name: string;
  readonly type: RecordType;
  /** Seconds. */
  readonly ttl: number;
  readonly data: RData;
  readonly meta: RecordMeta;
}

/** A target name as written: absolute form plus the written text (for the trailing-dot check). */
function target(written: string, origin: string, field: string, syntax: NameSyntax = 'host'): { name: string; written: string } {
  return { name: resolveName(written, origin, syntax, field), written };
}

function uint(text: string | undefined, max: number, what: string, field: string, whole: string): number {
  if (text === undefined || !/^\d+$/.test(text) || Number(text) > max) {
    throw new MailDnsError('INVALID_RDATA', `${field}: ${what} must be a whole number 0..${max} (received ${show(text ?? '')} in ${show(whole)})`, {
      field,
      value: whole,
    });
  }
  return Number(text);
}

/** Splits presentation RDATA into fields, keeping quoted strings whole. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) out.push(m[1] !== undefined ? `"${m[1]}"` : m[2]);
  return out;
}

function arity(tokens: string[], n: number, type: string, field: string, text: string, shape: string): void {
  if (tokens.length !== n) {
    throw new MailDnsError('INVALID_RDATA', `${field}: ${type} data must be "${shape}" (received ${show(text)})`, { field, value: text });
  }
}

/**
 * Parses presentation-format RDATA (as in a zone file) relative to `origin`.
 * TXT accepts a quoted presentation value (`"v=spf1" " -all"`) or, unquoted, the logical text verbatim.
 */
export function parseRData(type: RecordType, text: string, origin: string, field = 'value'): { data: RData; written?: string } {
  if (typeof text !== 'string') {
    throw new MailDnsError('INVALID_RDATA', `${field}: expected the ${type} value as text (received ${show(text)})`, { field, value: text });
  }
  const t = tokenize(text.trim());
  switch (type) {
    case 'A':
      arity(t, 1, type, field, text, 'address');
      return { data: { type, address: parseIPv4(t[0], field).text } };
    case 'AAAA':
      arity(t, 1, type, field, text, 'address');
      return { data: { type, address: parseIPv6(t[0], field).text } };
    case 'MX': {
      arity(t, 2, type, field, text, 'preference exchange');
      const preference = uint(t[0], 65535, 'MX preference', field, text);
      if (t[1] === '.') return { data: { type, preference, exchange: '.' }, written: '.' };
      const x = target(t[1], origin, field);
      return { data: { type, preference, exchange: x.name }, written: x.written };
    }
    case 'CNAME':
    case 'PTR': {
      arity(t, 1, type, field, text, 'target');
      const x = target(t[0], origin, field, 'owner');
      return { data: { type, target: x.name }, written: x.written };
    }
    case 'NS': {
      arity(t, 1, type, field, text, 'name server');
      const x = target(t[0], origin, field);
      return { data: { type, target: x.name }, written: x.written };
    }
    case 'TXT':
    case 'SPF': {
      const trimmed = text.trim();
      const value = trimmed.startsWith('"') ? parseTxtValue(trimmed, field) : text;
      return { data: { type, text: value } };
    }
    case 'SOA': {
      arity(t, 7, type, field, text, 'mname rname serial refresh retry expire minimum');
      const [m, r, ...nums] = t;
      const [serial, refresh, retry, expire, minimum] = nums.map((n, i) =>
        uint(n, 4294967295, ['serial', 'refresh', 'retry', 'expire', 'minimum'][i], field, text),
      );
      return {
        data: {
          type,
          mname: resolveName(m, origin, 'host', field),
          rname: resolveName(r, origin, 'any', field),
          serial,
          refresh,
          retry,
          expire,
          minimum,
        },
      };
    }
    case 'SRV': {
      arity(t, 4, type, field, text, 'priority weight port target');
      const [p, w, port] = [0, 1, 2].map((i) => uint(t[i], 65535, ['priority', 'weight', 'port'][i], field, text));
      const x = t[3] === '.' ? { name: '.', written: '.' } : target(t[3], origin, field);
      return { data: { type, priority: p, weight: w, port, target: x.name }, written: x.written };
    }
    case 'CAA': {
      arity(t, 3, type, field, text, 'flags tag "value"');
      const flags = uint(t[0], 255, 'CAA flags', field, text);
      const tag = t[1].toLowerCase();
      if (!/^[a-z0-9]{1,15}$/.test(tag)) {
        throw new MailDnsError('INVALID_RDATA', `${field}: CAA tag ${show(t[1])} must be 1-15 letters or digits (RFC 8659 §4.1)`, { field, value: text });
      }
      const value = t[2].startsWith('"') ? parseTxtValue(t[2], field) : t[2];
      return { data: { type, flags, tag, value } };
    }
    case 'TLSA': {
      if (t.length < 4) arity(t, 4, type, field, text, 'usage selector matching-type certificate-data');
      const [u, s, mt] = [0, 1, 2].map((i) => uint(t[i], 255, ['usage', 'selector', 'matching type'][i], field, text));
      const cert = t.slice(3).join('').toLowerCase();
      if (!/^[0-9a-f]+$/.test(cert) || cert.length % 2) {
        throw new MailDnsError('INVALID_RDATA', `${field}: TLSA certificate data must be hex with an even number of digits (received ${show(cert)})`, {
          field,
          value: text,
        });
      }
      return { data: { type, usage: u, selector: s, matchingType: mt, certificate: cert } };
    }
    default:
      throw new MailDnsError('INVALID_RDATA', `${field}: record type ${show(type)} is not supported — use one of ${RECORD_TYPES.join(', ')}`, { field, value: type });
  }
}

/** Presentation format of RDATA: absolute names with their trailing dot, TXT split by bytes and quoted. */
export function formatRData(data: RData): string {
  switch (data.type) {
    case 'A':
    case 'AAAA':
      return data.address;
    case 'MX':
      return `${data.preference} ${data.exchange}`;
    case 'TXT':
    case 'SPF':
      return formatTxt(splitTxt(data.text));
    case 'CNAME':
    case 'NS':
    case 'PTR':
      return data.target;
    case 'SOA':
      return `${data.mname} ${data.rname} ${data.serial} ${data.refresh} ${data.retry} ${data.expire} ${data.minimum}`;
    case 'SRV':
      return `${data.priority} ${data.weight} ${data.port} ${data.target}`;
    case 'CAA':
      return `${data.flags} ${data.tag} ${quoteCharacterString(data.value)}`;
    case 'TLSA':
      return `${data.usage} ${data.selector} ${data.matchingType} ${data.certificate}`;
  }
}

/** Short human form for findings: TXT shows its logical text, the rest their presentation form. */
export function describeRData(data: RData): string {
  return data.type === 'TXT' || data.type === 'SPF' ? JSON.stringify(data.text) : formatRData(data);
}

/** A key equal for two RDATA exactly when DNS would treat them as the same record. */
export function rdataKey(data: RData): string {
  return data.type === 'TXT' || data.type === 'SPF' ? `${data.type} ${JSON.stringify(data.text)}` : `${data.type} ${formatRData(data).toLowerCase()}`;
}

/** The names an RDATA points at (targets that must resolve), for rules that follow them. */
export function rdataTarget(data: RData): string | undefined {
  switch (data.type) {
    case 'MX':
      return data.exchange;
    case 'CNAME':
    case 'NS':
    case 'PTR':
    case 'SRV':
      return data.target;
    default:
      return undefined;
  }
}
