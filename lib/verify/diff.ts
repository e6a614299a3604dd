/**
 * The comparison of a planned zone with one server's answers. Pure: questions in, answers in,
 * differences out, so every case is tested without a network.
 *
 * What is compared, and how loosely:
 * - every planned rrset, by DNS identity of its records (`rdataKey`): names case-insensitive with
 *   their trailing dot, TXT by its logical value (however the server split it into strings);
 * - the SOA only loosely: names and timers, never the serial (it changes on every deploy), and a
 *   difference is a warning — most DNS hosts write their own SOA whatever the plan says;
 * - records served through the DNS host's proxy (Cloudflare's `proxied`) only for presence: the
 *   public answer is the proxy's addresses (and a proxied CNAME is flattened into them);
 * - TTLs only where the resolver reports them (A, AAAA), as warnings;
 * - "unexpected" only where the plan owns the data: extra records in a planned rrset, and a CNAME
 *   at a planned name that the plan does not alias. Names the plan does not mention are not
 *   looked at — a zone may hold records managed elsewhere.
 */
import { DnsRecord, RData, RecordType, SoaData, formatRData, rdataKey } from '../model/records';
import { Zone } from '../model/zone';
import { Lookup, canQuery } from './dns';

/** One question asked of every server, and how its answer is judged. */
export interface Probe {
  /** Absolute owner name. */
  readonly name: string;
  /** The type asked. */
  readonly type: RecordType;
  /** The planned records the answer is compared with (empty for an `absent` probe). */
  readonly planned: readonly DnsRecord[];
  /**
   * `exact`: the answer must hold exactly the planned records; `presence`: any answer will do
   * (proxied records); `soa`: names and timers of the SOA; `absent`: the answer must be empty
   * (a CNAME where the plan has other data).
   */
  readonly mode: 'exact' | 'presence' | 'soa' | 'absent';
  /** The planned TTL, seconds. */
  readonly ttl: number;
}

/** A way the live zone differs from the plan. */
export interface Difference {
  /** Absolute owner name. */
  readonly name: string;
  readonly type: RecordType;
  /**
   * `missing`: planned records are absent (and nothing else is there); `unexpected`: the planned
   * records are there plus others; `different`: planned records are absent and others are there;
   * `ttl`: the records match but their TTL does not.
   */
  readonly kind: 'missing' | 'unexpected' | 'different' | 'ttl';
  /** `warning` for TTL and SOA differences, else `error`. */
  readonly severity: 'error' | 'warning';
  /** Planned records in presentation format, sorted. */
  readonly expected: string[];
  /** Answered records in presentation format, sorted. */
  readonly actual: string[];
  /** The server(s) that gave this answer, comma-separated. */
  readonly server: string;
  /** Planned TTL, for `ttl` differences. */
  readonly expectedTtl?: number;
  /** Answered TTL, for `ttl` differences. */
  readonly actualTtl?: number;
}

/** A probe whose question got no usable answer. */
export interface ProbeFailure {
  readonly probe: Probe;
  readonly lookup: Exclude<Lookup, { status: 'ok' | 'nxdomain' }>;
}

/** The questions to ask for a zone, and the planned data that cannot be compared (with why). */
export function planProbes(zone: Zone): { probes: Probe[]; skipped: string[] } {
  const probes: Probe[] = [];
  const skipped: string[] = [];
  const aliased = new Set<string>();
  for (const rs of zone.rrsets()) {
    const records = rs.records.filter((r) => !r.meta.unresolved);
    if (!records.length) {
      skipped.push(`${rs.type} ${rs.name}: the value is a deploy-time reference, unknown until deployed`);
      continue;
    }
    if (rs.type === 'CNAME') aliased.add(rs.name);
    if (!canQuery(rs.type)) {
      skipped.push(`${rs.type} ${rs.name}: this Node's resolver cannot ask for ${rs.type} records`);
      continue;
    }
    const proxied = records.some((r) => r.meta.proxied);
    if (proxied && (rs.type === 'A' || rs.type === 'AAAA' || rs.type === 'CNAME')) {
      probes.push({ name: rs.name, type: rs.type === 'CNAME' ? 'A' : rs.type, planned: records, mode: 'presence', ttl: rs.ttl });
      continue;
    }
    probes.push({ name: rs.name, type: rs.type, planned: records, mode: rs.type === 'SOA' ? 'soa' : 'exact', ttl: rs.ttl });
  }
  for (const name of zone.names()) {
    if (!aliased.has(name)) probes.push({ name, type: 'CNAME', planned: [], mode: 'absent', ttl: zone.defaultTtl });
  }
  return { probes, skipped };
}

/** A stable key of a probe, for answer maps. */
export function probeKey(p: Pick<Probe, 'name' | 'type'>): string {
  return `${p.name} ${p.type}`;
}

/**
 * Answers to `absent` probes (no CNAME where the plan has other data) that the answers already
 * given show, keyed by {@link probeKey}: a server must answer any type asked at an alias with the
 * CNAME (RFC 1034 §3.6.2), so an answer of another type at the same name says whether a CNAME is
 * there (`Lookup.cname`). Absent probes whose name has no such answer (the other questions failed,
 * or were answered by a resolver that hides the chain) are left out: they must be asked.
 */
export function cnamesShown(probes: readonly Probe[], answers: ReadonlyMap<string, Lookup>): Map<string, Lookup> {
  const shownAt = new Map<string, Lookup>();
  for (const p of probes) {
    if (p.mode === 'absent' || shownAt.has(p.name)) continue;
    const l = answers.get(probeKey(p));
    if (l?.status === 'ok' && l.cname !== undefined) shownAt.set(p.name, { status: 'ok', records: l.cname ? [l.cname] : [] });
  }
  const out = new Map<string, Lookup>();
  for (const p of probes) {
    const l = p.mode === 'absent' ? shownAt.get(p.name) : undefined;
    if (l) out.set(probeKey(p), l);
  }
  return out;
}

/** Compares one server's answers with the plan. `answers` is keyed by {@link probeKey}. */
export function diffServer(probes: readonly Probe[], answers: ReadonlyMap<string, Lookup>, server: string): { differences: Difference[]; failures: ProbeFailure[] } {
  const differences: Difference[] = [];
  const failures: ProbeFailure[] = [];
  for (const probe of probes) {
    const lookup = answers.get(probeKey(probe));
    if (!lookup) continue;
    let actual: readonly RData[];
    if (lookup.status === 'ok') actual = lookup.records;
    else if (lookup.status === 'nxdomain') actual = [];
    else {
      failures.push({ probe, lookup });
      continue;
    }
    const d = judge(probe, actual, lookup.status === 'ok' ? lookup.ttl : undefined, server);
    if (d) differences.push(d);
  }
  return { differences, failures };
}

function judge(probe: Probe, actual: readonly RData[], actualTtl: number | undefined, server: string): Difference | undefined {
  const expected = probe.planned.map((r) => r.data);
  // Records are formatted only for a difference: nearly every answer matches the plan.
  const differs = (kind: Difference['kind'], severity: Difference['severity']): Difference => ({ name: probe.name, type: probe.type, expected: shown(expected), actual: shown(actual), server, kind, severity });
  switch (probe.mode) {
    case 'absent':
      return actual.length ? differs('unexpected', 'error') : undefined;
    case 'presence':
      return actual.length ? undefined : differs('missing', 'error');
    case 'soa': {
      if (!actual.length) return differs('missing', 'error');
      const want = expected[0] as SoaData;
      const got = actual[0] as SoaData;
      const same = want.mname === got.mname && want.rname === got.rname && want.refresh === got.refresh && want.retry === got.retry && want.expire === got.expire && want.minimum === got.minimum;
      return same ? undefined : { ...differs('different', 'warning'), expected: [soaShown(want)], actual: [soaShown(got)] };
    }
    case 'exact': {
      const want = new Set(expected.map(rdataKey));
      const got = new Set(actual.map(rdataKey));
      let absent = 0;
      for (const k of want) if (!got.has(k)) absent++;
      let extra = 0;
      for (const k of got) if (!want.has(k)) extra++;
      if (absent && !extra) return differs('missing', 'error');
      if (absent) return differs('different', 'error');
      if (extra) return differs('unexpected', 'error');
      if (actualTtl !== undefined && actualTtl !== probe.ttl) return { ...differs('ttl', 'warning'), expectedTtl: probe.ttl, actualTtl };
      return undefined;
    }
  }
}

function shown(data: readonly RData[]): string[] {
  return data.map(formatRData).sort();
}

/** The SOA without its serial, which is not compared. */
function soaShown(s: SoaData): string {
  return `${s.mname} ${s.rname} (serial not compared) ${s.refresh} ${s.retry} ${s.expire} ${s.minimum}`;
}

/**
 * Merges the differences of several servers: one that every listed server reports alike is
 * reported once, naming them all; the rest stay per server (the servers disagree).
 */
export function mergeDifferences(perServer: readonly { server: string; differences: readonly Difference[] }[]): Difference[] {
  const byKey = new Map<string, { d: Difference; servers: string[] }>();
  const order: string[] = [];
  for (const { server, differences } of perServer) {
    for (const d of differences) {
      const key = JSON.stringify([d.name, d.type, d.kind, d.actual, d.actualTtl ?? null]);
      const hit = byKey.get(key);
      if (hit) hit.servers.push(server);
      else {
        byKey.set(key, { d, servers: [server] });
        order.push(key);
      }
    }
  }
  return order.map((k) => {
    const { d, servers } = byKey.get(k)!;
    return { ...d, server: servers.join(', ') };
  });
}

/** Names and types on which the servers' answers differ from each other (when there are several). */
export function disagreements(perServer: readonly { server: string; differences: readonly Difference[] }[]): { name: string; type: RecordType }[] {
  if (perServer.length < 2) return [];
  const answersOf = (differences: readonly Difference[]): Map<string, string> =>
    new Map(differences.map((d) => [`${d.name} ${d.type}`, JSON.stringify([d.kind, d.actual, d.actualTtl ?? null])]));
  const maps = perServer.map((p) => answersOf(p.differences));
  const keys = new Set(maps.flatMap((m) => [...m.keys()]));
  const out: { name: string; type: RecordType }[] = [];
  for (const key of keys) {
    const values = new Set(maps.map((m) => m.get(key) ?? 'same as planned'));
    if (values.size > 1) {
      const sp = key.lastIndexOf(' ');
      out.push({ name: key.slice(0, sp), type: key.slice(sp + 1) as RecordType });
    }
  }
  return out;
}
