import { MailDnsError, show } from '../model/errors';
import { parseIPv4, parseIPv6 } from '../model/ip';
import { isInZone, NameSyntax, relativize, resolveName, roleLabel } from '../model/name';
import { DnsRecord, RData, RecordMeta, RecordType } from '../model/records';
import { Suppression, Zone } from '../model/zone';
import { SuppressionSpec } from '../spec/types';

/** The address families of a host: record type, spec list and parser. */
const FAMILIES = [
  ['A', 'ipv4', parseIPv4],
  ['AAAA', 'ipv6', parseIPv6],
] as const;

/** Role ids repeat from zone to zone (`a-smtp`, `spf-www`): one string for each, not one per record. */
const ROLES = new Map<string, string>();
const ROLES_MAX = 4096;

function sharedRole(role: string): string {
  const hit = ROLES.get(role);
  if (hit !== undefined) return hit;
  if (ROLES.size >= ROLES_MAX) ROLES.clear();
  ROLES.set(role, role);
  return role;
}

/**
 * Fills a Zone while remembering where each record came from. Roles become the stable
 * logical ids of rendered resources, so they are derived from the record's purpose and
 * owner, never from its value: changing an address updates a resource in place.
 */
export class ZoneBuilder {
  private readonly roles = new Map<string, number>();

  constructor(
    public readonly zone: Zone,
    /** Prefix of every field path in errors (empty for a spec file's own paths). */
    public readonly where: string,
    /** Recognises deploy-time tokens (cdktf references), which are passed through unchecked. */
    public readonly isUnresolved: (value: string) => boolean = () => false,
  ) {}

  /**
   * Field path with the builder's prefix. Records and host facts keep it, so it is joined into one
   * string: `a + b` would keep a tree of the pieces, several times the size of the text, and for a
   * fleet of 10,000 domains that is about 10 MB more for the garbage collector to carry through planning.
   */
  public path(field: string): string {
    return this.where ? [this.where, field].join('.') : field;
  }

  /** Resolves a name relative to the zone, reporting errors at `field`. */
  public name(written: string, field: string, syntax: NameSyntax = 'owner'): string {
    try {
      return resolveName(written, this.zone.origin, syntax, field);
    } catch (e) {
      throw this.placed(e);
    }
  }

  /**
   * An error of a check run with the builder's own field path, placed under its prefix: the prefixed
   * path is built only for an error, not for every check (a fleet resolves hundreds of thousands of names).
   */
  private placed(e: unknown): unknown {
    return e instanceof MailDnsError && this.where ? e.at(this.where) : e;
  }

  /** Resolves an owner name, which must lie inside the zone: the error then names the name's field, not the record's value. */
  public owner(written: string, field: string, syntax: NameSyntax = 'owner'): string {
    const name = this.name(written, field, syntax);
    if (!isInZone(name, this.zone.origin)) {
      throw new MailDnsError('NAME_OUTSIDE_ZONE', `${this.path(field)}: ${show(written)} is not inside zone ${this.zone.origin} — write it relative to the zone, or put it in its own domain`, {
        field: this.path(field),
        value: written,
      });
    }
    return name;
  }

  /**
   * A unique role id for a record: `a-smtp`, then `a-smtp-2`, ... `id` replaces the owner's label
   * (a mail host's declared identity, so renaming the host keeps its roles).
   */
  public role(kind: string, owner: string, id?: string): string {
    const base = sharedRole(`${kind}-${id ?? roleLabel(relativize(owner, this.zone.origin))}`);
    const n = (this.roles.get(base) ?? 0) + 1;
    this.roles.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  }

  /** Adds one record. */
  public add(
    name: string,
    data: RData,
    opts: { ttl?: number; kind?: string; source: string; written?: string; proxied?: boolean; unresolved?: boolean; roleOwner?: string; roleId?: string },
  ): DnsRecord {
    const role = this.role(opts.kind ?? data.type.toLowerCase(), opts.roleOwner ?? name, opts.roleId);
    const source = this.path(opts.source);
    // Only the fields a record has (every record of a fleet keeps its meta until the rules are done).
    const meta: { -readonly [K in keyof RecordMeta]: RecordMeta[K] } = opts.written === undefined ? { role, source } : { role, source, written: opts.written };
    if (opts.proxied !== undefined) meta.proxied = opts.proxied;
    if (opts.unresolved) meta.unresolved = true;
    return this.zone.add({ name, type: data.type as RecordType, ttl: opts.ttl ?? this.zone.defaultTtl, data, meta });
  }

  /**
   * Adds A/AAAA records for the given addresses; returns the canonical addresses known at synth
   * time. `roleId` keys their roles instead of the name (a mail host's `id`).
   */
  public addresses(name: string, ipv4: readonly string[] | undefined, ipv6: readonly string[] | undefined, field: string, ttl?: number, proxied?: boolean, roleId?: string): string[] {
    const out: string[] = [];
    for (const [type, list, parse] of FAMILIES) {
      const written = type === 'A' ? ipv4 : ipv6;
      if (written === undefined) continue;
      for (let i = 0; i < written.length; i++) {
        if (!(i in written)) continue; // a hole of a sparse list (props built in code)
        const a = written[i];
        const source = `${field}.${list}[${i}]`;
        if (this.isUnresolved(a)) {
          this.add(name, { type, address: a }, { ttl, source, proxied, roleId, unresolved: true });
          continue;
        }
        let ip;
        try {
          ip = parse(a, source);
        } catch (e) {
          throw this.placed(e);
        }
        out.push(ip.text);
        this.add(name, { type, address: ip.text }, { ttl, source, proxied, roleId });
      }
    }
    // Host facts keep the list: an exact copy, since a list grown by push keeps room for 17 entries.
    return out.slice();
  }

  /** Records suppressions, checking that each carries a real reason. */
  public suppress(list: readonly SuppressionSpec[] | undefined, field: string, scope?: string): void {
    (list ?? []).forEach((s, i) => {
      const at = this.path(`${field}[${i}]`);
      if (typeof s.reason !== 'string' || s.reason.trim().length < 10) {
        throw new MailDnsError('SUPPRESSION_REASON', `${at}.reason: a suppression of ${s.rule} needs a reason of at least 10 characters that a reviewer can judge (received ${show(s.reason)})`, {
          field: `${at}.reason`,
          value: s.reason,
        });
      }
      const name = s.name !== undefined ? this.name(s.name, `${field}[${i}].name`) : scope;
      const sup: Suppression = { rule: s.rule, reason: s.reason.trim(), name, source: at };
      this.zone.suppressions.push(sup);
    });
  }
}
