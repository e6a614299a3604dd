import { MailDnsError, show } from './errors';
import { formatIp, IpAddress, IpNetwork, parseIp, parseNetwork } from './ip';
import { isInZone, labelsOf } from './name';
import { DnsRecord } from './records';
import { HostFact, Zone } from './zone';

/**
 * Reverse DNS names (RFC 1035 §3.5 `in-addr.arpa`, RFC 3596 §2.5 `ip6.arpa`), RFC 2317 classless
 * zone names, and what the app publishes for the addresses of its mail hosts.
 */

export const IN_ADDR_ARPA = 'in-addr.arpa.';
export const IP6_ARPA = 'ip6.arpa.';

function toAddress(address: string | IpAddress, field: string): IpAddress {
  return typeof address === 'string' ? parseIp(address, field) : address;
}

function nibbles(bytes: Uint8Array): string[] {
  const out: string[] = [];
  for (const b of bytes) out.push((b >> 4).toString(16), (b & 0xf).toString(16));
  return out;
}

/** The reverse name of an address: `25.2.0.192.in-addr.arpa.`, or the 32-nibble `ip6.arpa.` name. */
export function reverseName(address: string | IpAddress, field = 'address'): string {
  const ip = toAddress(address, field);
  if (ip.version === 4) return `${Array.from(ip.bytes).reverse().join('.')}.${IN_ADDR_ARPA}`;
  return `${nibbles(ip.bytes).reverse().join('.')}.${IP6_ARPA}`;
}

/** True for names under `in-addr.arpa.` or `ip6.arpa.`. */
export function isReverseName(name: string): boolean {
  return isInZone(name, IN_ADDR_ARPA) || isInZone(name, IP6_ARPA);
}

function boundaryError(field: string, text: string, why: string, fix: string): MailDnsError {
  return new MailDnsError('INVALID_REVERSE_NETWORK', `${field}: ${show(text)} ${why} — ${fix}`, { field, value: text });
}

function ipv4Fix(net: IpNetwork): string {
  const target = net.prefix < 8 ? 8 : net.prefix < 16 ? 16 : 24;
  const count = 2 ** (target - net.prefix);
  const first = `${formatIp(net.address.bytes)}/${target}`;
  const lastBytes = Uint8Array.from(net.address.bytes);
  const step = 2 ** (32 - target);
  let carry = (count - 1) * step;
  for (let i = 3; i >= 0 && carry > 0; i--) {
    const sum = lastBytes[i] + carry;
    lastBytes[i] = sum % 256;
    carry = Math.floor(sum / 256);
  }
  return `split it into ${count} reverse zones of /${target} (${first} .. ${formatIp(lastBytes)}/${target})`;
}

/**
 * The name of the reverse zone of a network.
 *
 * - IPv4 on an octet boundary: `/8` `192.in-addr.arpa.`, `/16` `0.192.in-addr.arpa.`, `/24` `2.0.192.in-addr.arpa.`.
 * - IPv4 `/25` .. `/32`: the RFC 2317 classless name `<first>-<last>.<c>.<b>.<a>.in-addr.arpa.`
 *   (192.0.2.0/25 is `0-127.2.0.192.in-addr.arpa.`). RFC 2317 leaves the label to the parent's
 *   owner; its examples use `0/25`, which is not a valid host-name label and is refused by several
 *   DNS hosts, so the range form is used. The PTRs of the zone are `<last octet>.<zone>`
 *   (`25.0-127.2.0.192.in-addr.arpa.`), and the parent publishes
 *   `25.2.0.192.in-addr.arpa. CNAME 25.0-127.2.0.192.in-addr.arpa.` for each.
 * - IPv6 on a nibble boundary from `/32` to `/64`: the prefix's nibbles reversed under `ip6.arpa.`.
 *
 * Anything else throws a MailDnsError naming `field` and how to split the network.
 */
export function reverseZoneName(network: string | IpNetwork, field = 'network'): string {
  const net = typeof network === 'string' ? parseNetwork(network, field) : network;
  const text = `${net.address.text}/${net.prefix}`;
  const b = net.address.bytes;
  if (net.address.version === 4) {
    if (net.prefix === 8 || net.prefix === 16 || net.prefix === 24) {
      return `${Array.from(b.slice(0, net.prefix / 8)).reverse().join('.')}.${IN_ADDR_ARPA}`;
    }
    if (net.prefix > 24) {
      const last = b[3] + 2 ** (32 - net.prefix) - 1;
      return `${b[3]}-${last}.${b[2]}.${b[1]}.${b[0]}.${IN_ADDR_ARPA}`;
    }
    throw boundaryError(
      field,
      text,
      `is not a reverse-zone boundary: IPv4 reverse zones are delegated per octet (/8, /16, /24) or as RFC 2317 classless blocks (/25 to /32)`,
      ipv4Fix(net),
    );
  }
  if (net.prefix % 4 !== 0 || net.prefix < 32 || net.prefix > 64) {
    const fix =
      net.prefix > 64
        ? `use the /64 that holds it (${formatIp(maskTo(b, 64))}/64): PTRs of single addresses live in that zone`
        : net.prefix < 32
          ? 'give the /32 (or longer) prefix whose reverse zone you actually host'
          : `use a prefix length that is a multiple of 4, e.g. /${Math.floor(net.prefix / 4) * 4 || 32} or /${Math.ceil(net.prefix / 4) * 4}`;
    throw boundaryError(field, text, 'is not an IPv6 reverse-zone boundary: ip6.arpa zones are delegated on nibble boundaries (a prefix length that is a multiple of 4), from /32 to /64', fix);
  }
  return `${nibbles(b).slice(0, net.prefix / 4).reverse().join('.')}.${IP6_ARPA}`;
}

function maskTo(bytes: Uint8Array, prefix: number): Uint8Array {
  return Uint8Array.from(bytes, (v, i) => {
    const bits = Math.max(0, Math.min(8, prefix - i * 8));
    return bits === 0 ? 0 : v & ((0xff << (8 - bits)) & 0xff);
  });
}

/**
 * The owner name of an address's PTR inside the zone `zoneOrigin`: the reverse name itself in
 * an octet- or nibble-aligned zone, `<last octet>.<zone>` in an RFC 2317 classless zone (one
 * label below the `/24` reverse name). Throws when the address cannot be inside the zone.
 */
export function ptrOwner(address: string | IpAddress, zoneOrigin: string, field = 'address'): string {
  const ip = toAddress(address, field);
  const name = reverseName(ip);
  if (isInZone(name, zoneOrigin)) return name;
  const parent = name.slice(name.indexOf('.') + 1);
  if (ip.version === 4 && zoneOrigin.slice(zoneOrigin.indexOf('.') + 1) === parent) return `${ip.bytes[3]}.${zoneOrigin}`;
  throw new MailDnsError('NAME_OUTSIDE_ZONE', `${field}: ${ip.text} (reverse name ${name}) does not belong to the reverse zone ${zoneOrigin} — give an address inside the zone's network`, {
    field,
    value: ip.text,
  });
}

/**
 * The address a PTR owner name stands for, or undefined when the name is no full reverse name.
 * In `in-addr.arpa` a non-numeric label is an RFC 2317 classless zone label and is skipped, so
 * `25.0-127.2.0.192.in-addr.arpa.` gives 192.0.2.25 whatever the parent named the zone.
 */
export function addressOfReverseName(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (isInZone(lower, IN_ADDR_ARPA)) {
    const labels = labelsOf(lower).slice(0, -2);
    const octets = labels.filter((l) => /^\d+$/.test(l));
    if (octets.length !== 4 || octets.some((o) => Number(o) > 255 || String(Number(o)) !== o)) return undefined;
    if (!/^\d+$/.test(labels[0])) return undefined;
    return octets.reverse().join('.');
  }
  if (isInZone(lower, IP6_ARPA)) {
    const labels = labelsOf(lower).slice(0, -2);
    if (labels.length !== 32 || !labels.every((l) => /^[0-9a-f]$/.test(l))) return undefined;
    const hex = labels.reverse().join('');
    const bytes = new Uint8Array(16);
    for (let i = 0; i < 16; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
    return formatIp(bytes);
  }
  return undefined;
}

/** One PTR record the app publishes, with the address it is for. */
export interface PtrEntry {
  /** Canonical address. */
  readonly address: string;
  /** The reverse zone holding the record. */
  readonly zone: Zone;
  readonly record: DnsRecord;
  /** Absolute target host name. */
  readonly target: string;
}

/** PTR records of the app by canonical address. */
export type PtrIndex = ReadonlyMap<string, readonly PtrEntry[]>;

/** Every PTR record in the reverse zones (origins under in-addr.arpa / ip6.arpa) among `zones`, by address. */
export function indexPtrs(zones: readonly Zone[]): PtrIndex {
  const out = new Map<string, PtrEntry[]>();
  for (const zone of zones) {
    if (!isReverseName(zone.origin)) continue;
    for (const record of zone.ofType('PTR')) {
      if (record.data.type !== 'PTR') continue;
      const address = addressOfReverseName(record.name);
      if (address === undefined) continue;
      const entry: PtrEntry = { address, zone, record, target: record.data.target };
      const list = out.get(address);
      if (list) list.push(entry);
      else out.set(address, [entry]);
    }
  }
  return out;
}

/** Who publishes the PTR of an address: the app (`managed`), someone else (`external`), or nobody. */
export type PtrMode = 'managed' | 'external' | 'none';

/**
 * The PTR mode of one address of a mail host — the one place where the default is decided: the
 * host's `ptr` when given; otherwise `managed` when a reverse zone of the app publishes the
 * address's PTR (planning adds one for every such address inside a reverse zone's network),
 * else `external` (the usual case for IPv4, whose reverse zone belongs to the ISP).
 */
export function ptrModeOf(host: HostFact, published: readonly PtrEntry[]): PtrMode {
  return host.ptr ?? (published.length > 0 ? 'managed' : 'external');
}

/** The resolved PTR situation of one address of one mail host. */
export interface PtrResolution {
  /** The forward zone of the host. */
  readonly zone: Zone;
  readonly host: HostFact;
  /** Canonical address. */
  readonly address: string;
  /** The PTR mode after defaulting. */
  readonly mode: PtrMode;
  /** True when the host left `ptr` unset and the mode was derived. */
  readonly defaulted: boolean;
  /** The address's reverse name (`25.2.0.192.in-addr.arpa.`). */
  readonly reverseName: string;
  /** The PTR records the app publishes for the address (any host). */
  readonly published: readonly PtrEntry[];
}

/** The PTR resolution of every address of the mail hosts of one zone, given the app's PTRs. */
export function zonePtrModes(zone: Zone, index: PtrIndex): PtrResolution[] {
  const out: PtrResolution[] = [];
  for (const host of zone.hosts) {
    if (host.kind !== 'mail') continue;
    for (const address of new Set(host.addresses)) {
      const published = index.get(address) ?? [];
      out.push({ zone, host, address, mode: ptrModeOf(host, published), defaulted: host.ptr === undefined, reverseName: reverseName(address), published });
    }
  }
  return out;
}

/**
 * Resolves the PTR mode of every address of every mail host in `zones` (the zones of one app,
 * reverse zones included, after planning): CLI reports, the constructs' PTR requests and the
 * reverse rules all read the modes from here.
 */
export function resolvePtrModes(zones: readonly Zone[], index: PtrIndex = indexPtrs(zones)): PtrResolution[] {
  return zones.flatMap((z) => zonePtrModes(z, index));
}
