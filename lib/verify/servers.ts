import { isIP } from 'node:net';
import { Zone } from '../model/zone';
import { DnsClient, Lookup, ServerAddress } from './dns';
import { bare, LiveRawFinding } from './rules/types';

/** An authoritative server to ask: one address of one name server. */
export interface NameServer {
  /** `ns1.example.com (192.0.2.53:53)`, or the address alone when it was given as one. */
  readonly label: string;
  readonly client: DnsClient;
}

/** How to reach the servers of a domain. */
export interface ServerSource {
  /** Servers given on the command line (`--server`); they replace the domain's own. */
  readonly override?: readonly ServerAddress[];
  /** Resolves server names and, without nameServers in the plan, the domain's NS set. */
  readonly recursive: DnsClient;
  /** The client of one address (shared across domains). */
  clientFor(address: ServerAddress): DnsClient;
}

/**
 * The servers to ask for a zone: the `--server` list, else the plan's apex NS (the spec's
 * nameServers), else the NS set the recursive resolver gives. Every address of every name is a
 * server of its own: each one must answer. A name without an address is an NS_UNREACHABLE finding.
 */
export async function findServers(zone: Zone, src: ServerSource): Promise<{ servers: NameServer[]; findings: LiveRawFinding[] }> {
  const findings: LiveRawFinding[] = [];
  const servers: NameServer[] = [];
  if (src.override?.length) {
    for (const s of src.override) {
      if (isIP(s.host)) servers.push({ label: src.clientFor(s).label, client: src.clientFor(s) });
      else servers.push(...(await byName(s.host, s.port, src, zone, findings)));
    }
    return { servers, findings };
  }
  let names = zone.get(zone.origin, 'NS').flatMap((r) => (r.data.type === 'NS' && !r.meta.unresolved ? [r.data.target] : []));
  if (!names.length) {
    const ns = await src.recursive.lookup(zone.origin, 'NS');
    names = ns.status === 'ok' ? ns.records.flatMap((r) => (r.type === 'NS' ? [r.target] : [])) : [];
    if (!names.length) {
      findings.push({
        rule: 'NS_UNREACHABLE',
        name: zone.origin,
        message: `no name server of ${bare(zone.origin)} could be found: the spec lists no nameServers and the NS lookup through ${src.recursive.label} gave ${outcome(ns)} — without a server nothing can be verified, and resolvers cannot find the domain either — list nameServers in the spec, or pass --server`,
      });
      return { servers, findings };
    }
  }
  for (const n of names) servers.push(...(await byName(n, 53, src, zone, findings)));
  return { servers, findings };
}

async function byName(name: string, port: number, src: ServerSource, zone: Zone, findings: LiveRawFinding[]): Promise<NameServer[]> {
  const [a, aaaa] = await Promise.all([src.recursive.lookup(name, 'A'), src.recursive.lookup(name, 'AAAA')]);
  const addresses = [a, aaaa].flatMap((l) => (l.status === 'ok' ? l.records.flatMap((r) => (r.type === 'A' || r.type === 'AAAA' ? [r.address] : [])) : []));
  if (!addresses.length) {
    findings.push({
      rule: 'NS_UNREACHABLE',
      name: zone.origin,
      subject: `${bare(name).toLowerCase()}.`,
      message: `name server ${bare(name)} has no address (A: ${outcome(a)}, AAAA: ${outcome(aaaa)} from ${src.recursive.label}) — a server nobody can find answers nobody — give the server A/AAAA records (and glue at the parent), or remove it from the NS set`,
    });
    return [];
  }
  return addresses.map((address) => {
    const client = src.clientFor({ host: address, port });
    return { label: `${bare(name).toLowerCase()} (${client.label})`, client };
  });
}

/** An outcome in a message: `NXDOMAIN`, `no data`, `no answer (ETIMEOUT)`, `SERVFAIL (ESERVFAIL)`. */
export function outcome(l: Lookup): string {
  switch (l.status) {
    case 'ok':
      return l.records.length ? `${l.records.length} record${l.records.length === 1 ? '' : 's'}` : 'no data';
    case 'nxdomain':
      return 'NXDOMAIN';
    case 'unreachable':
      return `no answer (${l.code})`;
    case 'failed':
      return `an error answer (${l.code})`;
  }
}
