/**
 * An SPF resolver over the zones of the app, for synth-time rules and `mail-dns spf --spec`.
 *
 * It answers A, AAAA, MX, TXT and PTR from the app's records. A name inside an app zone that
 * holds nothing (and has nothing below it) is NXDOMAIN; an empty non-terminal is NODATA. A name
 * that the app cannot answer for — outside every app zone, below a delegation to servers outside
 * the app, or held by a record whose value is an unresolved deploy-time token — is a TEMPFAIL,
 * and the resolver records it: an evaluation that touched such a name proves nothing, and the
 * record says which name made it so.
 */
import { checkHostSync, CheckHostOptions, DnsAnswer, DnsQuery, DnsQueryType, SpfAnswer, SyncSpfResolver } from '../mail/spf/check-host';
import { formatTerm, parseSpfShared, SpfRecord } from '../mail/spf/parse';
import { isInZone, parentName } from '../model/name';
import { DnsRecord } from '../model/records';
import { Zone } from '../model/zone';
import { AppIndex } from './types';
import { isSpf, perZone, textOf } from './util';

/** Why the app could not answer a question. */
export type UnprovenReason = 'outside' | 'delegated' | 'unresolved';

/** A question the app could not answer (it was answered TEMPFAIL). */
export interface UnprovenLookup {
  readonly type: DnsQueryType;
  /** The name asked, absolute, lower-case. */
  readonly name: string;
  readonly reason: UnprovenReason;
}

const MAX_CNAME_CHAIN = 10;

/** Names that exist in a zone: owners and every ancestor of an owner up to the origin (empty non-terminals). */
const EXISTING = new WeakMap<Zone, { size: number; names: Set<string> }>();

function existingNames(zone: Zone): Set<string> {
  const cached = EXISTING.get(zone);
  // The zone only grows; its record count tells whether the cache is current.
  if (cached && cached.size === zone.records.length) return cached.names;
  const names = new Set<string>();
  for (const owner of zone.ownerNames()) {
    let n = owner;
    while (!names.has(n) && isInZone(n, zone.origin)) {
      names.add(n);
      if (n === zone.origin) break;
      n = parentName(n);
    }
  }
  EXISTING.set(zone, { size: zone.records.length, names });
  return names;
}

/** True when the zone has NS records below its apex (most zones have none: no name of them needs a walk to the apex). */
function hasDelegation(zone: Zone): boolean {
  return perZone(zone, 'hasDelegation', () => zone.recordsOfType('NS').some((r) => r.name !== zone.origin));
}

function absolute(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith('.') ? lower : `${lower}.`;
}

/**
 * A synchronous SPF resolver over the app's zones. `unproven` lists, in asking order, every
 * question it answered TEMPFAIL because the app does not hold the answer.
 */
export class AppSpfResolver implements SyncSpfResolver {
  public readonly unproven: UnprovenLookup[] = [];

  constructor(private readonly app: AppIndex) {}

  query(q: DnsQuery): DnsAnswer {
    let name = absolute(q.name);
    // The names a CNAME was followed from (made on the first CNAME: most questions meet none).
    let seen: Set<string> | undefined;
    for (let hop = 0; hop <= MAX_CNAME_CHAIN; hop++) {
      if (seen?.has(name)) break;
      const zone = this.app.zoneOf(name);
      if (!zone) return this.unprovable(q.type, name, 'outside');
      if (this.delegated(zone, name)) return this.unprovable(q.type, name, 'delegated');
      let owner = name;
      // An owner exists; only other names need the set of existing names (empty non-terminals).
      if (!zone.has(name) && !existingNames(zone).has(name)) {
        const wildcard = this.wildcardFor(zone, name);
        if (wildcard === undefined) return { rcode: 'NXDOMAIN', records: [] };
        owner = wildcard;
      }
      const cname = zone.get(owner, 'CNAME');
      if (cname.length) {
        const target = cname[0];
        if (target.meta.unresolved || target.data.type !== 'CNAME') return this.unprovable(q.type, name, 'unresolved');
        (seen ??= new Set()).add(name);
        name = absolute(target.data.target);
        continue;
      }
      const records = zone.get(owner, q.type);
      if (records.some((r) => r.meta.unresolved)) return this.unprovable(q.type, name, 'unresolved');
      return { rcode: 'NOERROR', records: records.map(valueOf) };
    }
    // A CNAME loop or an over-long chain: a server would answer SERVFAIL.
    return { rcode: 'TEMPFAIL', records: [] };
  }

  /**
   * The lookup that made an evaluation unprovable: the last one asked, since a TEMPFAIL on an
   * include's TXT or on an a/mx/exists lookup ends the evaluation (RFC 7208 §5); earlier ones can
   * only be PTR lookups, which do not.
   */
  public get cause(): UnprovenLookup | undefined {
    return this.unproven[this.unproven.length - 1];
  }

  private unprovable(type: DnsQueryType, name: string, reason: UnprovenReason): DnsAnswer {
    this.unproven.push({ type, name, reason });
    return { rcode: 'TEMPFAIL', records: [] };
  }

  /** True when an NS record between the apex (excluded) and the name cuts the name out of the zone. */
  private delegated(zone: Zone, name: string): boolean {
    if (!hasDelegation(zone)) return false;
    for (let n = name; n !== zone.origin && isInZone(n, zone.origin); n = parentName(n)) {
      if (zone.get(n, 'NS').length) return true;
    }
    return false;
  }

  /** The wildcard owner that answers for a name that does not exist (RFC 4592 §3.3.1: `*` at the closest encloser). */
  private wildcardFor(zone: Zone, name: string): string | undefined {
    const names = existingNames(zone);
    let encloser = parentName(name);
    while (!names.has(encloser) && encloser !== zone.origin && isInZone(encloser, zone.origin)) encloser = parentName(encloser);
    const star = `*.${encloser}`;
    return names.has(star) ? star : undefined;
  }
}

function valueOf(r: DnsRecord): string {
  switch (r.data.type) {
    case 'A':
    case 'AAAA':
      return r.data.address;
    case 'MX':
      return r.data.exchange;
    case 'TXT':
      return r.data.text;
    case 'PTR':
      return r.data.target;
    default:
      return '';
  }
}

/** An answer of `check_host` over the app's zones, with what the app could not answer. */
export interface AppSpfAnswer extends SpfAnswer {
  /** Questions the app could not answer; when non-empty and the result is not `pass`, nothing is proven. */
  readonly unproven: readonly UnprovenLookup[];
  /** The lookup that made the answer unprovable, when one did. */
  readonly cause?: UnprovenLookup;
}

/** Runs `check_host(ip, domain)` against the app's zones. */
export function checkHostInApp(app: AppIndex, ip: string, domain: string, opts?: CheckHostOptions): AppSpfAnswer {
  const resolver = new AppSpfResolver(app);
  // The answer is a new object of this call: extended in place (same keys, same order) rather than copied.
  const answer = checkHostSync(ip, domain, resolver, opts) as { -readonly [K in keyof AppSpfAnswer]: AppSpfAnswer[K] };
  answer.unproven = resolver.unproven;
  const cause = resolver.cause;
  if (cause) answer.cause = cause;
  return answer;
}

/** The single parseable SPF record at a name of the app, `undefined` when there is none, several, a token or a syntax error. */
export function appSpfRecord(app: AppIndex, name: string): { text: string; record: SpfRecord } | undefined {
  const spf = app.records(absolute(name), 'TXT').filter((r) => r.data.type === 'TXT' && (r.meta.unresolved || isSpf(r.data.text)));
  if (spf.length !== 1 || spf[0].meta.unresolved) return undefined;
  const text = textOf(spf[0]);
  try {
    return { text, record: parseSpfShared(text) };
  } catch {
    return undefined;
  }
}

/**
 * The term of an in-app SPF record (among `domains`, the records an evaluation read) that names
 * `name`: `include:_spf.example.net`, `redirect=...`, `a:mail.example.net`. Terms with macros are
 * not expanded; `undefined` when no term names it literally.
 */
export function termNaming(app: AppIndex, domains: readonly string[], name: string): { domain: string; term: string } | undefined {
  const wanted = absolute(name);
  for (const domain of domains) {
    const spf = appSpfRecord(app, domain);
    if (!spf) continue;
    for (const t of spf.record.terms) {
      const spec = t.kind === 'mechanism' ? t.domainSpec : t.name === 'redirect' ? t.value : undefined;
      if (spec === undefined || spec.includes('%') || absolute(spec) !== wanted) continue;
      return { domain: domain.replace(/\.$/, ''), term: formatTerm(t) };
    }
  }
  return undefined;
}
