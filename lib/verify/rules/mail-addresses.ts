import { HostFact, Zone } from '../../model/zone';

/** An address the domain's mail comes from or goes to, with the host it belongs to. */
export interface MailAddress {
  /** Absolute host name. */
  readonly host: string;
  readonly address: string;
  /** The host sends mail to the Internet (false only when its spec says `sends: false`). */
  readonly sends: boolean;
  /** The HELO name the host uses, absolute. */
  readonly helo: string;
}

/**
 * The addresses of every in-zone MX target and of every mail host that sends. MX targets outside
 * the zone (a mail provider's) are not judged: their owner, not this plan, controls them.
 */
export function mailAddresses(zone: Zone): MailAddress[] {
  const out: MailAddress[] = [];
  const seen = new Set<string>();
  const facts = new Map<string, HostFact>(zone.hosts.filter((h) => h.kind === 'mail').map((h) => [h.name, h]));
  const push = (host: string, address: string, fact: HostFact | undefined): void => {
    const key = `${host} ${address}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ host, address, sends: fact?.sends ?? true, helo: fact?.helo ?? host });
  };
  const addressesAt = (name: string): string[] =>
    [...zone.get(name, 'A'), ...zone.get(name, 'AAAA')].flatMap((r) => (!r.meta.unresolved && (r.data.type === 'A' || r.data.type === 'AAAA') ? [r.data.address] : []));
  for (const r of zone.ofType('MX')) {
    if (r.data.type !== 'MX' || r.data.exchange === '.') continue;
    for (const a of addressesAt(r.data.exchange)) push(r.data.exchange, a, facts.get(r.data.exchange));
  }
  for (const fact of facts.values()) {
    if (fact.sends) for (const a of fact.addresses) push(fact.name, a, fact);
  }
  return out;
}
