/**
 * Helpers for unit-testing the synthesized plan of a cdktf app that uses cdktf-mail-dns
 * (`import { mailRecords, findings } from 'cdktf-mail-dns/testing'`). The jest matchers are
 * registered by `import 'cdktf-mail-dns/testing/jest'`.
 *
 * The records are read in a neutral form, whatever the DNS host, so a test reads the same for
 * Cloudflare, Route 53 or a zone file: owner names without the trailing dot, values in
 * presentation form with absolute names (`10 smtp.example.com.`), TXT as its logical text.
 */
import { IConstruct } from 'constructs';
import { TerraformStack, Testing } from 'cdktf';
import { MailDnsZone } from '../constructs/zone-construct';
import { bare } from '../model/name';
import { DnsRecord, formatRData } from '../model/records';
import { parseTxtValue, quoteCharacterString } from '../model/txt';
import { Zone } from '../model/zone';
import { managedByHost } from '../providers/common';
import { domainPrefix } from '../providers/ids';
import { adapterFor } from '../providers/registry';
import { DnsTargetSpec } from '../spec/types';
import { Severity } from '../rules/types';

/** One rrset as deployed, in a form that is the same for every DNS host. */
export interface MailRecord {
  /** Owner name, absolute, without the trailing dot (`smtp.example.com`). */
  readonly name: string;
  /** Record type (`MX`, `TXT`, ...). */
  readonly type: string;
  /** TTL of the rrset, seconds. */
  readonly ttl: number;
  /** Values in presentation form with absolute names (`10 smtp.example.com.`); TXT values are the logical text (`v=spf1 mx -all`). */
  readonly values: string[];
}

/** A rule finding of a stack's zones, as `findings(stack)` returns it. */
export interface MailFinding {
  /** Rule id, e.g. `DMARC_MISSING`. */
  readonly rule: string;
  /** Severity after the overrides in force. */
  readonly severity: Severity;
  /** The domain of the zone the finding is about, without the trailing dot. */
  readonly domain: string;
  /** Owner name the finding is about, without the trailing dot. */
  readonly name: string;
  /** Full text, starting with the rule id. */
  readonly message: string;
  /** True when a suppression matched (the finding then neither fails synth nor warns). */
  readonly suppressed: boolean;
  /** The suppression's reason, when suppressed. @default - undefined when not suppressed */
  readonly reason?: string;
}

/** The zone constructs (MailDomain, ParkedDomain, ReverseZone) of a stack, in construct order. */
export function mailZones(stack: TerraformStack): MailDnsZone[] {
  return stack.node.findAll().filter((c: IConstruct): c is MailDnsZone => c instanceof MailDnsZone && TerraformStack.of(c) === stack);
}

function providerOf(zone: Zone): DnsTargetSpec['provider'] {
  return (zone.provider ?? 'cloudflare') as DnsTargetSpec['provider'];
}

/** The neutral presentation of one record's value. */
function presentValue(r: DnsRecord): string {
  if (r.data.type === 'TXT' || r.data.type === 'SPF') return r.data.text;
  return formatRData(r.data);
}

/** The records a zone deploys: its rrsets minus what the DNS host publishes itself (SOA, apex NS). */
export function zoneRecords(zone: Zone): MailRecord[] {
  const caps = adapterFor(providerOf(zone)).capabilities;
  return zone
    .rrsets()
    .filter((rs) => !managedByHost(rs, zone, caps))
    .map((rs) => ({ name: bare(rs.name), type: rs.type, ttl: rs.ttl, values: rs.records.map(presentValue) }));
}

/** Terraform template escapes written by the emitter (`$${`, `%%{`), undone. */
function unescapeTemplate(s: string): string {
  return s.replace(/([$%])\1\{/g, '$1{');
}

const abs = (name: string): string => (name === '.' ? '.' : `${name.replace(/\.$/, '')}.`);

/** One `cloudflare_dns_record` resource of the synthesized JSON, in the neutral form (value only). */
function cloudflareValue(r: Record<string, unknown>): string {
  const type = String(r.type);
  const content = typeof r.content === 'string' ? unescapeTemplate(r.content) : '';
  const data = (r.data ?? {}) as Record<string, unknown>;
  switch (type) {
    case 'A':
    case 'AAAA':
      return content;
    case 'MX':
      return `${r.priority} ${abs(content)}`;
    case 'TXT':
      return parseTxtValue(content);
    case 'CNAME':
    case 'NS':
    case 'PTR':
      return abs(content);
    case 'SRV':
      return `${data.priority} ${data.weight} ${data.port} ${abs(String(data.target))}`;
    case 'CAA':
      return `${data.flags} ${data.tag} ${quoteCharacterString(unescapeTemplate(String(data.value)))}`;
    case 'TLSA':
      return `${data.usage} ${data.selector} ${data.matching_type} ${data.certificate}`;
    default:
      return content;
  }
}

function key(r: { name: string; type: string; value: string }): string {
  return `${r.name.toLowerCase()} ${r.type} ${r.type === 'TXT' ? r.value : r.value.toLowerCase()}`;
}

/**
 * Checks that the synthesized `cloudflare_dns_record` resources of the Cloudflare zones are
 * exactly the neutral records: what `mailRecords` reports is what Terraform would deploy.
 */
function crossCheckCloudflare(stack: TerraformStack, zones: { zone: Zone; records: MailRecord[] }[]): void {
  const cf = zones.filter((z) => providerOf(z.zone) === 'cloudflare');
  // Deploy-time tokens have no value to compare before deploy.
  if (!cf.length || cf.some((z) => z.zone.records.some((r) => r.meta.unresolved))) return;
  const json = JSON.parse(Testing.synth(stack)) as { resource?: { cloudflare_dns_record?: Record<string, Record<string, unknown>> } };
  const resources = json.resource?.cloudflare_dns_record ?? {};
  const prefixes = cf.map((z) => ({ z, prefix: `${domainPrefix(z.zone.origin)}_` })).sort((a, b) => b.prefix.length - a.prefix.length);
  const synthesized = new Map<Zone, string[]>(cf.map((z) => [z.zone, []]));
  for (const [id, r] of Object.entries(resources)) {
    const owner = prefixes.find((p) => id.startsWith(p.prefix));
    if (!owner) continue; // a resource of the user's own, outside the mail zones
    const proxied = r.proxied === true;
    synthesized.get(owner.z.zone)!.push(`${key({ name: String(r.name), type: String(r.type), value: cloudflareValue(r) })}${proxied ? '' : ` ttl=${r.ttl}`}`);
  }
  for (const z of cf) {
    const proxiedKeys = new Set(z.zone.records.filter((r) => r.meta.proxied).map((r) => key({ name: bare(r.name), type: r.type, value: presentValue(r) })));
    const expected = z.records.flatMap((rs) =>
      rs.values.map((value) => {
        const k = key({ name: rs.name, type: rs.type, value });
        return proxiedKeys.has(k) ? k : `${k} ttl=${rs.ttl}`;
      }),
    );
    const got = synthesized.get(z.zone)!;
    const missing = expected.filter((k) => !got.includes(k));
    const extra = got.filter((k) => !expected.includes(k));
    if (missing.length || extra.length || got.length !== expected.length) {
      throw new Error(
        `mailRecords: the synthesized cloudflare_dns_record resources of ${bare(z.zone.origin)} differ from its zone` +
          `${missing.length ? ` — missing: ${missing.join('; ')}` : ''}${extra.length ? ` — unexpected: ${extra.join('; ')}` : ''}`,
      );
    }
  }
}

/**
 * The records a stack deploys, as neutral rrsets whatever the DNS host: the records of every
 * MailDomain, ParkedDomain and ReverseZone of the stack, minus those the host publishes itself
 * (the SOA and apex NS on Cloudflare, Route 53, ...). For Cloudflare zones the result is checked
 * against the synthesized `cloudflare_dns_record` resources, and a difference throws.
 *
 * Names have no trailing dot; values are in presentation form with absolute names
 * (`10 smtp.example.com.`, `smtp.example.com.`), TXT values as their logical text.
 */
export function mailRecords(stack: TerraformStack): MailRecord[] {
  const zones = mailZones(stack).map((c) => ({ zone: c.zone, records: zoneRecords(c.zone) }));
  crossCheckCloudflare(stack, zones);
  return zones.flatMap((z) => z.records);
}

/** Every rule finding of the stack's zones (within their app), suppressed ones included, with their reasons. */
export function findings(stack: TerraformStack): MailFinding[] {
  return mailZones(stack).flatMap((c) =>
    c.report.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      domain: c.report.domain,
      name: bare(f.name),
      message: f.message,
      suppressed: f.suppressed === true,
      ...(f.reason !== undefined ? { reason: f.reason } : {}),
    })),
  );
}

/** What `toHaveMailRecord` looks for; fields left out match anything. */
export interface ExpectedMailRecord {
  /** Owner name, with or without the trailing dot. */
  readonly name: string;
  /** Record type. */
  readonly type: string;
  /** One value of the rrset, in the form `mailRecords` gives it. @default - any value */
  readonly value?: string;
  /** TTL, seconds. @default - any TTL */
  readonly ttl?: number;
}

/** What `toHaveFinding` looks for besides the rule id; fields left out match anything. */
export interface ExpectedFinding {
  /** Severity. @default - any severity */
  readonly severity?: Severity;
  /** Owner name, with or without the trailing dot. @default - any name */
  readonly name?: string;
  /** Whether the finding is suppressed. @default - either */
  readonly suppressed?: boolean;
}

const sameName = (a: string, b: string): boolean => bare(a).toLowerCase() === bare(b).toLowerCase();
const sameValue = (type: string, a: string, b: string): boolean =>
  type.toUpperCase() === 'TXT' ? a === b : a.trim().replace(/\s+/g, ' ').toLowerCase() === b.trim().replace(/\s+/g, ' ').toLowerCase();

/** The records of `records` that match `expected`. */
export function matchRecords(records: readonly MailRecord[], expected: ExpectedMailRecord): MailRecord[] {
  return records.filter(
    (r) =>
      sameName(r.name, expected.name) &&
      r.type === expected.type.toUpperCase() &&
      (expected.ttl === undefined || r.ttl === expected.ttl) &&
      (expected.value === undefined || r.values.some((v) => sameValue(r.type, v, expected.value!))),
  );
}

/** The findings of `all` that match the rule id and `expected`. */
export function matchFindings(all: readonly MailFinding[], ruleId: string, expected: ExpectedFinding = {}): MailFinding[] {
  return all.filter(
    (f) =>
      f.rule === ruleId &&
      (expected.severity === undefined || f.severity === expected.severity) &&
      (expected.name === undefined || sameName(f.name, expected.name)) &&
      (expected.suppressed === undefined || f.suppressed === expected.suppressed),
  );
}

/** Runs the real synthesizer with validations (`Testing.synth(stack, true)`); returns the error message, or undefined when it synthesizes. */
export function synthError(stack: TerraformStack): string | undefined {
  try {
    Testing.synth(stack, true);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
