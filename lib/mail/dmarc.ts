import { MailDnsError, show } from '../model/errors';
import { bare } from '../model/name';
import { parseTagList, syntaxError, TagListGrammar, TagSpec } from './dkim';

/**
 * DMARC policy records per RFC 9989, which obsoletes RFC 7489: it adds `np`, `psd` and `t`, and
 * removes `pct`, `rf` and `ri`, which are still read (RFC 7489 receivers honour them) and listed as
 * legacy. Reporting destinations follow RFC 9990.
 */

/** A Domain Owner Assessment Policy. */
export type DmarcPolicy = 'none' | 'quarantine' | 'reject';
/** Alignment mode: relaxed or strict. */
export type DmarcAlignment = 'r' | 's';

/** What a DMARC policy record publishes. */
export interface DmarcOptions {
  /** Policy for the domain itself (`p=`). */
  readonly p: DmarcPolicy;
  /** Policy for existing subdomains (`sp=`). @default - the `p` policy */
  readonly sp?: DmarcPolicy;
  /** Policy for non-existent subdomains (`np=`, RFC 9989). @default - `sp`, else `p` */
  readonly np?: DmarcPolicy;
  /** DKIM alignment (`adkim=`). @default - relaxed */
  readonly adkim?: DmarcAlignment;
  /** SPF alignment (`aspf=`). @default - relaxed */
  readonly aspf?: DmarcAlignment;
  /**
   * Aggregate report destinations (`rua=`): URIs, or bare addresses that become `mailto:`.
   * `,`, `;`, `!` and spaces inside a URI are percent-encoded so the record stays intact.
   * @default - no aggregate reports
   */
  readonly rua?: string[];
  /** Failure report destinations (`ruf=`), as for `rua`. @default - no failure reports */
  readonly ruf?: string[];
  /** Failure reporting options (`fo=`), e.g. `1` or `d:s`. @default - receivers use `0` */
  readonly fo?: string;
  /** Public suffix domain flag (`psd=`, RFC 9989). @default - receivers use `u` */
  readonly psd?: 'y' | 'n' | 'u';
  /** Test mode (`t=`, RFC 9989): `y` asks receivers to apply one level less. @default - receivers use `n` */
  readonly t?: 'y' | 'n';
}

/** One reporting URI of `rua=`/`ruf=` (or of a TLS-RPT `rua=`). */
export interface ReportUri {
  /** The URI as written (percent-encoding kept, size suffix removed). */
  readonly uri: string;
  /** The scheme, lowercase (`mailto`, `https`). */
  readonly scheme: string;
  /** For `mailto:`, the decoded address. */
  readonly address?: string;
  /** The destination domain: the address's domain for `mailto:`, the host for `http(s):`; lowercase. */
  readonly domain?: string;
  /** The obsolete RFC 7489 size limit (`!10m` gives `10m`), which RFC 9989 tells reporters to ignore. */
  readonly size?: string;
  /** Zero-based position of the URI in the record text. */
  readonly position: number;
}

/** A parsed DMARC record. Optional tags are present only when the record has them. */
export interface ParsedDmarc {
  /** Every tag by lowercase name, values as written. */
  readonly tags: Readonly<Record<string, string>>;
  /** The policy; `none` when the record has no `p=` (see {@link ParsedDmarc.pDefaulted}). */
  readonly p: DmarcPolicy;
  /** Whether `p=` is absent, which RFC 9989 §4.7 treats as `p=none`. */
  readonly pDefaulted: boolean;
  /** Whether `p=` immediately follows `v=`, as RFC 7489 §6.4 required and RFC 9989 no longer does. */
  readonly pIsSecond: boolean;
  /** `sp=`; receivers use `p` when absent. */
  readonly sp?: DmarcPolicy;
  /** `np=`; receivers use `sp`, else `p`, when absent. */
  readonly np?: DmarcPolicy;
  /** `adkim=`; receivers use `r` when absent. */
  readonly adkim?: DmarcAlignment;
  /** `aspf=`; receivers use `r` when absent. */
  readonly aspf?: DmarcAlignment;
  /** Aggregate report destinations, empty without `rua=`. */
  readonly rua: readonly ReportUri[];
  /** Failure report destinations, empty without `ruf=`. */
  readonly ruf: readonly ReportUri[];
  /** `fo=` with whitespace removed, e.g. `1:d`. */
  readonly fo?: string;
  /** `psd=`; receivers use `u` when absent. */
  readonly psd?: 'y' | 'n' | 'u';
  /** `t=`; receivers use `n` when absent. */
  readonly t?: 'y' | 'n';
  /** RFC 7489 `pct=`, removed by RFC 9989. */
  readonly pct?: number;
  /** RFC 7489 `rf=`, removed by RFC 9989. */
  readonly rf?: readonly string[];
  /** RFC 7489 `ri=`, removed by RFC 9989. */
  readonly ri?: number;
  /** Names of the RFC 7489 tags RFC 9989 removed (`pct`, `rf`, `ri`) present in the record. */
  readonly legacyTags: readonly string[];
  /** Names of tags neither RFC defines; receivers ignore them (RFC 9989 §4.7). */
  readonly unknownTags: readonly string[];
}

const G: TagListGrammar = {
  code: 'DMARC_SYNTAX',
  record: 'DMARC record',
  rfc: 'RFC 9989 §4.8',
  tagName: /^[A-Za-z]+$/,
  tagNameRule: 'a tag name is letters only',
  valueChar: /^[\x20-\x3a\x3c-\x7e\t]$/,
  spaceAroundEquals: true,
  leadingWhitespace: false,
  emptyValues: false,
  caseInsensitiveNames: true,
};

const POLICIES: readonly DmarcPolicy[] = ['none', 'quarantine', 'reject'];
const LEGACY = new Set(['pct', 'rf', 'ri']);
const KNOWN = new Set(['v', 'p', 'sp', 'np', 'adkim', 'aspf', 'rua', 'ruf', 'fo', 'psd', 't', ...LEGACY]);

/**
 * Parses a DMARC record. Checks the RFC 9989 syntax of every known tag; accepts RFC 7489 records.
 *
 * A missing `p=` is not an error: RFC 9989 §4.7 treats an otherwise valid record without it as
 * `p=none` (so `p` is `none` and `pDefaulted` is true). An invalid `p`, `sp` or `np` value is an
 * error: receivers then act as if `p=none` when `rua` has a valid URI and ignore the record
 * otherwise (RFC 9989 §4.10.1), which is never what the author meant.
 *
 * @throws MailDnsError `DMARC_SYNTAX` with `position`: not starting with `v=DMARC1`, a malformed
 * tag, an invalid value, a duplicate tag.
 */
export function parseDmarc(text: string): ParsedDmarc {
  const specs = parseTagList(text, G);
  const first = specs[0];
  if (first.name.toLowerCase() !== 'v') {
    throw syntaxError(G, `the record starts with ${show(first.name)} at position ${first.namePosition}, not v=DMARC1 — RFC 9989 §4.7 has receivers ignore such a record; put v=DMARC1 first`, first.namePosition, first.name);
  }
  if (first.value !== 'DMARC1') {
    const hint = /\s/.test(first.value) ? ' (a missing ";" after DMARC1?)' : first.value.toUpperCase() === 'DMARC1' ? ' (the version is case-sensitive)' : '';
    throw syntaxError(G, `v=${show(first.value)} at position ${first.valuePosition} is not DMARC1${hint} — RFC 9989 §4.7 has receivers ignore the whole record`, first.valuePosition, first.value);
  }
  const tags: Record<string, string> = {};
  const byName = new Map<string, TagSpec>();
  for (const s of specs) {
    const key = s.name.toLowerCase();
    tags[key] = s.value;
    byName.set(key, s);
  }
  const get = (n: string) => byName.get(n);
  const p = get('p');
  const out: { -readonly [K in keyof ParsedDmarc]: ParsedDmarc[K] } = {
    tags,
    p: p ? policy(p) : 'none',
    pDefaulted: !p,
    pIsSecond: specs[1]?.name.toLowerCase() === 'p',
    rua: get('rua') ? parseUriList(G, get('rua')!, true) : [],
    ruf: get('ruf') ? parseUriList(G, get('ruf')!, true) : [],
    legacyTags: specs.filter((s) => LEGACY.has(s.name.toLowerCase())).map((s) => s.name.toLowerCase()),
    unknownTags: specs.filter((s) => !KNOWN.has(s.name.toLowerCase())).map((s) => s.name),
  };
  const sp = get('sp');
  if (sp) out.sp = policy(sp);
  const np = get('np');
  if (np) out.np = policy(np);
  const adkim = get('adkim');
  if (adkim) out.adkim = keyword<DmarcAlignment>(adkim, ['r', 's'], 'r (relaxed) or s (strict)');
  const aspf = get('aspf');
  if (aspf) out.aspf = keyword<DmarcAlignment>(aspf, ['r', 's'], 'r (relaxed) or s (strict)');
  const psd = get('psd');
  if (psd) out.psd = keyword<'y' | 'n' | 'u'>(psd, ['y', 'n', 'u'], 'y, n or u');
  const t = get('t');
  if (t) out.t = keyword<'y' | 'n'>(t, ['y', 'n'], 'y or n');
  const fo = get('fo');
  if (fo) out.fo = failureOptions(fo);
  const pct = get('pct');
  if (pct) out.pct = integer(pct, 100, 'pct= is a percentage, 0 to 100 (RFC 7489 §6.3)');
  const ri = get('ri');
  if (ri) out.ri = integer(ri, 4294967295, 'ri= is a number of seconds (RFC 7489 §6.3)');
  const rf = get('rf');
  if (rf) out.rf = colonList(rf, /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/, 'rf= lists report formats such as afrf (RFC 7489 §6.3)');
  return out;
}

function policy(s: TagSpec): DmarcPolicy {
  const v = s.value.toLowerCase();
  if ((POLICIES as readonly string[]).includes(v)) return v as DmarcPolicy;
  const consequence =
    s.name.toLowerCase() === 'p'
      ? 'receivers treat the record as p=none if rua= has a valid URI and ignore it otherwise (RFC 9989 §4.10.1)'
      : `receivers then fall back to p=none for the names ${s.name} covers (RFC 9989 §4.10.1)`;
  throw syntaxError(G, `${s.name}=${show(s.value)} at position ${s.valuePosition} is not none, quarantine or reject — ${consequence}`, s.valuePosition, s.value);
}

function keyword<T extends string>(s: TagSpec, allowed: readonly T[], rule: string): T {
  const v = s.value.toLowerCase();
  if ((allowed as readonly string[]).includes(v)) return v as T;
  throw syntaxError(G, `${s.name}=${show(s.value)} at position ${s.valuePosition} is not valid — RFC 9989 §4.7 allows ${rule}`, s.valuePosition, s.value);
}

function integer(s: TagSpec, max: number, rule: string): number {
  if (/^\d{1,10}$/.test(s.value) && Number(s.value) <= max) return Number(s.value);
  throw syntaxError(G, `${s.name}=${show(s.value)} at position ${s.valuePosition} is not valid — ${rule}`, s.valuePosition, s.value);
}

function colonList(s: TagSpec, item: RegExp, rule: string): string[] {
  let offset = 0;
  return s.value.split(':').map((raw) => {
    const token = raw.trim();
    const pos = s.valuePosition + offset + (raw.length - raw.trimStart().length);
    offset += raw.length + 1;
    if (!item.test(token)) throw syntaxError(G, `${show(token)} at position ${pos} in ${s.name}= is not valid — ${rule}`, pos, token);
    return token.toLowerCase();
  });
}

function failureOptions(s: TagSpec): string {
  const tokens = colonList(s, /^[01ds]$/i, 'fo= takes 0, 1, d and s separated by ":" (RFC 9989 §4.7)');
  const dup = tokens.find((x, i) => tokens.indexOf(x) !== i);
  if (dup !== undefined) throw syntaxError(G, `fo=${show(s.value)} at position ${s.valuePosition} lists ${show(dup)} twice — RFC 9989 §4.8`, s.valuePosition, s.value);
  if (tokens.includes('0') && tokens.includes('1')) {
    throw syntaxError(G, `fo=${show(s.value)} at position ${s.valuePosition} has both 0 and 1, which exclude each other — RFC 9989 §4.7`, s.valuePosition, s.value);
  }
  return tokens.join(':');
}

// ---------------------------------------------------------------------------------------------
// Reporting URIs (shared with TLS-RPT)
// ---------------------------------------------------------------------------------------------

// RFC 3986 characters, less "," and "!" (DMARC, TLS-RPT: MUST be encoded) and ";" (ends a tag).
const URI_CHARS = /^[A-Za-z][A-Za-z0-9+.-]*:[A-Za-z0-9\-._~:/?#[\]@$&'()*+=%]*$/;
const DOMAIN_LABEL = '(?:[A-Za-z0-9\u0080-\uffff](?:[A-Za-z0-9\u0080-\uffff-]{0,61}[A-Za-z0-9\u0080-\uffff])?)';
/** Dot-separated labels, each as above: one test for the whole name, no list of labels made. */
const DOMAIN_LABELS = new RegExp(`^${DOMAIN_LABEL}(?:\\.${DOMAIN_LABEL})*$`);

/** Whether a domain name has valid host syntax (letters, digits, inner hyphens; IDN U-labels too). @internal */
export function isHostName(name: string): boolean {
  const n = name.endsWith('.') ? name.slice(0, -1) : name;
  return n.length > 0 && n.length <= 253 && DOMAIN_LABELS.test(n);
}

/**
 * Parses one reporting URI; returns a problem in words instead of throwing.
 * @internal
 */
export function parseReportUri(uri: string, position: number): ReportUri | string {
  if (!URI_CHARS.test(uri)) {
    const bad = [...uri].find((c) => !/[A-Za-z0-9\-._~:/?#[\]@$&'()*+=%]/.test(c));
    return bad !== undefined ? `${show(uri)} holds ${show(bad)}, which must be percent-encoded in a URI here` : `${show(uri)} is not a URI (scheme:...) — write mailto:user@example.com`;
  }
  const escaped = uri.includes('%');
  if (escaped && /%(?![0-9A-Fa-f]{2})/.test(uri)) return `${show(uri)} has a "%" not followed by two hex digits`;
  const colon = uri.indexOf(':');
  const scheme = uri.slice(0, colon).toLowerCase();
  const rest = uri.slice(colon + 1);
  if (scheme === 'mailto') {
    const query = rest.indexOf('?');
    let address = query < 0 ? rest : rest.slice(0, query);
    // Most addresses have no escape to decode.
    if (escaped) {
      try {
        address = decodeURIComponent(address);
      } catch {
        return `${show(uri)} has percent-encoding that is not UTF-8`;
      }
    }
    const at = address.lastIndexOf('@');
    const domain = address.slice(at + 1);
    if (at <= 0 || !isHostName(domain) || /\s/.test(address)) return `${show(uri)} is not a mailto: URI with an address user@domain`;
    return { uri, scheme, address, domain: domain.toLowerCase(), position };
  }
  if (scheme === 'https' || scheme === 'http') {
    let host: string;
    try {
      host = new URL(uri).hostname;
    } catch {
      return `${show(uri)} is not a valid ${scheme}: URL`;
    }
    if (host === '') return `${show(uri)} has no host`;
    return { uri, scheme, domain: host.toLowerCase(), position };
  }
  return { uri, scheme, position };
}

/** Parses a comma-separated URI list value. @internal */
export function parseUriList(g: Pick<TagListGrammar, 'code' | 'record'>, s: TagSpec, allowSize: boolean): ReportUri[] {
  const out: ReportUri[] = [];
  let offset = 0;
  for (const raw of s.value.split(',')) {
    const lead = raw.length - raw.trimStart().length;
    const pos = s.valuePosition + offset + lead;
    offset += raw.length + 1;
    let item = raw.trim();
    if (item === '') throw syntaxError(g, `empty URI at position ${pos} in ${s.name}= — URIs are separated by single commas`, pos, s.value);
    let size: string | undefined;
    const sized = allowSize && item.includes('!') ? /^(.*)!(\d+[kmgtKMGT]?)$/.exec(item) : null;
    if (sized) {
      item = sized[1];
      size = sized[2].toLowerCase();
    }
    const r = parseReportUri(item, pos);
    if (typeof r === 'string') throw syntaxError(g, `${s.name}= at position ${pos}: ${r}`, pos, item);
    out.push(size !== undefined ? { ...r, size } : r);
  }
  return out;
}

const KEEP_IN_URI = /[A-Za-z0-9\-._~:/?#[\]@$&'()*+=]/;
// RFC 6068 qchar less "," ";" "!": what may stay unencoded in the address of a mailto: URI.
const KEEP_IN_ADDRESS = /[A-Za-z0-9\-._~$'()*+:@]/;

function percentEncode(text: string, keep: RegExp, keepEscapes: boolean): string {
  let out = '';
  for (let i = 0; i < text.length; ) {
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    if (keepEscapes && ch === '%' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) out += ch;
    else if (keep.test(ch)) out += ch;
    else out += [...Buffer.from(ch, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
    i += ch.length;
  }
  return out;
}

/**
 * Normalises a reporting destination for publishing. A bare `user@example.com` becomes
 * `mailto:user@example.com` with every character a mailto: address may not hold percent-encoded
 * (`%` included: a bare address is not a URI yet). In a URI, existing `%XX` escapes are kept and
 * every character that would break the record or the URI list (`,`, `;`, `!`, spaces, non-ASCII)
 * is percent-encoded (RFC 7489 §6.4, RFC 9989 §4.8).
 * @returns the URI, or a problem in words.
 * @internal
 */
export function encodeReportUri(input: string): ReportUri | string {
  if (typeof input !== 'string') return `${show(input)} is not text`;
  const trimmed = input.trim();
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(trimmed)) return parseReportUri(percentEncode(trimmed, KEEP_IN_URI, true), 0);
  if (!trimmed.includes('@')) return `${show(input)} is neither a URI nor an e-mail address`;
  return parseReportUri(`mailto:${percentEncode(trimmed, KEEP_IN_ADDRESS, false)}`, 0);
}

// ---------------------------------------------------------------------------------------------
// Building
// ---------------------------------------------------------------------------------------------

function optionError(field: string, value: unknown, problem: string): MailDnsError {
  return new MailDnsError('DMARC_OPTIONS', `${field}: ${show(value)} ${problem}`, { field, value });
}

function checkEnum(field: string, value: unknown, allowed: readonly string[]): void {
  if (value !== undefined && !allowed.includes(value as string)) throw optionError(field, value, `is not one of ${allowed.join(', ')} (RFC 9989 §4.7)`);
}

function uriList(field: string, values: readonly string[] | undefined): string | undefined {
  if (values === undefined) return undefined;
  if (!Array.isArray(values) || values.length === 0) throw optionError(field, values, '— give at least one destination or leave the option out');
  return values
    .map((v, i) => {
      const r = encodeReportUri(v);
      if (typeof r === 'string') throw optionError(`${field}[${i}]`, v, `is not a reporting destination: ${r}`);
      return r.uri;
    })
    .join(',');
}

/**
 * The text of a DMARC record, tags in the order v, p, sp, np, psd, t, adkim, aspf, rua, ruf, fo.
 * @throws MailDnsError `DMARC_OPTIONS` naming the option.
 */
export function buildDmarc(opts: DmarcOptions): string {
  if (opts.p === undefined) throw optionError('p', opts.p, '— p is required when publishing: none, quarantine or reject');
  for (const k of ['p', 'sp', 'np'] as const) checkEnum(k, opts[k], POLICIES);
  checkEnum('psd', opts.psd, ['y', 'n', 'u']);
  checkEnum('t', opts.t, ['y', 'n']);
  checkEnum('adkim', opts.adkim, ['r', 's']);
  checkEnum('aspf', opts.aspf, ['r', 's']);
  const rua = uriList('rua', opts.rua);
  const ruf = uriList('ruf', opts.ruf);
  let fo: string | undefined;
  if (opts.fo !== undefined) {
    try {
      fo = failureOptions({ name: 'fo', value: String(opts.fo), namePosition: 0, valuePosition: 0 });
    } catch (e) {
      throw optionError('fo', opts.fo, `is not valid: ${(e as Error).message.replace(/^DMARC record: /, '')}`);
    }
  }
  const parts = [`v=DMARC1`, `p=${opts.p}`];
  const add = (k: string, v: string | undefined) => {
    if (v !== undefined) parts.push(`${k}=${v}`);
  };
  add('sp', opts.sp);
  add('np', opts.np);
  add('psd', opts.psd);
  add('t', opts.t);
  add('adkim', opts.adkim);
  add('aspf', opts.aspf);
  add('rua', rua);
  add('ruf', ruf);
  add('fo', fo);
  return parts.join('; ');
}

// ---------------------------------------------------------------------------------------------
// External report destinations
// ---------------------------------------------------------------------------------------------

/** A report destination outside the policy domain's organization, and what it must publish. */
export interface ReportAuthorization {
  /** The destination domain (lowercase). */
  readonly destination: string;
  /** The `rua=`/`ruf=` URIs that point there. */
  readonly uris: readonly string[];
  /** Where the destination must publish its consent, absolute: `<own>._report._dmarc.<dest>.`. */
  readonly name: string;
  /** The TXT text it must publish there. */
  readonly text: 'v=DMARC1';
}

/**
 * The report destinations whose organizational domain differs from the policy domain's, each with
 * the record it must publish before receivers send it reports (RFC 7489 §7.1, RFC 9990 §4). The
 * destination may publish a wildcard `*._report._dmarc.<dest>` instead, which this cannot see.
 *
 * @param ownDomain the domain the DMARC record is published for (without `_dmarc.`).
 * @param orgDomainOf organizational domain of a name, e.g. {@link organizationalDomain}; a `null`
 * answer makes the name its own organization.
 */
export function reportDestinations(
  parsed: Pick<ParsedDmarc, 'rua' | 'ruf'>,
  ownDomain: string,
  orgDomainOf: (name: string) => string | null | undefined,
): ReportAuthorization[] {
  const own = bare(ownDomain.toLowerCase());
  // Looked up on the first destination that is not the policy domain itself: reports usually go
  // to the domain itself, which needs no organization (nor the Public Suffix List loaded).
  let ownOrg: string | undefined;
  let found: Map<string, string[]> | undefined;
  for (const list of [parsed.rua, parsed.ruf]) {
    for (const u of list) {
      if (u.domain === undefined) continue;
      const dest = bare(u.domain);
      if (dest === own || (orgDomainOf(dest) ?? dest) === (ownOrg ??= orgDomainOf(own) ?? own)) continue;
      found ??= new Map();
      const uris = found.get(dest) ?? [];
      if (!uris.includes(u.uri)) uris.push(u.uri);
      found.set(dest, uris);
    }
  }
  if (found === undefined) return [];
  return [...found].map(([destination, uris]) => ({ destination, uris, name: `${own}._report._dmarc.${destination}.`, text: 'v=DMARC1' as const }));
}
