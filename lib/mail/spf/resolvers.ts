/**
 * Two resolvers for the SPF evaluator: one over zone data held in memory (the RFC 7208 test
 * suite's format), one over live DNS through `node:dns`.
 */
import { promises as dnsPromises } from 'node:dns';
import { MailDnsError, show } from '../../model/errors';
import { DnsAnswer, DnsQuery, SpfResolver, SyncSpfResolver } from './check-host';

/**
 * One entry of a name in the test suite's zone data: `{ A: '192.0.2.1' }`, `{ AAAA: '2001:db8::1' }`,
 * `{ MX: [10, 'mx.example.com'] }`, `{ TXT: 'v=spf1 -all' }` or `{ TXT: ['v=spf1 ', '-all'] }`,
 * `{ SPF: ... }` (same forms), `{ PTR: 'host.example.com' }`, `{ CNAME: 'target.example.com' }`,
 * or the bare string `'TIMEOUT'`. `{ TXT: 'NONE' }` marks "no TXT here, do not copy SPF records".
 */
export type StaticZoneEntry =
  | 'TIMEOUT'
  | { readonly A: string }
  | { readonly AAAA: string }
  | { readonly MX: readonly [number, string] }
  | { readonly TXT: string | readonly string[] }
  | { readonly SPF: string | readonly string[] }
  | { readonly PTR: string }
  | { readonly CNAME: string };

/**
 * The records of a name grouped by type, a shorter form of the same data: `{ A: ['192.0.2.1'],
 * MX: [[10, 'mx.example.com']], TXT: [['v=spf1 ', '-all']] }`. `TIMEOUT: true` makes every
 * question about the name a TEMPFAIL.
 */
export interface StaticZoneRecords {
  readonly A?: readonly string[];
  readonly AAAA?: readonly string[];
  readonly MX?: readonly (readonly [number, string])[];
  readonly TXT?: readonly (string | readonly string[])[];
  readonly SPF?: readonly (string | readonly string[])[];
  readonly PTR?: readonly string[];
  readonly CNAME?: string;
  readonly TIMEOUT?: boolean;
}

/** Zone data: owner name (any case, trailing dot optional) to its entries in order, or to its records by type. */
export type StaticZoneData = Readonly<Record<string, readonly StaticZoneEntry[] | StaticZoneRecords>>;

type Entry = { type: string; value: string | readonly string[] | readonly [number, string] } | 'TIMEOUT';

const MAX_CNAME_CHAIN = 10;

/**
 * A synchronous resolver over zone data in the format of the openspf RFC 7208 test suite, with
 * the suite driver's semantics:
 * - a name that is absent is NXDOMAIN; a name without records of the asked type is NODATA;
 * - `TIMEOUT` is a TEMPFAIL for every type that has no record listed before it, and ends the
 *   answer for a type that has;
 * - a name with no TXT entry answers TXT questions with its SPF-type entries, after its other
 *   entries (RFC 4408 publishers duplicated them; the suite writes most records as SPF);
 * - CNAMEs are followed (a chain longer than 10, or a loop, is a TEMPFAIL, as a server would SERVFAIL).
 */
export class StaticSpfResolver implements SyncSpfResolver {
  private readonly zone = new Map<string, Entry[]>();

  constructor(data: StaticZoneData) {
    for (const [owner, given] of Object.entries(data)) {
      const name = normalize(owner);
      const entries = Array.isArray(given) ? (given as readonly StaticZoneEntry[]) : entriesOf(given as StaticZoneRecords);
      const out: Entry[] = [];
      const hasTxt = entries.some((e) => e !== 'TIMEOUT' && 'TXT' in e);
      const synthesized: Entry[] = [];
      entries.forEach((e, i) => {
        if (e === 'TIMEOUT') {
          out.push('TIMEOUT');
          return;
        }
        const keys = Object.keys(e);
        if (keys.length !== 1) {
          throw new MailDnsError('ZONE_DATA', `zone data for ${show(owner)} entry ${i} must have exactly one record type, got ${show(e)}`, {
            field: `${owner}[${i}]`,
            value: e,
          });
        }
        const type = keys[0].toUpperCase();
        const value = (e as Record<string, string | readonly string[] | readonly [number, string]>)[keys[0]];
        if (type === 'TXT' && value === 'NONE') return;
        out.push({ type, value });
        if (type === 'SPF' && !hasTxt) synthesized.push({ type: 'TXT', value });
      });
      this.zone.set(name, [...out, ...synthesized]);
    }
  }

  query(q: DnsQuery): DnsAnswer {
    const seen = new Set<string>();
    let name = normalize(q.name);
    for (let hop = 0; hop <= MAX_CNAME_CHAIN; hop++) {
      if (seen.has(name)) break;
      seen.add(name);
      const entries = this.zone.get(name);
      if (!entries) return { rcode: 'NXDOMAIN', records: [] };
      const cname = entries.find((e): e is Exclude<Entry, 'TIMEOUT'> => e !== 'TIMEOUT' && e.type === 'CNAME');
      if (cname) {
        name = normalize(String(cname.value));
        continue;
      }
      const records: Array<string | readonly string[]> = [];
      for (const e of entries) {
        if (e === 'TIMEOUT') {
          if (records.length === 0) return { rcode: 'TEMPFAIL', records: [] };
          break;
        }
        if (e.type !== q.type) continue;
        records.push(recordValue(e));
      }
      return { rcode: 'NOERROR', records };
    }
    return { rcode: 'TEMPFAIL', records: [] };
  }
}

function entriesOf(records: StaticZoneRecords): StaticZoneEntry[] {
  const out: StaticZoneEntry[] = records.TIMEOUT ? ['TIMEOUT'] : [];
  for (const v of records.A ?? []) out.push({ A: v });
  for (const v of records.AAAA ?? []) out.push({ AAAA: v });
  for (const v of records.MX ?? []) out.push({ MX: v });
  for (const v of records.TXT ?? []) out.push({ TXT: v });
  for (const v of records.SPF ?? []) out.push({ SPF: v });
  for (const v of records.PTR ?? []) out.push({ PTR: v });
  if (records.CNAME !== undefined) out.push({ CNAME: records.CNAME });
  return out;
}

function recordValue(e: Exclude<Entry, 'TIMEOUT'>): string | readonly string[] {
  if (e.type === 'MX') return String((e.value as readonly [number, string])[1]);
  if (e.type === 'TXT') return typeof e.value === 'string' ? [e.value] : (e.value as readonly string[]).map(String);
  return String(e.value);
}

function normalize(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

/** Options of `LiveSpfResolver`. */
export interface LiveSpfResolverOptions {
  /**
   * The DNS server to ask: `192.0.2.53`, `192.0.2.53:5353`, `2001:db8::53` or `[2001:db8::53]:5353`.
   * @default - the system's resolvers
   */
  readonly server?: string;
  /**
   * Time to wait for one attempt, in milliseconds.
   * @default 5000
   */
  readonly timeoutMs?: number;
  /**
   * Attempts per query before giving up with TEMPFAIL.
   * @default 2
   */
  readonly tries?: number;
}

// c-ares codes that mean the name or data cannot exist, as opposed to "could not find out".
const NXDOMAIN_CODES = new Set(['ENOTFOUND', 'EBADNAME']);
const NODATA_CODES = new Set(['ENODATA']);

/**
 * An asynchronous resolver over live DNS (`node:dns` promises `Resolver`, i.e. c-ares, which
 * follows CNAMEs itself). NXDOMAIN is `NXDOMAIN`, NODATA an empty `NOERROR`, and every other
 * failure — SERVFAIL, REFUSED, timeout, connection refused — `TEMPFAIL`.
 */
export class LiveSpfResolver implements SpfResolver {
  private readonly resolver: dnsPromises.Resolver;

  constructor(opts: LiveSpfResolverOptions = {}) {
    const timeout = opts.timeoutMs ?? 5000;
    const tries = opts.tries ?? 2;
    if (!Number.isInteger(timeout) || timeout <= 0) {
      throw new MailDnsError('DNS_OPTIONS', `timeoutMs must be a positive integer (${show(opts.timeoutMs)})`, { field: 'timeoutMs', value: opts.timeoutMs });
    }
    if (!Number.isInteger(tries) || tries < 1) {
      throw new MailDnsError('DNS_OPTIONS', `tries must be an integer >= 1 (${show(opts.tries)})`, { field: 'tries', value: opts.tries });
    }
    this.resolver = new dnsPromises.Resolver({ timeout, tries });
    if (opts.server !== undefined) {
      try {
        this.resolver.setServers([opts.server]);
      } catch (e) {
        throw new MailDnsError(
          'DNS_OPTIONS',
          `server ${show(opts.server)} is not an address node:dns accepts (${(e as Error).message}) — use 192.0.2.53, 192.0.2.53:5353 or [2001:db8::53]:5353`,
          { field: 'server', value: opts.server },
        );
      }
    }
  }

  async query(q: DnsQuery): Promise<DnsAnswer> {
    try {
      switch (q.type) {
        case 'TXT':
          return { rcode: 'NOERROR', records: await this.resolver.resolveTxt(q.name) };
        case 'A':
          return { rcode: 'NOERROR', records: await this.resolver.resolve4(q.name) };
        case 'AAAA':
          return { rcode: 'NOERROR', records: await this.resolver.resolve6(q.name) };
        case 'MX':
          return { rcode: 'NOERROR', records: (await this.resolver.resolveMx(q.name)).map((mx) => mx.exchange) };
        case 'PTR':
          return { rcode: 'NOERROR', records: await this.resolver.resolvePtr(q.name) };
      }
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? '';
      if (NXDOMAIN_CODES.has(code)) return { rcode: 'NXDOMAIN', records: [] };
      if (NODATA_CODES.has(code)) return { rcode: 'NOERROR', records: [] };
      return { rcode: 'TEMPFAIL', records: [] };
    }
  }
}
