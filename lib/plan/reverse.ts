import { MailDnsError, show } from '../model/errors';
import { inNetwork, IpNetwork, parseIp, parseNetwork } from '../model/ip';
import { bare, normalizeOrigin } from '../model/name';
import { parseRData } from '../model/records';
import { indexPtrs, isReverseName, PtrIndex, ptrOwner, resolvePtrModes, reverseZoneName } from '../model/reverse';
import { HostFact, Zone } from '../model/zone';
import { ReverseZoneSpec } from '../spec/types';
import { addRecords, newZone, PlanOptions } from './domain';

export { resolvePtrModes };

/** Options of planning a reverse zone. */
export interface ReversePlanOptions extends PlanOptions {
  /** The mail hosts of the app (every MailDomain's): their addresses inside the network get PTRs. @default - none */
  readonly mailHosts?: readonly HostFact[];
}

function where(opts: PlanOptions, field: string): string {
  return opts.where ? `${opts.where}.${field}` : field;
}

/** The zone origin: derived from the network, or the given RFC 2317 name checked against it. */
function originOf(spec: ReverseZoneSpec, network: IpNetwork, opts: PlanOptions): string {
  const derived = reverseZoneName(network, where(opts, 'network'));
  if (spec.domain === undefined) return derived;
  const field = where(opts, 'domain');
  const given = normalizeOrigin(spec.domain, field);
  const classless = network.address.version === 4 && network.prefix > 24;
  const parent = (n: string) => n.slice(n.indexOf('.') + 1);
  if (given === derived || (classless && parent(given) === parent(derived) && isReverseName(given))) return given;
  const expected = classless ? `a name one label below ${parent(derived)} (such as ${derived})` : derived;
  throw new MailDnsError('SPEC_FIELD', `${field}: ${show(spec.domain)} is not the reverse zone of ${network.address.text}/${network.prefix} — write ${expected}, or leave domain out to derive it`, {
    field,
    value: spec.domain,
  });
}

/**
 * Builds a reverse zone: PTRs for the explicit `ptr` entries and for every address, inside the
 * network, of the app's mail hosts whose `ptr` is `managed` or unset. An explicit entry for an
 * address replaces the automatic one, which is how a shared address picks its one name.
 */
export function planReverse(spec: ReverseZoneSpec, opts: ReversePlanOptions = {}): Zone {
  const network = parseNetwork(spec.network, where(opts, 'network'));
  const origin = originOf(spec, network, opts);
  const options = { ...spec, domain: origin };
  const { zone, b } = newZone(options, 'reverse', opts);
  const explicit = new Set<string>();
  (spec.ptr ?? []).forEach((p, i) => {
    const field = `ptr[${i}]`;
    const ip = parseIp(p.address, b.path(`${field}.address`));
    if (!inNetwork(ip, network)) {
      throw new MailDnsError('SPEC_FIELD', `${b.path(`${field}.address`)}: ${ip.text} is outside the network ${network.address.text}/${network.prefix} of this reverse zone — put its PTR in the reverse zone of its own network, or correct the address`, {
        field: b.path(`${field}.address`),
        value: p.address,
      });
    }
    const { data, written } = parseRData('PTR', p.host, origin, b.path(`${field}.host`));
    b.add(ptrOwner(ip, origin), data, { kind: 'ptr', source: `${field}.host`, written });
    explicit.add(ip.text);
  });
  const added = new Set<string>();
  for (const host of opts.mailHosts ?? []) {
    if (host.kind !== 'mail' || (host.ptr !== undefined && host.ptr !== 'managed')) continue;
    for (const address of host.addresses) {
      const ip = parseIp(address, host.source);
      if (!inNetwork(ip, network) || explicit.has(ip.text) || added.has(`${ip.text} ${host.name}`)) continue;
      added.add(`${ip.text} ${host.name}`);
      const owner = ptrOwner(ip, origin);
      zone.add({ name: owner, type: 'PTR', ttl: zone.defaultTtl, data: { type: 'PTR', target: host.name }, meta: { role: b.role('ptr', owner), source: `mail host ${bare(host.name)} (${host.source})` } });
    }
  }
  addRecords(b, options);
  return zone;
}

/** An address whose PTR someone else (the ISP, the hosting company) has to publish. */
export interface PtrRequest {
  /** Canonical address. */
  readonly address: string;
  /** Reverse name, absolute (`25.2.0.192.in-addr.arpa.`). */
  readonly ptr: string;
  /** Host name the PTR should name, absolute (`smtp.example.com.`). */
  readonly host: string;
}

function compareAddresses(a: string, b: string): number {
  const x = parseIp(a).bytes;
  const y = parseIp(b).bytes;
  if (x.length !== y.length) return x.length - y.length;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

/**
 * The PTRs to request from whoever holds the reverse zone: every address of the mail hosts of
 * `zones` whose PTR mode is `external` (after defaulting against the app's published PTRs,
 * `index`) and that no reverse zone of the app publishes, each address once (the first host in
 * zone order names it), IPv4 before IPv6.
 */
export function ptrRequests(zones: readonly Zone[], index: PtrIndex = indexPtrs(zones)): PtrRequest[] {
  const byAddress = new Map<string, PtrRequest>();
  for (const r of resolvePtrModes(zones, index)) {
    if (r.mode !== 'external' || r.published.length > 0 || byAddress.has(r.address)) continue;
    byAddress.set(r.address, { address: r.address, ptr: r.reverseName, host: r.host.name });
  }
  return [...byAddress.values()].sort((a, b) => compareAddresses(a.address, b.address));
}

/** `ptr-requests.json`: `{ "requests": [{ address, ptr, host }] }`. */
export function ptrRequestsJson(requests: readonly PtrRequest[]): string {
  return `${JSON.stringify({ requests }, null, 2)}\n`;
}

/** `ptr-requests.txt`: one "please set PTR <name> to <host>." line per address, for an ISP ticket. */
export function ptrRequestsText(requests: readonly PtrRequest[]): string {
  return requests.map((r) => `please set PTR ${bare(r.ptr)} to ${bare(r.host)}.\n`).join('');
}
