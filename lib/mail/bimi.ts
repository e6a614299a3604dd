import { MailDnsError, show } from '../model/errors';
import { isValidSelector, parseTagList, syntaxError, TagListGrammar, TagSpec } from './dkim';
import { isHostName } from './dmarc';

/**
 * BIMI assertion records (draft-brand-indicators-for-message-identification): TXT at
 * `<selector>._bimi`, tag-list syntax of RFC 6376, `v=BIMI1` first, `l=` required (empty declines),
 * optional `a=`, `lps=` and `avp=`; URIs are HTTPS only.
 */

/** What a BIMI assertion record publishes. */
export interface BimiOptions {
  /** The selector; the record lives at `<selector>._bimi`. @default 'default' */
  readonly selector?: string;
  /** HTTPS URL of the SVG indicator (`l=`). @default - empty `l=` */
  readonly location?: string;
  /** HTTPS URL of the evidence document, e.g. a VMC PEM (`a=`). @default - no `a=` (an empty one when declining) */
  readonly evidence?: string;
  /** Which image mailbox providers show when the sender has a personal avatar (`avp=`). @default - receivers use `brand` */
  readonly avatarPreference?: 'brand' | 'personal';
}

/** A BIMI record to publish as TXT. */
export interface BimiRecord {
  /** `<selector>._bimi`, relative to the zone. */
  readonly name: string;
  /** The record text. */
  readonly text: string;
}

/** A parsed BIMI assertion record. */
export interface ParsedBimi {
  /** Every tag as written, by name. */
  readonly tags: Readonly<Record<string, string>>;
  /** `l=`, absent when empty. */
  readonly location?: string;
  /** `a=`, absent when empty or missing. */
  readonly evidence?: string;
  /** `avp=` when present. */
  readonly avatarPreference?: 'brand' | 'personal';
  /** `lps=` prefixes when the tag is present (an empty list matches every local-part). */
  readonly localPartPrefixes?: readonly string[];
  /** Whether `l=` and `a=` are both empty: an explicit refusal to show an indicator. */
  readonly declined: boolean;
  /** Tags the draft does not define, which receivers ignore. */
  readonly unknownTags: readonly string[];
}

const G: TagListGrammar = {
  code: 'BIMI_SYNTAX',
  record: 'BIMI record',
  rfc: 'BIMI draft §4.2 (RFC 6376 §3.2 tag-list)',
  tagName: /^[A-Za-z][A-Za-z0-9_]*$/,
  tagNameRule: 'a tag name is a letter followed by letters, digits or "_"',
  valueChar: /^[\x21-\x3a\x3c-\x7e \t]$/,
  spaceAroundEquals: true,
  leadingWhitespace: false,
  emptyValues: true,
  caseInsensitiveNames: false,
};

const KNOWN = new Set(['v', 'l', 'a', 'lps', 'avp']);

/**
 * Whether a URI is acceptable in `l=` or `a=`: `https:` with a fully qualified host name (not an
 * IP address), no credentials, and no `,` or `;` unencoded.
 */
export function isBimiHttpsUri(uri: string): boolean {
  if (typeof uri !== 'string' || /[,;\s]/.test(uri) || !/^https:\/\//i.test(uri)) return false;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  const host = url.hostname;
  return url.username === '' && url.password === '' && host.includes('.') && !/^[\d.]+$/.test(host) && !host.startsWith('[') && isHostName(host);
}

/**
 * The BIMI record for a selector. With neither `location` nor `evidence` it is the declination
 * `v=BIMI1; l=; a=`.
 * @throws MailDnsError `BIMI_OPTIONS` naming the option.
 */
export function buildBimi(opts: BimiOptions): BimiRecord {
  const selector = opts.selector ?? 'default';
  if (!isValidSelector(selector)) {
    throw new MailDnsError('BIMI_OPTIONS', `selector: ${show(selector)} is not a valid selector — dot-separated labels of letters, digits and inner hyphens`, { field: 'selector', value: selector });
  }
  for (const field of ['location', 'evidence'] as const) {
    const v = opts[field];
    if (v !== undefined && !isBimiHttpsUri(v)) {
      throw new MailDnsError(
        'BIMI_OPTIONS',
        `${field}: ${show(v)} is not an https: URL with a host name — the BIMI draft accepts HTTPS only; percent-encode "," and ";"`,
        { field, value: v },
      );
    }
  }
  if (opts.avatarPreference !== undefined && opts.avatarPreference !== 'brand' && opts.avatarPreference !== 'personal') {
    throw new MailDnsError('BIMI_OPTIONS', `avatarPreference: ${show(opts.avatarPreference)} is not brand or personal`, { field: 'avatarPreference', value: opts.avatarPreference });
  }
  const parts = ['v=BIMI1', `l=${opts.location ?? ''}`];
  if (opts.evidence !== undefined || opts.location === undefined) parts.push(`a=${opts.evidence ?? ''}`);
  if (opts.avatarPreference !== undefined) parts.push(`avp=${opts.avatarPreference}`);
  return { name: `${selector}._bimi`, text: parts.join('; ') };
}

/**
 * Parses a BIMI assertion record.
 * @throws MailDnsError `BIMI_SYNTAX` with `position`: `v=BIMI1` not first, `l=` missing, a non-HTTPS
 * URI, an invalid `avp=` or `lps=`, a duplicate tag.
 */
export function parseBimi(text: string): ParsedBimi {
  const specs = parseTagList(text, G);
  const v = specs[0];
  if (v.name !== 'v' || v.value !== 'BIMI1') {
    throw syntaxError(G, `the record starts with ${show(`${v.name}=${v.value}`)} at position ${v.namePosition}, not v=BIMI1 — the BIMI draft has receivers ignore it`, v.namePosition, text);
  }
  const tags: Record<string, string> = {};
  const byName = new Map<string, TagSpec>();
  for (const s of specs) {
    tags[s.name] = s.value;
    byName.set(s.name, s);
  }
  const l = byName.get('l');
  if (!l) throw syntaxError(G, `no l= tag up to the end (position ${text.length}) — it is required (empty to decline)`, text.length, text);
  const uri = (s: TagSpec | undefined): string | undefined => {
    if (!s || s.value === '') return undefined;
    if (!isBimiHttpsUri(s.value)) throw syntaxError(G, `${s.name}=${show(s.value)} at position ${s.valuePosition} is not an https: URL with a host name — HTTPS only`, s.valuePosition, s.value);
    return s.value;
  };
  const location = uri(l);
  const a = byName.get('a');
  const evidence = uri(a);
  const avp = byName.get('avp');
  if (avp && avp.value !== 'brand' && avp.value !== 'personal') {
    throw syntaxError(G, `avp=${show(avp.value)} at position ${avp.valuePosition} is not brand or personal (case-sensitive)`, avp.valuePosition, avp.value);
  }
  const lps = byName.get('lps');
  let localPartPrefixes: string[] | undefined;
  if (lps) {
    localPartPrefixes = lps.value === '' ? [] : lps.value.split(',').map((x) => x.trim());
    const bad = localPartPrefixes.find((x) => !/^[A-Za-z0-9-]{1,63}$/.test(x));
    if (bad !== undefined) {
      throw syntaxError(G, `lps=${show(lps.value)} at position ${lps.valuePosition}: ${show(bad)} is not 1 to 63 letters, digits and hyphens`, lps.valuePosition, lps.value);
    }
  }
  return {
    tags,
    ...(location !== undefined ? { location } : {}),
    ...(evidence !== undefined ? { evidence } : {}),
    ...(avp ? { avatarPreference: avp.value as 'brand' | 'personal' } : {}),
    ...(localPartPrefixes ? { localPartPrefixes } : {}),
    declined: location === undefined && evidence === undefined,
    unknownTags: specs.filter((s) => !KNOWN.has(s.name)).map((s) => s.name),
  };
}
