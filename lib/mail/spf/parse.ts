/**
 * SPF record syntax (RFC 7208 §4.5, §4.6.1, §5, §6, §7.1): parse into a typed AST, print back as
 * canonical text, and tell SPF records from other TXT strings.
 */
import { MailDnsError, show } from '../../model/errors';
import { parseIp4, parseIp6 } from './ip';
import { isMacroProblem, scanMacroString } from './macro';

/** `+` pass, `-` fail, `~` softfail, `?` neutral. */
export type SpfQualifier = '+' | '-' | '~' | '?';

/** The eight mechanisms of RFC 7208 §5. */
export type SpfMechanismName = 'all' | 'include' | 'a' | 'mx' | 'ptr' | 'ip4' | 'ip6' | 'exists';

/** A directive: qualifier plus mechanism (RFC 7208 §4.6.1). */
export interface SpfMechanismTerm {
  readonly kind: 'mechanism';
  /** `+` when the record wrote none. */
  readonly qualifier: SpfQualifier;
  /** Lowercase mechanism name. */
  readonly mechanism: SpfMechanismName;
  /** The domain-spec as written (include, exists always; a, mx, ptr when given). */
  readonly domainSpec?: string;
  /** The network of ip4/ip6 as written, IPv6 lowercased. */
  readonly ip?: string;
  /** IPv4 prefix length: of ip4, or the first length of a/mx dual-cidr-length. */
  readonly cidr4?: number;
  /** IPv6 prefix length: of ip6, or the `//` length of a/mx. */
  readonly cidr6?: number;
  /** Zero-based offset of the term (its qualifier, if any) in the record text. */
  readonly position: number;
}

/** A modifier `name=value` (RFC 7208 §6, §4.6.1). */
export interface SpfModifierTerm {
  readonly kind: 'modifier';
  /** Lowercase name: `redirect`, `exp`, or an unknown modifier kept as data. */
  readonly name: string;
  /** The value as written: a domain-spec for redirect and exp, a macro-string otherwise. */
  readonly value: string;
  /** Zero-based offset of the term in the record text. */
  readonly position: number;
}

export type SpfTerm = SpfMechanismTerm | SpfModifierTerm;

/** A parsed `v=spf1` record. */
export interface SpfRecord {
  readonly version: 'spf1';
  readonly terms: readonly SpfTerm[];
}

const MECHANISMS: readonly SpfMechanismName[] = ['all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists'];
const MODIFIER_RE = /^([A-Za-z][A-Za-z0-9\-_.]*)=/;
const VERSION_RE = /^v=spf1(?= |$)/i;

/**
 * True when a TXT string is an SPF record per RFC 7208 §4.5: it starts with `v=spf1` (any case)
 * followed by a space or the end. `v=spf10` and `v=spf1mx` are not SPF records.
 */
export function isSpfText(text: string): boolean {
  return VERSION_RE.test(text);
}

/** Parses of SPF texts that succeeded, shared by the readers that never change a parse; bounded. */
const PARSED = new Map<string, SpfRecord>();
const PARSED_MAX = 4096;

/**
 * `parseSpf` for readers that treat the result as immutable (evaluation, rules): the same text is
 * parsed once (a fleet repeats `v=spf1 mx -all` on every domain). Errors are thrown exactly as by
 * `parseSpf`, never remembered.
 * @internal
 */
export function parseSpfShared(text: string): SpfRecord {
  let hit = PARSED.get(text);
  if (hit === undefined) {
    hit = parseSpf(text);
    if (PARSED.size >= PARSED_MAX) PARSED.clear();
    PARSED.set(text, hit);
  }
  return hit;
}

/**
 * Parses an SPF record. Every syntax error of RFC 7208 — anywhere in the record, including
 * duplicate `redirect=`/`exp=` — throws a `MailDnsError` with code `SPF_SYNTAX`, the offending text
 * in the message and `position` set, because §4.6 makes any of them a permerror before evaluation.
 */
export function parseSpf(text: string): SpfRecord {
  if (!isSpfText(text)) {
    const found = text.slice(0, 7);
    throw syntaxError(text, 0, found, 'record does not start with "v=spf1" followed by a space or the end', 'RFC 7208 §4.5 selects only such records');
  }
  const terms: SpfTerm[] = [];
  const seen = new Map<string, number>();
  let i = 6;
  while (i < text.length) {
    // Only SP separates terms (RFC 7208 §4.6.1): a tab or CR stays inside the term and fails there.
    while (text[i] === ' ') i++;
    if (i >= text.length) break;
    let end = text.indexOf(' ', i);
    if (end < 0) end = text.length;
    const term = parseTerm(text, text.slice(i, end), i);
    if (term.kind === 'modifier' && (term.name === 'redirect' || term.name === 'exp')) {
      const first = seen.get(term.name);
      if (first !== undefined) {
        throw syntaxError(
          text,
          i,
          text.slice(i, end),
          `second ${term.name}= modifier (the first is at position ${first})`,
          'RFC 7208 §6 allows each of redirect= and exp= at most once',
        );
      }
      seen.set(term.name, i);
    }
    terms.push(term);
    i = end;
  }
  return { version: 'spf1', terms };
}

function parseTerm(record: string, term: string, pos: number): SpfTerm {
  const mod = MODIFIER_RE.exec(term);
  if (mod) return parseModifier(record, term, pos, mod[1]);

  let qualifier: SpfQualifier = '+';
  let rest = term;
  if ('+-~?'.includes(term[0])) {
    qualifier = term[0] as SpfQualifier;
    rest = term.slice(1);
  }
  const nameLength = rest.search(/[:/]|$/);
  const name = rest.slice(0, nameLength).toLowerCase();
  const namePos = pos + term.length - rest.length;
  const mechanism = MECHANISMS.find((m) => m === name);
  if (!mechanism) {
    const hint =
      name === 'redirect' || name === 'exp'
        ? `${name} is a modifier: write ${name}=<domain>`
        : 'RFC 7208 §5 defines all, include, a, mx, ptr, ip4, ip6, exists; a modifier is name=value';
    const written = rest.slice(0, nameLength);
    return written === ''
      ? fail(record, pos, term, `term ${show(term)} has no mechanism name`, hint)
      : fail(record, namePos, written, `unknown mechanism ${show(written)}`, hint);
  }
  const argPos = namePos + nameLength;
  const arg = rest.slice(nameLength);
  const base = { kind: 'mechanism' as const, qualifier, mechanism, position: pos };

  switch (mechanism) {
    case 'all':
      if (arg !== '') fail(record, argPos, arg, '"all" takes no argument', 'RFC 7208 §5.1: all = "all"');
      return base;
    case 'include':
    case 'exists': {
      if (!arg.startsWith(':')) fail(record, argPos, arg || term, `"${mechanism}" needs ":<domain>"`, `RFC 7208 §5: ${mechanism} = "${mechanism}" ":" domain-spec`);
      const domainSpec = arg.slice(1);
      checkDomainSpec(record, domainSpec, argPos + 1, mechanism);
      return { ...base, domainSpec };
    }
    case 'ptr': {
      if (arg === '') return base;
      if (!arg.startsWith(':')) fail(record, argPos, arg, '"ptr" takes an optional ":<domain>" and no prefix length', 'RFC 7208 §5.5: ptr = "ptr" [ ":" domain-spec ]');
      const domainSpec = arg.slice(1);
      checkDomainSpec(record, domainSpec, argPos + 1, mechanism);
      return { ...base, domainSpec };
    }
    case 'a':
    case 'mx': {
      if (arg === '') return base;
      if (arg.startsWith('/')) return { ...base, ...parseDualCidr(record, arg, argPos, mechanism) };
      if (!arg.startsWith(':')) fail(record, argPos, arg, `"${mechanism}" takes ":<domain>" and/or "/<len>//<len6>"`, `RFC 7208 §5: ${mechanism} = "${mechanism}" [ ":" domain-spec ] [ dual-cidr-length ]`);
      // A domain-spec never ends in "/digits" (it ends in a toplabel or a macro), so the longest
      // trailing dual-cidr-length is the only possible split.
      const spec = arg.slice(1);
      const cidrAt = /(?:\/[0-9]+)?(?:\/\/[0-9]+)?$/.exec(spec)?.index ?? spec.length;
      const domainSpec = spec.slice(0, cidrAt);
      checkDomainSpec(record, domainSpec, argPos + 1, mechanism);
      const cidr = cidrAt < spec.length ? parseDualCidr(record, spec.slice(cidrAt), argPos + 1 + cidrAt, mechanism) : {};
      return { ...base, domainSpec, ...cidr };
    }
    case 'ip4':
    case 'ip6': {
      if (!arg.startsWith(':')) fail(record, argPos, arg || term, `"${mechanism}" needs ":<address>"`, `RFC 7208 §5.6: ${mechanism} = "${mechanism}" ":" ${mechanism}-network [ ${mechanism}-cidr-length ]`);
      const value = arg.slice(1);
      const slash = value.indexOf('/');
      const network = slash < 0 ? value : value.slice(0, slash);
      const netPos = argPos + 1;
      const v4 = mechanism === 'ip4';
      if (!(v4 ? parseIp4(network) : parseIp6(network))) {
        fail(
          record,
          netPos,
          network,
          `invalid ${mechanism} network ${show(network)}`,
          v4 ? 'RFC 7208 §5.6 needs four decimal octets 0-255 without leading zeros, e.g. ip4:192.0.2.0/24' : 'RFC 7208 §5.6 needs an RFC 4291 IPv6 address, e.g. ip6:2001:db8::/32',
        );
      }
      const ip = v4 ? network : network.toLowerCase();
      if (slash < 0) return { ...base, ip };
      const len = parseCidrLength(record, value.slice(slash), netPos + slash, v4 ? 32 : 128, mechanism);
      return v4 ? { ...base, ip, cidr4: len } : { ...base, ip, cidr6: len };
    }
  }
}

function parseModifier(record: string, term: string, pos: number, rawName: string): SpfModifierTerm {
  const name = rawName.toLowerCase();
  const value = term.slice(rawName.length + 1);
  const valuePos = pos + rawName.length + 1;
  if (name === 'redirect' || name === 'exp') {
    // Known names are not "greedy" unknown modifiers: a bad value is an error (RFC 7208 §6.1, §6.2).
    checkDomainSpec(record, value, valuePos, `${name}=`);
  } else {
    const scanned = scanMacroString(value, { anyLetter: true });
    if (isMacroProblem(scanned)) {
      fail(record, valuePos + scanned.position, scanned.offending, `invalid value of modifier ${show(rawName)}`, scanned.reason);
    }
  }
  return { kind: 'modifier', name, value, position: pos };
}

function parseDualCidr(record: string, text: string, pos: number, mechanism: string): { cidr4?: number; cidr6?: number } {
  const m = /^(?:\/([0-9]+))?(?:\/\/([0-9]+))?$/.exec(text);
  if (!m || text === '') {
    return fail(record, pos, text, `invalid prefix length ${show(text)} on "${mechanism}"`, 'RFC 7208 §5.3 dual-cidr-length is "/<0-32>", "//<0-128>" or "/<0-32>//<0-128>"');
  }
  const out: { cidr4?: number; cidr6?: number } = {};
  if (m[1] !== undefined) out.cidr4 = parseCidrLength(record, `/${m[1]}`, pos, 32, mechanism);
  if (m[2] !== undefined) out.cidr6 = parseCidrLength(record, `//${m[2]}`, pos + (m[1] !== undefined ? m[1].length + 1 : 0), 128, mechanism, '//');
  return out;
}

function parseCidrLength(record: string, text: string, pos: number, max: number, mechanism: string, lead: '/' | '//' = '/'): number {
  const digits = text.startsWith(lead) ? text.slice(lead.length) : '';
  // RFC 7208 §5.6 ABNF: "0" / %x31-39 0*1DIGIT (0*2DIGIT for IPv6): no leading zeros, no empty.
  if (!/^(?:0|[1-9][0-9]{0,2})$/.test(digits) || Number(digits) > max) {
    fail(record, pos, text, `invalid ${max === 32 ? 'IPv4' : 'IPv6'} prefix length ${show(text)} on "${mechanism}"`, `RFC 7208 §5.6 allows 0 to ${max} without leading zeros`);
  }
  return Number(digits);
}

/** Why a domain-spec is not valid, or undefined when it is (RFC 7208 §7.1 / §8.1 grammar). */
export function domainSpecProblem(spec: string): { position: number; offending: string; reason: string } | undefined {
  if (spec === '') return { position: 0, offending: spec, reason: 'domain-spec is empty' };
  const tokens = scanMacroString(spec);
  if (isMacroProblem(tokens)) return tokens;
  const last = tokens[tokens.length - 1];
  if (last.kind !== 'literal') return undefined;
  // domain-end = ( "." toplabel [ "." ] ) / macro-expand. Toplabel characters never occur inside
  // a macro token, so the literal text alone decides.
  const m = /\.([A-Za-z0-9-]+)\.?$/.exec(spec);
  if (m && isToplabel(m[1])) return undefined;
  const tail = spec.slice(spec.replace(/\.$/, '').lastIndexOf('.') + 1);
  return {
    position: spec.length - tail.length,
    offending: tail,
    reason: m
      ? `${show(m[1])} is not a valid top-level label (letters, digits and inner hyphens, not all digits; RFC 7208 §7.1)`
      : 'a domain-spec must end in "." and a top-level label, or in a macro (RFC 7208 §7.1); a bare label such as "localhost" is not accepted',
  };
}

function isToplabel(label: string): boolean {
  // toplabel = ( *alphanum ALPHA *alphanum ) / ( 1*alphanum "-" *( alphanum / "-" ) alphanum )
  return /^[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*$/.test(label) || /^[A-Za-z0-9]+-[A-Za-z0-9-]*[A-Za-z0-9]$/.test(label);
}

function checkDomainSpec(record: string, spec: string, pos: number, where: string): void {
  const problem = domainSpecProblem(spec);
  if (problem) fail(record, pos + problem.position, problem.offending || spec, `invalid domain-spec ${show(spec)} in "${where}"`, problem.reason);
}

function syntaxError(record: string, position: number, offending: string, what: string, why: string): MailDnsError {
  return new MailDnsError('SPF_SYNTAX', `${what} at position ${position} (${show(offending)}) in SPF record ${show(record)} — ${why}`, {
    value: record,
    position,
  });
}

function fail(record: string, position: number, offending: string, what: string, why: string): never {
  throw syntaxError(record, position, offending, what, why);
}

/** Canonical text of one term: `+` omitted, names lowercase, prefix lengths only when given. */
export function formatTerm(term: SpfTerm): string {
  if (term.kind === 'modifier') return `${term.name}=${term.value}`;
  let out = (term.qualifier === '+' ? '' : term.qualifier) + term.mechanism;
  if (term.domainSpec !== undefined) out += `:${term.domainSpec}`;
  if (term.ip !== undefined) out += `:${term.ip}`;
  if (term.mechanism === 'ip6') {
    if (term.cidr6 !== undefined) out += `/${term.cidr6}`;
    return out;
  }
  if (term.cidr4 !== undefined) out += `/${term.cidr4}`;
  if (term.cidr6 !== undefined) out += `//${term.cidr6}`;
  return out;
}

/** Canonical record text: `v=spf1` and the terms separated by single spaces. */
export function formatSpf(record: SpfRecord): string {
  return ['v=spf1', ...record.terms.map(formatTerm)].join(' ');
}
