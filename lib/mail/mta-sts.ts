import { createHash } from 'node:crypto';
import { MailDnsError, show } from '../model/errors';
import { parseTagList, syntaxError, TagListGrammar } from './dkim';
import { isHostName } from './dmarc';

/**
 * MTA-STS (RFC 8461): the `_mta-sts` TXT record and the policy file served at
 * `https://mta-sts.<domain>/.well-known/mta-sts.txt`.
 *
 * Policies are emitted with CRLF line ends: §3.2 calls the file "CRLF-separated key/value pairs",
 * while its ABNF also allows bare LF (`sts-policy-term = LF / CRLF`). CRLF satisfies both readings;
 * the parser accepts either.
 */

/** Policy mode. */
export type MtaStsMode = 'enforce' | 'testing' | 'none';

/** The largest `max_age` RFC 8461 §3.2 allows: one year, in seconds. */
export const MTA_STS_MAX_AGE_LIMIT = 31_557_600;

/** What an MTA-STS policy publishes. */
export interface MtaStsOptions {
  /** `enforce`, `testing` or `none` (withdraws a policy). */
  readonly mode: MtaStsMode;
  /** How long senders cache the policy, in seconds, 0 to 31557600. */
  readonly maxAge: number;
  /**
   * MX host patterns: host names, or `*.` plus a domain to match exactly one leftmost label.
   * A trailing dot is removed. Required unless `mode` is `none`.
   */
  readonly mx: string[];
}

/** An MTA-STS policy with the TXT record announcing it. */
export interface MtaStsBuild {
  /** The policy file body, CRLF line ends. */
  readonly policy: string;
  /** The policy id: the first 32 hex digits of the policy's SHA-256, so it changes with the policy. */
  readonly id: string;
  /** The `_mta-sts` TXT text: `v=STSv1; id=<id>`. */
  readonly txt: string;
}

/** A parsed `_mta-sts` TXT record. */
export interface ParsedMtaStsTxt {
  /** The policy id. */
  readonly id: string;
  /** Extension fields, by name. */
  readonly extensions: Readonly<Record<string, string>>;
}

/** A parsed MTA-STS policy file. */
export interface ParsedMtaStsPolicy {
  /** Always `STSv1`: other versions do not parse. */
  readonly version: 'STSv1';
  /** The policy mode. */
  readonly mode: MtaStsMode;
  /** `max_age`, in seconds. */
  readonly maxAge: number;
  /** The MX patterns, as written. */
  readonly mx: readonly string[];
  /** Fields RFC 8461 does not define, which senders ignore, by name (last one wins). */
  readonly extensions: Readonly<Record<string, string>>;
  /** How lines end. */
  readonly lineEnding: 'crlf' | 'lf' | 'mixed' | 'none';
}

const TXT: TagListGrammar = {
  code: 'MTA_STS_SYNTAX',
  record: 'MTA-STS TXT record',
  rfc: 'RFC 8461 §3.1',
  tagName: /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/,
  tagNameRule: 'a field name is a letter or digit followed by up to 31 letters, digits, "_", "-" or "."',
  valueChar: /^[\x21-\x3a\x3c-\x7e]$/,
  spaceAroundEquals: false,
  leadingWhitespace: false,
  emptyValues: false,
  caseInsensitiveNames: false,
};

const POLICY = { code: 'MTA_STS_SYNTAX', record: 'MTA-STS policy' } as const;
const MODES: readonly MtaStsMode[] = ['enforce', 'testing', 'none'];
const EXT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;

/** Whether `seconds` is a valid `max_age`: a whole number from 0 to 31557600 (RFC 8461 §3.2). */
export function isValidMaxAge(seconds: number): boolean {
  return Number.isInteger(seconds) && seconds >= 0 && seconds <= MTA_STS_MAX_AGE_LIMIT;
}

/** Whether an `mx:` pattern is valid: a host name, optionally preceded by `*.` (RFC 8461 §3.2). */
export function isValidMxPattern(pattern: string): boolean {
  if (typeof pattern !== 'string') return false;
  const host = pattern.startsWith('*.') ? pattern.slice(2) : pattern;
  // RFC 5321 Domain: A-labels only, so a U-label pattern would never match the MX host senders see.
  return /^[\x21-\x7e]+$/.test(host) && !host.endsWith('.') && isHostName(host) && !host.includes('*');
}

/**
 * Whether an MX host matches a policy `mx:` pattern (RFC 8461 §4.1): case-insensitively, equal to
 * the pattern, or — for `*.example.com` — `example.com` with exactly one label in front.
 * Trailing dots on either side are ignored.
 */
export function mxMatchesPattern(host: string, pattern: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  const p = pattern.toLowerCase().replace(/\.$/, '');
  if (h === '' || p === '') return false;
  if (!p.startsWith('*.')) return h === p;
  const suffix = p.slice(1);
  if (!h.endsWith(suffix)) return false;
  const label = h.slice(0, h.length - suffix.length);
  return label !== '' && !label.includes('.');
}

/**
 * The policy file, its id and the `_mta-sts` TXT text. The policy lists version, mode, each mx,
 * then max_age, as RFC 8461's example does.
 * @throws MailDnsError `MTA_STS_OPTIONS` naming the option.
 */
export function buildMtaSts(opts: MtaStsOptions): MtaStsBuild {
  if (!MODES.includes(opts.mode)) {
    throw new MailDnsError('MTA_STS_OPTIONS', `mode: ${show(opts.mode)} is not enforce, testing or none (RFC 8461 §3.2)`, { field: 'mode', value: opts.mode });
  }
  if (!isValidMaxAge(opts.maxAge)) {
    throw new MailDnsError('MTA_STS_OPTIONS', `maxAge: ${show(opts.maxAge)} is not a whole number of seconds from 0 to ${MTA_STS_MAX_AGE_LIMIT} (RFC 8461 §3.2) — 604800 (a week) is common`, {
      field: 'maxAge',
      value: opts.maxAge,
    });
  }
  const mx = (opts.mx ?? []).map((m, i) => {
    const pattern = typeof m === 'string' ? m.trim().replace(/\.$/, '') : m;
    if (!isValidMxPattern(pattern)) {
      throw new MailDnsError('MTA_STS_OPTIONS', `mx[${i}]: ${show(m)} is not a host name or *.domain pattern (RFC 8461 §3.2)`, { field: `mx[${i}]`, value: m });
    }
    return pattern;
  });
  if (mx.length === 0 && opts.mode !== 'none') {
    throw new MailDnsError('MTA_STS_OPTIONS', `mx: ${show(opts.mx)} — a ${opts.mode} policy must list the MX hosts (RFC 8461 §3.2); senders would refuse every MX`, {
      field: 'mx',
      value: opts.mx,
    });
  }
  const lines = ['version: STSv1', `mode: ${opts.mode}`, ...mx.map((m) => `mx: ${m}`), `max_age: ${opts.maxAge}`];
  const policy = lines.map((l) => `${l}\r\n`).join('');
  const id = createHash('sha256').update(policy, 'utf8').digest('hex').slice(0, 32);
  return { policy, id, txt: `v=STSv1; id=${id}` };
}

/**
 * Parses the `_mta-sts` TXT record (RFC 8461 §3.1): `v=STSv1` first, then `id=` (1–32 letters and
 * digits) once, and extension fields.
 * @throws MailDnsError `MTA_STS_SYNTAX` with `position`.
 */
export function parseMtaStsTxt(text: string): ParsedMtaStsTxt {
  const specs = parseTagList(text, TXT);
  const v = specs[0];
  if (v.name !== 'v' || v.value !== 'STSv1') {
    throw syntaxError(TXT, `the record starts with ${show(`${v.name}=${v.value}`)} at position ${v.namePosition}, not v=STSv1 (case-sensitive) — RFC 8461 §3.1 has senders discard it`, v.namePosition, text);
  }
  let id: string | undefined;
  const extensions: Record<string, string> = {};
  for (const s of specs.slice(1)) {
    if (s.name === 'v') throw syntaxError(TXT, `v= appears again at position ${s.namePosition} — RFC 8461 §3.1`, s.namePosition, s.name);
    if (s.name === 'id') {
      if (!/^[A-Za-z0-9]{1,32}$/.test(s.value)) {
        throw syntaxError(TXT, `id=${show(s.value)} at position ${s.valuePosition} is not 1 to 32 letters and digits — RFC 8461 §3.1`, s.valuePosition, s.value);
      }
      id = s.value;
    } else {
      const eq = s.value.indexOf('=');
      if (eq !== -1) throw syntaxError(TXT, `"=" at position ${s.valuePosition + eq} in the value of ${show(s.name)} — RFC 8461 §3.1 allows none there`, s.valuePosition + eq, s.value);
      extensions[s.name] = s.value;
    }
  }
  if (id === undefined) throw syntaxError(TXT, `no id= field up to the end (position ${text.length}) — RFC 8461 §3.1 requires it; senders use it to notice a new policy`, text.length, text);
  return { id, extensions };
}

/**
 * Parses an MTA-STS policy file (RFC 8461 §3.2). Lines end in LF or CRLF; `version`, `mode` and
 * `max_age` appear exactly once, `mx` at least once unless the mode is `none`.
 * @throws MailDnsError `MTA_STS_SYNTAX` with `position`.
 */
export function parseMtaStsPolicy(text: string): ParsedMtaStsPolicy {
  if (typeof text !== 'string' || text === '') throw syntaxError(POLICY, `the policy is empty at position 0 (received ${show(text)})`, 0, text);
  const fields = new Map<string, { value: string; position: number }>();
  const mx: string[] = [];
  const extensions: Record<string, string> = {};
  let crlf = 0;
  let lf = 0;
  let pos = 0;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    let end = nl === -1 ? text.length : nl;
    if (nl !== -1) {
      if (end > pos && text[end - 1] === '\r') {
        end--;
        crlf++;
      } else lf++;
    }
    const line = text.slice(pos, end);
    const m = /^([^:]*):[ \t]*(.*?)[ \t]*$/s.exec(line);
    if (line === '') throw syntaxError(POLICY, `empty line at position ${pos} — RFC 8461 §3.2 has one field per line and no blank lines`, pos);
    if (!m) throw syntaxError(POLICY, `line ${show(line)} at position ${pos} is not "name: value" — RFC 8461 §3.2`, pos, line);
    const [, name, value] = m;
    const valuePos = pos + line.indexOf(value, name.length + 1);
    if (!EXT_NAME.test(name)) throw syntaxError(POLICY, `field name ${show(name)} at position ${pos} is not valid — RFC 8461 §3.2 (no spaces before ":")`, pos, name);
    const bad = [...value].findIndex((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
    if (bad !== -1) throw syntaxError(POLICY, `control character in the value of ${name} at position ${valuePos + bad} — RFC 8461 §3.2`, valuePos + bad, value);
    if (value === '') throw syntaxError(POLICY, `field ${show(name)} at position ${pos} has no value — RFC 8461 §3.2`, pos, name);
    if (name === 'mx') {
      if (!isValidMxPattern(value)) {
        throw syntaxError(POLICY, `mx: ${show(value)} at position ${valuePos} is not a host name or *.domain pattern (no trailing dot) — RFC 8461 §3.2`, valuePos, value);
      }
      mx.push(value);
    } else if (name === 'version' || name === 'mode' || name === 'max_age') {
      const first = fields.get(name);
      if (first) throw syntaxError(POLICY, `${name} at position ${valuePos} repeats the one at position ${first.position} — RFC 8461 §3.2 allows it once`, valuePos, value);
      fields.set(name, { value, position: valuePos });
    } else {
      extensions[name] = value;
    }
    pos = nl === -1 ? text.length : nl + 1;
  }
  const need = (name: string) => {
    const f = fields.get(name);
    if (!f) throw syntaxError(POLICY, `no ${name} field up to the end (position ${text.length}) — RFC 8461 §3.2 requires it`, text.length, text);
    return f;
  };
  const version = need('version');
  if (version.value !== 'STSv1') throw syntaxError(POLICY, `version: ${show(version.value)} at position ${version.position} is not STSv1 — RFC 8461 §3.2`, version.position, version.value);
  const mode = need('mode');
  if (!(MODES as readonly string[]).includes(mode.value)) {
    throw syntaxError(POLICY, `mode: ${show(mode.value)} at position ${mode.position} is not enforce, testing or none (case-sensitive) — RFC 8461 §3.2`, mode.position, mode.value);
  }
  const maxAge = need('max_age');
  if (!/^\d{1,10}$/.test(maxAge.value) || !isValidMaxAge(Number(maxAge.value))) {
    throw syntaxError(POLICY, `max_age: ${show(maxAge.value)} at position ${maxAge.position} is not a number of seconds from 0 to ${MTA_STS_MAX_AGE_LIMIT} — RFC 8461 §3.2`, maxAge.position, maxAge.value);
  }
  if (mx.length === 0 && mode.value !== 'none') {
    throw syntaxError(POLICY, `no mx field up to the end (position ${text.length}) of a ${mode.value} policy — RFC 8461 §3.2 requires at least one; senders would find no valid MX`, text.length, text);
  }
  return {
    version: 'STSv1',
    mode: mode.value as MtaStsMode,
    maxAge: Number(maxAge.value),
    mx,
    extensions,
    lineEnding: crlf && lf ? 'mixed' : crlf ? 'crlf' : lf ? 'lf' : 'none',
  };
}
