/**
 * Shared fixtures of the provider tests: the zones of the contract suite, a real 4096-bit DKIM
 * key, and one decoder per adapter that reads a rendering back into neutral records
 * (absolute name, type, TTL, RDATA) so that it can be compared with the zone it came from.
 */
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planDomain } from '../../lib/plan/domain';
import { DnsRecord, RData, RecordType, parseRData, rdataKey } from '../../lib/model/records';
import { parseTxtValue } from '../../lib/model/txt';
import { Zone } from '../../lib/model/zone';
import { parseZoneFile } from '../../lib/model/zonefile/parse';
import { AttributeValue, DnsAdapter, Rendering, ResourceDescription } from '../../lib/providers/types';
import { DnsTargetSpec, DomainSpec } from '../../lib/spec/types';

/**
 * The base64 SubjectPublicKeyInfo of a fresh 4096-bit RSA key (generated with node:crypto; kept
 * in the temp folder between runs because generating one takes seconds).
 */
export function dkim4096(): string {
  const cache = join(tmpdir(), 'cdktf-mail-dns-test-rsa4096.spki.b64');
  if (existsSync(cache)) {
    const cached = readFileSync(cache, 'utf8').trim();
    // A 4096-bit RSA SPKI is 550 bytes of DER, 736 characters of base64.
    if (/^[A-Za-z0-9+/]{734}==$/.test(cached)) return cached;
  }
  const spki = generateKeyPairSync('rsa', { modulusLength: 4096 }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  writeFileSync(cache, spki);
  return spki;
}

/** The guide's example.com, as main.ts declares it (addresses from the documentation ranges). */
export function articleSpec(dns: DnsTargetSpec): DomainSpec {
  return {
    domain: 'example.com',
    ttl: 172800,
    dns,
    nameServers: ['ns1.example.net.', 'ns2.example.net.'],
    soa: { mname: 'ns1.example.net.', rname: 'hostmaster', serial: 2012040900, refresh: 43200, retry: 900, expire: 2419200, minimum: 10800 },
    spf: 'v=spf1 mx -all',
    mailHosts: [{ name: 'smtp', ipv4: ['192.0.2.25'], ipv6: ['2001:db8::25'], mx: 10, aliases: ['imap', 'mail'] }],
    webHosts: [
      { name: '@', ipv4: ['192.0.2.80'] },
      { name: 'www', ipv4: ['192.0.2.80'] },
    ],
  };
}

export const TLSA_HASH = 'd2abde240d7cd3ee6b4b28c54df034b97983a1d16e8a410e4561cb106618e971';

/**
 * The contract zone: the article's zone plus a 4096-bit DKIM TXT, SRV, CAA (issue and iodef),
 * a null MX, IPv6, wildcards, underscore names, a delegation, a PTR, a TLSA, TXT needing
 * escapes, an SPF macro, and TTLs other than the default.
 */
export function contractSpec(dns: DnsTargetSpec, opts: { smtpIpv4?: string } = {}): DomainSpec {
  const article = articleSpec(dns);
  return {
    ...article,
    ttl: 3600,
    mailHosts: [{ name: 'smtp', ipv4: [opts.smtpIpv4 ?? '192.0.2.25'], ipv6: ['2001:db8::25'], mx: 10, aliases: ['imap', 'mail'], services: ['submissions', 'imaps'], ttl: 300 }],
    webHosts: [
      { name: '@', ipv4: ['192.0.2.80'], ipv6: ['2001:db8::80'] },
      { name: 'www', ipv4: ['192.0.2.80', '192.0.2.81'], ipv6: ['2001:db8::80'] },
      // Serves the MTA-STS policy announced by _mta-sts.
      { name: 'mta-sts', ipv4: ['192.0.2.80'] },
    ],
    records: [
      { name: 's4096._domainkey', type: 'TXT', value: `v=DKIM1; k=rsa; p=${dkim4096()}` },
      { name: '_dmarc', type: 'TXT', value: 'v=DMARC1; p=reject; rua=mailto:dmarc-reports@example.com', ttl: 600 },
      { name: '_mta-sts', type: 'TXT', value: 'v=STSv1; id=20240101T000000' },
      { name: '@', type: 'CAA', value: ['0 issue "letsencrypt.org"', '0 iodef "mailto:security@example.com"'] },
      { name: 'parked', type: 'MX', value: '0 .' },
      { name: 'parked', type: 'TXT', value: 'v=spf1 -all' },
      { name: '*', type: 'A', value: '192.0.2.80' },
      { name: '*._domainkey', type: 'TXT', value: 'v=DKIM1; p=' },
      { name: '_xmpp-server._tcp', type: 'SRV', value: '5 0 5269 xmpp.example.net.', ttl: 86400 },
      { name: '_25._tcp.smtp', type: 'TLSA', value: `3 1 1 ${TLSA_HASH}` },
      { name: 'lab', type: 'NS', value: ['ns1.lab.example.net.', 'ns2.lab.example.net.'] },
      { name: 'host25', type: 'PTR', value: 'smtp.example.com.' },
      { name: 'quoted', type: 'TXT', value: 'say "hi" \\ then bye; ünï' },
      { name: 'macro', type: 'TXT', value: 'v=spf1 exists:%{i}._spf.%{d} -all' },
    ],
  };
}

/** The article zone, planned. */
export const articleZone = (dns: DnsTargetSpec): Zone => planDomain(articleSpec(dns));
/** The contract zone, planned. */
export const contractZone = (dns: DnsTargetSpec, opts?: { smtpIpv4?: string }): Zone => planDomain(contractSpec(dns, opts));

/** A zone holding only some records of `zone` (same origin, TTL and host facts). */
export function subZone(zone: Zone, keep: (r: DnsRecord) => boolean): Zone {
  const z = new Zone(zone.origin, { kind: zone.kind, defaultTtl: zone.defaultTtl, provider: zone.provider });
  z.hosts.push(...zone.hosts);
  zone.records.filter(keep).forEach((r) => z.add(r));
  return z;
}

/** A record as DNS sees it: owner, type, TTL and RDATA identity. */
export interface NeutralRecord {
  readonly name: string;
  readonly type: RecordType;
  readonly ttl: number;
  readonly key: string;
}

export const neutral = (name: string, ttl: number, data: RData): NeutralRecord => ({ name, type: data.type, ttl, key: rdataKey(data) });

/** Neutral form of every record of a zone, with the TTL of its rrset (RFC 2181 §5.2). */
export function neutralOf(zone: Zone, keep: (r: DnsRecord) => boolean = () => true): string[] {
  return zone.records.filter(keep).map((r) => show(neutral(r.name, zone.get(r.name, r.type)[0].ttl, r.data)));
}

export const show = (n: NeutralRecord): string => `${n.name} ${n.ttl} ${n.key}`;

const str = (v: AttributeValue | undefined): string => {
  if (typeof v !== 'string') throw new Error(`expected a string, got ${JSON.stringify(v)}`);
  return v;
};
const num = (v: AttributeValue | undefined): number => {
  if (typeof v !== 'number') throw new Error(`expected a number, got ${JSON.stringify(v)}`);
  return v;
};
const list = (v: AttributeValue | undefined): AttributeValue[] => {
  if (!Array.isArray(v)) throw new Error(`expected a list, got ${JSON.stringify(v)}`);
  return v;
};
const obj = (v: AttributeValue): { readonly [k: string]: AttributeValue } => v as { readonly [k: string]: AttributeValue };

const absolute = (name: string): string => (name.endsWith('.') ? name : `${name}.`).toLowerCase();
const fromRelative = (name: string, origin: string): string => (name === '@' ? origin : `${name}.${origin}`).toLowerCase();

/** The inside of one quoted string of any length, with RFC 1035 decimal escapes, to its text. */
export function unescapeDecimal(inside: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < inside.length; ) {
    if (inside[i] === '\\') {
      const dec = /^\d{3}/.exec(inside.slice(i + 1, i + 4));
      if (dec) {
        bytes.push(Number(dec[0]));
        i += 4;
        continue;
      }
      const ch = String.fromCodePoint(inside.codePointAt(i + 1)!);
      bytes.push(...Buffer.from(ch, 'utf8'));
      i += 1 + ch.length;
      continue;
    }
    if (inside[i] === '"') throw new Error(`unescaped quote at ${i} of ${inside}`);
    const ch = String.fromCodePoint(inside.codePointAt(i)!);
    bytes.push(...Buffer.from(ch, 'utf8'));
    i += ch.length;
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Quoted character-strings with octal escapes (Route 53's TXT format) to the logical value. */
export function parseOctalQuoted(text: string): string {
  const bytes: number[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '"') throw new Error(`expected a quote at ${i} of ${text}`);
    i++;
    while (text[i] !== '"') {
      if (i >= text.length) throw new Error(`unterminated string in ${text}`);
      if (text[i] === '\\') {
        const oct = /^[0-7]{3}/.exec(text.slice(i + 1, i + 4));
        if (oct) {
          bytes.push(parseInt(oct[0], 8));
          i += 4;
        } else {
          bytes.push(text.charCodeAt(i + 1));
          i += 2;
        }
      } else {
        bytes.push(...Buffer.from(text[i], 'utf8'));
        i++;
      }
    }
    i++;
    while (text[i] === ' ') i++;
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Reads a rendering back into neutral records. */
export type Decoder = (rendering: Rendering, zone: Zone) => string[];

const rd = (type: RecordType, text: string, origin: string): RData => parseRData(type, text, origin).data;

function byType(rendering: Rendering, types: string[]): ResourceDescription[] {
  return rendering.resources.filter((r) => types.includes(r.type));
}

const decodeCloudflare: Decoder = (rendering, zone) =>
  byType(rendering, ['cloudflare_dns_record']).map((res) => {
    const a = res.attributes;
    const type = str(a.type) as RecordType;
    const name = absolute(str(a.name));
    const data = a.data !== undefined ? obj(a.data) : undefined;
    let rdata: RData;
    if (type === 'SRV') rdata = rd(type, `${num(data!.priority)} ${num(data!.weight)} ${num(data!.port)} ${absolute(str(data!.target))}`, zone.origin);
    else if (type === 'CAA') rdata = { type, flags: num(data!.flags), tag: str(data!.tag), value: str(data!.value) };
    else if (type === 'TLSA') rdata = rd(type, `${num(data!.usage)} ${num(data!.selector)} ${num(data!.matching_type)} ${str(data!.certificate)}`, zone.origin);
    else if (type === 'MX') rdata = rd(type, `${num(a.priority)} ${str(a.content) === '.' ? '.' : absolute(str(a.content))}`, zone.origin);
    else if (type === 'TXT') rdata = { type, text: parseTxtValue(str(a.content)) };
    else if (type === 'CNAME' || type === 'NS' || type === 'PTR') rdata = rd(type, absolute(str(a.content)), zone.origin);
    else rdata = rd(type, str(a.content), zone.origin);
    return show(neutral(name, num(a.ttl), rdata));
  });

const decodeRoute53: Decoder = (rendering, zone) =>
  byType(rendering, ['aws_route53_record']).flatMap((res) => {
    const a = res.attributes;
    const type = str(a.type) as RecordType;
    return list(a.records).map((v) => {
      const rdata: RData = type === 'TXT' ? { type, text: parseOctalQuoted(`"${str(v)}"`) } : rd(type, str(v), zone.origin);
      return show(neutral(absolute(str(a.name)), num(a.ttl), rdata));
    });
  });

const decodeGoogle: Decoder = (rendering, zone) =>
  byType(rendering, ['google_dns_record_set']).flatMap((res) => {
    const a = res.attributes;
    const type = str(a.type) as RecordType;
    if (!str(a.name).endsWith('.')) throw new Error(`google_dns_record_set name without trailing dot: ${str(a.name)}`);
    return list(a.rrdatas).map((v) => show(neutral(str(a.name), num(a.ttl), rd(type, str(v), zone.origin))));
  });

const decodeAzure: Decoder = (rendering, zone) =>
  rendering.resources
    .filter((r) => /^azurerm_dns_[a-z]+_record$/.test(r.type))
    .flatMap((res) => {
      const a = res.attributes;
      const type = res.type.replace(/^azurerm_dns_|_record$/g, '').toUpperCase() as RecordType;
      const name = fromRelative(str(a.name), zone.origin);
      const out = (data: RData) => show(neutral(name, num(a.ttl), data));
      const target = (t: string) => (t === '.' ? '.' : absolute(t));
      switch (type) {
        case 'A':
        case 'AAAA':
          return list(a.records).map((v) => out(rd(type, str(v), zone.origin)));
        case 'NS':
        case 'PTR':
          return list(a.records).map((v) => out(rd(type, target(str(v)), zone.origin)));
        case 'CNAME':
          return [out(rd(type, target(str(a.record)), zone.origin))];
        case 'MX':
          return list(a.record).map((b) => out(rd(type, `${num(obj(b).preference)} ${target(str(obj(b).exchange))}`, zone.origin)));
        case 'TXT':
          return list(a.record).map((b) => out({ type, text: str(obj(b).value) }));
        case 'SRV':
          return list(a.record).map((b) => out(rd(type, `${num(obj(b).priority)} ${num(obj(b).weight)} ${num(obj(b).port)} ${target(str(obj(b).target))}`, zone.origin)));
        case 'CAA':
          return list(a.record).map((b) => out({ type, flags: num(obj(b).flags), tag: str(obj(b).tag), value: str(obj(b).value) }));
        default:
          throw new Error(`unknown Azure record resource ${res.type}`);
      }
    });

const decodeDigitalOcean: Decoder = (rendering, zone) =>
  byType(rendering, ['digitalocean_record']).map((res) => {
    const a = res.attributes;
    const type = str(a.type) as RecordType;
    const name = fromRelative(str(a.name), zone.origin);
    const value = str(a.value);
    let data: RData;
    if (type === 'MX') data = rd(type, `${num(a.priority)} ${value}`, zone.origin);
    else if (type === 'SRV') data = rd(type, `${num(a.priority)} ${num(a.weight)} ${num(a.port)} ${value}`, zone.origin);
    else if (type === 'CAA') data = { type, flags: num(a.flags), tag: str(a.tag), value: str(a.tag) === 'iodef' ? value : value.replace(/\.$/, '') };
    else if (type === 'TXT') data = { type, text: value };
    else data = rd(type, value, zone.origin);
    return show(neutral(name, num(a.ttl), data));
  });

const decodeRfc2136: Decoder = (rendering, zone) =>
  rendering.resources.flatMap((res) => {
    const a = res.attributes;
    if (str(a.zone) !== zone.origin) throw new Error(`${res.id}: zone ${str(a.zone)} is not ${zone.origin}`);
    const name = a.name === undefined ? zone.origin : fromRelative(str(a.name), zone.origin);
    const out = (data: RData) => show(neutral(name, num(a.ttl), data));
    switch (res.type) {
      case 'dns_a_record_set':
        return list(a.addresses).map((v) => out(rd('A', str(v), zone.origin)));
      case 'dns_aaaa_record_set':
        return list(a.addresses).map((v) => out(rd('AAAA', str(v), zone.origin)));
      case 'dns_mx_record_set':
        return list(a.mx).map((b) => out(rd('MX', `${num(obj(b).preference)} ${str(obj(b).exchange)}`, zone.origin)));
      case 'dns_txt_record_set':
        // The provider writes each element as `"<element>"` into a zone-file line.
        return list(a.txt).map((v) => out({ type: 'TXT', text: unescapeDecimal(str(v)) }));
      case 'dns_cname_record':
        return [out(rd('CNAME', str(a.cname), zone.origin))];
      case 'dns_ns_record_set':
        return list(a.nameservers).map((v) => out(rd('NS', str(v), zone.origin)));
      case 'dns_ptr_record':
        return [out(rd('PTR', str(a.ptr), zone.origin))];
      case 'dns_srv_record_set':
        return list(a.srv).map((b) => out(rd('SRV', `${num(obj(b).priority)} ${num(obj(b).weight)} ${num(obj(b).port)} ${str(obj(b).target)}`, zone.origin)));
      default:
        throw new Error(`unknown hashicorp/dns resource ${res.type}`);
    }
  });

const decodeZonefile: Decoder = (rendering, zone) => {
  const [artifact] = rendering.artifacts;
  const parsed = parseZoneFile(artifact.content, { origin: zone.origin });
  return parsed.records.map((r) => show(neutral(r.name, r.ttl, r.data)));
};

/** One decoder per adapter name; an adapter without one fails the contract suite. */
export const DECODERS: Record<string, Decoder> = {
  cloudflare: decodeCloudflare,
  route53: decodeRoute53,
  google: decodeGoogle,
  azure: decodeAzure,
  digitalocean: decodeDigitalOcean,
  rfc2136: decodeRfc2136,
  zonefile: decodeZonefile,
};

/** The target each adapter is rendered for in the contract suite. */
export const TARGETS: Record<string, DnsTargetSpec> = {
  cloudflare: { provider: 'cloudflare', zoneId: '023e105f4ecef8ad9ca31a8372d0c353' },
  route53: { provider: 'route53', zoneId: 'Z0123456789ABCDEFGHIJ' },
  google: { provider: 'google', managedZone: 'example-com', project: 'mail-dns-test' },
  azure: { provider: 'azure', resourceGroup: 'rg-dns' },
  digitalocean: { provider: 'digitalocean', zoneId: 'example.com' },
  rfc2136: { provider: 'rfc2136', server: '192.0.2.53', keyName: 'mail-dns-update' },
  zonefile: { provider: 'zonefile', path: '/srv/bind/example.com.zone' },
};

/** Renders with the adapter's contract target. */
export function renderFor(adapter: DnsAdapter, zone: Zone): Rendering {
  const target = TARGETS[adapter.name];
  if (!target) throw new Error(`no contract target for adapter ${adapter.name} — add one to test/providers/support.ts`);
  return adapter.render(zone, target, 'example_com');
}

