/**
 * Reads BIND master files (zone files): RFC 1035 §5 plus what BIND adds and every exported zone
 * uses — `$TTL` (RFC 2308), unit TTLs (`48H`, `1w2d`), `$INCLUDE` with an origin, class and TTL
 * in either order.
 *
 * Written by hand rather than taken from npm. The most used parser there, dns-zonefile 0.3.2,
 * works line by line with regular expressions; on this library's fixtures it reads the SOA
 * timers `12H` and `4W` as 12 and 4 seconds, drops TLSA records, returns a TXT record spread
 * over lines in parentheses as `( "first"`, leaves `\"` and `\059` undecoded, has no `$INCLUDE`,
 * and keeps one `$ORIGIN` and one `$TTL` for the whole file (the last ones). The test suite is
 * the judge here: every fixture read by this parser and written back must compile, under
 * `named-compilezone`, to what BIND makes of the original.
 *
 * Where BIND's behaviour is a choice, this parser makes BIND's choice (lib/dns/master.c):
 * - an omitted TTL is `$TTL`; before any `$TTL`, the last explicit TTL (RFC 1035); before either,
 *   the SOA's MINIMUM for the SOA and everything after it; otherwise the file is rejected;
 * - within a run of lines of one owner an rrset keeps its first TTL ("TTL set to prior TTL");
 *   across runs the last run's TTL wins for the whole rrset;
 * - TTLs above 2^31-1 become 0 (RFC 2181 §8), with a warning;
 * - `$INCLUDE` keeps `$TTL` changes made inside the included file, but not its `$ORIGIN` or its
 *   current owner; an included file starts with the includer's current owner;
 * - one difference: a relative `$INCLUDE` path is read from the including file's directory,
 *   where BIND reads it from its working directory; both agree for a zone loaded from its own
 *   directory (`named-checkzone -w DIR`, or `directory` in named.conf);
 * - records outside the zone are ignored with a warning; identical records are kept once.
 */
import { TextDecoder } from 'node:util';
import { dirname, isAbsolute as isAbsolutePath, join } from 'node:path';
import { readFileSync } from 'node:fs';
import { MailDnsError } from '../errors';
import { isInZone, normalizeOrigin, resolveName } from '../name';
import { DnsRecord, RData, RECORD_TYPES, RecordType, parseRData, rdataKey } from '../records';
import { MAX_CHARACTER_STRING } from '../txt';
import { MAX_TTL, Zone, ZoneKind } from '../zone';

/** One record read from a zone file. */
export interface ParsedRecord {
  /** Absolute owner name, lower-case. */
  readonly name: string;
  readonly type: RecordType;
  /** Seconds, after BIND's defaulting and rrset rules. */
  readonly ttl: number;
  readonly data: RData;
  /** The target name as written in the file (`smtp`, `mx1.example.org.`), for names in RDATA. */
  readonly written?: string;
  /** Line of the record's first token. */
  readonly line: number;
  /** File the record was read from (the including file's name for the top level). */
  readonly file: string;
}

/** The result of reading a zone file. */
export interface ParsedZoneFile {
  /** The zone origin, absolute. */
  readonly origin: string;
  /** The zone's default TTL: the first `$TTL` directive, or `defaultTtl` when given; absent when neither. */
  readonly ttl?: number;
  /** Records in file order (includes expanded in place). */
  readonly records: ParsedRecord[];
  /** Things BIND would warn about, each `file:line: message`. */
  readonly warnings: string[];
}

/** Options of {@link parseZoneFile}. */
export interface ParseZoneFileOptions {
  /** The zone's origin (`example.com` or `example.com.`); also the initial `$ORIGIN`. */
  readonly origin: string;
  /**
   * Name of the file, used in messages and to resolve relative `$INCLUDE` paths.
   * @default "<zone>"
   */
  readonly file?: string;
  /**
   * Reads an included file; gets the path resolved against the including file's directory.
   * @default - `$INCLUDE` is an error
   */
  readonly readInclude?: (path: string) => string;
  /**
   * TTL of records that have none, as if the file started with `$TTL`.
   * @default - BIND's rules: last explicit TTL, else the SOA minimum, else an error
   */
  readonly defaultTtl?: number;
}

const CODE = 'ZONEFILE_SYNTAX';
const MAX_INCLUDE_DEPTH = 16;
const MAX_UINT32 = 4294967295;
const DEFAULT_FILE = '<zone>';

/** Types BIND knows and this library does not model: reported as unsupported rather than unknown. */
const OTHER_TYPES = new Set(
  (
    'A6 AFSDB AMTRELAY APL ATMA AVC CDNSKEY CDS CERT CSYNC DHCID DLV DNAME DNSKEY DOA DS EID EUI48 EUI64 GID GPOS HINFO HIP ' +
    'HTTPS IPSECKEY ISDN KEY KX L32 L64 LOC LP MB MD MF MG MINFO MR NAPTR NID NIMLOC NINFO NSAP NSAP-PTR NSEC NSEC3 NSEC3PARAM ' +
    'NULL NXT OPENPGPKEY OPT RESINFO RKEY RP RRSIG RT SIG SINK SMIMEA SSHFP SVCB TA TALINK TKEY TSIG UID UINFO UNSPEC URI WALLET WKS X25 ZONEMD'
  ).split(' '),
);
const CLASS = /^(?:IN|CH|CHAOS|HS|HESIOD|CS|NONE|ANY|CLASS\d+)$/i;
const TTL_UNITS = /^(?:\d+[wdhms])+$/i;
const UNIT_SECONDS: Record<string, number> = { w: 604800, d: 86400, h: 3600, m: 60, s: 1 };

interface Token {
  /** Text with escapes kept as written, without the quotes of a quoted string. */
  readonly text: string;
  readonly quoted: boolean;
  readonly line: number;
}

interface Entry {
  readonly line: number;
  /** The line starts with a blank: the owner is omitted. */
  readonly initialWs: boolean;
  readonly tokens: Token[];
}

/** State that lives across included files, as BIND's load context does. */
interface LoadState {
  readonly zone: string;
  readonly readInclude?: (path: string) => string;
  readonly records: MutableRecord[];
  readonly warnings: string[];
  zoneTtl?: number;
  defaultTtl?: number;
  lastTtl?: number;
  warned1035: boolean;
  /** Increases whenever BIND would commit its current batch of records (owner change, $INCLUDE). */
  batch: number;
  readonly batchTtl: Map<string, number>;
  readonly seen: Set<string>;
  soaSeen?: string;
}

interface MutableRecord {
  name: string;
  type: RecordType;
  ttl: number;
  data: RData;
  written?: string;
  line: number;
  file: string;
}

/** Parses a zone file. Throws a `MailDnsError` with code `ZONEFILE_SYNTAX` and field `file:line` on the first error. */
export function parseZoneFile(text: string, opts: ParseZoneFileOptions): ParsedZoneFile {
  const file = opts.file ?? DEFAULT_FILE;
  const zone = normalizeOrigin(opts.origin, 'origin');
  if (opts.defaultTtl !== undefined && (!Number.isInteger(opts.defaultTtl) || opts.defaultTtl < 0 || opts.defaultTtl > MAX_TTL)) {
    throw new MailDnsError(CODE, `defaultTtl: ${opts.defaultTtl} is not a TTL — give whole seconds 0..${MAX_TTL}`, { field: 'defaultTtl', value: opts.defaultTtl });
  }
  const state: LoadState = {
    zone,
    readInclude: opts.readInclude,
    records: [],
    warnings: [],
    zoneTtl: opts.defaultTtl,
    defaultTtl: opts.defaultTtl,
    warned1035: false,
    batch: 0,
    batchTtl: new Map(),
    seen: new Set(),
  };
  loadFile(state, text, file, zone, undefined, false, 0);
  applyLastRunTtl(state);
  return { origin: zone, ttl: state.zoneTtl, records: state.records, warnings: state.warnings };
}

/** Reads a zone file from disk; `$INCLUDE` paths are read relative to the including file. */
export function readZoneFile(file: string, opts: Omit<ParseZoneFileOptions, 'file' | 'readInclude'>): ParsedZoneFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new MailDnsError('ZONEFILE_READ', `${file}: cannot read the zone file (${(e as Error).message}) — check the path`, { field: file, value: file });
  }
  return parseZoneFile(text, { ...opts, file, readInclude: (p) => readFileSync(p, 'utf8') });
}

/**
 * Builds a model `Zone` from a parsed file. Each record's `meta.source` is its `file:line`.
 * The zone's default TTL is the file's `$TTL`, else the SOA's TTL, else the model's default.
 */
export function zoneFromParsed(parsed: ParsedZoneFile, opts: { kind?: ZoneKind; provider?: string } = {}): Zone {
  const soa = parsed.records.find((r) => r.type === 'SOA');
  const zone = new Zone(parsed.origin, { kind: opts.kind, provider: opts.provider, defaultTtl: parsed.ttl ?? soa?.ttl });
  for (const r of parsed.records) {
    const record: DnsRecord = { name: r.name, type: r.type, ttl: r.ttl, data: r.data, meta: { source: `${r.file}:${r.line}`, written: r.written } };
    zone.add(record);
  }
  return zone;
}

function loadFile(state: LoadState, text: string, file: string, startOrigin: string, startOwner: string | undefined, startChanged: boolean, depth: number): void {
  let origin = startOrigin;
  let owner = startOwner;
  let originChanged = startChanged;
  for (const entry of lex(text, file)) {
    const first = entry.tokens[0];
    const loc = `${file}:${entry.line}`;
    if (!entry.initialWs && !first.quoted && first.text.startsWith('$')) {
      const args = entry.tokens.slice(1);
      const directive = first.text.toUpperCase();
      if (directive === '$ORIGIN') {
        expectArgs(args, 1, 1, loc, '$ORIGIN', '$ORIGIN example.com.');
        origin = name(args[0], origin, loc, 'origin');
        originChanged = true;
      } else if (directive === '$TTL') {
        expectArgs(args, 1, 1, loc, '$TTL', '$TTL 1h');
        const ttl = recordTtl(state, args[0], loc);
        if (ttl === undefined) throw syntax(loc, `$TTL ${show(args[0].text)} is not a TTL`, 'write seconds (3600) or units such as 1h, 2d, 1w2d, 1h30m');
        state.defaultTtl = ttl;
        state.zoneTtl ??= ttl;
      } else if (directive === '$INCLUDE') {
        expectArgs(args, 1, 2, loc, '$INCLUDE', '$INCLUDE keys.inc [origin]');
        const includeOrigin = args[1] ? name(args[1], origin, loc, 'origin') : origin;
        const path = isAbsolutePath(args[0].text) ? args[0].text : join(dirname(file), args[0].text);
        if (depth + 1 > MAX_INCLUDE_DEPTH) throw syntax(loc, `$INCLUDE ${show(args[0].text)} nests more than ${MAX_INCLUDE_DEPTH} files deep`, 'an included file probably includes itself; remove the loop');
        if (!state.readInclude) throw syntax(loc, `$INCLUDE ${show(args[0].text)} cannot be read: no file reader was given`, 'read the zone with readZoneFile(), or pass readInclude to parseZoneFile()');
        let included: string;
        try {
          included = state.readInclude(path);
        } catch (e) {
          throw syntax(loc, `$INCLUDE ${show(args[0].text)} cannot be read (${(e as Error)?.message ?? String(e)})`, `check the path; it is resolved against the including file's directory (${show(path)})`);
        }
        if (typeof included !== 'string') throw syntax(loc, `$INCLUDE ${show(args[0].text)}: the file reader returned no text`, 'make readInclude return the file content as a string');
        state.batch++;
        loadFile(state, included, path, includeOrigin, owner, args[1] !== undefined || originChanged, depth + 1);
        state.batch++;
      } else if (directive === '$GENERATE') {
        throw syntax(loc, '$GENERATE is not supported', 'expand it first, e.g. with named-compilezone -s full -o expanded.zone <zone> <file>');
      } else {
        throw syntax(loc, `unknown directive ${show(first.text)}`, 'use $ORIGIN, $TTL or $INCLUDE');
      }
      continue;
    }

    let i = 0;
    if (!entry.initialWs) {
      const ownerName = name(first, origin, loc, 'owner');
      if (ownerName !== owner) state.batch++;
      owner = ownerName;
      i = 1;
    } else {
      if (owner === undefined) throw syntax(loc, `record has no owner (${show(first.text)} starts with a blank)`, 'write the owner name (or @) at the start of the line');
      if (originChanged) state.warnings.push(`${loc}: record with inherited owner (${owner}) immediately after $ORIGIN (${origin})`);
    }
    originChanged = false;
    parseRecord(state, entry, i, owner, origin, file, loc);
  }
}

function parseRecord(state: LoadState, entry: Entry, start: number, owner: string, origin: string, file: string, loc: string): void {
  const tokens = entry.tokens;
  let i = start;
  let explicitTtl: number | undefined;
  let sawClass = false;
  const takeClass = (): void => {
    const t = tokens[i];
    if (t && !t.quoted && CLASS.test(t.text)) {
      const upper = t.text.toUpperCase();
      if (upper !== 'IN' && upper !== 'CLASS1') {
        throw syntax(loc, `class ${t.text} is not supported (${show(lineText(entry))})`, 'zones of this library hold Internet data only: write IN or leave the class out');
      }
      sawClass = true;
      i++;
    }
  };
  takeClass();
  const ttlToken = tokens[i];
  if (ttlToken && !ttlToken.quoted && /^\d/.test(ttlToken.text)) {
    explicitTtl = recordTtl(state, ttlToken, loc);
    if (explicitTtl === undefined) throw syntax(loc, `bad TTL ${show(ttlToken.text)}`, 'write seconds (3600) or units such as 1h, 2d, 1w2d, 1h30m — a number may not follow the last unit');
    i++;
  }
  if (!sawClass) takeClass();
  const typeToken = tokens[i];
  if (!typeToken) throw syntax(loc, `record has no type (${show(lineText(entry))})`, 'write the type after the owner, TTL and class, e.g. "www 3600 IN A 192.0.2.80"');
  i++;
  const type = recordType(typeToken, loc, entry);
  const rdata = tokens.slice(i);
  if (rdata[0] && !rdata[0].quoted && rdata[0].text === '\\#') {
    throw syntax(loc, `${type} data in the generic form "\\# length hex" is not supported (${show(lineText(entry))})`, `write the ${type} data in its own presentation form`);
  }
  const { data, written } = parseData(type, rdata, origin, loc, entry);

  const ttl = resolveTtl(state, explicitTtl, data, loc);
  if (!isInZone(owner, state.zone)) {
    state.warnings.push(`${loc}: ignoring out-of-zone data (${owner})`);
    return;
  }
  if (type === 'SOA') {
    if (owner !== state.zone) throw syntax(loc, `SOA record not at the top of the zone (${owner})`, `the SOA belongs at ${state.zone} — write its owner as @`);
    if (state.soaSeen && state.soaSeen !== rdataKey(data)) throw syntax(loc, 'a second SOA record', 'a zone has exactly one SOA record; remove the other');
    state.soaSeen = rdataKey(data);
  }
  const batchKey = `${state.batch} ${owner} ${type}`;
  const prior = state.batchTtl.get(batchKey);
  let finalTtl = ttl;
  if (prior === undefined) state.batchTtl.set(batchKey, ttl);
  else if (prior !== ttl) {
    state.warnings.push(`${loc}: TTL set to prior TTL (${prior})`);
    finalTtl = prior;
    state.lastTtl = prior;
  }
  const key = `${owner} ${rdataKey(data)}`;
  if (state.seen.has(key)) return;
  state.seen.add(key);
  state.records.push({ name: owner, type, ttl: finalTtl, data, written, line: entry.line, file });
}

/** BIND keeps, for an rrset spread over several runs of lines, the TTL of the last run. */
function applyLastRunTtl(state: LoadState): void {
  const last = new Map<string, MutableRecord>();
  for (const r of state.records) last.set(`${r.name} ${r.type}`, r);
  const warned = new Set<string>();
  for (const r of state.records) {
    const key = `${r.name} ${r.type}`;
    const final = last.get(key)!;
    if (r.ttl !== final.ttl) {
      if (!warned.has(key)) {
        state.warnings.push(`${r.file}:${r.line}: TTL of ${r.name} ${r.type} differs from its later records; BIND keeps the last one (${final.ttl})`);
        warned.add(key);
      }
      r.ttl = final.ttl;
    }
  }
}

function resolveTtl(state: LoadState, explicit: number | undefined, data: RData, loc: string): number {
  if (explicit !== undefined) {
    state.lastTtl = explicit;
    return explicit;
  }
  if (state.lastTtl === undefined && state.defaultTtl === undefined) {
    if (data.type === 'SOA') {
      state.warnings.push(`${loc}: no TTL specified; using SOA MINTTL instead`);
      const ttl = limitTtl(state, data.minimum, loc);
      state.defaultTtl = ttl;
      state.lastTtl = ttl;
      return ttl;
    }
    throw syntax(loc, 'no TTL specified and none to inherit', 'start the file with a $TTL line such as "$TTL 1h", or give this record a TTL');
  }
  if (state.defaultTtl !== undefined) {
    state.lastTtl = state.defaultTtl;
    return state.defaultTtl;
  }
  if (!state.warned1035) {
    state.warnings.push(`${loc}: using RFC1035 TTL semantics`);
    state.warned1035 = true;
  }
  return state.lastTtl!;
}

/** A TTL in BIND's syntax: seconds, or number+unit groups (`1w2d`, `1h30m`), units w d h m s in any case. */
export function parseTtl(text: string): number | undefined {
  let total: number;
  if (/^\d+$/.test(text)) total = Number(text);
  else if (TTL_UNITS.test(text)) {
    total = 0;
    for (const m of text.matchAll(/(\d+)([wdhms])/gi)) total += Number(m[1]) * UNIT_SECONDS[m[2].toLowerCase()];
  } else return undefined;
  return total;
}

/** A record's or $TTL's TTL: error above 2^32-1, 0 with a warning above 2^31-1 (RFC 2181 §8), as BIND does. */
function recordTtl(state: LoadState, token: Token, loc: string): number | undefined {
  if (token.quoted) return undefined;
  const n = parseTtl(token.text);
  if (n === undefined) return undefined;
  if (n > MAX_UINT32) throw syntax(loc, `TTL ${show(token.text)} is out of range`, `a TTL is at most ${MAX_TTL} seconds (RFC 2181 §8); 1w or 1d is usual`);
  return limitTtl(state, n, loc);
}

function limitTtl(state: LoadState, n: number, loc: string): number {
  if (n <= MAX_TTL) return n;
  state.warnings.push(`${loc}: TTL ${n} > MAXTTL, setting TTL to 0`);
  return 0;
}

function recordType(token: Token, loc: string, entry: Entry): RecordType {
  const upper = token.text.toUpperCase();
  if (!token.quoted && (RECORD_TYPES as readonly string[]).includes(upper)) return upper as RecordType;
  if (!token.quoted && /^TYPE\d+$/.test(upper)) {
    throw syntax(loc, `record type ${token.text} in the RFC 3597 generic form is not supported (${show(lineText(entry))})`, `write one of ${RECORD_TYPES.join(' ')} by its name`);
  }
  if (!token.quoted && OTHER_TYPES.has(upper)) {
    throw syntax(loc, `record type ${upper} is not supported (${show(lineText(entry))})`, `this library models ${RECORD_TYPES.join(' ')}; manage ${upper} records outside it`);
  }
  if (!token.quoted && CLASS.test(token.text)) {
    throw syntax(loc, `class ${token.text} where the record type belongs (${show(lineText(entry))})`, 'give the class once, before or after the TTL, then the type');
  }
  const hint = token.text.startsWith('$') ? 'a directive must start at the beginning of the line' : 'check the spelling, and that the line starts with a blank when the owner is omitted';
  throw syntax(loc, `unknown record type ${show(token.text)} (${show(lineText(entry))})`, hint);
}

function parseData(type: RecordType, tokens: Token[], origin: string, loc: string, entry: Entry): { data: RData; written?: string } {
  try {
    switch (type) {
      case 'TXT':
      case 'SPF': {
        if (tokens.length === 0) throw syntax(loc, `${type} record has no text (${show(lineText(entry))})`, 'write the value in double quotes, e.g. "v=spf1 -all"');
        const parts = tokens.map((t) => {
          const bytes = decodeCharacterString(t, loc);
          if (bytes.length > MAX_CHARACTER_STRING) {
            throw syntax(loc, `${type} string of ${bytes.length} octets is longer than ${MAX_CHARACTER_STRING} (RFC 1035 §3.3.14)`, 'split it into several quoted strings of at most 255 octets: "first part" "second part"');
          }
          return bytes;
        });
        return { data: { type, text: utf8(Buffer.concat(parts), type, loc) } };
      }
      case 'CAA': {
        if (tokens.length !== 3) throw syntax(loc, `CAA data must be flags, tag and value (${show(lineText(entry))})`, 'write e.g. CAA 0 issue "letsencrypt.org"');
        const flags = plainNumber(tokens[0], 255, 'CAA flags', loc);
        if (tokens[1].quoted || !/^[a-z0-9]{1,15}$/i.test(tokens[1].text)) {
          throw syntax(loc, `CAA tag ${show(tokens[1].text)} is not 1-15 letters or digits (RFC 8659 §4.1)`, 'use issue, issuewild or iodef');
        }
        return { data: { type, flags, tag: tokens[1].text.toLowerCase(), value: utf8(decodeCharacterString(tokens[2], loc), type, loc) } };
      }
      case 'SOA': {
        if (tokens.length !== 7) {
          throw syntax(loc, `SOA data must be 7 fields: mname rname serial refresh retry expire minimum (received ${tokens.length}: ${show(lineText(entry))})`, 'put the 5 numbers in parentheses when they span lines');
        }
        const [m, r, serial, ...timers] = tokens;
        const [refresh, retry, expire, minimum] = timers.map((t, k) => soaTimer(t, ['refresh', 'retry', 'expire', 'minimum'][k], loc));
        return {
          data: {
            type,
            mname: rdataName(m, origin, 'host', loc),
            rname: rdataName(r, origin, 'any', loc),
            serial: plainNumber(serial, MAX_UINT32, 'SOA serial', loc),
            refresh,
            retry,
            expire,
            minimum,
          },
        };
      }
      default: {
        for (const t of tokens) {
          if (t.quoted) throw syntax(loc, `${type} data cannot be a quoted string (${show(t.text)})`, 'remove the quotes');
          if (t.text.includes('\\')) throw syntax(loc, `escaped characters in ${type} data are not supported (${show(t.text)})`, 'write the name or value without backslashes');
        }
        if (tokens.length === 0) throw syntax(loc, `${type} record has no data (${show(lineText(entry))})`, `write the ${type} value after the type`);
        return parseRData(type, tokens.map((t) => t.text).join(' '), origin, loc);
      }
    }
  } catch (e) {
    throw rewrap(e, loc, lineText(entry), `correct the ${type} data (${show(lineText(entry))})`);
  }
}

function soaTimer(token: Token, what: string, loc: string): number {
  const n = token.quoted ? undefined : parseTtl(token.text);
  if (n === undefined || n > MAX_UINT32) throw syntax(loc, `SOA ${what} ${show(token.text)} is not a time`, 'write seconds (3600) or units such as 12H, 15M, 4W, 1d2h');
  return n;
}

function plainNumber(token: Token, max: number, what: string, loc: string): number {
  if (token.quoted || !/^\d+$/.test(token.text) || Number(token.text) > max) {
    throw syntax(loc, `${what} ${show(token.text)} is not a whole number 0..${max}`, `write a number from 0 to ${max}`);
  }
  return Number(token.text);
}

function rdataName(token: Token, origin: string, syntaxKind: 'host' | 'any', loc: string): string {
  if (token.quoted || token.text.includes('\\')) throw syntax(loc, `name ${show(token.text)} cannot be quoted or contain escapes`, 'write the name plainly, absolute with a trailing dot');
  return resolveName(token.text, origin, syntaxKind, loc);
}

function name(token: Token, origin: string, loc: string, what: string): string {
  if (token.quoted) throw syntax(loc, `${what} name cannot be a quoted string (${show(token.text)})`, 'remove the quotes');
  if (token.text.includes('\\')) throw syntax(loc, `escaped characters in the ${what} name ${show(token.text)} are not supported`, 'use letters, digits, hyphens and underscores only');
  try {
    return resolveName(token.text, origin, 'any', loc);
  } catch (e) {
    throw rewrap(e, loc, token.text, `correct the ${what} name`);
  }
}

function expectArgs(args: Token[], min: number, max: number, loc: string, directive: string, example: string): void {
  if (args.length < min || args.length > max) {
    const got = args.length < min ? 'is missing its argument' : `has extra text (${show(args.slice(max).map((t) => t.text).join(' '))})`;
    throw syntax(loc, `${directive} ${got}`, `write it as "${example}"`);
  }
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

function utf8(bytes: Uint8Array, type: string, loc: string): string {
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    throw syntax(loc, `${type} data is not valid UTF-8 (${show(Buffer.from(bytes).toString('latin1'))})`, 'this library keeps values as text: write the characters in UTF-8 or escape each byte of their UTF-8 encoding as \\DDD');
  }
}

/** The bytes of one character-string token: `\DDD` is a decimal byte, `\X` is X itself (RFC 1035 §5.1). */
function decodeCharacterString(token: Token, loc: string): Buffer {
  const text = token.text;
  const out: number[] = [];
  for (let i = 0; i < text.length; ) {
    if (text[i] === '\\') {
      const digits = /^\d{3}/.exec(text.slice(i + 1, i + 4));
      if (digits) {
        const v = Number(digits[0]);
        if (v > 255) throw syntax(loc, `escape \\${digits[0]} is above 255 in ${show(text)}`, 'a \\DDD escape is one byte, 000 to 255');
        out.push(v);
        i += 4;
        continue;
      }
      if (/^\d/.test(text.slice(i + 1))) throw syntax(loc, `escape ${show(text.slice(i, i + 4))} needs three digits in ${show(text)}`, 'write a byte as \\DDD with three decimal digits, e.g. \\059 for ";"');
      const cp = text.codePointAt(i + 1)!;
      const ch = String.fromCodePoint(cp);
      out.push(...Buffer.from(ch, 'utf8'));
      i += 1 + ch.length;
      continue;
    }
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    out.push(...Buffer.from(ch, 'utf8'));
    i += ch.length;
  }
  return Buffer.from(out);
}

/**
 * Splits a file into entries (one per record or directive): comments dropped, parentheses joining
 * lines, quoted strings kept whole with their escapes. `(`, `)`, `"` and `;` end an unquoted
 * word unless escaped, as in BIND's lexer.
 */
function lex(text: string, file: string): Entry[] {
  const entries: Entry[] = [];
  let line = 1;
  let depth = 0;
  let openedAt = 0;
  let current: Entry | undefined;
  let lineStart = true;
  const n = text.length;
  let i = 0;
  const finish = (): void => {
    if (current && current.tokens.length) entries.push(current);
    current = undefined;
  };
  const push = (token: Token): void => {
    current ??= { line: token.line, initialWs: false, tokens: [] };
    current.tokens.push(token);
  };
  while (i < n) {
    const c = text[i];
    if (lineStart && depth === 0) {
      finish();
      lineStart = false;
      if (c === ' ' || c === '\t') current = { line, initialWs: true, tokens: [] };
    }
    if (c === '\n') {
      line++;
      i++;
      lineStart = true;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === ';') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (c === '(') {
      if (depth === 0) openedAt = line;
      depth++;
      i++;
      continue;
    }
    if (c === ')') {
      if (depth === 0) throw syntax(`${file}:${line}`, 'unbalanced parentheses: ")" without an opening "("', 'remove the ")" or add the "(" where the record starts');
      depth--;
      i++;
      continue;
    }
    if (c === '"') {
      const startLine = line;
      let j = i + 1;
      let s = '';
      for (;;) {
        if (j >= n || text[j] === '\n') {
          throw syntax(`${file}:${startLine}`, `unterminated quoted string (${show(text.slice(i, Math.min(j, i + 60)))})`, 'close the string with " on the same line; escape a quote inside it as \\"');
        }
        if (text[j] === '"') break;
        if (text[j] === '\\') {
          if (j + 1 >= n || text[j + 1] === '\n') {
            throw syntax(`${file}:${startLine}`, `unterminated quoted string (${show(text.slice(i, Math.min(j + 1, i + 60)))})`, 'close the string with " on the same line; escape a quote inside it as \\"');
          }
          const ch = String.fromCodePoint(text.codePointAt(j + 1)!);
          s += `\\${ch}`;
          j += 1 + ch.length;
          continue;
        }
        s += text[j];
        j++;
      }
      push({ text: s, quoted: true, line: startLine });
      i = j + 1;
      continue;
    }
    let j = i;
    let s = '';
    while (j < n) {
      const ch = text[j];
      if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n' || ch === ';' || ch === '(' || ch === ')' || ch === '"') break;
      if (ch === '\\') {
        if (j + 1 >= n || text[j + 1] === '\n') throw syntax(`${file}:${line}`, `dangling backslash at the end of ${show(s + ch)}`, 'remove the backslash, or escape it as \\\\');
        const next = String.fromCodePoint(text.codePointAt(j + 1)!);
        s += `\\${next}`;
        j += 1 + next.length;
        continue;
      }
      s += ch;
      j++;
    }
    push({ text: s, quoted: false, line });
    i = j;
  }
  if (depth > 0) throw syntax(`${file}:${openedAt}`, 'unbalanced parentheses: "(" is never closed', 'add the closing ")" at the end of the record');
  finish();
  return entries;
}

function lineText(entry: Entry): string {
  return entry.tokens.map((t) => (t.quoted ? `"${t.text}"` : t.text)).join(' ');
}

function show(value: string): string {
  const text = JSON.stringify(value);
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
}

function syntax(loc: string, what: string, fix: string): MailDnsError {
  return new MailDnsError(CODE, `${loc}: ${what} — ${fix}`, { field: loc });
}

/** Places an error of the model's validators (bad address, bad name) at `file:line`. */
function rewrap(e: unknown, loc: string, value: string, fix: string): MailDnsError {
  if (e instanceof MailDnsError && e.code === CODE) return e;
  if (e instanceof MailDnsError) {
    let message = e.message.startsWith(`${loc}: `) ? e.message : `${loc}: ${e.message.replace(/^[^:]*: /, '')}`;
    if (!message.includes(' — ')) message += ` — ${fix}`;
    return new MailDnsError(CODE, message, { field: loc, value });
  }
  throw e;
}
