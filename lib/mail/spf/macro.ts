/**
 * SPF macros (RFC 7208 §7): scanning a macro-string into tokens, and expanding it.
 *
 * Scanning is shared with the record parser so that a string which parses is a string which
 * expands: expansion never meets a syntax error it has to report at evaluation time.
 */
import { MailDnsError, show } from '../../model/errors';

/** The macro letters of RFC 7208 §7.2. */
export type MacroLetter = 's' | 'l' | 'o' | 'd' | 'i' | 'p' | 'h' | 'c' | 'r' | 't' | 'v';

/** Letters only an explanation string may use (RFC 7208 §7.2). */
export const EXPLANATION_ONLY_LETTERS: readonly MacroLetter[] = ['c', 'r', 't'];

/** One piece of a macro-string. */
export type MacroToken =
  | { readonly kind: 'literal'; readonly text: string; readonly position: number }
  | { readonly kind: 'escape'; readonly text: '%%' | '%_' | '%-'; readonly position: number }
  | {
      readonly kind: 'macro';
      /** The letter as written; an uppercase letter asks for URL escaping of the value. */
      readonly letter: string;
      /** Number of right-hand parts to keep, when given (always >= 1). */
      readonly keep?: number;
      readonly reverse: boolean;
      /** Delimiters to split on; `.` when none is given. */
      readonly delimiters: string;
      readonly position: number;
      readonly text: string;
    };

/** Where and why a macro-string is malformed. */
export interface MacroSyntaxProblem {
  /** Offset inside the scanned string. */
  readonly position: number;
  /** The offending text. */
  readonly offending: string;
  readonly reason: string;
}

/** What a macro-string may contain where it is used. */
export interface MacroScanOptions {
  /** Accept SP, as an explain-string does (RFC 7208 §7.1). */
  readonly allowSpace?: boolean;
  /** Accept the letters c, r and t, as only an explanation string may (RFC 7208 §7.2). */
  readonly explanation?: boolean;
  /** Accept every macro letter: unknown modifiers are never expanded, so their letters are not judged. */
  readonly anyLetter?: boolean;
}

const LETTERS = 'slodiphcrtv';

/** Splits a macro-string into tokens, or says where it is malformed. */
export function scanMacroString(text: string, opts: MacroScanOptions = {}): MacroToken[] | MacroSyntaxProblem {
  const tokens: MacroToken[] = [];
  let literalStart = -1;
  const flushLiteral = (end: number) => {
    if (literalStart >= 0) tokens.push({ kind: 'literal', text: text.slice(literalStart, end), position: literalStart });
    literalStart = -1;
  };
  let i = 0;
  while (i < text.length) {
    const ch = text.charCodeAt(i);
    if (ch !== 0x25 /* % */) {
      const visible = ch >= 0x21 && ch <= 0x7e;
      if (!visible && !(opts.allowSpace && ch === 0x20)) {
        return {
          position: i,
          offending: text[i],
          reason: `character ${describeChar(text, i)} is not allowed; a macro-string holds visible ASCII only (RFC 7208 §7.1)`,
        };
      }
      if (literalStart < 0) literalStart = i;
      i++;
      continue;
    }
    flushLiteral(i);
    const next = text[i + 1];
    if (next === '%' || next === '_' || next === '-') {
      tokens.push({ kind: 'escape', text: `%${next}` as '%%' | '%_' | '%-', position: i });
      i += 2;
      continue;
    }
    if (next !== '{') {
      return {
        position: i,
        offending: text.slice(i, i + 2),
        reason: 'a "%" must start %{...}, %%, %_ or %- (RFC 7208 §7.1); write %% for a literal percent sign',
      };
    }
    const close = text.indexOf('}', i + 2);
    const body = close < 0 ? text.slice(i + 2) : text.slice(i + 2, close);
    const raw = close < 0 ? text.slice(i) : text.slice(i, close + 1);
    const m = /^([A-Za-z])([0-9]*)([rR]?)([.\-+,/_=]*)$/.exec(body);
    if (close < 0 || !m) {
      return {
        position: i,
        offending: raw,
        reason: 'a macro is %{letter[digits][r][delimiters]}, delimiters being any of . - + , / _ = (RFC 7208 §7.1)',
      };
    }
    const [, letter, digits, reverse, delimiters] = m;
    const lower = letter.toLowerCase();
    if (!LETTERS.includes(lower)) {
      return { position: i, offending: raw, reason: `"${letter}" is not a macro letter; RFC 7208 §7.2 defines s l o d i p h c r t v` };
    }
    if (!opts.anyLetter && !opts.explanation && (EXPLANATION_ONLY_LETTERS as readonly string[]).includes(lower)) {
      return {
        position: i,
        offending: raw,
        reason: `macro letter "${letter}" is allowed only in explanation text, not in a domain-spec (RFC 7208 §7.2)`,
      };
    }
    let keep: number | undefined;
    if (digits !== '') {
      keep = Number(digits);
      if (keep === 0) {
        return { position: i, offending: raw, reason: 'the number of parts to keep must be nonzero (RFC 7208 §7.3)' };
      }
    }
    tokens.push({
      kind: 'macro',
      letter,
      ...(keep !== undefined ? { keep } : {}),
      reverse: reverse !== '',
      delimiters: delimiters === '' ? '.' : delimiters,
      position: i,
      text: raw,
    });
    i = close + 1;
  }
  flushLiteral(text.length);
  return tokens;
}

function describeChar(text: string, i: number): string {
  const code = text.codePointAt(i) ?? 0;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** True when the scan found a problem rather than tokens. */
export function isMacroProblem(x: MacroToken[] | MacroSyntaxProblem): x is MacroSyntaxProblem {
  return !Array.isArray(x);
}

/** The values the macro letters stand for (RFC 7208 §7.2), all as ready strings. */
export interface MacroValues {
  /** `s`: the sender, `local-part@domain` (with `postmaster` for an empty local-part). */
  readonly s: string;
  /** `l`: local-part of the sender. */
  readonly l: string;
  /** `o`: domain of the sender. */
  readonly o: string;
  /** `d`: the domain being evaluated (changes with include and redirect). */
  readonly d: string;
  /** `i`: the client address, dotted quad or dotted nibbles. */
  readonly i: string;
  /** `p`: the validated domain name of the client, or `unknown`. */
  readonly p: string;
  /** `h`: the HELO/EHLO domain. */
  readonly h: string;
  /** `c`: the client address in readable form (explanation only). */
  readonly c: string;
  /** `r`: the domain of the checking host, or `unknown` (explanation only). */
  readonly r: string;
  /** `t`: seconds since the epoch (explanation only). */
  readonly t: string;
  /** `v`: `in-addr` for IPv4, `ip6` for IPv6. */
  readonly v: string;
}

/**
 * Expands scanned tokens. Transformation order is RFC 7208 §7.3: split on the delimiters, reverse,
 * keep the right-hand parts, join with dots; an uppercase letter then URL-escapes the result.
 */
export function expandTokens(tokens: readonly MacroToken[], values: MacroValues): string {
  let out = '';
  for (const t of tokens) {
    if (t.kind === 'literal') out += t.text;
    else if (t.kind === 'escape') out += t.text === '%%' ? '%' : t.text === '%_' ? ' ' : '%20';
    else {
      const value = values[t.letter.toLowerCase() as MacroLetter];
      let parts = splitOn(value, t.delimiters);
      if (t.reverse) parts = parts.reverse();
      if (t.keep !== undefined && t.keep < parts.length) parts = parts.slice(parts.length - t.keep);
      const joined = parts.join('.');
      out += t.letter === t.letter.toUpperCase() ? urlEscape(joined) : joined;
    }
  }
  return out;
}

function splitOn(value: string, delimiters: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (const ch of value) {
    if (delimiters.includes(ch)) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

/** Percent-encodes every byte outside RFC 3986 `unreserved` (ALPHA DIGIT - . _ ~), as RFC 7208 §7.3 asks. */
export function urlEscape(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Longest domain name in presentation form without the trailing dot (RFC 7208 §7.3). */
export const MAX_DOMAIN_LENGTH = 253;

/**
 * Removes labels from the left until the name fits in 253 characters (RFC 7208 §7.3). A trailing
 * dot is dropped first: it only marks the name absolute (RFC 7208 §7.3, "trailing-dot-domain").
 */
export function truncateDomain(name: string): string {
  let out = name.endsWith('.') ? name.slice(0, -1) : name;
  while (out.length > MAX_DOMAIN_LENGTH && out.includes('.')) out = out.slice(out.indexOf('.') + 1);
  return out;
}

/**
 * Expands a domain-spec into the name to query: macros expanded, trailing dot removed, truncated
 * to 253 characters. Throws a `MailDnsError` (`SPF_SYNTAX`) when `spec` is not a valid
 * macro-string; a domain-spec taken from a parsed record never is.
 */
export function expandDomainSpec(spec: string, values: MacroValues): string {
  return truncateDomain(expandTokens(mustScan(spec, {}), values));
}

/** Expands an explanation string (TXT text of the `exp=` target): c, r, t allowed, spaces kept. */
export function expandExplanation(text: string, values: MacroValues): string {
  return expandTokens(mustScan(text, { allowSpace: true, explanation: true }), values);
}

/** True when the macro-string uses `letter` (either case): the `p` macro costs DNS queries. */
export function usesMacroLetter(text: string, letter: MacroLetter, opts: MacroScanOptions = { allowSpace: true, explanation: true }): boolean {
  const tokens = scanMacroString(text, opts);
  return !isMacroProblem(tokens) && tokens.some((t) => t.kind === 'macro' && t.letter.toLowerCase() === letter);
}

function mustScan(text: string, opts: MacroScanOptions): MacroToken[] {
  const tokens = scanMacroString(text, opts);
  if (isMacroProblem(tokens)) {
    throw new MailDnsError('SPF_SYNTAX', `invalid macro at position ${tokens.position} (${show(tokens.offending)}) in ${show(text)} — ${tokens.reason}`, {
      value: text,
      position: tokens.position,
    });
  }
  return tokens;
}
