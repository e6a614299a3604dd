/**
 * The RFC 7208 `check_host()` function (§4 to §6), written once as a generator.
 *
 * The evaluator never performs I/O: it yields each DNS question and is resumed with the answer.
 * `checkHostSync` answers from a synchronous resolver (synth time, where construct validations
 * must be synchronous) and `checkHost` from an asynchronous one (live DNS). Both drivers answer a
 * repeated question from a per-check cache, so one evaluation sees one consistent view of DNS.
 */
import { MailDnsError, show } from '../../model/errors';
import { effectiveClientIp, formatIp, IpBytes, ipMacroForm, parseIp, parseIp4, parseIp6, prefixMatch, reverseName, sameIp } from './ip';
import { expandDomainSpec, expandTokens, isMacroProblem, MacroValues, scanMacroString, truncateDomain, usesMacroLetter } from './macro';
import { formatTerm, isSpfText, parseSpfShared, SpfMechanismTerm, SpfQualifier, SpfTerm } from './parse';

/** DNS record types the evaluator asks for. SPF never queries type SPF (RFC 7208 §3.1, §4.4). */
export type DnsQueryType = 'TXT' | 'A' | 'AAAA' | 'MX' | 'PTR';

/** One DNS question. `name` has no trailing dot. */
export interface DnsQuery {
  readonly type: DnsQueryType;
  readonly name: string;
}

/**
 * How a lookup ended: `NOERROR` (possibly with no records: NODATA), `NXDOMAIN`, or `TEMPFAIL` for
 * every other outcome — SERVFAIL, REFUSED, timeout, CNAME loop — all of which RFC 7208 §2.6.6 and
 * §5 treat alike.
 */
export type DnsRcode = 'NOERROR' | 'NXDOMAIN' | 'TEMPFAIL';

/**
 * A DNS answer, records in presentation form:
 * - TXT: one entry per record, as its character-strings (`['v=spf1 ip4:', '192.0.2.1 -all']`,
 *   concatenated without separator, RFC 7208 §3.3) or as one already joined string;
 * - A / AAAA: address text;
 * - MX: exchange host names (the preference does not matter to SPF);
 * - PTR: host names.
 * Names may carry a trailing dot. CNAMEs are the resolver's business: answer for the final target.
 */
export interface DnsAnswer {
  readonly rcode: DnsRcode;
  readonly records: ReadonlyArray<string | readonly string[]>;
}

/** A resolver the asynchronous driver can ask. Throwing is a bug: report failures as `TEMPFAIL`. */
export interface SpfResolver {
  query(q: DnsQuery): Promise<DnsAnswer>;
}

/** A resolver the synchronous driver can ask (for example over zones held in memory). */
export interface SyncSpfResolver {
  query(q: DnsQuery): DnsAnswer;
}

/** The seven results of RFC 7208 §2.6. */
export type SpfResult = 'none' | 'neutral' | 'pass' | 'fail' | 'softfail' | 'temperror' | 'permerror';

/** What `check_host` concluded, and what it cost. */
export interface SpfAnswer {
  readonly result: SpfResult;
  /**
   * Canonical text of the term that decided the result (`mx`, `ip4:192.0.2.0/24`, `-all`,
   * `include:_spf.example.net`), in the record that produced the result (a `redirect=` target's
   * record when redirected). Absent for the default neutral, none and errors.
   */
  readonly term?: string;
  /** DNS-querying terms evaluated (include, a, mx, ptr, exists, redirect); more than 10 is a permerror. */
  readonly lookups: number;
  /** Lookups of those terms that found no name or no records; more than 2 is a permerror. */
  readonly voidLookups: number;
  /** The `exp=` text, expanded, on a fail result when the record has one and it could be fetched. */
  readonly explanation?: string;
  /** Why the result is permerror or temperror. */
  readonly error?: string;
  /** Every domain whose SPF record was looked up (lowercase, first-lookup order): the names the answer depends on. */
  readonly domains: readonly string[];
}

/** Identities and environment of a check. */
export interface CheckHostOptions {
  /**
   * The MAIL FROM address. An empty local-part becomes `postmaster` (RFC 7208 §4.3); a value
   * without `@` is taken as a domain.
   * @default - `postmaster@<domain>`, as for a HELO check (RFC 7208 §2.3)
   */
  readonly sender?: string;
  /**
   * The HELO/EHLO name, for the `h` macro.
   * @default - `unknown`
   */
  readonly helo?: string;
  /**
   * The checking host's domain, for the `r` macro of explanations.
   * @default - `unknown` (RFC 7208 §7.2)
   */
  readonly receiver?: string;
  /**
   * The time for the `t` macro of explanations.
   * @default - the current time
   */
  readonly now?: Date;
}

/** RFC 7208 §4.6.4 limits. */
export const SPF_LOOKUP_LIMIT = 10;
export const SPF_VOID_LOOKUP_LIMIT = 2;
export const SPF_MX_LIMIT = 10;
export const SPF_PTR_LIMIT = 10;

const QUALIFIER_RESULT: Record<SpfQualifier, 'pass' | 'fail' | 'softfail' | 'neutral'> = { '+': 'pass', '-': 'fail', '~': 'softfail', '?': 'neutral' };

/** Ends an evaluation with permerror or temperror from any depth: both always propagate (RFC 7208 §5.2, §6.1). */
class Abort {
  constructor(
    readonly result: 'permerror' | 'temperror',
    readonly message: string,
  ) {}
}

interface Outcome {
  readonly result: 'none' | 'neutral' | 'pass' | 'fail' | 'softfail';
  readonly term?: string;
  readonly explanation?: string;
}

interface Ctx {
  readonly client: IpBytes;
  readonly macro: Omit<MacroValues, 'd' | 'p'>;
  lookups: number;
  voids: number;
  readonly domains: string[];
}

type Evaluation<T> = Generator<DnsQuery, T, DnsAnswer>;

/**
 * The evaluator as a generator: yields DNS questions, is resumed with their answers, returns the
 * answer. Use it to plug in a driver of your own; `checkHostSync` and `checkHost` are two.
 * Throws a `MailDnsError` (`SPF_INPUT`) at once when `ip` is not an IP address.
 */
export function evaluate(ip: string, domain: string, opts: CheckHostOptions = {}): Evaluation<SpfAnswer> {
  const parsed = parseIp(ip);
  if (!parsed) {
    throw new MailDnsError('SPF_INPUT', `client address ${show(ip)} is not an IPv4 or IPv6 address — check_host needs the connecting IP (RFC 7208 §4.1)`, {
      field: 'ip',
      value: ip,
    });
  }
  const client = effectiveClientIp(parsed);
  // Without a sender the HELO identity is checked as postmaster@<domain> (split as such only when the domain holds an "@").
  const sender = opts.sender === undefined && !domain.includes('@') ? { local: 'postmaster', domain } : splitSender(opts.sender ?? `postmaster@${domain}`);
  const ctx: Ctx = {
    client,
    macro: new ClientMacros(client, sender, opts),
    lookups: 0,
    voids: 0,
    domains: [],
  };
  return run(ctx, domain);
}

function* run(ctx: Ctx, domain: string): Evaluation<SpfAnswer> {
  // Keys in this order, the optional ones only when set; assigned rather than spread from temporary
  // objects, which costs more than the rest of a typical evaluation.
  const done = (result: SpfResult, extra: { term?: string; explanation?: string; error?: string } = {}): SpfAnswer => {
    const answer: { -readonly [K in keyof SpfAnswer]: SpfAnswer[K] } = { result } as SpfAnswer;
    if (extra.term !== undefined) answer.term = extra.term;
    answer.lookups = ctx.lookups;
    answer.voidLookups = ctx.voids;
    if (extra.explanation !== undefined) answer.explanation = extra.explanation;
    if (extra.error !== undefined) answer.error = extra.error;
    answer.domains = ctx.domains;
    return answer;
  };
  try {
    const out = yield* checkHostOf(ctx, stripDot(domain), true);
    return done(out.result, out);
  } catch (e) {
    if (e instanceof Abort) return done(e.result, { error: e.message });
    throw e;
  }
}

/** check_host for one domain. Explanations are fetched only where the result can surface (not in includes). */
function* checkHostOf(ctx: Ctx, domain: string, wantExplanation: boolean): Evaluation<Outcome> {
  // RFC 7208 §4.3: a malformed or single-label domain gives "none" without any lookup.
  if (!isCheckableDomain(domain)) return { result: 'none' };
  const key = domain.toLowerCase();
  if (!ctx.domains.includes(key)) ctx.domains.push(key);
  const answer = yield { type: 'TXT', name: domain };
  if (answer.rcode === 'TEMPFAIL') throw new Abort('temperror', `DNS lookup of TXT ${domain} failed (RFC 7208 §4.4)`);
  if (answer.rcode === 'NXDOMAIN') return { result: 'none' };
  const spf = answer.records.map(txtText).filter(isSpfText);
  if (spf.length === 0) return { result: 'none' };
  if (spf.length > 1) throw new Abort('permerror', `${domain} publishes ${spf.length} SPF records — RFC 7208 §4.5 allows exactly one`);
  let record;
  try {
    record = parseSpfShared(spf[0]);
  } catch (e) {
    if (e instanceof MailDnsError) throw new Abort('permerror', `${domain}: ${e.message}`);
    throw e;
  }
  for (const term of record.terms) {
    if (term.kind !== 'mechanism') continue;
    if (!(yield* matches(ctx, term, domain))) continue;
    const result = QUALIFIER_RESULT[term.qualifier];
    const exp = record.terms.find((t) => t.kind === 'modifier' && t.name === 'exp');
    const explanation = result === 'fail' && wantExplanation && exp?.kind === 'modifier' ? yield* explain(ctx, exp.value, domain) : undefined;
    const out: { -readonly [K in keyof Outcome]: Outcome[K] } = { result, term: formatTerm(term) };
    if (explanation !== undefined) out.explanation = explanation;
    return out;
  }
  // An "all" mechanism always matches, so reaching here means redirect= applies if present (RFC 7208 §6.1).
  const redirect = record.terms.find((t) => t.kind === 'modifier' && t.name === 'redirect');
  if (redirect?.kind !== 'modifier') return { result: 'neutral' };
  const text = formatTerm(redirect);
  countLookup(ctx, redirect);
  const target = yield* expandTarget(ctx, redirect.value, domain);
  if (target === undefined) throw new Abort('permerror', `${domain}: ${text} expands to a malformed domain name (RFC 7208 §6.1)`);
  const out = yield* checkHostOf(ctx, target, wantExplanation);
  if (out.result === 'none') throw new Abort('permerror', `${domain}: ${text} points to ${target}, which has no SPF record (RFC 7208 §6.1)`);
  return out;
}

function* matches(ctx: Ctx, term: SpfMechanismTerm, domain: string): Evaluation<boolean> {
  const { client } = ctx;
  switch (term.mechanism) {
    case 'all':
      return true;
    case 'ip4': {
      const net = parseIp4(term.ip ?? '');
      return client.version === 4 && net !== undefined && prefixMatch(client.bytes, net, term.cidr4 ?? 32);
    }
    case 'ip6': {
      const net = parseIp6(term.ip ?? '');
      return client.version === 6 && net !== undefined && prefixMatch(client.bytes, net, term.cidr6 ?? 128);
    }
    case 'include': {
      const text = formatTerm(term);
      countLookup(ctx, term);
      const target = yield* expandTarget(ctx, term.domainSpec ?? '', domain);
      if (target === undefined) throw new Abort('permerror', `${domain}: ${text} expands to a malformed domain name`);
      const out = yield* checkHostOf(ctx, target, false);
      // RFC 7208 §5.2: none is a permerror; fail, softfail and neutral simply do not match.
      if (out.result === 'none') throw new Abort('permerror', `${domain}: ${text} — ${target} has no SPF record (RFC 7208 §5.2)`);
      return out.result === 'pass';
    }
    case 'a': {
      const found = yield* targetLookup(ctx, term, domain, addressType(client));
      return found !== undefined && addressesIn(found.answer, client.version).some((ip) => prefixMatch(client.bytes, ip, cidrFor(term, client)));
    }
    case 'mx': {
      const found = yield* targetLookup(ctx, term, domain, 'MX');
      if (found === undefined || isVoid(found.answer)) return false;
      const { target, answer } = found;
      // A null MX (RFC 7505) names the root: there is nothing to look up.
      const hosts = answer.records.map(nameText).filter((h) => h !== '');
      if (hosts.length > SPF_MX_LIMIT) {
        throw new Abort('permerror', `${domain}: ${formatTerm(term)} — ${target} has ${hosts.length} MX hosts, RFC 7208 §4.6.4 allows ${SPF_MX_LIMIT}`);
      }
      for (const host of hosts) {
        if (!isQueryableName(host)) continue;
        const addresses = yield { type: addressType(client), name: host };
        if (addresses.rcode === 'TEMPFAIL') throw dnsError(domain, term, addressType(client), host);
        if (addressesIn(addresses, client.version).some((ip) => prefixMatch(client.bytes, ip, cidrFor(term, client)))) return true;
      }
      return false;
    }
    case 'ptr': {
      countLookup(ctx, term);
      const target = yield* targetOf(ctx, term, domain);
      if (target === undefined) return false;
      const answer = yield { type: 'PTR', name: reverseName(client) };
      // RFC 7208 §5.5: a DNS error on the PTR lookup means no match, not temperror.
      if (answer.rcode === 'TEMPFAIL') return false;
      if (isVoid(answer)) {
        countVoid(ctx, term, reverseName(client));
        return false;
      }
      const suffix = target.toLowerCase();
      const candidates = ptrNames(answer).filter((n) => {
        const name = n.toLowerCase();
        return name === suffix || name.endsWith(`.${suffix}`);
      });
      for (const name of candidates) if (yield* validates(ctx, name)) return true;
      return false;
    }
    case 'exists': {
      // Always an A query, whatever the client's address family (RFC 7208 §5.7).
      const found = yield* targetLookup(ctx, term, domain, 'A');
      return found !== undefined && !isVoid(found.answer);
    }
  }
}

/**
 * The macro values of one check. The client's dotted and readable forms and the time are worked
 * out only when a macro asks for them: most records have none, and a fleet check evaluates
 * thousands of records.
 */
class ClientMacros implements Omit<MacroValues, 'd' | 'p'> {
  public readonly s: string;
  public readonly l: string;
  public readonly o: string;
  public readonly h: string;
  public readonly r: string;
  public readonly v: string;
  private iText?: string;
  private cText?: string;
  private tText?: string;

  constructor(
    private readonly client: IpBytes,
    sender: { local: string; domain: string },
    private readonly opts: { helo?: string; receiver?: string; now?: Date },
  ) {
    this.s = `${sender.local}@${sender.domain}`;
    this.l = sender.local;
    this.o = sender.domain;
    this.h = opts.helo ?? 'unknown';
    this.r = opts.receiver ?? 'unknown';
    this.v = client.version === 4 ? 'in-addr' : 'ip6';
  }

  public get i(): string {
    return (this.iText ??= ipMacroForm(this.client));
  }

  public get c(): string {
    return (this.cText ??= formatIp(this.client));
  }

  public get t(): string {
    return (this.tText ??= String(Math.floor((this.opts.now ?? new Date()).getTime() / 1000)));
  }
}

/** The macro values with the current domain and `p` added; the client's stay lazy. */
function withDomain(macro: Omit<MacroValues, 'd' | 'p'>, d: string, p: string): MacroValues {
  return { s: macro.s, l: macro.l, o: macro.o, h: macro.h, r: macro.r, v: macro.v, get i() { return macro.i; }, get c() { return macro.c; }, get t() { return macro.t; }, d, p };
}

/**
 * The one counted lookup of a/mx/exists: the term's target asked for `type`. A DNS error is a
 * temperror, an empty answer a void lookup; `undefined` when the target cannot be queried.
 */
function* targetLookup(ctx: Ctx, term: SpfMechanismTerm, domain: string, type: DnsQuery['type']): Evaluation<{ target: string; answer: DnsAnswer } | undefined> {
  countLookup(ctx, term);
  const target = yield* targetOf(ctx, term, domain);
  if (target === undefined) return undefined;
  const answer = yield { type, name: target };
  if (answer.rcode === 'TEMPFAIL') throw dnsError(domain, term, type, target);
  if (isVoid(answer)) countVoid(ctx, term, target);
  return { target, answer };
}

/**
 * The target-name of a/mx/ptr/exists. A name that cannot be queried (empty or over-long label,
 * possibly produced by macros) is treated as non-existent, the no-match reading of RFC 7208
 * §4.3 and §4.8 that the test suite prefers.
 */
function* targetOf(ctx: Ctx, term: SpfMechanismTerm, domain: string): Evaluation<string | undefined> {
  if (term.domainSpec === undefined) return domain;
  return yield* expandTarget(ctx, term.domainSpec, domain);
}

function* expandTarget(ctx: Ctx, spec: string, domain: string): Evaluation<string | undefined> {
  // Most targets are plain names: no macro to scan or expand.
  if (!spec.includes('%')) {
    const name = truncateDomain(spec);
    return isQueryableName(name) ? name : undefined;
  }
  const p = usesMacroLetter(spec, 'p', {}) ? yield* validatedDomain(ctx, domain) : 'unknown';
  const name = expandDomainSpec(spec, withDomain(ctx.macro, domain, p));
  return isQueryableName(name) ? name : undefined;
}

/** True when a host name's addresses include the client: the "validated" test of RFC 7208 §5.5. */
function* validates(ctx: Ctx, name: string): Evaluation<boolean> {
  if (!isQueryableName(name)) return false;
  const answer = yield { type: addressType(ctx.client), name };
  // An error on one name skips that name (RFC 7208 §5.5).
  return answer.rcode === 'NOERROR' && addressesIn(answer, ctx.client.version).some((ip) => sameIp({ version: ctx.client.version, bytes: ip }, ctx.client));
}

/** The `p` macro (RFC 7208 §7.3): the domain itself if validated, else a validated subdomain, else any, else `unknown`. */
function* validatedDomain(ctx: Ctx, domain: string): Evaluation<string> {
  const answer = yield { type: 'PTR', name: reverseName(ctx.client) };
  if (answer.rcode !== 'NOERROR') return 'unknown';
  const validated: string[] = [];
  for (const name of ptrNames(answer)) if (yield* validates(ctx, name)) validated.push(name);
  const d = domain.toLowerCase();
  return (
    validated.find((n) => n.toLowerCase() === d) ?? validated.find((n) => n.toLowerCase().endsWith(`.${d}`)) ?? validated[0] ?? 'unknown'
  );
}

/**
 * The explanation of a fail (RFC 7208 §6.2). Every problem — malformed target, DNS error, zero or
 * several TXT records, a syntax error in the text — means "no explanation", never an error.
 * Its lookups count toward no limit.
 */
function* explain(ctx: Ctx, spec: string, domain: string): Evaluation<string | undefined> {
  const target = yield* expandTarget(ctx, spec, domain);
  if (target === undefined) return undefined;
  const answer = yield { type: 'TXT', name: target };
  if (answer.rcode !== 'NOERROR' || answer.records.length !== 1) return undefined;
  const tokens = scanMacroString(txtText(answer.records[0]), { allowSpace: true, explanation: true });
  if (isMacroProblem(tokens)) return undefined;
  const usesP = tokens.some((t) => t.kind === 'macro' && t.letter.toLowerCase() === 'p');
  const p = usesP ? yield* validatedDomain(ctx, domain) : 'unknown';
  return expandTokens(tokens, withDomain(ctx.macro, domain, p));
}

/** Counts a DNS-querying term; its text is made only for the error. */
function countLookup(ctx: Ctx, term: SpfTerm): void {
  ctx.lookups++;
  if (ctx.lookups > SPF_LOOKUP_LIMIT) {
    throw new Abort('permerror', `more than ${SPF_LOOKUP_LIMIT} DNS-querying terms (the 11th is ${formatTerm(term)}) — RFC 7208 §4.6.4`);
  }
}

function countVoid(ctx: Ctx, term: SpfMechanismTerm, name: string): void {
  ctx.voids++;
  if (ctx.voids > SPF_VOID_LOOKUP_LIMIT) {
    throw new Abort('permerror', `more than ${SPF_VOID_LOOKUP_LIMIT} void lookups (the last is ${formatTerm(term)} -> ${name}) — RFC 7208 §4.6.4`);
  }
}

function dnsError(domain: string, term: SpfMechanismTerm, type: DnsQueryType, name: string): Abort {
  return new Abort('temperror', `${domain}: ${formatTerm(term)} — DNS lookup of ${type} ${name} failed (RFC 7208 §5)`);
}

function isVoid(answer: DnsAnswer): boolean {
  return answer.rcode === 'NXDOMAIN' || answer.records.length === 0;
}

function addressType(client: IpBytes): 'A' | 'AAAA' {
  return client.version === 4 ? 'A' : 'AAAA';
}

function cidrFor(term: SpfMechanismTerm, client: IpBytes): number {
  return client.version === 4 ? (term.cidr4 ?? 32) : (term.cidr6 ?? 128);
}

function addressesIn(answer: DnsAnswer, version: 4 | 6): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const r of answer.records) {
    if (typeof r !== 'string') continue;
    const ip = version === 4 ? parseIp4(r) : parseIp6(r);
    if (ip) out.push(ip);
  }
  return out;
}

/** At most 10 PTR names; the rest are ignored, not an error (RFC 7208 §4.6.4). */
function ptrNames(answer: DnsAnswer): string[] {
  return answer.records.map(nameText).filter((n) => n !== '').slice(0, SPF_PTR_LIMIT);
}

function txtText(record: string | readonly string[]): string {
  return typeof record === 'string' ? record : record.join('');
}

function nameText(record: string | readonly string[]): string {
  return stripDot(txtText(record));
}

function stripDot(name: string): string {
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

function splitSender(sender: string): { local: string; domain: string } {
  const at = sender.lastIndexOf('@');
  if (at < 0) return { local: 'postmaster', domain: sender };
  return { local: sender.slice(0, at) || 'postmaster', domain: sender.slice(at + 1) };
}

/** A name DNS can carry: 1 to 63 characters per label, 253 in all, no empty label (one trailing dot aside). */
function isQueryableName(name: string): boolean {
  // Scanned without splitting: every evaluation asks this of each name it meets.
  const n = name.endsWith('.') ? name.length - 1 : name.length;
  if (n === 0 || n > 253) return false;
  let label = 0;
  for (let i = 0; i < n; i++) {
    if (name.charCodeAt(i) !== 46) label++; // not '.'
    else if (label === 0) return false;
    else label = 0;
    if (label > 63) return false;
  }
  return label > 0;
}

/**
 * RFC 7208 §4.3: the domain must be a well-formed, multi-label, fully qualified name. Domain
 * literals (`[192.0.2.1]`), spaces, non-ASCII and an all-numeric last label (an address, not a
 * name) are malformed.
 */
export function isCheckableDomain(domain: string): boolean {
  const name = stripDot(domain);
  if (!isQueryableName(name) || !/^[\x21-\x7e]+$/.test(name) || name.startsWith('[')) return false;
  const lastDot = name.lastIndexOf('.');
  return lastDot >= 0 && !/^[0-9]+$/.test(name.slice(lastDot + 1));
}

/** Runs `check_host` against a synchronous resolver. */
export function checkHostSync(ip: string, domain: string, resolver: SyncSpfResolver, opts?: CheckHostOptions): SpfAnswer {
  const gen = evaluate(ip, domain, opts);
  const cache = new Map<string, DnsAnswer>();
  let step = gen.next();
  while (!step.done) {
    const key = cacheKey(step.value);
    let answer = cache.get(key);
    if (!answer) {
      answer = resolver.query(step.value);
      cache.set(key, answer);
    }
    step = gen.next(answer);
  }
  return step.value;
}

/** Runs `check_host` against an asynchronous resolver (e.g. `LiveSpfResolver`). */
export async function checkHost(ip: string, domain: string, resolver: SpfResolver, opts?: CheckHostOptions): Promise<SpfAnswer> {
  const gen = evaluate(ip, domain, opts);
  const cache = new Map<string, DnsAnswer>();
  let step = gen.next();
  while (!step.done) {
    const key = cacheKey(step.value);
    let answer = cache.get(key);
    if (!answer) {
      answer = await resolver.query(step.value);
      cache.set(key, answer);
    }
    step = gen.next(answer);
  }
  return step.value;
}

function cacheKey(q: DnsQuery): string {
  return `${q.type} ${stripDot(q.name).toLowerCase()}`;
}
