/**
 * Live DNS questions for `verify`: one client per server, so each authoritative server is asked
 * directly and its answers can be compared with the others'.
 *
 * A server given by address is asked through our own client (udp-client.ts over wire.ts): c-ares'
 * promise path cost ~25 µs of CPU per question and made verify CPU-bound. node:dns (c-ares) is
 * kept only for "the system resolver" (no address given), whose servers and options come from
 * the system's configuration.
 *
 * What a lookup gives (each point is pinned by a test in test/verify):
 * - A truncated UDP answer (TC bit) is asked again over TCP: a TXT rrset larger than any UDP
 *   payload still arrives whole.
 * - CNAMEs inside an answer are followed: asking A of an alias returns the target's addresses when
 *   the server includes them. Callers that must see the alias itself ask for CNAME.
 * - TTLs are reported only for A and AAAA (the smallest along the alias chain), as node:dns did;
 *   TTL drift is judged on addresses only.
 * - TXT character-strings are joined by bytes and read as UTF-8, the logical value the model holds.
 * - RCODEs: NXDOMAIN → `nxdomain`; SERVFAIL, REFUSED, FORMERR, NOTIMP (ESERVFAIL, EREFUSED,
 *   EFORMERR, ENOTIMP) and a malformed answer (EBADRESP) → `failed`; no answer (ETIMEOUT) or ICMP port unreachable
 *   (ECONNREFUSED) → `unreachable`.
 * - TLSA can always be asked of a server given by address; of the system resolver only where
 *   node:dns has `resolveTlsa` (Node 22.15+). The obsolete SPF type (99) never.
 *   {@link canQuery} says which types a run can compare.
 * - One try per attempt, retries counted here: a silent server costs exactly
 *   `timeoutMs × (retries + 1)` before it is declared unreachable.
 */
import { promises as dnsPromises } from 'node:dns';
import { isIP } from 'node:net';
import { MailDnsError, show } from '../model/errors';
import { parseIPv4, parseIPv6 } from '../model/ip';
import { RData, RecordType } from '../model/records';
import { Limiter } from './limit';
import { DnsTransportError, UdpClient } from './udp-client';
import { Message, RCODE, TYPE_CODES, WireType } from './wire';

/** How a question ended. `ok` with no records is NODATA (the name exists, the type does not). */
export type Lookup =
  | {
      readonly status: 'ok';
      readonly records: readonly RData[];
      readonly ttl?: number;
      /**
       * For a type other than CNAME asked of a server given by address: the CNAME at the name
       * asked when the answer went through one, null when the answer shows none there (a server
       * must answer any type at an alias with the CNAME, RFC 1034 §3.6.2). Undefined when not
       * known (the system resolver, c-ares, hides the chain).
       */
      readonly cname?: Extract<RData, { type: 'CNAME' }> | null;
    }
  | { readonly status: 'nxdomain' }
  /** No answer: timeout, connection refused (nothing listens), cancelled. */
  | { readonly status: 'unreachable'; readonly code: string }
  /** An answer that is an error: SERVFAIL, REFUSED, FORMERR, NOTIMP, a malformed reply. */
  | { readonly status: 'failed'; readonly code: string };

/** Options of a {@link DnsClient}. */
export interface DnsClientOptions {
  /** Wait for one attempt, milliseconds. @default 2000 */
  readonly timeoutMs?: number;
  /** Attempts after the first when a server does not answer. @default 1 */
  readonly retries?: number;
  /** Shared bound on questions in flight across clients. @default - unbounded */
  readonly limiter?: Limiter;
  /** Counts the questions asked, shared across clients. @default - not counted */
  readonly stats?: QuestionStats;
}

/** What a run of questions cost: filled in by every {@link DnsClient} given it. */
export class QuestionStats {
  /** Questions sent (every attempt counts, a retry too). */
  public questions = 0;
  /** Attempts after the first, for questions that got no answer. */
  public retries = 0;
  /** Questions asked again over TCP because the UDP answer was truncated. */
  public overTcp = 0;
  /** When the first question left, `performance.now()` milliseconds. */
  public first = 0;
  /** When the last answer (or timeout) came, `performance.now()` milliseconds. */
  public last = 0;

  /** Seconds from the first question to the last answer. */
  public get seconds(): number {
    return this.questions ? (this.last - this.first) / 1000 : 0;
  }
}

type TlsaAnswer = { certUsage: number; selector: number; match: number; data: ArrayBuffer };
type ResolverWithTlsa = dnsPromises.Resolver & { resolveTlsa?: (name: string) => Promise<TlsaAnswer[]> };

const HAS_TLSA = typeof (dnsPromises.Resolver.prototype as ResolverWithTlsa).resolveTlsa === 'function';
const QUERYABLE: ReadonlySet<RecordType> = new Set<RecordType>(['A', 'AAAA', 'MX', 'TXT', 'CNAME', 'NS', 'SOA', 'PTR', 'SRV', 'CAA', 'TLSA']);

/** True when verify can ask a server for the type (the system resolver asks TLSA only on Node 22.15+). */
export function canQuery(type: RecordType): boolean {
  return QUERYABLE.has(type);
}

const UNREACHABLE = new Set(['ETIMEOUT', 'ECONNREFUSED', 'ECANCELLED', 'ECONNRESET', 'EDESTRUCTION', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

const RCODE_CODES: Record<number, string> = { [RCODE.FORMERR]: 'EFORMERR', [RCODE.SERVFAIL]: 'ESERVFAIL', [RCODE.NOTIMP]: 'ENOTIMP', [RCODE.REFUSED]: 'EREFUSED' };

/** A server address as node:dns takes it, from `host`, `host:port`, `[v6]:port` or a bare IPv6. */
export interface ServerAddress {
  /** IP address or host name. */
  readonly host: string;
  readonly port: number;
}

/**
 * Parses `--server` text: `192.0.2.53`, `192.0.2.53:5353`, `2001:db8::53`, `[2001:db8::53]:5353`,
 * `ns1.example.net` or `ns1.example.net:5353`.
 */
export function parseServer(text: string, field = 'server'): ServerAddress {
  const bad = (why: string): never => {
    throw new MailDnsError('VERIFY_SERVER', `${field}: ${show(text)} ${why} — write 192.0.2.53, 192.0.2.53:5353, [2001:db8::53]:5353 or ns1.example.net`, { field, value: text });
  };
  if (typeof text !== 'string' || text.trim() === '') return bad('is empty');
  let host = text.trim();
  let portText: string | undefined;
  const bracket = /^\[([^\]]+)\](?::(\d+))?$/.exec(host);
  if (bracket) {
    host = bracket[1];
    portText = bracket[2];
    if (isIP(host) !== 6) bad('has brackets around something that is not an IPv6 address');
  } else if (isIP(host) !== 6) {
    const colon = host.lastIndexOf(':');
    if (colon >= 0) {
      portText = host.slice(colon + 1);
      host = host.slice(0, colon);
    }
    if (isIP(host) === 0 && !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/i.test(host)) bad('is neither an IP address nor a host name');
  }
  let port = 53;
  if (portText !== undefined) {
    if (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) bad('has a port that is not 1..65535');
    port = Number(portText);
  }
  return { host, port };
}

/** The address text node:dns `setServers` accepts. */
export function serverText(a: ServerAddress): string {
  const host = isIP(a.host) === 6 ? `[${a.host}]` : a.host;
  return a.port === 53 && isIP(a.host) !== 6 ? a.host : `${host}:${a.port}`;
}

/** Asks one server (or, without one, the system's resolvers). Never throws for a network fault. */
export class DnsClient {
  /** The server asked, as shown in reports (`192.0.2.53:5353`), or `the system resolver`. */
  public readonly label: string;
  private readonly wire?: UdpClient;
  private readonly resolver?: ResolverWithTlsa;
  private readonly retries: number;
  private readonly limiter?: Limiter;
  private readonly stats?: QuestionStats;

  constructor(server: ServerAddress | undefined, opts: DnsClientOptions = {}) {
    const timeout = opts.timeoutMs ?? 2000;
    this.retries = opts.retries ?? 1;
    if (!Number.isInteger(timeout) || timeout < 1) throw new MailDnsError('DNS_OPTIONS', `timeoutMs must be a whole number of milliseconds >= 1 (received ${show(timeout)})`, { field: 'timeoutMs', value: timeout });
    if (!Number.isInteger(this.retries) || this.retries < 0) throw new MailDnsError('DNS_OPTIONS', `retries must be a whole number >= 0 (received ${show(this.retries)})`, { field: 'retries', value: this.retries });
    this.limiter = opts.limiter;
    this.stats = opts.stats;
    if (server) {
      if (isIP(server.host) === 0) throw new MailDnsError('VERIFY_SERVER', `server ${show(server.host)} must be an IP address here; resolve the name first`, { field: 'server', value: server.host });
      this.wire = new UdpClient(server.host, server.port, { timeoutMs: timeout, stats: opts.stats });
      this.label = isIP(server.host) === 6 ? `[${server.host}]:${server.port}` : `${server.host}:${server.port}`;
    } else {
      this.resolver = new dnsPromises.Resolver({ timeout, tries: 1 }) as ResolverWithTlsa;
      this.label = 'the system resolver';
    }
  }

  /** Asks for the records of `type` at `name` (absolute or bare). */
  public async lookup(name: string, type: RecordType): Promise<Lookup> {
    if (!canQuery(type)) return { status: 'failed', code: 'ENOTIMP' };
    const bare = name === '.' ? '.' : name.replace(/\.$/, '');
    let last: Lookup = { status: 'unreachable', code: 'ETIMEOUT' };
    for (let attempt = 0; attempt <= this.retries; attempt++) {
      last = this.limiter ? await this.limiter.run(() => this.counted(bare, type, attempt)) : await this.counted(bare, type, attempt);
      if (last.status !== 'unreachable') return last;
    }
    return last;
  }

  private async counted(name: string, type: RecordType, attempt: number): Promise<Lookup> {
    const stats = this.stats;
    if (!stats) return this.once(name, type);
    if (stats.questions++ === 0) stats.first = performance.now();
    if (attempt > 0) stats.retries++;
    try {
      return await this.once(name, type);
    } finally {
      stats.last = performance.now();
    }
  }

  /** Closes the client's sockets (they never keep the process alive; this is for tidy tests). */
  public close(): void {
    this.wire?.close();
  }

  private async once(name: string, type: RecordType): Promise<Lookup> {
    if (this.wire) {
      let msg: Message;
      try {
        msg = await this.wire.query(name, type as WireType);
      } catch (e) {
        const code = e instanceof DnsTransportError ? e.code : ((e as NodeJS.ErrnoException)?.code ?? 'EUNKNOWN');
        return UNREACHABLE.has(code) ? { status: 'unreachable', code } : { status: 'failed', code };
      }
      return fromMessage(msg, name, type as WireType);
    }
    try {
      return await this.ask(name, type);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException)?.code ?? 'EUNKNOWN';
      if (code === 'ENODATA') return { status: 'ok', records: [] };
      if (code === 'ENOTFOUND') return { status: 'nxdomain' };
      if (UNREACHABLE.has(code)) return { status: 'unreachable', code };
      return { status: 'failed', code };
    }
  }

  /** The system resolver, through c-ares. */
  private async ask(name: string, type: RecordType): Promise<Lookup> {
    const r = this.resolver!;
    switch (type) {
      case 'A': {
        const list = await r.resolve4(name, { ttl: true });
        return { status: 'ok', records: list.map((a) => ({ type, address: parseIPv4(a.address).text })), ttl: minTtl(list) };
      }
      case 'AAAA': {
        const list = await r.resolve6(name, { ttl: true });
        return { status: 'ok', records: list.map((a) => ({ type, address: parseIPv6(a.address).text })), ttl: minTtl(list) };
      }
      case 'MX':
        return ok((await r.resolveMx(name)).map((m) => ({ type, preference: m.priority, exchange: abs(m.exchange) })));
      case 'TXT':
        return ok((await r.resolveTxt(name)).map((chunks) => ({ type, text: txtText(chunks) })));
      case 'CNAME':
        return ok((await r.resolveCname(name)).map((t) => ({ type, target: abs(t) })));
      case 'NS':
        return ok((await r.resolveNs(name)).map((t) => ({ type, target: abs(t) })));
      case 'PTR':
        return ok((await r.resolvePtr(name)).map((t) => ({ type, target: abs(t) })));
      case 'SOA': {
        const s = await r.resolveSoa(name);
        return ok([{ type, mname: abs(s.nsname), rname: abs(s.hostmaster), serial: s.serial, refresh: s.refresh, retry: s.retry, expire: s.expire, minimum: s.minttl }]);
      }
      case 'SRV':
        return ok((await r.resolveSrv(name)).map((s) => ({ type, priority: s.priority, weight: s.weight, port: s.port, target: abs(s.name) })));
      case 'CAA':
        return ok((await r.resolveCaa(name)).map(caaData));
      case 'TLSA':
        if (!HAS_TLSA) return { status: 'failed', code: 'ENOTIMP' };
        return ok(
          (await r.resolveTlsa!(name)).map((t) => ({ type, usage: t.certUsage, selector: t.selector, matchingType: t.match, certificate: Buffer.from(t.data).toString('hex') })),
        );
      default:
        return { status: 'failed', code: 'ENOTIMP' };
    }
  }
}

/**
 * A response as a {@link Lookup}: the records of the type asked at the name asked, or, through
 * the CNAMEs of the answer (at most 16), at the name it aliases. For A and AAAA the TTL is the
 * smallest of those records and of the CNAMEs followed.
 */
export function fromMessage(msg: Message, name: string, type: WireType): Lookup {
  const { rcode } = msg.header;
  if (rcode === RCODE.NXDOMAIN) return { status: 'nxdomain' };
  if (rcode !== RCODE.NOERROR) return { status: 'failed', code: RCODE_CODES[rcode] ?? `ERCODE${rcode}` };
  const code = TYPE_CODES[type];
  let owner = msg.questions.length ? msg.questions[0].name : abs(name);
  let ttl = Infinity;
  const records: RData[] = [];
  let cname: Extract<RData, { type: 'CNAME' }> | null = null;
  for (let hop = 0; hop <= 16; hop++) {
    let alias: Extract<RData, { type: 'CNAME' }> | undefined;
    let aliasTtl = 0;
    for (const a of msg.answers) {
      if (a.name !== owner || !a.data) continue;
      if (a.type === code) {
        records.push(a.data);
        if (a.ttl < ttl) ttl = a.ttl;
      } else if (a.data.type === 'CNAME' && alias === undefined) {
        alias = a.data;
        aliasTtl = a.ttl;
      }
    }
    if (hop === 0 && alias) cname = alias;
    if (records.length || alias === undefined) break;
    if (aliasTtl < ttl) ttl = aliasTtl;
    owner = alias.target;
  }
  if (type === 'SOA' && records.length > 1) records.length = 1;
  const known = type === 'CNAME' ? {} : { cname };
  if ((type === 'A' || type === 'AAAA') && records.length) return { status: 'ok', records, ttl, ...known };
  return { status: 'ok', records, ...known };
}

function ok(records: RData[]): Lookup {
  return { status: 'ok', records };
}

function minTtl(list: readonly { ttl: number }[]): number | undefined {
  return list.length ? Math.min(...list.map((a) => a.ttl)) : undefined;
}

/** c-ares gives names without the final dot and the root as the empty string. */
function abs(name: string): string {
  if (name === '' || name === '.') return '.';
  return `${name.toLowerCase().replace(/\.$/, '')}.`;
}

/** The logical TXT value: character-strings joined by bytes, read as UTF-8 (c-ares hands bytes over as latin1). */
function txtText(chunks: readonly string[]): string {
  return Buffer.concat(chunks.map((c) => Buffer.from(c, 'latin1'))).toString('utf8');
}

function caaData(c: object): RData {
  const rec = c as Record<string, unknown>;
  const tag = Object.keys(rec).find((k) => k !== 'critical') ?? '';
  const value = rec[tag];
  return { type: 'CAA', flags: Number(rec.critical ?? 0), tag: tag.toLowerCase(), value: typeof value === 'string' ? value : String(value ?? '') };
}
