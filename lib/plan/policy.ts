import { buildBimi, isBimiHttpsUri } from '../mail/bimi';
import { buildDkim, DkimCnameRecord, DkimTxtRecord, inspectDkimKey, isValidSelector } from '../mail/dkim';
import { buildDmarc, encodeReportUri, ParsedDmarc, parseDmarc, ReportAuthorization, reportDestinations } from '../mail/dmarc';
import { buildMtaSts, isValidMaxAge } from '../mail/mta-sts';
import { organizationalDomain } from '../mail/org-domain';
import { buildTlsRpt } from '../mail/tls-rpt';
import { MailDnsError, show } from '../model/errors';
import { bare, isInZone } from '../model/name';
import { DnsRecord } from '../model/records';
import { Zone } from '../model/zone';
import { BimiSpec, CaaSpec, DkimSpec, DmarcSpec, DomainSpec, MtaStsSpec, TlsRptSpec } from '../spec/types';
import { ZoneBuilder } from './builder';

/**
 * The mail policy records of a domain: DKIM, DMARC, MTA-STS, TLS-RPT, BIMI and CAA.
 *
 * A value that can be written into its record is published as written and judged by the rules,
 * so the same rule catches a mistake in the spec and in a record given under `records:` (an
 * `http:` report address, a BIMI logo over plain HTTP, a CAA value of the wrong shape). A value
 * that cannot form a record at all (an address that is no URI, a URL holding `;`) throws at
 * planning with its field path. Two kinds of value are never published: a DKIM key that is not a
 * usable public key (a private key above all) and an MTA-STS `maxAge` out of range; they are kept
 * as zone facts (`zone.policy`) for DKIM_PRIVATE_KEY, DKIM_KEY_INVALID, DKIM_SELECTOR_INVALID and
 * MTA_STS_MAX_AGE to report — and a fact never holds key material.
 */

/** MTA-STS `max_age` when the spec gives none: one week, as RFC 8461's example. */
export const DEFAULT_MTA_STS_MAX_AGE = 604800;

/** The DMARC report authorization text (RFC 7489 §7.1, RFC 9990 §4). */
export const REPORT_AUTHORIZATION_TEXT = 'v=DMARC1';

/** Adds the policy records of a domain (DKIM, DMARC, MTA-STS, TLS-RPT, BIMI, CAA). Call it after the MX records are in the zone: MTA-STS lists them. */
export function addPolicyRecords(b: ZoneBuilder, spec: DomainSpec): void {
  (spec.dkim ?? []).forEach((d, i) => addDkim(b, d, `dkim[${i}]`));
  if (spec.dmarc !== undefined) addDmarc(b, spec.dmarc);
  if (spec.mtaSts !== undefined) addMtaSts(b, spec.mtaSts);
  if (spec.tlsRpt !== undefined) addTlsRpt(b, spec.tlsRpt);
  if (spec.bimi !== undefined) addBimi(b, spec.bimi);
  (spec.caa ?? []).forEach((c, i) => addCaa(b, c, `caa[${i}]`));
}

/** Runs a builder, placing its error at `field` of the spec. */
function at<T>(b: ZoneBuilder, field: string, build: () => T): T {
  try {
    return build();
  } catch (e) {
    if (e instanceof MailDnsError) throw e.at(b.path(field));
    throw e;
  }
}

function specError(b: ZoneBuilder, field: string, value: unknown, message: string): MailDnsError {
  return new MailDnsError('SPEC_FIELD', `${b.path(field)}: ${message}`, { field: b.path(field), value });
}

function addDkim(b: ZoneBuilder, d: DkimSpec, field: string): void {
  const keyType = d.keyType ?? 'rsa';
  if (!isValidSelector(d.selector)) {
    b.zone.policy.dkim.push({
      selector: d.selector,
      name: `${String(d.selector).toLowerCase()}._domainkey.${b.zone.origin}`,
      problem: 'selector',
      detail: 'RFC 6376 §3.1 allows dot-separated labels of letters, digits and inner hyphens (no "_"), each at most 63 characters',
      keyType,
      source: b.path(`${field}.selector`),
    });
    return;
  }
  const owner = b.owner(`${d.selector}._domainkey`, `${field}.selector`);
  if (d.cname !== undefined) {
    const built = at(b, field, () => buildDkim(d)) as DkimCnameRecord;
    const target = b.name(built.cname, `${field}.cname`, 'owner');
    b.add(owner, { type: 'CNAME', target }, { kind: 'dkim', source: `${field}.cname`, written: d.cname });
    return;
  }
  if (d.publicKey === undefined) {
    throw specError(b, field, d.selector, `selector ${show(d.selector)} has neither publicKey nor cname — give the public key (PEM or base64 DER) or the provider's CNAME target`);
  }
  if (b.isUnresolved(d.publicKey)) {
    // A key from another resource: the tags are checked now, the key only once it exists.
    const { text } = at(b, field, () => buildDkim({ ...d, publicKey: undefined })) as DkimTxtRecord;
    b.add(owner, { type: 'TXT', text: `${text}${d.publicKey}` }, { kind: 'dkim', source: `${field}.publicKey`, unresolved: true });
    return;
  }
  const inspection = inspectDkimKey(d.publicKey, keyType);
  if (!inspection.ok) {
    b.zone.policy.dkim.push({ selector: d.selector, name: owner, problem: inspection.problem, detail: inspection.detail, keyType, source: b.path(`${field}.publicKey`) });
    return;
  }
  const built = at(b, field, () => buildDkim({ ...d, keyType })) as DkimTxtRecord;
  b.add(owner, { type: 'TXT', text: built.text }, { kind: 'dkim', source: `${field}.publicKey` });
}

function addDmarc(b: ZoneBuilder, dmarc: DmarcSpec | string): void {
  const owner = b.name('_dmarc', 'dmarc');
  // Raw text is kept exactly as written: DMARC_SYNTAX judges it, as it judges a record under `records:`.
  const text = typeof dmarc === 'string' ? dmarc : at(b, 'dmarc', () => buildDmarc(dmarc));
  b.add(owner, { type: 'TXT', text }, { kind: 'dmarc', source: 'dmarc', unresolved: b.isUnresolved(text) });
}

/** The bare names of the apex MX exchanges (not the null MX), in zone order, each once. */
function mxHosts(zone: Zone): string[] {
  const out: string[] = [];
  for (const r of zone.get(zone.origin, 'MX')) {
    if (r.data.type !== 'MX' || r.data.exchange === '.') continue;
    const host = bare(r.data.exchange);
    if (!out.includes(host)) out.push(host);
  }
  return out;
}

function addMtaSts(b: ZoneBuilder, s: MtaStsSpec): void {
  const maxAge = s.maxAge ?? DEFAULT_MTA_STS_MAX_AGE;
  const source = b.path('mtaSts');
  let mx: string[];
  if (s.mx !== undefined) mx = s.mx.map((m) => m.trim().replace(/\.$/, ''));
  else {
    mx = mxHosts(b.zone);
    if (mx.length === 0 && s.mode !== 'none') {
      throw specError(b, 'mtaSts.mx', s.mx, `the domain has no MX host to put in the ${s.mode} policy — give mtaSts.mx, or an MX (a mail host with mx, or mx)`);
    }
  }
  if (!isValidMaxAge(maxAge)) {
    // Nothing is published: MTA_STS_MAX_AGE reports the value.
    b.zone.policy.mtaSts = { mode: s.mode, maxAge, mx, source };
    return;
  }
  const built = at(b, 'mtaSts', () => buildMtaSts({ mode: s.mode, maxAge, mx }));
  b.add(b.name('_mta-sts', 'mtaSts'), { type: 'TXT', text: built.txt }, { kind: 'mta-sts', source: 'mtaSts' });
  b.zone.policy.mtaSts = { mode: s.mode, maxAge, mx, policy: built.policy, id: built.id, source };
}

function addTlsRpt(b: ZoneBuilder, s: TlsRptSpec): void {
  const uris = (s.rua ?? []).map((v, i) => {
    const r = encodeReportUri(v);
    if (typeof r === 'string') throw new MailDnsError('TLSRPT_OPTIONS', `${b.path(`tlsRpt.rua[${i}]`)}: ${show(v)} is not a TLS-RPT destination: ${r}`, { field: b.path(`tlsRpt.rua[${i}]`), value: v });
    return r;
  });
  // A URI of another scheme is published as written for TLSRPT_URI to report.
  const text = uris.length > 0 && uris.some((u) => u.scheme !== 'mailto' && u.scheme !== 'https') ? `v=TLSRPTv1; rua=${uris.map((u) => u.uri).join(',')}` : at(b, 'tlsRpt', () => buildTlsRpt({ rua: [...s.rua] }));
  b.add(b.name('_smtp._tls', 'tlsRpt'), { type: 'TXT', text }, { kind: 'tlsrpt', source: 'tlsRpt' });
}

function addBimi(b: ZoneBuilder, s: BimiSpec): void {
  const selector = s.selector ?? 'default';
  at(b, 'bimi', () => buildBimi({ selector }));
  const urls = [['logoUrl', s.logoUrl], ['authorityUrl', s.authorityUrl]] as const;
  for (const [field, url] of urls) {
    if (url !== undefined && (typeof url !== 'string' || url === '' || /[;\s]/.test(url))) {
      throw specError(b, `bimi.${field}`, url, `${show(url)} cannot stand in a BIMI record — give an https: URL, with ";" and spaces percent-encoded`);
    }
  }
  const https = urls.every(([, url]) => url === undefined || isBimiHttpsUri(url));
  // A URL that is not https: is still one tag value: it is published as written for BIMI_URL to report.
  const record = https
    ? at(b, 'bimi', () => buildBimi({ selector, location: s.logoUrl, evidence: s.authorityUrl }))
    : { name: `${selector}._bimi`, text: ['v=BIMI1', `l=${s.logoUrl}`, ...(s.authorityUrl !== undefined ? [`a=${s.authorityUrl}`] : [])].join('; ') };
  b.add(b.owner(record.name, 'bimi.selector'), { type: 'TXT', text: record.text }, { kind: 'bimi', source: 'bimi' });
}

function addCaa(b: ZoneBuilder, c: CaaSpec, field: string): void {
  // Written as given; CAA_SYNTAX judges tag and value, as for a CAA under `records:`.
  b.add(b.zone.origin, { type: 'CAA', flags: c.critical ? 128 : 0, tag: c.tag, value: c.value }, { kind: 'caa', source: field });
}

// ---------------------------------------------------------------------------------------------
// DMARC report authorizations across the zones of an app
// ---------------------------------------------------------------------------------------------

/** True for a TXT text that is a DMARC record (RFC 9989 §4.7: it starts with the version tag). */
export function isDmarcText(text: string): boolean {
  return /^v\s*=\s*DMARC1\s*(;|$)/.test(text);
}

/** Parses of DMARC texts (or the parser's error), by text: planning and five rules read each record. Bounded. */
const DMARC_PARSES = new Map<string, ParsedDmarc | MailDnsError>();
const DMARC_PARSES_MAX = 1024;

/**
 * The parse of a DMARC record's text, or the parser's error; the same text is parsed once while
 * it is remembered (a plain bounded map: a weak map of every record of a large run costs the
 * garbage collector more than the parses).
 * @internal
 */
export function dmarcParse(_record: DnsRecord, text: string): ParsedDmarc | MailDnsError {
  let hit = DMARC_PARSES.get(text);
  if (hit === undefined) {
    try {
      hit = parseDmarc(text);
    } catch (e) {
      if (!(e instanceof MailDnsError)) throw e;
      hit = e;
    }
    if (DMARC_PARSES.size >= DMARC_PARSES_MAX) DMARC_PARSES.clear();
    DMARC_PARSES.set(text, hit);
  }
  return hit;
}

/**
 * The external report destinations of the DMARC records of a zone: every parseable DMARC record
 * at a `_dmarc` owner of the zone, with the authorization each destination outside the policy
 * domain's organization must publish (RFC 7489 §7.1, RFC 9990 §4).
 */
export function dmarcReportAuthorizations(zone: Zone): { policyDomain: string; owner: string; authorization: ReportAuthorization }[] {
  const out: { policyDomain: string; owner: string; authorization: ReportAuthorization }[] = [];
  // One pass over the records (no list of TXT records made): planning runs this for every zone.
  for (const r of zone.records) {
    if (r.type !== 'TXT' || r.data.type !== 'TXT' || r.meta.unresolved || !r.name.startsWith('_dmarc.') || !isDmarcText(r.data.text)) continue;
    let parsed;
    try {
      parsed = dmarcParse(r, r.data.text);
    } catch {
      continue;
    }
    if (parsed instanceof MailDnsError) continue;
    const policyDomain = r.name.slice('_dmarc.'.length);
    for (const authorization of reportDestinations(parsed, policyDomain, organizationalDomain)) out.push({ policyDomain, owner: r.name, authorization });
  }
  return out;
}

/** True when `zone` already publishes the authorization, itself or by the wildcard `*._report._dmarc.<destination>`. */
function authorizes(zone: Zone, a: ReportAuthorization): boolean {
  return [a.name, `*._report._dmarc.${a.destination}.`].some((n) => zone.get(n, 'TXT').some((r) => r.data.type === 'TXT' && (r.meta.unresolved || isDmarcText(r.data.text))));
}

/** The zone among `origins` whose origin is the longest suffix of `name`. */
function longestSuffix<T>(name: string, byOrigin: ReadonlyMap<string, T>): T | undefined {
  for (let n = name; ; n = n.slice(n.indexOf('.') + 1)) {
    const hit = byOrigin.get(n);
    if (hit !== undefined) return hit;
    if (n.indexOf('.') === n.length - 1) return undefined;
  }
}

/**
 * Adds to `zone` the report authorization of another zone's DMARC record, unless it is there
 * already; returns whether it added it.
 * @internal
 */
export function addReportAuthorization(zone: Zone, a: { policyDomain: string; authorization: ReportAuthorization }): boolean {
  const { name } = a.authorization;
  if (!isInZone(name, zone.origin) || authorizes(zone, a.authorization)) return false;
  zone.add({
    name,
    type: 'TXT',
    ttl: zone.defaultTtl,
    data: { type: 'TXT', text: REPORT_AUTHORIZATION_TEXT },
    meta: { source: `DMARC reports of ${bare(a.policyDomain)} (${a.authorization.uris.join(', ')})` },
  });
  return true;
}

/**
 * The cross-zone step of planning: when a DMARC record of one zone sends reports to another
 * organization whose domain is a mail domain of the same app, that zone publishes
 * `<domain>._report._dmarc.<destination> TXT "v=DMARC1"` (RFC 7489 §7.1, RFC 9990 §4) — added
 * here to the zone holding the name (the longest origin that is a suffix of it). Destinations
 * outside the app are left to DMARC_REPORT_UNAUTHORIZED, which prints the record to publish.
 *
 * `mail-dns` calls it once after planning every zone of the spec files; `MailDomain` does the
 * same for the MailDomains of its cdktf app. Calling it again adds nothing.
 * @returns the records added.
 */
export function addReportAuthorizations(zones: readonly Zone[]): { zone: Zone; name: string }[] {
  const byOrigin = new Map<string, Zone>();
  for (const z of zones) if (z.kind === 'domain') byOrigin.set(z.origin, z);
  const added: { zone: Zone; name: string }[] = [];
  for (const source of zones) {
    for (const a of dmarcReportAuthorizations(source)) {
      const dest = longestSuffix(a.authorization.name, byOrigin);
      if (dest && addReportAuthorization(dest, a)) added.push({ zone: dest, name: a.authorization.name });
    }
  }
  return added;
}
