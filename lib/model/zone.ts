import { MailDnsError, show } from './errors';
import { isInZone, relativize } from './name';
import { DnsRecord, RecordType, rdataKey } from './records';

/** All records of one owner name and type. */
export interface RRset {
  readonly name: string;
  readonly type: RecordType;
  readonly ttl: number;
  readonly records: readonly DnsRecord[];
}

/** What the plan knows about a host beyond its records: rules about mail need it. */
export interface HostFact {
  /** Absolute host name. */
  readonly name: string;
  readonly kind: 'mail' | 'web';
  /** Canonical addresses. */
  readonly addresses: readonly string[];
  /** MX preference when the host receives the domain's mail. */
  readonly mx?: number;
  /** Whether the host sends mail to the Internet (it then needs SPF, PTR and a HELO name). */
  readonly sends: boolean;
  /** The name the host says in HELO/EHLO (absolute). */
  readonly helo?: string;
  /** The HELO name exactly as written, when it was given. */
  readonly heloWritten?: string;
  /** Who publishes the PTR of its addresses. */
  readonly ptr?: 'managed' | 'external' | 'none';
  /** Served through the DNS host's proxy. */
  readonly proxied?: boolean;
  /** Prop or spec path of the host, for findings. */
  readonly source: string;
}

/** A suppression of one rule's findings, with the reason a reviewer will read. */
export interface Suppression {
  readonly rule: string;
  readonly reason: string;
  /** Only findings at this absolute owner name. */
  readonly name?: string;
  /** Where the suppression was declared (spec path or construct path). */
  readonly source: string;
}

/** A DKIM key of the spec that was not published, and why (the key itself is never kept). */
export interface DkimKeyFact {
  /** The selector as written. */
  readonly selector: string;
  /** Absolute owner the record would have had (`s1._domainkey.example.com.`). */
  readonly name: string;
  /** What is wrong: an invalid selector, or what the key inspection found. */
  readonly problem: 'selector' | 'not-base64' | 'not-public-key' | 'private-key' | 'wrong-length' | 'type-mismatch';
  /** The problem in words; never contains key material. */
  readonly detail: string;
  /** The key type the spec declared. */
  readonly keyType: string;
  /** Spec or prop path of the selector, for findings. */
  readonly source: string;
}

/** The MTA-STS policy the plan serves (RFC 8461): the policy file is not DNS, so rules read it here. */
export interface MtaStsFact {
  readonly mode: 'enforce' | 'testing' | 'none';
  /** `max_age` as given (MTA_STS_MAX_AGE judges it). */
  readonly maxAge: number;
  /** The `mx:` patterns of the policy. */
  readonly mx: readonly string[];
  /** The policy file (CRLF line ends); absent when `maxAge` is out of range and nothing was published. */
  readonly policy?: string;
  /** The policy id published in `_mta-sts`. */
  readonly id?: string;
  /** Spec or prop path, for findings. */
  readonly source: string;
}

/** What the plan knows about a domain's mail policies beyond its records. */
export interface PolicyFacts {
  /** DKIM keys of the spec that were not published (private, invalid, or at an invalid selector). */
  readonly dkim: DkimKeyFact[];
  /** The MTA-STS policy, when the domain has one. */
  mtaSts?: MtaStsFact;
}

/** Severity override for a rule across an app or spec. */
export type SeverityOverride = 'off' | 'warning' | 'error';

/** What kind of zone this is: a mail domain, a parked domain or a reverse (PTR) zone. */
export type ZoneKind = 'domain' | 'parked' | 'reverse';

const NO_RECORDS: readonly DnsRecord[] = Object.freeze([]);

/**
 * The records at one owner name by type, in the order the types first appeared. A plain object
 * rather than a Map: a zone has one per owner name, and a fleet's zones stay in memory from planning
 * to the end of the rules, where a Map per name costs the garbage collector several times as much.
 */
type TypeIndex = { [T in RecordType]?: DnsRecord[] };

/** The records of a type in an index; own lists only (a type is never an `Object.prototype` member, but a caller's string might be). */
function recordsIn(byType: TypeIndex, type: string): DnsRecord[] | undefined {
  const rs = (byType as { [type: string]: unknown })[type];
  return Array.isArray(rs) ? rs : undefined;
}

/** Accepted TTL range on input (RFC 2181 §8: 0 .. 2^31-1). */
export const MAX_TTL = 2147483647;

/**
 * A zone: owner name -> rrsets, plus the facts about its hosts that mail rules need.
 * It is what the constructs fill, the rules judge and the adapters render.
 */
export class Zone {
  /** Absolute origin. */
  public readonly origin: string;
  public readonly kind: ZoneKind;
  /** Default TTL of records added without one. */
  public readonly defaultTtl: number;
  public readonly hosts: HostFact[] = [];
  public readonly suppressions: Suppression[] = [];
  public readonly severity: Record<string, SeverityOverride> = {};
  /** Mail-policy facts the rules need beyond the records (unpublished DKIM keys, the MTA-STS policy file). */
  public readonly policy: PolicyFacts = { dkim: [] };
  /** Name of the DNS host the zone is rendered for (`cloudflare`, `route53`, ...), if known. */
  public provider?: string;
  private readonly list: DnsRecord[] = [];
  /** Owner name -> the records of each type there (see `TypeIndex`). */
  private readonly index = new Map<string, TypeIndex>();
  /**
   * Views of the records the rules derive (records by type, owner names, parsed SPF/DMARC, ...),
   * built on first use and dropped when a record is added or the rule engine is done with the zone.
   */
  private derived?: Map<string, unknown>;
  private byType?: Map<RecordType, DnsRecord[]>;
  private nameList?: string[];

  constructor(origin: string, opts: { kind?: ZoneKind; defaultTtl?: number; provider?: string } = {}) {
    this.origin = origin;
    this.kind = opts.kind ?? 'domain';
    this.defaultTtl = opts.defaultTtl ?? 172800;
    this.provider = opts.provider;
  }

  /** Adds a record; the owner must be inside the zone and the TTL in range. */
  public add(record: DnsRecord): DnsRecord {
    if (!isInZone(record.name, this.origin)) {
      throw new MailDnsError('NAME_OUTSIDE_ZONE', `${record.meta.source ?? 'name'}: ${show(record.name)} is not inside zone ${this.origin} — write it relative to the zone, or put it in its own domain`, {
        field: record.meta.source,
        value: record.name,
      });
    }
    if (!Number.isInteger(record.ttl) || record.ttl < 0 || record.ttl > MAX_TTL) {
      throw new MailDnsError('INVALID_TTL', `${record.meta.source ?? 'ttl'}: TTL ${show(record.ttl)} must be a whole number of seconds 0..${MAX_TTL}`, {
        field: record.meta.source,
        value: record.ttl,
      });
    }
    this.list.push(record);
    let byType = this.index.get(record.name);
    if (!byType) this.index.set(record.name, (byType = {}));
    const rs = recordsIn(byType, record.type);
    if (rs) rs.push(record);
    else byType[record.type] = [record];
    if (this.derived !== undefined || this.byType !== undefined || this.nameList !== undefined) this.forgetDerived();
    return record;
  }

  /** Every record, in insertion order. */
  public get records(): readonly DnsRecord[] {
    return this.list;
  }

  /** The records at `name` of `type` (empty when none). */
  public get(name: string, type: RecordType): readonly DnsRecord[] {
    const byType = this.index.get(name);
    return (byType && recordsIn(byType, type)) || NO_RECORDS;
  }

  /** The types present at `name`. */
  public typesAt(name: string): RecordType[] {
    const byType = this.index.get(name);
    return byType ? (Object.keys(byType) as RecordType[]) : [];
  }

  /** True when any record exists at `name`. */
  public has(name: string): boolean {
    return this.index.has(name);
  }

  /** Every owner name, in first-insertion order. */
  public names(): string[] {
    return [...(this.nameList ?? this.index.keys())];
  }

  /** Every owner name, in first-insertion order, without a copy: read it, never change it. */
  public ownerNames(): readonly string[] {
    if (!this.nameList) this.nameList = [...this.index.keys()];
    return this.nameList;
  }

  /** Records grouped into rrsets, in first-insertion order (TTL of an rrset: its first record's). */
  public rrsets(): RRset[] {
    const out: RRset[] = [];
    for (const [name, byType] of this.index) {
      for (const type of Object.keys(byType) as RecordType[]) {
        const records = byType[type]!;
        out.push({ name, type, ttl: records[0].ttl, records });
      }
    }
    return out;
  }

  /** Every record of a type, in insertion order. */
  public ofType(type: RecordType): DnsRecord[] {
    // Builds no index: callers outside the rule engine (planning, renderers) scan once.
    const byType = this.byType;
    return byType ? [...(byType.get(type) ?? NO_RECORDS)] : this.list.filter((r) => r.type === type);
  }

  /** Every record of a type, in insertion order, without a copy: read it, never change it. */
  public recordsOfType(type: RecordType): readonly DnsRecord[] {
    let byType = this.byType;
    if (byType === undefined) {
      this.byType = byType = new Map();
      for (const r of this.list) {
        const rs = byType.get(r.type);
        if (rs) rs.push(r);
        else byType.set(r.type, [r]);
      }
    }
    return byType.get(type) ?? NO_RECORDS;
  }

  /**
   * A value derived from the records, computed once until a record is added (or `forgetDerived`):
   * several rules read the same view of a zone. The value is shared: read it, never change it.
   * @internal
   */
  public derive<T>(key: string, compute: () => T): T {
    let derived = this.derived;
    if (derived === undefined) this.derived = derived = new Map();
    else if (derived.has(key)) return derived.get(key) as T;
    const value = compute();
    derived.set(key, value);
    return value;
  }

  /**
   * Drops the derived views (the rule engine does once it has judged the zone, so a large run does
   * not keep them all alive); they are rebuilt on demand.
   * @internal
   */
  public forgetDerived(): void {
    this.derived = undefined;
    this.byType = undefined;
    this.nameList = undefined;
  }

  /** True when the value is already present at the name (same DNS identity). */
  public contains(name: string, data: DnsRecord['data']): boolean {
    const key = rdataKey(data);
    return this.get(name, data.type).some((r) => rdataKey(r.data) === key);
  }

  /** The name relative to this zone (`@`, `smtp`), or absolute when outside. */
  public relative(name: string): string {
    return relativize(name, this.origin);
  }
}
