import { isIP } from 'node:net';
import { MailDnsError, show } from '../model/errors';
import { Zone } from '../model/zone';
import { runRules } from '../rules/engine';
import { Finding } from '../rules/types';
import { ZoneSpec } from '../spec/types';
import { cnamesShown, diffServer, Difference, disagreements, mergeDifferences, planProbes, Probe, probeKey, ProbeFailure } from './diff';
import { DnsClient, Lookup, parseServer, QuestionStats, ServerAddress, serverText } from './dns';
import { settleLiveFindings } from './findings';
import { Limiter, mapLimit } from './limit';
import { cnameDangling } from './rules/cname-dangling';
import { dmarcReportAuth } from './rules/dmarc-report-auth';
import { fcrdns } from './rules/fcrdns';
import { mtaStsTxt } from './rules/mta-sts-txt';
import { spfLive } from './rules/spf-live';
import { bare, LiveRawFinding, LiveRule } from './rules/types';
import { findServers, NameServer, outcome } from './servers';
import { LiveView } from './view';

/**
 * The ids of the live rules: registered in lib/rules/registry.ts with category `live` (so they
 * are documented in RULES.md and can be suppressed or re-graded like any rule), but judged only
 * here, against live DNS — never at synth, which is why they are not in the engine's CHECKS.
 */
export const LIVE_RULE_IDS: readonly string[] = [
  'NS_UNREACHABLE',
  'NS_LAME',
  'NS_INCONSISTENT',
  'SPF_LIVE_FAIL',
  'SPF_LIVE_ERROR',
  'FCRDNS_FAIL',
  'DMARC_REPORT_AUTH',
  'MTA_STS_TXT_MISSING',
  'CNAME_DANGLING',
  'LIVE_LOOKUP_FAILED',
];

const LIVE = new Set(LIVE_RULE_IDS);

/** The live rules that ask DNS beyond the comparison (the NS_* and LIVE_LOOKUP_FAILED findings come from the comparison itself). */
const LIVE_RULES: readonly LiveRule[] = [spfLive, fcrdns, dmarcReportAuth, mtaStsTxt, cnameDangling];

/** Options of {@link verifyZones}. */
export interface VerifyOptions {
  /**
   * Servers to ask instead of each domain's own (`host`, `host:port`, `[v6]:port`): for tests and
   * for checking a new DNS host before the delegation moves.
   * @default - each domain's nameServers, else its NS set from the recursive resolver
   */
  readonly servers?: readonly string[];
  /**
   * The recursive resolver (an IP address, with an optional port) for names outside the domain:
   * third-party SPF includes, PTRs, report destinations, name server addresses.
   * @default - the system's resolvers
   */
  readonly resolver?: string;
  /** Wait for one attempt, milliseconds. @default 2000 */
  readonly timeoutMs?: number;
  /** Attempts after the first when a server does not answer. @default 1 */
  readonly retries?: number;
  /** Questions in flight at once, and domains verified at once. @default 32 */
  readonly concurrency?: number;
  /** Called after each domain. @default - nothing */
  readonly onProgress?: (done: number, total: number) => void;
  /** Called once at the end with what the run asked: questions, retries, TCP, seconds. @default - nothing */
  readonly onStats?: (stats: QuestionStats) => void;
}

/** One server's part in a domain's verification. */
export interface ServerReport {
  readonly server: string;
  /** `ok`: it serves the zone; `unreachable`: no answer; `lame`: an answer without the zone. */
  readonly status: 'ok' | 'unreachable' | 'lame';
  /** Its SOA serial, when it answered one. */
  readonly serial?: number;
}

/** The verification of one domain. */
export interface DomainVerification {
  /** The domain, without trailing dot. */
  readonly domain: string;
  /**
   * `drift` when live records differ from the plan (TTL and SOA differences are warnings and do
   * not count); else `error` when a finding of severity error stands (a live rule, an unreachable
   * server, a synth-time rule); else `ok`. Drift comes first because it is what verify is for;
   * the findings are listed either way.
   */
  readonly status: 'ok' | 'drift' | 'error';
  readonly servers: ServerReport[];
  readonly differences: Difference[];
  /** Synth-time and live findings, errors first. */
  readonly findings: Finding[];
  /** Planned data that could not be compared, and why. */
  readonly skipped: string[];
}

/** A zone to verify with the spec entry it was planned from. */
export interface VerifyItem {
  readonly zone: Zone;
  readonly spec?: ZoneSpec;
}

/**
 * Verifies planned zones against live DNS: asks every authoritative server directly for every
 * planned rrset, reports the differences per server, and runs the live rules on top of the
 * synth-time rules. Network faults never throw: they are findings. Throws `MailDnsError` only for
 * bad options (an unparsable server, a resolver given by name).
 */
export async function verifyZones(items: readonly VerifyItem[], opts: VerifyOptions = {}): Promise<DomainVerification[]> {
  const concurrency = opts.concurrency ?? 32;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new MailDnsError('DNS_OPTIONS', `concurrency must be a whole number >= 1 (received ${show(concurrency)})`, { field: 'concurrency', value: concurrency });
  const limiter = new Limiter(concurrency);
  const stats = new QuestionStats();
  const clientOpts = { timeoutMs: opts.timeoutMs, retries: opts.retries, limiter, stats };
  const override = opts.servers?.map((s, i) => parseServer(s, `servers[${i}]`));
  let recursive: DnsClient;
  if (opts.resolver !== undefined) {
    const r = parseServer(opts.resolver, 'resolver');
    if (!isIP(r.host)) throw new MailDnsError('VERIFY_SERVER', `resolver: ${show(opts.resolver)} must be an IP address (with an optional port) — a resolver cannot be found by name`, { field: 'resolver', value: opts.resolver });
    recursive = new DnsClient(r, clientOpts);
  } else recursive = new DnsClient(undefined, clientOpts);
  const clients = new Map<string, DnsClient>();
  const clientFor = (a: ServerAddress): DnsClient => {
    const key = serverText(a);
    let c = clients.get(key);
    if (!c) clients.set(key, (c = new DnsClient(a, clientOpts)));
    return c;
  };

  // The synth-time rules run before the first question: run between the answers (tried), they
  // left the server idle between bursts and verify took longer.
  const synth = synthFindings(items.map((i) => i.zone));
  let done = 0;
  try {
    return await mapLimit(items, concurrency, async (item, i) => {
      const result = await verifyOne(item, synth[i], { override, recursive, clientFor });
      opts.onProgress?.(++done, items.length);
      return result;
    });
  } finally {
    recursive.close();
    for (const c of clients.values()) c.close();
    opts.onStats?.(stats);
  }
}

/** The synth-time findings; suppressions of live rules are left to the live run (the engine cannot judge them). */
function synthFindings(zones: readonly Zone[]): Finding[][] {
  const held = zones.map((z) => {
    const live = z.suppressions.filter((s) => LIVE.has(s.rule));
    for (const s of live) z.suppressions.splice(z.suppressions.indexOf(s), 1);
    return live;
  });
  try {
    return runRules(zones).map((r) => r.findings);
  } finally {
    zones.forEach((z, i) => z.suppressions.push(...held[i]));
  }
}

async function verifyOne(item: VerifyItem, synth: Finding[], src: Parameters<typeof findServers>[1]): Promise<DomainVerification> {
  const { zone } = item;
  const raw: LiveRawFinding[] = [];
  const found = await findServers(zone, src);
  raw.push(...found.findings);

  const soa = await Promise.all(found.servers.map((s) => s.client.lookup(zone.origin, 'SOA')));
  const servers: ServerReport[] = [];
  const reachable: { server: NameServer; serial?: number; soa: Lookup }[] = [];
  found.servers.forEach((s, i) => {
    const l = soa[i];
    const record = l.status === 'ok' ? l.records.find((r) => r.type === 'SOA') : undefined;
    if (record && record.type === 'SOA') {
      servers.push({ server: s.label, status: 'ok', serial: record.serial });
      reachable.push({ server: s, serial: record.serial, soa: l });
    } else if (l.status === 'unreachable') {
      servers.push({ server: s.label, status: 'unreachable' });
      raw.push({
        rule: 'NS_UNREACHABLE',
        name: zone.origin,
        message: `${s.label} gave no answer for the SOA of ${bare(zone.origin)} (${l.code}) — resolvers that pick it wait and retry, and when every server is unreachable the domain disappears — check the server and that UDP and TCP port 53 are open to it, or remove it from the NS set`,
      });
    } else {
      servers.push({ server: s.label, status: 'lame' });
      raw.push({
        rule: 'NS_LAME',
        name: zone.origin,
        message: `${s.label} answers ${outcome(l)} for the SOA of ${bare(zone.origin)} — it is asked for the domain but does not serve it, so resolvers that pick it fail (RFC 1912 §2.8) — load the zone on the server, or remove it from the NS set`,
      });
    }
  });

  const { probes, skipped } = planProbes(zone);
  const perServer = await Promise.all(
    reachable.map(async ({ server, soa: served }) => {
      const answers = await askProbes(server.client, probes, new Map([[probeKey({ name: zone.origin, type: 'SOA' }), served]]));
      return { server: server.label, answers, ...diffServer(probes, answers, server.label) };
    }),
  );
  for (const p of perServer) raw.push(...failureFindings(zone, p.server, p.failures, probes.length));
  const differences = mergeDifferences(perServer);
  const split = disagreements(perServer);
  if (split.length) {
    const serials = reachable.map((r) => `${r.server.label} serial ${r.serial}`).join(', ');
    raw.push({
      rule: 'NS_INCONSISTENT',
      name: zone.origin,
      message: `the servers of ${bare(zone.origin)} disagree on ${split.map((s) => `${s.type} ${bare(s.name)}`).join(', ')} (${serials}) — resolvers get a different answer depending on the server they pick (RFC 1996) — check zone transfers (NOTIFY/AXFR) until every server has the same serial`,
    });
  }

  // Without a server of the domain the live rules would judge its absence over and over (SPF
  // temperrors, unknown MTA-STS): NS_UNREACHABLE / NS_LAME already say what is wrong.
  if (reachable.length) {
    const view = new LiveView(zone.origin, reachable[0].server.client, src.recursive);
    // The first server's answers are the view's: the live rules ask only what the comparison did not.
    for (const p of probes) {
      const answer = perServer[0].answers.get(probeKey(p));
      if (answer) view.know(p.name, p.type, answer);
    }
    const live = await Promise.all(LIVE_RULES.map((rule) => rule({ zone, spec: item.spec, view })));
    raw.push(...live.flat());
  }

  const findings = [...synth, ...settleLiveFindings(zone, raw, LIVE, reachable.length > 0)].sort(order);
  const hasError = findings.some((f) => f.severity === 'error' && !f.suppressed);
  const drift = differences.some((d) => d.severity === 'error');
  return { domain: bare(zone.origin), status: drift ? 'drift' : hasError ? 'error' : 'ok', servers, differences, findings, skipped };
}

/**
 * One server's answers to the probes, keyed by {@link probeKey}, starting from those it already
 * gave (its SOA, asked to learn whether it serves the zone). The `absent` CNAME probes are
 * asked only where the answers to the other questions at the same name do not show whether a
 * CNAME is there ({@link cnamesShown}) — nearly never, which saves a question per planned name.
 */
async function askProbes(client: DnsClient, probes: readonly Probe[], known: ReadonlyMap<string, Lookup>): Promise<Map<string, Lookup>> {
  const answers = new Map<string, Lookup>(known);
  const ask = async (list: readonly Probe[]): Promise<void> => {
    const lookups = await Promise.all(list.map((p) => client.lookup(p.name, p.type)));
    list.forEach((p, i) => answers.set(probeKey(p), lookups[i]));
  };
  await ask(probes.filter((p) => p.mode !== 'absent' && !answers.has(probeKey(p))));
  for (const [key, l] of cnamesShown(probes, answers)) answers.set(key, l);
  await ask(probes.filter((p) => !answers.has(probeKey(p))));
  return answers;
}

/** Questions a server did not answer usably: the rrsets were not compared, which is an error. */
function failureFindings(zone: Zone, server: string, failures: readonly ProbeFailure[], asked: number): LiveRawFinding[] {
  const byCode = new Map<string, ProbeFailure[]>();
  for (const f of failures) byCode.set(f.lookup.code, [...(byCode.get(f.lookup.code) ?? []), f]);
  return [...byCode].map(([code, list]) => {
    const shown = list.slice(0, 5).map((f) => `${f.probe.type} ${bare(f.probe.name)}`);
    const more = list.length > 5 ? ` and ${list.length - 5} more` : '';
    const what = list[0].lookup.status === 'unreachable' ? 'no answer' : 'an error answer';
    return {
      rule: 'LIVE_LOOKUP_FAILED',
      name: zone.origin,
      severity: 'error' as const,
      message: `${server} gave ${what} (${code}) to ${list.length} of ${asked} questions (${shown.join(', ')}${more}), so those planned rrsets were not compared — verify cannot vouch for what it could not see — run verify again, or check the server with dig`,
    };
  });
}

/** Errors first, then by rule, name and message in code-unit order (the same whatever the user's locale). */
function order(a: Finding, b: Finding): number {
  if (a.severity !== b.severity) return a.severity === 'error' ? -1 : 1;
  return compare(a.rule, b.rule) || compare(a.name, b.name) || compare(a.message, b.message);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
