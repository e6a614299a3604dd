/**
 * An existing zone as a spec (`mail-dns import`): the way in for a domain that already has DNS.
 *
 * The spec is built so that planning it gives back exactly the zone's records, TTLs included
 * (the tests compare both through `named-compilezone`). Where a record does not fit a structured
 * field without changing the zone — a TTL that differs from its host's, an rrset the plan would
 * build differently — it goes to `records` unchanged rather than being bent into shape:
 * - a name that receives the domain's mail (an in-zone MX target with A/AAAA) becomes a mail host:
 *   its addresses, its MX preference, the CNAMEs that point at it (`aliases`), its RFC 6186 SRV
 *   records (`services`), its own SPF (`spf`, left out when it is the default, `false` when it
 *   has none);
 * - a name with addresses and exactly the null SPF `v=spf1 -all` becomes a web host, and so do the
 *   apex addresses;
 * - the apex SPF becomes `spf` (left out when it is the default, `false` when there is none);
 *   the apex NS set `nameServers`; the SOA `soa` (serial kept); MX to other hosts `mx`;
 * - everything else — DKIM, DMARC, MTA-STS, TLS-RPT, other TXT, SRV, CAA, TLSA, other CNAMEs,
 *   delegations — goes to `records` in presentation form, TXT as its plain text.
 * Structured fields that hold one TTL (the apex SPF, the MX set, the NS set) are used only when
 * that TTL is the zone's default; the SOA's own TTL cannot be kept (the plan gives it the default)
 * and is reported in the notes when it differs.
 */
import { isHostname, relativize } from '../model/name';
import { DnsRecord, RecordType, formatRData } from '../model/records';
import { Zone } from '../model/zone';
import { DEFAULT_DOMAIN_SPF, DEFAULT_HOST_SPF, DEFAULT_TTL, NULL_SPF } from '../plan/domain';
import { DomainSpec, MailHostSpec, MxSpec, RecordSpec, SoaSpec, WebHostSpec } from './types';

/** The spec of an imported zone, and what the reader should know about the conversion. */
export interface ImportedSpec {
  readonly spec: DomainSpec;
  /** What could not be kept, and what was recognized and kept as records. */
  readonly notes: string[];
}

type Service = NonNullable<MailHostSpec['services']>[number];
const SERVICE_PORTS: Readonly<Record<Service, number>> = { submissions: 465, submission: 587, imaps: 993, imap: 143, pop3s: 995, pop3: 110 };

const SPF = /^v=spf1( |$)/i;

/** Builds the spec of a zone (typically read with `readZoneFile` and `zoneFromParsed`). */
export function specFromZone(zone: Zone): ImportedSpec {
  return new Importer(zone).run();
}

class Importer {
  private readonly origin: string;
  private readonly ttl: number;
  private readonly used = new Set<DnsRecord>();
  private readonly notes: string[] = [];

  constructor(private readonly zone: Zone) {
    this.origin = zone.origin;
    this.ttl = zone.defaultTtl;
  }

  public run(): ImportedSpec {
    const spec: { -readonly [K in keyof DomainSpec]: DomainSpec[K] } = { domain: this.origin.replace(/\.$/, '') };
    if (this.ttl !== DEFAULT_TTL) spec.ttl = this.ttl;
    const nameServers = this.nameServers();
    if (nameServers.length) spec.nameServers = nameServers;
    const soa = this.soa();
    if (soa) spec.soa = soa;

    const mxRecords = this.zone.get(this.origin, 'MX');
    const mxStructured = mxRecords.length > 0 && mxRecords[0].ttl === this.ttl;
    const extraMx: MxSpec[] = [];
    const mailHosts: MailHostSpec[] = [];
    const hosts = new Map<string, { spec: { -readonly [K in keyof MailHostSpec]: MailHostSpec[K] }; ttl: number }>();
    for (const mx of mxRecords) {
      if (mx.data.type !== 'MX') continue;
      const target = mx.data.exchange;
      let host = hosts.get(target);
      if (!host && this.canBeHost(target)) {
        host = this.mailHost(target);
        hosts.set(target, host);
        mailHosts.push(host.spec);
      }
      if (!mxStructured) continue;
      this.used.add(mx);
      if (host && host.spec.mx === undefined) host.spec.mx = mx.data.preference;
      else extraMx.push({ priority: mx.data.preference, host: target === '.' ? '.' : this.rel(target) });
    }
    for (const h of hosts.values()) this.absorbHost(h);

    const apexSpf = this.apexSpf();
    if (apexSpf !== undefined) spec.spf = apexSpf;
    if (mailHosts.length) spec.mailHosts = mailHosts;
    if (extraMx.length) spec.mx = extraMx;
    const webHosts = this.webHosts(apexSpf !== false);
    if (webHosts.length) spec.webHosts = webHosts;
    const records = this.records();
    if (records.length) spec.records = records;
    return { spec, notes: this.notes };
  }

  /** A name relative to the zone (`@`, `smtp`), or absolute with its trailing dot. */
  private rel(name: string): string {
    return relativize(name, this.origin);
  }

  private left(name: string, type: RecordType): DnsRecord[] {
    return this.zone.get(name, type).filter((r) => !this.used.has(r));
  }

  private take(records: readonly DnsRecord[]): void {
    for (const r of records) this.used.add(r);
  }

  private nameServers(): string[] {
    const ns = this.zone.get(this.origin, 'NS');
    if (!ns.length || ns[0].ttl !== this.ttl) return [];
    this.take(ns);
    return ns.flatMap((r) => (r.data.type === 'NS' ? [this.rel(r.data.target)] : []));
  }

  private soa(): SoaSpec | undefined {
    const [r] = this.zone.get(this.origin, 'SOA');
    if (!r || r.data.type !== 'SOA') return undefined;
    this.take([r]);
    if (r.ttl !== this.ttl) this.notes.push(`the SOA's TTL ${r.ttl} is not kept: the spec gives the SOA the domain's ttl (${this.ttl})`);
    const d = r.data;
    return { mname: this.rel(d.mname), rname: this.rel(d.rname), serial: d.serial, refresh: d.refresh, retry: d.retry, expire: d.expire, minimum: d.minimum };
  }

  /** An in-zone host name with addresses of one TTL and no alias: something a MailHost can describe. */
  private canBeHost(name: string): boolean {
    if (name === '.' || !(name === this.origin || name.endsWith(`.${this.origin}`)) || !isHostname(name)) return false;
    if (this.zone.get(name, 'CNAME').length) return false;
    const a = this.left(name, 'A');
    const aaaa = this.left(name, 'AAAA');
    if (!a.length && !aaaa.length) return false;
    return !(a.length && aaaa.length && a[0].ttl !== aaaa[0].ttl);
  }

  private mailHost(name: string): { spec: { -readonly [K in keyof MailHostSpec]: MailHostSpec[K] }; ttl: number } {
    const a = this.left(name, 'A');
    const aaaa = this.left(name, 'AAAA');
    this.take([...a, ...aaaa]);
    const ttl = (a[0] ?? aaaa[0]).ttl;
    const spec: { -readonly [K in keyof MailHostSpec]: MailHostSpec[K] } = { name: this.rel(name) };
    if (a.length) spec.ipv4 = a.map((r) => (r.data.type === 'A' ? r.data.address : ''));
    if (aaaa.length) spec.ipv6 = aaaa.map((r) => (r.data.type === 'AAAA' ? r.data.address : ''));
    if (ttl !== this.ttl) spec.ttl = ttl;
    return { spec, ttl };
  }

  /** The host's own SPF, the aliases that point at it and its service records, when their TTL is the host's. */
  private absorbHost(h: { spec: { -readonly [K in keyof MailHostSpec]: MailHostSpec[K] }; ttl: number }): void {
    const name = h.spec.name === '@' ? this.origin : `${h.spec.name}.${this.origin}`;
    if (name === this.origin) h.spec.spf = false;
    else {
      const txt = this.left(name, 'TXT');
      const spf = txt.filter((r) => r.data.type === 'TXT' && SPF.test(r.data.text));
      if (spf.length === 1 && txt[0].ttl === h.ttl && spf[0].data.type === 'TXT') {
        this.take(spf);
        if (spf[0].data.text !== DEFAULT_HOST_SPF) h.spec.spf = spf[0].data.text;
      } else h.spec.spf = false;
    }
    const aliases: string[] = [];
    for (const r of this.zone.ofType('CNAME')) {
      if (this.used.has(r) || r.data.type !== 'CNAME' || r.data.target !== name || r.ttl !== h.ttl) continue;
      if (r.name === this.origin || !r.name.endsWith(`.${this.origin}`) || !isHostname(r.name) || this.zone.typesAt(r.name).length !== 1) continue;
      this.take([r]);
      aliases.push(this.rel(r.name));
    }
    if (aliases.length) h.spec.aliases = aliases;
    const services: Service[] = [];
    for (const [service, port] of Object.entries(SERVICE_PORTS) as [Service, number][]) {
      const srv = this.left(`_${service}._tcp.${this.origin}`, 'SRV').find(
        (r) => r.ttl === h.ttl && r.data.type === 'SRV' && r.data.target === name && r.data.priority === 0 && r.data.weight === 1 && r.data.port === port,
      );
      if (!srv) continue;
      this.take([srv]);
      services.push(service);
    }
    if (services.length) h.spec.services = services;
  }

  /** The domain's SPF: its text, undefined for the default, false when there is none or it cannot be one field. */
  private apexSpf(): string | false | undefined {
    const txt = this.left(this.origin, 'TXT');
    const spf = txt.filter((r) => r.data.type === 'TXT' && SPF.test(r.data.text));
    if (spf.length !== 1 || txt[0].ttl !== this.ttl || spf[0].data.type !== 'TXT') {
      if (spf.length > 1) this.notes.push(`the apex has ${spf.length} SPF records; they are kept as records (SPF_MULTIPLE explains why that breaks SPF)`);
      return false;
    }
    this.take(spf);
    return spf[0].data.text === DEFAULT_DOMAIN_SPF ? undefined : spf[0].data.text;
  }

  private webHosts(apexHasSpf: boolean): WebHostSpec[] {
    const out: WebHostSpec[] = [];
    for (const name of this.zone.names()) {
      if (!this.canBeWebHost(name)) continue;
      const a = this.left(name, 'A');
      const aaaa = this.left(name, 'AAAA');
      const ttl = (a[0] ?? aaaa[0]).ttl;
      const host: { -readonly [K in keyof WebHostSpec]: WebHostSpec[K] } = { name: this.rel(name) };
      if (name === this.origin) {
        if (!apexHasSpf) host.spf = false;
      } else {
        const txt = this.left(name, 'TXT');
        const spf = txt.filter((r) => r.data.type === 'TXT' && SPF.test(r.data.text));
        if (spf.length !== 1 || spf[0].data.type !== 'TXT' || spf[0].data.text !== NULL_SPF || txt[0].ttl !== ttl) continue;
        this.take(spf);
      }
      this.take([...a, ...aaaa]);
      if (a.length) host.ipv4 = a.map((r) => (r.data.type === 'A' ? r.data.address : ''));
      if (aaaa.length) host.ipv6 = aaaa.map((r) => (r.data.type === 'AAAA' ? r.data.address : ''));
      if (ttl !== this.ttl) host.ttl = ttl;
      out.push(host);
    }
    return out;
  }

  private canBeWebHost(name: string): boolean {
    if (this.zone.get(name, 'CNAME').length) return false;
    const a = this.left(name, 'A');
    const aaaa = this.left(name, 'AAAA');
    if (!a.length && !aaaa.length) return false;
    return !(a.length && aaaa.length && a[0].ttl !== aaaa[0].ttl);
  }

  /** Whatever is left, one entry per rrset, in the zone's order. */
  private records(): RecordSpec[] {
    const out: RecordSpec[] = [];
    const kept = new Map<string, number>();
    for (const rs of this.zone.rrsets()) {
      const left = rs.records.filter((r) => !this.used.has(r));
      if (!left.length || rs.type === 'SOA') continue;
      const values = left.map((r) => value(r));
      const entry: { -readonly [K in keyof RecordSpec]: RecordSpec[K] } = { name: this.rel(rs.name), type: rs.type as RecordSpec['type'], value: values.length === 1 ? values[0] : values };
      if (rs.ttl !== this.ttl) entry.ttl = rs.ttl;
      out.push(entry);
      const kind = recognize(rs.name, rs.type, left);
      if (kind) kept.set(kind, (kept.get(kind) ?? 0) + left.length);
    }
    if (kept.size) this.notes.push(`kept as records: ${[...kept].map(([k, n]) => `${n} ${k}`).join(', ')}`);
    return out;
  }
}

/** A record's value as a spec writes it: TXT as its plain text (quoted only when it starts with a quote), the rest in presentation form. */
function value(r: DnsRecord): string {
  if (r.data.type === 'TXT' || r.data.type === 'SPF') return r.data.text.trim().startsWith('"') ? formatRData(r.data) : r.data.text;
  return formatRData(r.data);
}

/** What a kept rrset is, for the import summary. */
function recognize(name: string, type: RecordType, records: readonly DnsRecord[]): string | undefined {
  const text = (r: DnsRecord): string => (r.data.type === 'TXT' ? r.data.text : '');
  if (type === 'TXT' && name.includes('._domainkey.')) return 'DKIM';
  if (type === 'CNAME' && name.includes('._domainkey.')) return 'delegated DKIM';
  if (type === 'TXT' && name.startsWith('_dmarc.')) return 'DMARC';
  if (type === 'TXT' && name.startsWith('_mta-sts.')) return 'MTA-STS';
  if (type === 'TXT' && name.startsWith('_smtp._tls.')) return 'TLS-RPT';
  if (type === 'TXT' && records.some((r) => SPF.test(text(r)))) return 'SPF';
  return type;
}
