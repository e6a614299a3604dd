import { MailDnsError } from '../errors';
import { parseIPv4, parseIPv6 } from '../ip';
import { relativize } from '../name';
import { DnsRecord, RData, RecordType, SoaData, formatRData, rdataTarget } from '../records';
import { quoteCharacterString, splitTxt } from '../txt';
import { Zone } from '../zone';

/** Options of {@link writeZoneFile}. */
export interface WriteZoneFileOptions {
  /**
   * SOA serial to write, replacing the serial of the zone's SOA record.
   * @default - the zone's SOA serial; 1 when the SOA is synthesized
   */
  readonly serial?: number;
}

/**
 * Timers of a synthesized SOA, the guide's example zone's values: refresh 12H, retry 15M,
 * expire 4W, and a negative-caching TTL of 3H (RFC 2308 §5: one to three hours work well).
 */
export const DEFAULT_SOA_TIMERS = { refresh: 43200, retry: 900, expire: 2419200, minimum: 10800 } as const;

/**
 * Order of types under one owner. SOA and NS come first because they describe the zone itself;
 * the rest follows RECORD_TYPES, grouping names (CNAME, PTR), mail (MX, SRV) and text.
 */
const TYPE_ORDER: readonly RecordType[] = ['SOA', 'NS', 'A', 'AAAA', 'CNAME', 'PTR', 'MX', 'SRV', 'TXT', 'SPF', 'CAA', 'TLSA'];
const INDENT = '        ';
const MAX_UINT32 = 4294967295;

interface Line {
  readonly owner: string;
  readonly ttl: string;
  readonly type: RecordType;
  /** RDATA on the record's line, then continuation lines inside parentheses. */
  readonly first: string;
  readonly more: readonly string[];
}

/**
 * Writes a zone as a complete BIND master file:
 * - a header comment, `$ORIGIN` and `$TTL` (the zone's default TTL);
 * - the SOA first: the zone's own, or one synthesized with mname = the first apex NS target,
 *   rname = `hostmaster.<origin>`, serial = `opts.serial` or 1, and {@link DEFAULT_SOA_TIMERS};
 * - the apex NS records, the other apex records, then the other names in DNS canonical order
 *   (RFC 4034 §6.1); types in a fixed order, values sorted, so equal zones give equal files;
 * - owner names relative to the origin (`@`, `smtp`, `_dmarc`) and every name in record data
 *   absolute with its trailing dot, so no target can silently get the origin appended;
 * - a TTL only where it differs from `$TTL` (an rrset's TTL is that of its first record);
 * - TXT and SPF split into character-strings of at most 255 bytes, quoted and escaped, over
 *   several lines in parentheses when there are more than one; CAA values quoted.
 *
 * Throws `ZONEFILE_WRITE` when the zone has no SOA and no apex NS to derive one from, has two
 * SOA records, or holds a name that a master file cannot carry unescaped (`;`, `"`, `(`, spaces).
 */
export function writeZoneFile(zone: Zone, opts: WriteZoneFileOptions = {}): string {
  const origin = zone.origin;
  if (opts.serial !== undefined && (!Number.isInteger(opts.serial) || opts.serial < 0 || opts.serial > MAX_UINT32)) {
    throw new MailDnsError('ZONEFILE_WRITE', `serial: ${opts.serial} is not an SOA serial — give a whole number 0..${MAX_UINT32}, e.g. 2024061501`, { field: 'serial', value: opts.serial });
  }
  const rrsets = zone.rrsets();
  const soaSet = rrsets.find((rs) => rs.name === origin && rs.type === 'SOA');
  if (soaSet && soaSet.records.length > 1) {
    throw new MailDnsError('ZONEFILE_WRITE', `${origin}: the zone has ${soaSet.records.length} SOA records — a zone has exactly one; remove the others`, { field: origin, value: soaSet.records.length });
  }
  const soaRecord = soaSet?.records[0];
  const soa = soaRecord ? withSerial(soaRecord.data as SoaData, opts.serial) : synthesizeSoa(zone, opts.serial);
  const soaTtl = soaRecord?.ttl ?? zone.defaultTtl;

  const sets = rrsets.filter((rs) => rs !== soaSet).sort((a, b) => (a.name === b.name ? typeRank(a.type) - typeRank(b.type) : compareOwners(a.name, b.name, origin)));
  const lines: Line[] = [soaLine(soa, soaTtl, zone)];
  for (const rs of sets) {
    const records = [...rs.records].sort((a, b) => compareData(a.data, b.data));
    for (const r of records) lines.push(recordLine(r, rs.ttl, zone));
  }

  const ownerWidth = Math.max(...lines.map((l) => l.owner.length));
  const ttlWidth = Math.max(...lines.map((l) => l.ttl.length));
  const typeWidth = Math.max(...lines.map((l) => l.type.length));
  const out = [
    `; ${origin} zone file, written by cdktf-mail-dns`,
    '; Owner names are relative to $ORIGIN; names in record data are absolute (they end with a dot).',
    `$ORIGIN ${origin}`,
    `$TTL ${zone.defaultTtl}`,
  ];
  for (const l of lines) {
    const head = [l.owner.padEnd(ownerWidth), ...(ttlWidth ? [l.ttl.padEnd(ttlWidth)] : []), 'IN', l.type.padEnd(typeWidth)].join(' ');
    out.push(`${head} ${l.first}`);
    out.push(...l.more);
  }
  return `${out.join('\n')}\n`;
}

function withSerial(soa: SoaData, serial: number | undefined): SoaData {
  return serial === undefined ? soa : { ...soa, serial };
}

function synthesizeSoa(zone: Zone, serial: number | undefined): SoaData {
  const ns = zone.get(zone.origin, 'NS')[0];
  if (!ns || ns.data.type !== 'NS') {
    throw new MailDnsError(
      'ZONEFILE_WRITE',
      `${zone.origin}: the zone has no SOA record and no NS record at the apex to name as primary — add the zone's NS records (or an SOA)`,
      { field: zone.origin, value: zone.origin },
    );
  }
  return {
    type: 'SOA',
    mname: ns.data.target,
    rname: zone.origin === '.' ? 'hostmaster.' : `hostmaster.${zone.origin}`,
    serial: serial ?? 1,
    ...DEFAULT_SOA_TIMERS,
  };
}

function soaLine(soa: SoaData, ttl: number, zone: Zone): Line {
  checkWritable(soa.mname, zone.origin);
  checkWritable(soa.rname, zone.origin);
  const timers: [number, string][] = [
    [soa.serial, 'serial'],
    [soa.refresh, 'refresh'],
    [soa.retry, 'retry'],
    [soa.expire, 'expire'],
    [soa.minimum, 'minimum (negative-caching TTL, RFC 2308)'],
  ];
  const width = Math.max(...timers.map(([v]) => String(v).length));
  return {
    owner: '@',
    ttl: ttl === zone.defaultTtl ? '' : String(ttl),
    type: 'SOA',
    first: `${soa.mname} ${soa.rname} (`,
    more: [...timers.map(([v, label]) => `${INDENT}${String(v).padEnd(width)} ; ${label}`), `${INDENT})`],
  };
}

function recordLine(r: DnsRecord, ttl: number, zone: Zone): Line {
  const owner = relativize(r.name, zone.origin);
  checkWritable(r.name, zone.origin, owner);
  const target = rdataTarget(r.data);
  if (target) checkWritable(target, zone.origin);
  const base = { owner, ttl: ttl === zone.defaultTtl ? '' : String(ttl), type: r.type };
  if (r.data.type === 'TXT' || r.data.type === 'SPF') {
    const strings = splitTxt(r.data.text).map(quoteCharacterString);
    if (strings.length > 1) return { ...base, first: '(', more: [...strings.map((s) => `${INDENT}${s}`), `${INDENT})`] };
    return { ...base, first: strings[0], more: [] };
  }
  return { ...base, first: formatRData(r.data), more: [] };
}

/** A name goes into the file unescaped: it must not hold what the master-file lexer treats specially. */
function checkWritable(name: string, origin: string, written: string = name): void {
  const bad = /[\s;()"\\]/.test(name) || written.startsWith('$') || (written === '@' && name !== origin);
  if (bad) {
    throw new MailDnsError('ZONEFILE_WRITE', `${name}: the name cannot be written in a zone file as it is (${JSON.stringify(written)}) — use letters, digits, hyphens and underscores in names`, {
      field: name,
      value: name,
    });
  }
}

function typeRank(type: RecordType): number {
  return TYPE_ORDER.indexOf(type);
}

function compareOwners(a: string, b: string, origin: string): number {
  if (a === origin) return -1;
  if (b === origin) return 1;
  return compareNames(a, b);
}

/** DNS canonical order (RFC 4034 §6.1): by labels from the right, each compared as lower-case octets. */
export function compareNames(a: string, b: string): number {
  const la = a === '.' ? [] : a.slice(0, -1).split('.').reverse();
  const lb = b === '.' ? [] : b.slice(0, -1).split('.').reverse();
  for (let i = 0; i < Math.min(la.length, lb.length); i++) {
    const c = Buffer.compare(Buffer.from(la[i].toLowerCase()), Buffer.from(lb[i].toLowerCase()));
    if (c) return c;
  }
  return la.length - lb.length;
}

function compareData(a: RData, b: RData): number {
  return compareKeys(sortKey(a), sortKey(b));
}

type Key = (number | string | { name: string })[];

function sortKey(d: RData): Key {
  switch (d.type) {
    case 'A':
      return [...parseIPv4(d.address).bytes];
    case 'AAAA':
      return [...parseIPv6(d.address).bytes];
    case 'MX':
      return [d.preference, { name: d.exchange }];
    case 'SRV':
      return [d.priority, d.weight, d.port, { name: d.target }];
    case 'CNAME':
    case 'NS':
    case 'PTR':
      return [{ name: d.target }];
    case 'TXT':
    case 'SPF':
      return [d.text];
    case 'CAA':
      return [d.flags, d.tag, d.value];
    case 'TLSA':
      return [d.usage, d.selector, d.matchingType, d.certificate];
    case 'SOA':
      return [d.serial];
  }
}

function compareKeys(a: Key, b: Key): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    let c: number;
    if (typeof x === 'number' && typeof y === 'number') c = x - y;
    else if (typeof x === 'string' && typeof y === 'string') c = Buffer.compare(Buffer.from(x), Buffer.from(y));
    else c = compareNames((x as { name: string }).name, (y as { name: string }).name);
    if (c) return c;
  }
  return a.length - b.length;
}
