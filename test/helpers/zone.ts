/**
 * Zones for tests: from a DomainSpec through the real planner, or record by record with
 * `new Zone` + `add` for shapes the planner refuses to build (long labels, an SPF RR, tokens).
 */
import { DnsRecord, parseRData, RecordMeta, RecordType } from '../../lib/model/records';
import { Zone } from '../../lib/model/zone';
import { planDomain, PlanOptions } from '../../lib/plan/domain';
import { runRules } from '../../lib/rules/engine';
import { Finding } from '../../lib/rules/types';
import { DomainSpec } from '../../lib/spec/types';

/** The guide's zone for example.com, exactly as the example spec (documentation addresses), with the DMARC record main.ts adds. */
export const ARTICLE: DomainSpec = {
  domain: 'example.com',
  ttl: 172800,
  dns: { provider: 'cloudflare', zoneId: '023e105f4ecef8ad9ca31a8372d0c353' },
  nameServers: ['ns1.example.net.', 'ns2.example.net.'],
  soa: { mname: 'ns1.example.net.', rname: 'hostmaster', serial: 2012040900, refresh: 43200, retry: 900, expire: 2419200, minimum: 10800 },
  spf: 'v=spf1 mx -all',
  mailHosts: [{ name: 'smtp', ipv4: ['192.0.2.25'], ipv6: ['2001:db8::25'], mx: 10, aliases: ['imap', 'mail'] }],
  webHosts: [
    { name: '@', ipv4: ['192.0.2.80'] },
    { name: 'www', ipv4: ['192.0.2.80'] },
  ],
  dmarc: { p: 'reject', rua: ['mailto:dmarc@example.com'] },
};

/** A public address (not in any special-purpose range) for mail hosts that should raise no address finding. */
export const PUBLIC_V4 = '8.8.8.25';
export const PUBLIC_V6 = '2a00:1450::25';

/**
 * Plans a domain of example.com on Cloudflare from the given fields: no name servers, no SOA
 * unless given, so each rule test starts from a zone that only holds what it adds.
 */
export function planned(spec: Partial<DomainSpec> = {}, opts: PlanOptions = {}): Zone {
  return planDomain({ domain: 'example.com', dns: { provider: 'cloudflare', zoneId: 'z' }, ...spec }, opts);
}

/** One record row: owner (relative to the zone), type, presentation value, and optional meta/ttl. */
export type Row = [name: string, type: RecordType, value: string, extra?: { ttl?: number; meta?: RecordMeta }];

/** A record made from presentation text, the way a zone file line reads. */
export function record(origin: string, [name, type, value, extra]: Row): DnsRecord {
  const owner = name === '@' ? origin : name.endsWith('.') ? name : `${name}.${origin}`;
  const { data, written } = parseRData(type, value, origin);
  return { name: owner, type, ttl: extra?.ttl ?? 3600, data, meta: { written, ...(extra?.meta ?? {}) } };
}

/** A zone filled directly with `Zone.add`, bypassing the planner. */
export function zoneWith(origin: string, rows: Row[], opts: ConstructorParameters<typeof Zone>[1] = { provider: 'cloudflare' }): Zone {
  const zone = new Zone(origin, opts);
  for (const row of rows) zone.add(record(origin, row));
  return zone;
}

/** The findings of one rule for the first zone of an app (other zones are context for cross-zone rules). */
export function findingsOf(rule: string, zone: Zone, ...others: Zone[]): Finding[] {
  return runRules([zone, ...others], { only: [rule] })[0].findings;
}

/** Only the messages, for exact-text assertions. */
export function messagesOf(rule: string, zone: Zone, ...others: Zone[]): string[] {
  return findingsOf(rule, zone, ...others).map((f) => f.message);
}

/** The reason used by the suppressed cases of the rule tests. */
export const REASON = 'accepted for this test zone';

/** Suppresses `rule` on the zone (at `name`, or the whole zone) and returns that rule's findings. */
export function suppressedFindings(rule: string, zone: Zone, name?: string, ...others: Zone[]): Finding[] {
  zone.suppressions.push({ rule, reason: REASON, name, source: 'test.suppress[0]' });
  return findingsOf(rule, zone, ...others);
}

/** A record built field by field, for shapes neither the planner nor the RDATA parser would produce. */
export function raw(name: string, data: DnsRecord['data'], meta: RecordMeta = {}, ttl = 3600): DnsRecord {
  return { name, type: data.type, ttl, data, meta };
}
