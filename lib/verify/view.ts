import { isInZone } from '../model/name';
import { RecordType } from '../model/records';
import { DnsAnswer, DnsQuery, SpfResolver } from '../mail/spf/check-host';
import { DnsClient, Lookup } from './dns';

/**
 * What the live rules see of DNS: names inside the domain are asked of one of its authoritative
 * servers (so a change is judged before caches expire), every other name of a recursive resolver
 * (third-party SPF includes, PTRs, report destinations). Answers are cached for one domain's run,
 * so one verification sees one consistent view.
 */
export class LiveView {
  private readonly cache = new Map<string, Promise<Lookup>>();

  constructor(
    /** The zone origin, absolute. */
    public readonly origin: string,
    /** A reachable authoritative server of the domain; absent when none answered. */
    public readonly authoritative: DnsClient | undefined,
    /** The recursive resolver for names outside the domain. */
    public readonly recursive: DnsClient,
  ) {}

  /** The client that answers for `name`, or undefined when none can (an in-zone name without a reachable server). */
  public clientFor(name: string): DnsClient | undefined {
    return isInZone(absolute(name), this.origin) ? this.authoritative : this.recursive;
  }

  /**
   * Takes an answer the authoritative server already gave (the comparison asked the same
   * question of it), so the live rules do not ask again. Ignored for a name outside the domain,
   * which the view asks of the recursive resolver, and for a question already answered.
   */
  public know(name: string, type: RecordType, answer: Lookup): void {
    const abs = absolute(name);
    if (!this.authoritative || !isInZone(abs, this.origin)) return;
    const key = `${abs} ${type}`;
    if (!this.cache.has(key)) this.cache.set(key, Promise.resolve(answer));
  }

  /** Asks for `type` at `name` (absolute or bare). */
  public lookup(name: string, type: RecordType): Promise<Lookup> {
    const abs = absolute(name);
    const key = `${abs} ${type}`;
    let hit = this.cache.get(key);
    if (!hit) {
      const client = this.clientFor(abs);
      hit = client ? client.lookup(abs, type) : Promise.resolve<Lookup>({ status: 'unreachable', code: 'ENOSERVER' });
      this.cache.set(key, hit);
    }
    return hit;
  }

  /** The view as the SPF evaluator's resolver (RFC 7208 §2.6.6: every failure is a TEMPFAIL). */
  public spfResolver(): SpfResolver {
    return {
      query: async (q: DnsQuery): Promise<DnsAnswer> => {
        const r = await this.lookup(q.name, q.type);
        if (r.status === 'nxdomain') return { rcode: 'NXDOMAIN', records: [] };
        if (r.status !== 'ok') return { rcode: 'TEMPFAIL', records: [] };
        const records = r.records.map((d) => {
          switch (d.type) {
            case 'A':
            case 'AAAA':
              return d.address;
            case 'MX':
              return d.exchange;
            case 'TXT':
              return d.text;
            case 'PTR':
              return d.target;
            default:
              return '';
          }
        });
        return { rcode: 'NOERROR', records };
      },
    };
  }
}

function absolute(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith('.') ? lower : `${lower}.`;
}
