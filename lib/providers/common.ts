import { relativize, roleLabel } from '../model/name';
import { DnsRecord } from '../model/records';
import { RRset, Zone } from '../model/zone';
import { logicalId } from './ids';
import { ProviderCapabilities, UnsupportedTypeError } from './types';

/**
 * Pieces every adapter needs: which records the host publishes itself, stable logical ids for
 * records and rrsets, relative owner names, and TXT character-string escaping.
 */

/** Records that carry mail: replacing them must never leave a gap. */
export function isMailCritical(r: DnsRecord, zone: Zone): boolean {
  if (r.type === 'MX') return true;
  if (r.type === 'TXT' && r.data.type === 'TXT' && /^v=spf1( |$)/i.test(r.data.text)) return true;
  return (r.type === 'A' || r.type === 'AAAA') && zone.hosts.some((h) => h.kind === 'mail' && h.name === r.name);
}

/** True for the records the DNS host publishes itself (its SOA, its apex NS): adapters leave them out. */
export function managedByHost(r: { name: string; type: string }, zone: Zone, caps: ProviderCapabilities): boolean {
  if (r.type === 'SOA') return caps.managesSoa;
  return r.type === 'NS' && r.name === zone.origin && caps.managesApexNs;
}

/**
 * The role of every record: its own `meta.role` (set by the planner from the record's purpose),
 * or, for records added to the model without one, `<type>-<owner>` numbered in insertion order,
 * never colliding with a declared role. Roles, not values, make logical ids stable.
 */
export function recordRoles(zone: Zone): Map<DnsRecord, string> {
  const used = new Set(zone.records.map((r) => r.meta.role).filter((x): x is string => x !== undefined));
  const roles = new Map<DnsRecord, string>();
  for (const r of zone.records) {
    let role = r.meta.role;
    if (role === undefined) {
      const base = `${r.type.toLowerCase()}-${roleLabel(relativize(r.name, zone.origin))}`;
      role = base;
      for (let n = 2; used.has(role); n++) role = `${base}-${n}`;
      used.add(role);
    }
    roles.set(r, role);
  }
  return roles;
}

/** Logical id of a per-record resource. */
export function recordId(prefix: string, roles: Map<DnsRecord, string>, r: DnsRecord): string {
  return logicalId(prefix, roles.get(r)!);
}

/**
 * Logical id of a per-rrset resource. An MX rrset is the domain's mail routing as a whole, whose
 * members come and go (a backup MX added, a host moved in two deploys): it is keyed by owner and
 * type (`mx-apex`), so every change of its members is an in-place update. Every other rrset
 * belongs to one purpose (a host's addresses, an SPF) and takes the role of its first record
 * (`a-smtp`, `spf-apex`), which also survives a host rename that keeps the host's `id`.
 */
export function rrsetId(prefix: string, roles: Map<DnsRecord, string>, rs: RRset, zone: Zone): string {
  if (rs.type !== 'MX') return logicalId(prefix, roles.get(rs.records[0])!);
  const owner = relativize(rs.name, zone.origin);
  // Underscores are kept (unlike record roles), so `_x` and `x` stay distinct.
  const label = owner === '@' ? 'apex' : owner.replace(/\.$/, '').replace(/\*/g, 'wildcard').replace(/[^a-z0-9_-]/g, '_');
  return logicalId(prefix, `mx-${label}`);
}

/** The roles an rrset carries, for adoption and reports. */
export function rrsetRoles(roles: Map<DnsRecord, string>, rs: RRset): string[] {
  return rs.records.map((r) => roles.get(r)!);
}

/** The owner relative to the zone, `@` for the apex: what Azure, DigitalOcean and zone files take. */
export function relativeOwner(name: string, zone: Zone): string {
  return relativize(name, zone.origin);
}

/**
 * The inside of one quoted character-string: `"` and `\` escaped, bytes outside printable ASCII
 * as a three-digit escape, decimal (RFC 1035 §5.1) or octal (Route 53's TXT format).
 */
export function escapeCharacterString(s: string, base: 'decimal' | 'octal'): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    if (byte === 0x22 || byte === 0x5c) out += `\\${String.fromCharCode(byte)}`;
    else if (byte < 0x20 || byte > 0x7e) out += `\\${byte.toString(base === 'decimal' ? 10 : 8).padStart(3, '0')}`;
    else out += String.fromCharCode(byte);
  }
  return out;
}

/** Throws PROVIDER_UNSUPPORTED_TYPE for a record type the adapter's host cannot hold. */
export function unsupported(provider: string, what: string, r: DnsRecord): never {
  throw new UnsupportedTypeError(provider, what, r.name.replace(/\.$/, ''));
}

/** Throws PROVIDER_UNSUPPORTED_TYPE unless the host can publish the record's type. */
export function requireType(provider: string, caps: ProviderCapabilities, r: DnsRecord): void {
  if (!caps.types.includes(r.type)) unsupported(provider, r.type, r);
}

/**
 * Throws PROVIDER_UNSUPPORTED_TYPE when a TXT value is longer than the host takes, measured the
 * way the host measures it (`length`: the logical bytes, or the encoded form the API receives).
 */
export function requireTxtSize(provider: string, caps: ProviderCapabilities, r: DnsRecord, length: number): void {
  if (length > caps.maxTxtBytes) unsupported(provider, `TXT longer than ${caps.maxTxtBytes} bytes (${length})`, r);
}
