import { MailDnsError, show } from '../model/errors';
import { parseIPv4, parseIPv6 } from '../model/ip';
import { isInZone, NameSyntax, relativize, resolveName, roleLabel } from '../model/name';
import { DnsRecord, RData, RecordMeta, RecordType } from '../model/records';
import { Suppression, Zone } from '../model/zone';
import { SuppressionSpec } from '../spec/types';

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

  /** Field path with the builder's prefix. */
  public path(field: string): string {
    return this.where ? `${this.where}.${field}` : field;
  }

  /** Resolves a name relative to the zone, reporting errors at `field`. */
  public name(written: string, field: string, syntax: NameSyntax = 'owner'): string {
    return resolveName(written, this.zone.origin, syntax, this.path(field));
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
    const base = `${kind}-${id ?? roleLabel(relativize(owner, this.zone.origin))}`;
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
    const meta: RecordMeta = {
      role: this.role(opts.kind ?? data.type.toLowerCase(), opts.roleOwner ?? name, opts.roleId),
      source: this.path(opts.source),
      written: opts.written,
      proxied: opts.proxied,
      unresolved: opts.unresolved || undefined,
    };
    return this.zone.add({ name, type: data.type as RecordType, ttl: opts.ttl ?? this.zone.defaultTtl, data, meta });
  }

  /**
   * Adds A/AAAA records for the given addresses; returns the canonical addresses known at synth
   * time. `roleId` keys their roles instead of the name (a mail host's `id`).
   */
  public addresses(name: string, ipv4: readonly string[] | undefined, ipv6: readonly string[] | undefined, field: string, ttl?: number, proxied?: boolean, roleId?: string): string[] {
    const out: string[] = [];
    (ipv4 ?? []).forEach((a, i) => {
      if (this.isUnresolved(a)) {
        this.add(name, { type: 'A', address: a }, { ttl, source: `${field}.ipv4[${i}]`, proxied, roleId, unresolved: true });
        return;
      }
      const ip = parseIPv4(a, this.path(`${field}.ipv4[${i}]`));
      out.push(ip.text);
      this.add(name, { type: 'A', address: ip.text }, { ttl, source: `${field}.ipv4[${i}]`, proxied, roleId });
    });
    (ipv6 ?? []).forEach((a, i) => {
      if (this.isUnresolved(a)) {
        this.add(name, { type: 'AAAA', address: a }, { ttl, source: `${field}.ipv6[${i}]`, proxied, roleId, unresolved: true });
        return;
      }
      const ip = parseIPv6(a, this.path(`${field}.ipv6[${i}]`));
      out.push(ip.text);
      this.add(name, { type: 'AAAA', address: ip.text }, { ttl, source: `${field}.ipv6[${i}]`, proxied, roleId });
    });
    return out;
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
