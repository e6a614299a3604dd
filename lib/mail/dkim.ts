import { createPrivateKey, createPublicKey, KeyObject } from 'node:crypto';
import { MailDnsError, show } from '../model/errors';

// ---------------------------------------------------------------------------------------------
// Tag-list syntax (RFC 6376 §3.2), shared by DKIM, DMARC, BIMI, TLS-RPT and MTA-STS records.
// ---------------------------------------------------------------------------------------------

/** One `name=value` pair of a tag-list, with where it sits in the record text. */
export interface TagSpec {
  /** The tag name as written. */
  readonly name: string;
  /** The value, without the whitespace around it. */
  readonly value: string;
  /** Zero-based position of the tag name in the record text. */
  readonly namePosition: number;
  /** Zero-based position of the value (of the `;` ending an empty value). */
  readonly valuePosition: number;
}

/**
 * The variations between the tag-list grammars of the mail records.
 * @internal
 */
export interface TagListGrammar {
  /** Error code for problems found. */
  readonly code: string;
  /** What the record is called in messages, e.g. `DKIM key record`. */
  readonly record: string;
  /** The RFC section the syntax comes from, for messages. */
  readonly rfc: string;
  /** Syntax of a tag name. */
  readonly tagName: RegExp;
  /** The tag-name rule in words. */
  readonly tagNameRule: string;
  /** One character allowed inside a value (whitespace included when the grammar allows it inside). */
  readonly valueChar: RegExp;
  /** Whether whitespace may surround `=`. */
  readonly spaceAroundEquals: boolean;
  /** Whether whitespace may precede the first tag. */
  readonly leadingWhitespace: boolean;
  /** Whether `tag=` with nothing after it is allowed. */
  readonly emptyValues: boolean;
  /** Whether `P=` and `p=` are the same tag (for duplicate detection). */
  readonly caseInsensitiveNames: boolean;
  /** Longest token shown in an error; set where a token may be key material pasted by mistake. */
  readonly clip?: number;
}

/** A token as errors may show it: cut to the grammar's `clip`. @internal */
export function clipped(g: Pick<TagListGrammar, 'clip'>, token: string): string {
  return g.clip !== undefined && token.length > g.clip ? `${token.slice(0, g.clip)}…` : token;
}

function isWsp(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n';
}

/** True when `text` is nothing but whitespace (or empty). */
function allWsp(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isWsp(text[i])) return false;
  return true;
}

/**
 * A grammar's `valueChar` widened to a whole value (`^[...]*$`), so a valid value is one regex test
 * instead of one per character; the per-character scan runs only to place the error. Built once per grammar.
 */
const VALUE_RES = new WeakMap<TagListGrammar, RegExp>();

function valueRe(g: TagListGrammar): RegExp {
  let re = VALUE_RES.get(g);
  if (re === undefined) {
    const { source, flags } = g.valueChar;
    // `valueChar` is one character class anchored on both ends: `^[...]$`.
    re = source.startsWith('^') && source.endsWith('$') ? new RegExp(`^(?:${source.slice(1, -1)})*$`, flags) : /(?!)/;
    VALUE_RES.set(g, re);
  }
  return re;
}

/** The error every record parser throws: positioned, value shown. @internal */
export function syntaxError(g: Pick<TagListGrammar, 'code' | 'record'>, problem: string, position: number, value?: unknown): MailDnsError {
  return new MailDnsError(g.code, `${g.record}: ${problem}`, { position, value });
}

/**
 * Splits a tag-list into its tags, enforcing the grammar given: tag-name syntax, the characters of
 * values, whitespace placement, empty tags and duplicate tags (which make the whole list invalid,
 * RFC 6376 §3.2). A single trailing `;` is allowed.
 * @internal
 */
export function parseTagList(text: string, g: TagListGrammar): TagSpec[] {
  if (typeof text !== 'string') throw syntaxError(g, `expected text at position 0, received ${typeof text}`, 0);
  if (text.trim() === '') throw syntaxError(g, `the record is empty at position 0 (received ${show(text)})`, 0, clipped(g, text));
  const specs: TagSpec[] = [];
  const seen = new Map<string, TagSpec>();
  let start = 0;
  for (;;) {
    const semi = text.indexOf(';', start);
    const end = semi === -1 ? text.length : semi;
    const seg = text.slice(start, end);
    if (allWsp(seg)) {
      if (semi === -1 && specs.length > 0) break;
      throw syntaxError(g, `empty tag at position ${start}: ";" with no tag before it — ${g.rfc}`, start, seg);
    }
    let i = 0;
    if (specs.length > 0 || g.leadingWhitespace) while (i < seg.length && isWsp(seg[i])) i++;
    else if (isWsp(seg[0])) throw syntaxError(g, `the record starts with whitespace at position 0 — ${g.rfc} has it start with its first tag`, start);
    const nameStart = i;
    while (i < seg.length && seg[i] !== '=' && !isWsp(seg[i])) i++;
    const name = seg.slice(nameStart, i);
    const namePosition = start + nameStart;
    if (name === '') throw syntaxError(g, `missing tag name before "=" at position ${namePosition} — ${g.rfc}`, namePosition);
    if (!g.tagName.test(name)) {
      throw syntaxError(g, `tag name ${show(clipped(g, name))} at position ${namePosition} is not valid — ${g.rfc}: ${g.tagNameRule}`, namePosition, clipped(g, name));
    }
    const afterName = i;
    while (i < seg.length && isWsp(seg[i])) i++;
    if (i >= seg.length || seg[i] !== '=') {
      throw syntaxError(g, `tag ${show(clipped(g, name))} at position ${namePosition} has no "=" — write ${clipped(g, name)}=<value>`, namePosition, clipped(g, name));
    }
    if (i > afterName && !g.spaceAroundEquals) {
      throw syntaxError(g, `whitespace before "=" in tag ${show(clipped(g, name))} at position ${start + afterName} — ${g.rfc} allows none`, start + afterName, clipped(g, name));
    }
    i++;
    const afterEquals = i;
    while (i < seg.length && isWsp(seg[i])) i++;
    if (i > afterEquals && !g.spaceAroundEquals && i < seg.length) {
      throw syntaxError(g, `whitespace after "=" in tag ${show(clipped(g, name))} at position ${start + afterEquals} — ${g.rfc} allows none`, start + afterEquals, clipped(g, name));
    }
    let valueEnd = seg.length;
    while (valueEnd > i && isWsp(seg[valueEnd - 1])) valueEnd--;
    const value = seg.slice(i, valueEnd);
    const valuePosition = start + i;
    // One test of the whole value; the character-by-character scan only places an error.
    if (!valueRe(g).test(value)) {
      for (let k = 0; k < value.length; k++) {
        if (!g.valueChar.test(value[k])) {
          throw syntaxError(
            g,
            `character ${show(value[k])} at position ${valuePosition + k} is not allowed in the value of tag ${show(clipped(g, name))} — ${g.rfc}`,
            valuePosition + k,
            value[k],
          );
        }
      }
    }
    if (value === '' && !g.emptyValues) throw syntaxError(g, `tag ${show(clipped(g, name))} at position ${namePosition} has an empty value — ${g.rfc}`, namePosition, clipped(g, name));
    const key = g.caseInsensitiveNames ? name.toLowerCase() : name;
    const first = seen.get(key);
    if (first) {
      throw syntaxError(
        g,
        `tag ${show(clipped(g, name))} at position ${namePosition} repeats the one at position ${first.namePosition} — a duplicate tag makes the whole record invalid (RFC 6376 §3.2); keep one`,
        namePosition,
        clipped(g, name),
      );
    }
    const spec: TagSpec = { name, value, namePosition, valuePosition };
    seen.set(key, spec);
    specs.push(spec);
    if (semi === -1) break;
    start = semi + 1;
  }
  return specs;
}

/** A colon-separated list with optional whitespace around the colons, each item checked by `item`. @internal */
export function splitList(
  g: Pick<TagListGrammar, 'code' | 'record' | 'clip'>,
  spec: TagSpec,
  item: RegExp,
  rule: string,
  separator = ':',
): string[] {
  const out: string[] = [];
  let offset = 0;
  for (const raw of spec.value.split(separator)) {
    const lead = raw.length - raw.trimStart().length;
    const token = raw.trim();
    const pos = spec.valuePosition + offset + lead;
    if (!item.test(token)) {
      throw syntaxError(g, `${show(clipped(g, token))} at position ${pos} in tag ${show(clipped(g, spec.name))} is not valid — ${rule}`, pos, clipped(g, token));
    }
    out.push(token);
    offset += raw.length + separator.length;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// DKIM key records (RFC 6376 §3.6.1, RFC 8463)
// ---------------------------------------------------------------------------------------------

/** DKIM key types this library publishes: RSA (RFC 6376) and Ed25519 (RFC 8463). */
export type DkimKeyType = 'rsa' | 'ed25519';
/** Hash algorithms a key record may restrict itself to (`h=`). */
export type DkimHashAlgorithm = 'sha1' | 'sha256';
/** Key flags (`t=`): `y` testing, `s` no subdomains in the signing identity. */
export type DkimFlag = 'y' | 's';

/** What a DKIM key record publishes. */
export interface DkimOptions {
  /** The selector: the record lives at `<selector>._domainkey`. */
  readonly selector: string;
  /**
   * The public key: a PEM `PUBLIC KEY` or `RSA PUBLIC KEY` block, base64 DER SubjectPublicKeyInfo,
   * or for ed25519 the raw 32-byte key in base64 as RFC 8463 publishes it. Never a private key.
   * @default - an empty `p=`, which revokes the selector (RFC 6376 §3.6.1)
   */
  readonly publicKey?: string;
  /** Key type (`k=`). @default 'rsa' */
  readonly keyType?: DkimKeyType;
  /** Hash algorithms the key may be used with (`h=`). @default - any (no `h=` tag) */
  readonly hashAlgorithms?: DkimHashAlgorithm[];
  /** Flags (`t=`). @default - none (no `t=` tag) */
  readonly flags?: DkimFlag[];
  /** Service types (`s=`), `email` or `*`. @default - all (no `s=` tag) */
  readonly serviceType?: string[];
  /** Human-readable notes (`n=`), quoted-printable encoded as needed. @default - no `n=` tag */
  readonly notes?: string;
  /**
   * Delegate the selector to a provider with a CNAME instead of publishing a key. Excludes every
   * other option but `selector`.
   * @default - publish a TXT key record
   */
  readonly cname?: string;
}

/** A DKIM key record to publish as TXT. */
export interface DkimTxtRecord {
  /** `<selector>._domainkey`, relative to the zone. */
  readonly name: string;
  /** The record text, one string (splitting into character-strings is the zone model's job). */
  readonly text: string;
}

/** A DKIM selector delegated to a provider by CNAME. */
export interface DkimCnameRecord {
  /** `<selector>._domainkey`, relative to the zone. */
  readonly name: string;
  /** The CNAME target, as given. */
  readonly cname: string;
}

/** A parsed DKIM key record. */
export interface ParsedDkim {
  /** Every tag as written, by name. */
  readonly tags: Readonly<Record<string, string>>;
  /** `v=` when present (only `DKIM1` parses). */
  readonly version?: 'DKIM1';
  /** `k=`, default `rsa`. Unknown types are kept: verifiers ignore such keys. */
  readonly keyType: string;
  /** `h=` when present. */
  readonly hashAlgorithms?: readonly string[];
  /** `s=`, default `['*']`. */
  readonly serviceTypes: readonly string[];
  /** `t=`, default none. */
  readonly flags: readonly string[];
  /** `n=` decoded from quoted-printable. */
  readonly notes?: string;
  /** `p=` with whitespace removed; empty for a revoked key. */
  readonly publicKey: string;
  /** Whether `p=` is empty (RFC 6376 §3.6.1: the key has been revoked). */
  readonly revoked: boolean;
  /** Tags RFC 6376 does not define, which verifiers ignore. */
  readonly unknownTags: readonly string[];
}

const DKIM_GRAMMAR: TagListGrammar = {
  code: 'DKIM_SYNTAX',
  record: 'DKIM key record',
  rfc: 'RFC 6376 §3.2',
  tagName: /^[A-Za-z][A-Za-z0-9_]*$/,
  tagNameRule: 'a tag name is a letter followed by letters, digits or "_"',
  valueChar: /^[\x21-\x3a\x3c-\x7e \t\r\n]$/,
  spaceAroundEquals: true,
  leadingWhitespace: true,
  emptyValues: true,
  caseInsensitiveNames: false,
  clip: 16,
};

const HYPHENATED_WORD = /^[A-Za-z](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;
const KNOWN_DKIM_TAGS = new Set(['v', 'h', 'k', 'n', 'p', 's', 't']);
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/**
 * Whether a DKIM selector is valid: RFC 6376 §3.1 defines `selector = sub-domain *( "." sub-domain )`
 * with RFC 5321's sub-domain, i.e. dot-separated labels of letters, digits and inner hyphens, each at
 * most 63 characters. Underscores are rejected: the ABNF has none, and a verifier that checks the
 * `s=` of a signature against it may refuse the signature.
 */
export function isValidSelector(selector: string): boolean {
  return typeof selector === 'string' && selector !== '' && selector.split('.').every((l) => LABEL.test(l));
}

/**
 * The record for a DKIM selector: `{ name, text }` for a key (tags in the order v, h, k, s, t, n, p),
 * or `{ name, cname }` for a delegation.
 * @throws MailDnsError `DKIM_SELECTOR`, `DKIM_OPTIONS` or `DKIM_KEY` (the key is never quoted).
 */
export function buildDkim(opts: DkimOptions): DkimTxtRecord | DkimCnameRecord {
  if (!isValidSelector(opts.selector)) {
    throw new MailDnsError(
      'DKIM_SELECTOR',
      `selector: ${show(opts.selector)} is not a valid DKIM selector — RFC 6376 §3.1 allows dot-separated labels of letters, digits and inner hyphens (no "_"), each at most 63 characters`,
      { field: 'selector', value: opts.selector },
    );
  }
  const name = `${opts.selector}._domainkey`;
  if (opts.cname !== undefined) {
    const others = (['publicKey', 'keyType', 'hashAlgorithms', 'flags', 'serviceType', 'notes'] as const).filter((k) => opts[k] !== undefined);
    if (others.length > 0) {
      throw new MailDnsError(
        'DKIM_OPTIONS',
        `cname: a delegated selector publishes no key, so ${others.join(', ')} would be ignored — give either cname or the key options`,
        { field: 'cname', value: others },
      );
    }
    const target = opts.cname.trim();
    const labels = (target.endsWith('.') ? target.slice(0, -1) : target).split('.');
    if (target === '' || labels.some((l) => !/^[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$/.test(l))) {
      throw new MailDnsError('DKIM_OPTIONS', `cname: ${show(opts.cname)} is not a host name — give the provider's target, e.g. selector1-example-com._domainkey.example.onmicrosoft.com`, {
        field: 'cname',
        value: opts.cname,
      });
    }
    return { name, cname: target };
  }
  const keyType = opts.keyType ?? 'rsa';
  if (keyType !== 'rsa' && keyType !== 'ed25519') {
    throw new MailDnsError('DKIM_OPTIONS', `keyType: ${show(keyType)} is not rsa or ed25519`, { field: 'keyType', value: keyType });
  }
  const tags: string[] = ['v=DKIM1'];
  if (opts.hashAlgorithms !== undefined) {
    checkList('hashAlgorithms', opts.hashAlgorithms, ['sha1', 'sha256']);
    if (keyType === 'ed25519' && opts.hashAlgorithms.includes('sha1')) {
      throw new MailDnsError('DKIM_OPTIONS', `hashAlgorithms: ${show(opts.hashAlgorithms)} — ed25519 is defined only with sha256 (RFC 8463 §3)`, {
        field: 'hashAlgorithms',
        value: opts.hashAlgorithms,
      });
    }
    tags.push(`h=${opts.hashAlgorithms.join(':')}`);
  }
  tags.push(`k=${keyType}`);
  if (opts.serviceType !== undefined) {
    checkList('serviceType', opts.serviceType, undefined, /^(?:\*|[A-Za-z](?:[A-Za-z0-9-]*[A-Za-z0-9])?)$/);
    tags.push(`s=${opts.serviceType.join(':')}`);
  }
  if (opts.flags !== undefined) {
    checkList('flags', opts.flags, ['y', 's']);
    tags.push(`t=${opts.flags.join(':')}`);
  }
  if (opts.notes !== undefined) tags.push(`n=${encodeQp(opts.notes)}`);
  tags.push(`p=${opts.publicKey === undefined ? '' : dkimPublicKeyValue(opts.publicKey, keyType)}`);
  return { name, text: tags.join('; ') };
}

function checkList(field: string, values: readonly string[], allowed?: readonly string[], syntax?: RegExp): void {
  if (!Array.isArray(values) || values.length === 0) {
    throw new MailDnsError('DKIM_OPTIONS', `${field}: ${show(values)} — give at least one value or leave the option out`, { field, value: values });
  }
  values.forEach((v, i) => {
    const ok = typeof v === 'string' && (allowed ? allowed.includes(v) : syntax!.test(v));
    if (!ok) {
      const rule = allowed ? `one of ${allowed.join(', ')}` : 'a word of letters, digits and inner hyphens, or *';
      throw new MailDnsError('DKIM_OPTIONS', `${field}[${i}]: ${show(v)} is not ${rule} (RFC 6376 §3.6.1)`, { field: `${field}[${i}]`, value: v });
    }
    if (values.indexOf(v) !== i) {
      throw new MailDnsError('DKIM_OPTIONS', `${field}[${i}]: ${show(v)} is listed twice`, { field: `${field}[${i}]`, value: v });
    }
  });
}

/**
 * The `p=` value for a public key: base64 DER SubjectPublicKeyInfo for RSA (what verifiers accept;
 * a PKCS#1 `RSA PUBLIC KEY` is converted to it), the raw 32-byte key for ed25519 (RFC 8463 §4).
 * @throws MailDnsError `DKIM_KEY` naming the problem; the key text never appears in it.
 */
export function dkimPublicKeyValue(publicKey: string, keyType: DkimKeyType = 'rsa'): string {
  const r = inspectDkimKey(publicKey, keyType);
  if (!r.ok) {
    throw new MailDnsError('DKIM_KEY', `publicKey: not usable as a DKIM ${keyType} key (${r.problem}: ${r.detail})`, { field: 'publicKey' });
  }
  return r.publicKey;
}

/**
 * Parses a DKIM key record (RFC 6376 §3.6.1). `v=`, when present, must come first and be `DKIM1`;
 * `p=` is required (empty means revoked) and may hold whitespace, which is removed.
 * @throws MailDnsError `DKIM_SYNTAX` with `position`; the `p=` value is never quoted.
 */
export function parseDkim(text: string): ParsedDkim {
  const g = DKIM_GRAMMAR;
  const specs = parseTagList(text, g);
  const tags: Record<string, string> = {};
  for (const s of specs) tags[s.name] = s.value;
  const byName = new Map(specs.map((s) => [s.name, s]));
  const v = byName.get('v');
  if (v) {
    if (specs[0] !== v) throw syntaxError(g, `v= at position ${v.namePosition} is not the first tag — RFC 6376 §3.6.1 requires it first; move it to the front`, v.namePosition, 'v');
    if (v.value !== 'DKIM1') throw syntaxError(g, `v=${show(clipped(g, v.value))} at position ${v.valuePosition} — the only version is DKIM1, and verifiers discard other records`, v.valuePosition, clipped(g, v.value));
  }
  const h = byName.get('h');
  const hashAlgorithms = h ? splitList(g, h, HYPHENATED_WORD, 'a hash algorithm such as sha256 (RFC 6376 §3.6.1)') : undefined;
  const k = byName.get('k');
  if (k && !HYPHENATED_WORD.test(k.value)) throw syntaxError(g, `k=${show(clipped(g, k.value))} at position ${k.valuePosition} is not a key type word (rsa, ed25519)`, k.valuePosition, clipped(g, k.value));
  const s = byName.get('s');
  const serviceTypes = s ? splitList(g, s, /^(?:\*|[A-Za-z](?:[A-Za-z0-9-]*[A-Za-z0-9])?)$/, 'a service type: email or *') : ['*'];
  const t = byName.get('t');
  const flags = t ? splitList(g, t, HYPHENATED_WORD, 'a flag: y or s') : [];
  const n = byName.get('n');
  const notes = n ? decodeQp(g, n) : undefined;
  const p = byName.get('p');
  if (!p) throw syntaxError(g, `no p= tag up to the end (position ${text.length}) — RFC 6376 §3.6.1 requires the public key (an empty p= revokes it)`, text.length);
  const publicKey = checkBase64(g, p);
  return {
    tags,
    ...(v ? { version: 'DKIM1' as const } : {}),
    keyType: k ? k.value : 'rsa',
    ...(hashAlgorithms ? { hashAlgorithms } : {}),
    serviceTypes,
    flags,
    ...(notes !== undefined ? { notes } : {}),
    publicKey,
    revoked: publicKey === '',
    unknownTags: specs.filter((x) => !KNOWN_DKIM_TAGS.has(x.name)).map((x) => x.name),
  };
}

function checkBase64(g: TagListGrammar, p: TagSpec): string {
  let out = '';
  let padding = 0;
  for (let i = 0; i < p.value.length; i++) {
    const c = p.value[i];
    if (isWsp(c)) continue;
    const ok = c === '=' ? true : padding === 0 && /[A-Za-z0-9+/]/.test(c);
    if (!ok || (c === '=' && ++padding > 2)) {
      // Only the offending character is shown: the value might be key material pasted by mistake.
      throw syntaxError(g, `p= holds ${show(c)} at position ${p.valuePosition + i}, which is not base64 — RFC 6376 §3.6.1 wants the base64 key`, p.valuePosition + i);
    }
    out += c;
  }
  if (out.length % 4 !== 0) {
    throw syntaxError(g, `p= at position ${p.valuePosition} is ${out.length} base64 characters, not a multiple of 4 — the key is cut short or lacks "=" padding`, p.valuePosition);
  }
  return out;
}

/** RFC 6376 §2.11 dkim-safe-char: printable ASCII except `;` and `=`, plus inner spaces. */
function encodeQp(notes: string): string {
  const bytes = Buffer.from(notes, 'utf8');
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    const edge = i === 0 || i === bytes.length - 1;
    const safe = (b >= 0x21 && b <= 0x3a) || b === 0x3c || (b >= 0x3e && b <= 0x7e) || (b === 0x20 && !edge);
    out += safe ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function decodeQp(g: TagListGrammar, n: TagSpec): string {
  const bytes: number[] = [];
  for (let i = 0; i < n.value.length; i++) {
    const c = n.value[i];
    if (c === '=') {
      const hex = n.value.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) {
        throw syntaxError(g, `n= has "=" at position ${n.valuePosition + i} not followed by two hex digits (received ${show(n.value.slice(i, i + 3))}) — quoted-printable, RFC 6376 §2.11`, n.valuePosition + i, clipped(g, n.value));
      }
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(c.charCodeAt(0));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

// ---------------------------------------------------------------------------------------------
// Key inspection
// ---------------------------------------------------------------------------------------------

/** Why a DKIM key cannot be published as given. */
export type DkimKeyProblem = 'not-base64' | 'not-public-key' | 'private-key' | 'wrong-length' | 'type-mismatch';

/** The outcome of {@link inspectDkimKey}. */
export type DkimKeyInspection =
  | {
      readonly ok: true;
      /** The type of the key found. */
      readonly keyType: DkimKeyType;
      /** RSA modulus length, or 256 for ed25519. */
      readonly bits: number;
      /** The `p=` value to publish (SPKI DER base64 for RSA, raw 32 bytes base64 for ed25519). */
      readonly publicKey: string;
    }
  | {
      readonly ok: false;
      readonly problem: DkimKeyProblem;
      /** What was found, in words. Never contains the key text. */
      readonly detail: string;
    };

function fail(problem: DkimKeyProblem, detail: string): DkimKeyInspection {
  return { ok: false, problem, detail };
}

const PRIVATE_DETAIL = 'a private key must never be published in DNS: publish the public half (openssl pkey -pubout) and rotate this key if it was ever shared';

/**
 * Inspects a DKIM public key — a PEM block, base64 DER, the raw ed25519 key, or a whole key record
 * (`v=DKIM1; k=...; p=...`) — and reports its type and size, or what is wrong with it.
 *
 * Private keys are recognised (any PEM `... PRIVATE KEY` armor, or DER that parses as PKCS#8,
 * PKCS#1 or SEC1 private key) and reported without their content. A raw 32-byte ed25519 private
 * seed is indistinguishable from a public key and cannot be caught.
 *
 * For RSA both SubjectPublicKeyInfo and PKCS#1 RSAPublicKey are accepted (RFC 6376 §3.6.1 names the
 * latter, verifiers expect the former); for ed25519 the published value must be the raw 32 bytes
 * (RFC 8463 §4), so a 44-byte SubjectPublicKeyInfo is `wrong-length` — but a PEM block is converted.
 *
 * @param keyType the key type the record declares (`k=`); omitted, the type is taken from the key
 * (from `k=` when a whole record is given).
 */
export function inspectDkimKey(publicKeyOrText: string, keyType?: string): DkimKeyInspection {
  if (typeof publicKeyOrText !== 'string') return fail('not-public-key', `expected text, received ${typeof publicKeyOrText}`);
  if (keyType !== undefined && keyType !== 'rsa' && keyType !== 'ed25519') {
    return fail('type-mismatch', `k=${show(clipped(DKIM_GRAMMAR, keyType))} is not a key type DKIM defines (rsa, RFC 6376; ed25519, RFC 8463)`);
  }
  // The inspection depends only on the text and the declared type, and costs node:crypto parses:
  // a key is inspected at planning, again by buildDkim, and again by the rules, and fleets reuse keys.
  const cacheKey = `${keyType ?? ''}:${publicKeyOrText}`;
  const cached = inspections.get(cacheKey);
  if (cached !== undefined) return cached;
  const result = Object.freeze(inspectUncached(publicKeyOrText, keyType));
  // Dropping everything at the limit (as the org-domain caches do) keeps the cache O(1) and bounded.
  if (inspections.size >= INSPECTION_CACHE_LIMIT) inspections.clear();
  inspections.set(cacheKey, result);
  return result;
}

/** Most inspections kept: at a few hundred bytes of key text and result each, a few megabytes. */
const INSPECTION_CACHE_LIMIT = 10_000;
/** Inspections by `<declared type>:<text>`; the results are frozen, so sharing them is safe. */
const inspections = new Map<string, DkimKeyInspection>();

function inspectUncached(publicKeyOrText: string, keyType: string | undefined): DkimKeyInspection {
  const input = publicKeyOrText.trim();
  const armor = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(input);
  if (armor) {
    const label = armor[1];
    if (label.includes('PRIVATE KEY')) return fail('private-key', `a PEM "${label}" block — ${PRIVATE_DETAIL}`);
    if (label !== 'PUBLIC KEY' && label !== 'RSA PUBLIC KEY') return fail('not-public-key', `a PEM "${label}" block; DKIM publishes a PUBLIC KEY`);
    let key: KeyObject;
    try {
      key = createPublicKey({ key: input, format: 'pem' });
    } catch {
      return fail('not-public-key', `the PEM "${label}" block does not decode to a public key`);
    }
    return fromKeyObject(key, keyType, true);
  }
  if (/^(?:ssh-(?:rsa|ed25519|dss)|ecdsa-sha2-\S+) /.test(input)) {
    return fail('not-public-key', 'an OpenSSH public key line; DKIM needs base64 DER SubjectPublicKeyInfo (or the raw 32-byte ed25519 key)');
  }
  if (/(?:^|;)\s*p\s*=/.test(input)) {
    let record: ParsedDkim;
    try {
      record = parseDkim(input);
    } catch (e) {
      return fail('not-public-key', `the DKIM record does not parse: ${(e as Error).message}`);
    }
    if (record.revoked) return fail('not-public-key', 'the record has an empty p=, which revokes the key (RFC 6376 §3.6.1)');
    return inspectDkimKey(record.publicKey, keyType ?? record.keyType);
  }
  const b64 = input.replace(/\s+/g, '');
  if (b64 === '') return fail('not-public-key', 'the key is empty');
  const bad = /[^A-Za-z0-9+/=]|=[^=]/.exec(b64);
  if (bad) return fail('not-base64', `character ${show(b64[bad.index])} at offset ${bad.index} (whitespace removed) is not base64`);
  if (b64.length % 4 !== 0) return fail('not-base64', `${b64.length} characters is not a multiple of 4: cut short, or "=" padding missing`);
  const der = Buffer.from(b64, 'base64');
  if (isPrivateDer(der)) return fail('private-key', `DER that decodes as a private key — ${PRIVATE_DETAIL}`);
  if (keyType === 'ed25519' || (keyType === undefined && der.length === 32)) {
    if (der.length === 32) return { ok: true, keyType: 'ed25519', bits: 256, publicKey: b64 };
    const key = publicFromDer(der);
    if (key?.asymmetricKeyType === 'ed25519') {
      return fail('wrong-length', `a ${der.length}-byte SubjectPublicKeyInfo; RFC 8463 §4 publishes only the raw 32-byte key — drop the ${der.length - 32}-byte header`);
    }
    if (key) return fail('type-mismatch', `k=ed25519 but the key is ${describeType(key)}`);
    return fail('wrong-length', `${der.length} bytes; an ed25519 key is exactly 32 bytes (RFC 8463 §4)`);
  }
  const key = publicFromDer(der);
  if (!key) {
    if (der.length === 32) return fail('type-mismatch', 'k=rsa but the 32 bytes look like a raw ed25519 key — publish it with k=ed25519');
    return fail('not-public-key', `${der.length} bytes that decode to neither a SubjectPublicKeyInfo nor an RSAPublicKey`);
  }
  return fromKeyObject(key, keyType, false);
}

function describeType(key: KeyObject): string {
  return `an ${key.asymmetricKeyType ?? 'unknown'} key`;
}

function fromKeyObject(key: KeyObject, declared: string | undefined, fromPem: boolean): DkimKeyInspection {
  const type = key.asymmetricKeyType;
  if (type === 'rsa') {
    if (declared === 'ed25519') return fail('type-mismatch', 'k=ed25519 but the key is an RSA key');
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    return { ok: true, keyType: 'rsa', bits, publicKey: key.export({ type: 'spki', format: 'der' }).toString('base64') };
  }
  if (type === 'ed25519') {
    if (declared === 'rsa') return fail('type-mismatch', 'k=rsa but the key is an ed25519 key — publish it with k=ed25519');
    const raw = Buffer.from(String(key.export({ format: 'jwk' }).x), 'base64url');
    if (!fromPem) return fail('wrong-length', 'a 44-byte SubjectPublicKeyInfo; RFC 8463 §4 publishes only the raw 32-byte key — drop the 12-byte header');
    return { ok: true, keyType: 'ed25519', bits: 256, publicKey: raw.toString('base64') };
  }
  return fail('type-mismatch', `${describeType(key)}; DKIM defines only rsa (RFC 6376) and ed25519 (RFC 8463)`);
}

function publicFromDer(der: Buffer): KeyObject | undefined {
  for (const type of ['spki', 'pkcs1'] as const) {
    try {
      return createPublicKey({ key: der, format: 'der', type });
    } catch {
      // try the next encoding
    }
  }
  return undefined;
}

/**
 * Whether DER decodes as a private key: PKCS#8 (plain, or encrypted, which node:crypto reports as
 * needing a passphrase), PKCS#1 or SEC1. Each failing node:crypto parse costs about a millisecond, so
 * DER whose structure rules all of them out ({@link mayBePrivateDer}) is answered without them.
 * @internal
 */
export function isPrivateDer(der: Buffer): boolean {
  return mayBePrivateDer(der) && decodesAsPrivateKey(der);
}

/**
 * A cheap look at the DER structure: `false` only when no private-key parse of node:crypto can
 * succeed, so a public key skips them; `true` leaves the answer to those parses.
 *
 * Every private-key form is a SEQUENCE whose first element is an INTEGER (the version of PKCS#8
 * PrivateKeyInfo, PKCS#1 RSAPrivateKey, SEC1 ECPrivateKey), except PKCS#8 EncryptedPrivateKeyInfo:
 * SEQUENCE { AlgorithmIdentifier (a SEQUENCE), OCTET STRING }. So the answer is `false` for
 * - anything that does not start with a SEQUENCE tag (0x30; 0x3f, the long form of a tag number that
 *   OpenSSL also reads, is left to the parses), e.g. most raw 32-byte ed25519 keys;
 * - a well-formed SubjectPublicKeyInfo, SEQUENCE { SEQUENCE, BIT STRING } (a BIT STRING is not the
 *   OCTET STRING of an encrypted key, and the first element is no INTEGER);
 * - a well-formed PKCS#1 RSAPublicKey, SEQUENCE { INTEGER, INTEGER }: two elements, where the
 *   shortest private form (SEC1) has an INTEGER and an OCTET STRING, and PKCS#8 a SEQUENCE second.
 * Anything else, malformed or indefinite-length encodings included, is `true`.
 * @internal
 */
export function mayBePrivateDer(der: Uint8Array): boolean {
  if (der.length === 0) return false;
  if (der[0] !== 0x30) return der[0] === 0x3f;
  const outer = derHeader(der, 0);
  if (outer === undefined || outer.end !== der.length) return true;
  const tags: number[] = [];
  for (let at = outer.contents; at < outer.end; ) {
    const element = derHeader(der, at);
    if (element === undefined || element.end > outer.end || tags.length === 2) return true;
    tags.push(der[at]);
    at = element.end;
  }
  const [first, second] = tags;
  const spki = first === 0x30 && second === 0x03;
  const rsaPublicKey = first === 0x02 && second === 0x02;
  return !(spki || rsaPublicKey);
}

/** Where the contents and the end of the DER element at `at` are; `undefined` unless a low tag number with a definite length. */
function derHeader(der: Uint8Array, at: number): { contents: number; end: number } | undefined {
  if (at + 2 > der.length || (der[at] & 0x1f) === 0x1f) return undefined;
  const first = der[at + 1];
  if (first < 0x80) return { contents: at + 2, end: at + 2 + first };
  const octets = first & 0x7f;
  // 0x80 is the indefinite length (BER); more than 4 length octets is no key.
  if (octets === 0 || octets > 4 || at + 2 + octets > der.length) return undefined;
  let length = 0;
  for (let i = 0; i < octets; i++) length = length * 256 + der[at + 2 + i];
  const contents = at + 2 + octets;
  return { contents, end: contents + length };
}

/** The final word on DER that may be private: try each private-key encoding with node:crypto. @internal */
export function decodesAsPrivateKey(der: Buffer): boolean {
  for (const type of ['pkcs8', 'pkcs1', 'sec1'] as const) {
    try {
      createPrivateKey({ key: der, format: 'der', type });
      return true;
    } catch (e) {
      if ((e as { code?: string }).code === 'ERR_MISSING_PASSPHRASE') return true;
    }
  }
  return false;
}
