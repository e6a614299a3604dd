/**
 * What the mail-policy rules read: the records at the policy names (`_dmarc`, `<selector>._domainkey`,
 * `_mta-sts`, `_smtp._tls`, `<selector>._bimi`), whoever wrote them — a builder of the spec or a
 * record under `records:`. Values that are unresolved deploy-time tokens are never judged.
 */
import { DkimKeyInspection, inspectDkimKey, ParsedDkim, parseDkim } from '../mail/dkim';
import { ParsedDmarc } from '../mail/dmarc';
import { organizationalDomain } from '../mail/org-domain';
import { dmarcParse, isDmarcText } from '../plan/policy';
import { MailDnsError } from '../model/errors';
import { labelsOf } from '../model/name';
import { DnsRecord } from '../model/records';
import { Zone } from '../model/zone';
import { AppIndex } from './types';
import { perZone } from './util';

export { isDmarcText };

/** A TXT record with its text (never a token). */
export interface TxtAt {
  readonly record: DnsRecord;
  readonly name: string;
  readonly text: string;
}

/** The TXT records of the zone whose owner starts with the labels `first` (`['_dmarc']`, `['_smtp', '_tls']`), tokens left out. */
export function txtUnder(zone: Zone, first: readonly string[]): readonly TxtAt[] {
  // Five DMARC rules and the MTA-STS and TLS-RPT rules ask: the scan is done once per zone and prefix.
  return perZone(zone, `txtUnder ${first.join('.')}`, () => {
    const out: TxtAt[] = [];
    const prefix = `${first.join('.')}.`;
    for (const r of zone.recordsOfType('TXT')) {
      if (r.data.type !== 'TXT' || r.meta.unresolved) continue;
      // The owner starts with the labels `first` and has at least one label more (`prefix` ends in a dot, the owner too).
      if (r.name.length > prefix.length && r.name.startsWith(prefix) && r.name !== '.') out.push({ record: r, name: r.name, text: r.data.text });
    }
    return out;
  });
}

/** The owner without its first `n` labels: the domain a policy record speaks for. */
export function domainBelow(name: string, n: number): string {
  let out = name;
  for (let i = 0; i < n; i++) out = out.slice(out.indexOf('.') + 1);
  return out;
}

/** The parse of a DMARC record's text, or the parser's error, kept per record (shared with planning). */
export { dmarcParse };

/** The DMARC records of the zone (TXT at a `_dmarc` owner starting with `v=DMARC1`) that parse, with the domain each speaks for. */
export function parsedDmarc(zone: Zone): readonly { readonly record: DnsRecord; readonly name: string; readonly text: string; readonly domain: string; readonly parsed: ParsedDmarc }[] {
  return perZone(zone, 'parsedDmarc', () => {
    const out: { record: DnsRecord; name: string; text: string; domain: string; parsed: ParsedDmarc }[] = [];
    for (const t of txtUnder(zone, ['_dmarc'])) {
      if (!isDmarcText(t.text)) continue;
      const parsed = dmarcParse(t.record, t.text);
      // one that does not parse is DMARC_SYNTAX's
      if (!(parsed instanceof MailDnsError)) out.push({ record: t.record, name: t.name, text: t.text, domain: domainBelow(t.name, 1), parsed });
    }
    return out;
  });
}

/** The one DMARC record at `_dmarc.<domain>` of the app, when there is exactly one and it parses; `'none'` when there is no DMARC record. */
export function appDmarc(app: AppIndex, domain: string): ParsedDmarc | 'none' | 'unusable' {
  const texts = app.records(`_dmarc.${domain}`, 'TXT').filter((r) => r.data.type === 'TXT' && (r.meta.unresolved || isDmarcText(r.data.text)));
  if (texts.length === 0) return 'none';
  if (texts.length > 1 || texts[0].meta.unresolved || texts[0].data.type !== 'TXT') return 'unusable';
  const parsed = dmarcParse(texts[0], texts[0].data.text);
  return parsed instanceof MailDnsError ? 'unusable' : parsed;
}

/**
 * The DMARC policy that applies to mail from `domain` (absolute), as far as the app holds it:
 * its own record, else its organizational domain's (whose `sp=` then applies, RFC 9989 policy
 * discovery). `outside` when the record that would apply is in no zone of the app.
 */
export function policyFor(app: AppIndex, domain: string): { where: string; policy: string; pct?: number } | 'missing' | 'outside' | 'unusable' {
  const own = appDmarc(app, domain);
  if (own === 'unusable') return 'unusable';
  if (own !== 'none') return { where: `_dmarc.${domain}`, policy: own.p, pct: own.pct };
  const org = organizationalDomain(domain);
  const orgName = org === null ? undefined : `${org}.`;
  if (orgName === undefined || orgName === domain) return app.zoneOf(domain) ? 'missing' : 'outside';
  if (!app.zoneOf(orgName)) return 'outside';
  const parent = appDmarc(app, orgName);
  if (parent === 'unusable') return 'unusable';
  if (parent === 'none') return 'missing';
  return { where: `_dmarc.${orgName}`, policy: parent.sp ?? parent.p, pct: parent.pct };
}

/** A DKIM owner taken apart: `s1._domainkey.example.com.` has selector `s1`; `undefined` when the owner has no selector before `_domainkey`. */
export function dkimSelectorOf(name: string): { selector: string; domain: string } | undefined {
  const labels = labelsOf(name);
  const i = labels.indexOf('_domainkey');
  if (i < 1) return undefined;
  return { selector: labels.slice(0, i).join('.'), domain: `${labels.slice(i + 1).join('.')}.` };
}

/** The records of the zone at DKIM owners (`<selector>._domainkey.<domain>`), tokens left out. */
export function dkimRecords(zone: Zone): readonly { readonly record: DnsRecord; readonly selector: string }[] {
  return perZone(zone, 'dkimRecords', () => {
    const out: { record: DnsRecord; selector: string }[] = [];
    for (const r of zone.records) {
      if (r.meta.unresolved || (r.type !== 'TXT' && r.type !== 'CNAME') || !r.name.includes('_domainkey')) continue;
      const s = dkimSelectorOf(r.name);
      if (s) out.push({ record: r, selector: s.selector });
    }
    return out;
  });
}

/**
 * The tags of a tag-list record read loosely (split at `;`, then at the first `=`), for rules that
 * judge one tag of a record the strict parser refuses as a whole.
 */
export function looseTags(text: string): Map<string, string> {
  const tags = new Map<string, string>();
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (name !== '' && !tags.has(name)) tags.set(name, part.slice(eq + 1).trim());
  }
  return tags;
}

/** What the key rules read of a DKIM key record: revoked (`p=` empty), not parseable, or the inspection of its key. */
export type DkimRecordInspection = { kind: 'revoked' } | { kind: 'syntax'; detail: string } | { kind: 'key'; inspection: DkimKeyInspection };

/** A DKIM key record read for the key rules: revoked (`p=` empty), not parseable, or the inspection of its key. */
export function inspectDkimRecord(text: string): DkimRecordInspection {
  let parsed: ParsedDkim;
  try {
    parsed = parseDkim(text);
  } catch (e) {
    // The parser never quotes more than a few characters of p=.
    return { kind: 'syntax', detail: `the record does not parse: ${(e as Error).message.replace(/^DKIM key record: /, '')}` };
  }
  if (parsed.revoked) return { kind: 'revoked' };
  return { kind: 'key', inspection: inspectDkimKey(parsed.publicKey, parsed.keyType) };
}

/**
 * The DKIM key records (TXT) of the zone with their inspection, made once per zone: three key rules
 * read them, and inspecting a key (first tried as a private key) is the slowest step of a rule run.
 */
export function inspectedDkimRecords(zone: Zone): readonly { readonly record: DnsRecord; readonly inspected: DkimRecordInspection }[] {
  return perZone(zone, 'inspectedDkimRecords', () => {
    const out: { record: DnsRecord; inspected: DkimRecordInspection }[] = [];
    for (const { record } of dkimRecords(zone)) {
      if (record.data.type === 'TXT') out.push({ record, inspected: inspectDkimRecord(record.data.text) });
    }
    return out;
  });
}

/** The BIMI assertion records of the zone: TXT at `<selector>._bimi.<domain>` starting with `v=BIMI1`, with the domain each speaks for. */
export function bimiRecords(zone: Zone): readonly (TxtAt & { readonly domain: string })[] {
  return perZone(zone, 'bimiRecords', () => {
    const out: (TxtAt & { domain: string })[] = [];
    for (const r of zone.recordsOfType('TXT')) {
      if (r.data.type !== 'TXT' || r.meta.unresolved || !/^v\s*=\s*BIMI1\s*(;|$)/.test(r.data.text)) continue;
      const labels = labelsOf(r.name);
      const i = labels.indexOf('_bimi');
      if (i >= 1) out.push({ record: r, name: r.name, text: r.data.text, domain: `${labels.slice(i + 1).join('.')}.` });
    }
    return out;
  });
}
