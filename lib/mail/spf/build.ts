/**
 * Builds an SPF record from parts, in canonical order, splitting it into an include chain when it
 * would not fit comfortably in one UDP answer.
 */
import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';
import { MailDnsError, show } from '../../model/errors';
import { isCheckableDomain } from './check-host';
import { parseIp4, parseIp6 } from './ip';
import { domainSpecProblem, formatSpf, SpfMechanismTerm, SpfModifierTerm, SpfQualifier, SpfTerm } from './parse';

/**
 * Largest SPF text kept in one record, in bytes. RFC 7208 §3.4 asks to keep the answer within
 * 512 octets of UDP; 450 leaves room for the question and the other records of the answer.
 */
export const SPF_MAX_BYTES = 450;

/** What the record authorises. */
export interface SpfBuildOptions {
  /** Authorise the domain's MX hosts (`mx`). @default false */
  readonly mx?: boolean;
  /** Authorise the domain's own addresses (`a`). @default false */
  readonly a?: boolean;
  /** IPv4 addresses or networks (`192.0.2.10`, `192.0.2.0/24`). @default - none */
  readonly ip4?: readonly string[];
  /** IPv6 addresses or networks (`2001:db8::10`, `2001:db8::/48`). @default - none */
  readonly ip6?: readonly string[];
  /** Domains whose SPF is included (third-party senders). @default - none */
  readonly include?: readonly string[];
  /** Qualifier of the closing `all`. Not allowed together with `redirect`. @default "-" (unless redirect is set) */
  readonly all?: SpfQualifier;
  /** Domain whose SPF applies when nothing above matched (`redirect=`), instead of `all`. @default - none */
  readonly redirect?: string;
}

/** One record of the include chain. */
export interface SpfChainLink {
  /** Owner name relative to the domain: `_spf1`, `_spf2`, ... */
  readonly name: string;
  readonly text: string;
}

/** A built SPF record. */
export interface BuiltSpf {
  /** The record for the domain itself. */
  readonly text: string;
  /** Records to publish at `<name>.<domain>`, in order; empty when the record fits alone. */
  readonly chain: readonly SpfChainLink[];
  /**
   * DNS-querying terms of the record and its chain, each link counting one (its `include:`).
   * What the included third-party domains cost comes on top; RFC 7208 §4.6.4 allows 10 in all.
   */
  readonly lookups: number;
}

/**
 * Builds the SPF record of `domain` (absolute or not): terms in the order mx, a, ip4, ip6, include,
 * then `all` or `redirect=`. When the text exceeds `SPF_MAX_BYTES` (UTF-8), the ip4, ip6 and
 * include terms move into a chain `_spf1.<domain>`, `_spf2.<domain>`, ... each at most
 * `SPF_MAX_BYTES`; the record includes `_spf1`, each link the next. Links have no `all`, so a
 * link that does not match lets evaluation continue. Every link costs one more DNS lookup.
 * Throws `MailDnsError` (`SPF_BUILD`) with `field` such as `spf.ip4[2]` for a malformed part.
 */
export function buildSpf(domain: string, opts: SpfBuildOptions): BuiltSpf {
  const apex = typeof domain === 'string' && domain.endsWith('.') ? domain.slice(0, -1) : domain;
  if (typeof apex !== 'string' || !isCheckableDomain(apex)) {
    throw buildError('domain', domain, 'is not a domain name such as "example.com"');
  }
  const head: SpfMechanismTerm[] = [];
  if (opts.mx) head.push(mechanism('mx'));
  if (opts.a) head.push(mechanism('a'));
  const movable: SpfMechanismTerm[] = [
    ...(opts.ip4 ?? []).map((v, i) => ipTerm(v, 4, `spf.ip4[${i}]`)),
    ...(opts.ip6 ?? []).map((v, i) => ipTerm(v, 6, `spf.ip6[${i}]`)),
    ...(opts.include ?? []).map((v, i) => ({ ...mechanism('include'), domainSpec: domainOf(v, `spf.include[${i}]`) })),
  ];
  let tail: SpfTerm;
  if (opts.redirect !== undefined) {
    if (opts.all !== undefined) {
      throw buildError('spf.all', opts.all, 'cannot be combined with redirect: RFC 7208 §6.1 ignores redirect= when an "all" is present — keep one of them');
    }
    const redirect: SpfModifierTerm = { kind: 'modifier', name: 'redirect', value: domainOf(opts.redirect, 'spf.redirect'), position: 0 };
    tail = redirect;
  } else {
    const all = opts.all ?? '-';
    if (!['+', '-', '~', '?'].includes(all)) throw buildError('spf.all', all, 'must be one of "-", "~", "?", "+"');
    tail = { ...mechanism('all'), qualifier: all };
  }

  const single = render([...head, ...movable, tail]);
  const ownLookups = head.length + movable.filter((t) => t.mechanism === 'include').length + (tail.kind === 'modifier' ? 1 : 0);
  if (bytes(single) <= SPF_MAX_BYTES) return { text: single, chain: [], lookups: ownLookups };

  const linkName = (n: number) => `_spf${n}`;
  const includeOf = (n: number): SpfMechanismTerm => ({ ...mechanism('include'), domainSpec: `${linkName(n)}.${apex}` });
  const links: SpfMechanismTerm[][] = [[]];
  for (const term of movable) {
    const current = links[links.length - 1];
    // Room is kept for the include of a next link, which any link but the last carries.
    if (bytes(render([...current, term, includeOf(links.length + 1)])) <= SPF_MAX_BYTES) {
      current.push(term);
      continue;
    }
    if (current.length === 0) throw buildError('spf', render([term]), `leaves no room in a ${SPF_MAX_BYTES}-byte chain link`);
    links.push([term]);
  }
  const chain = links.map((terms, i) => ({
    name: linkName(i + 1),
    text: render(i + 1 < links.length ? [...terms, includeOf(i + 2)] : terms),
  }));
  const text = render([...head, includeOf(1), tail]);
  if (bytes(text) > SPF_MAX_BYTES) throw buildError('spf', text, `is over ${SPF_MAX_BYTES} bytes even with the addresses moved into a chain`);
  return { text, chain, lookups: ownLookups + chain.length };
}

function mechanism(name: SpfMechanismTerm['mechanism']): SpfMechanismTerm {
  return { kind: 'mechanism', qualifier: '+', mechanism: name, position: 0 };
}

function render(terms: SpfTerm[]): string {
  return formatSpf({ version: 'spf1', terms });
}

function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function ipTerm(value: string, version: 4 | 6, field: string): SpfMechanismTerm {
  const example = version === 4 ? '192.0.2.10 or 192.0.2.0/24' : '2001:db8::10 or 2001:db8::/48';
  if (typeof value !== 'string') throw buildError(field, value, `is not an IPv${version} address or network — write ${example}`);
  const slash = value.indexOf('/');
  const address = slash < 0 ? value : value.slice(0, slash);
  const family = isIP(address);
  // isIP accepts IPv6 zone ids (fe80::1%eth0); the SPF grammar does not, hence the second parse.
  const strict = version === 4 ? parseIp4(address) : parseIp6(address);
  if (family !== version || !strict) {
    const other = family !== 0 && family !== version ? ` (that is an IPv${family} address: list it under ip${family})` : '';
    throw buildError(field, value, `is not an IPv${version} address or network${other} — write ${example}`);
  }
  const term: SpfMechanismTerm = { ...mechanism(version === 4 ? 'ip4' : 'ip6'), ip: version === 4 ? address : address.toLowerCase() };
  if (slash < 0) return term;
  const prefix = value.slice(slash + 1);
  const max = version === 4 ? 32 : 128;
  if (!/^(?:0|[1-9][0-9]{0,2})$/.test(prefix) || Number(prefix) > max) {
    throw buildError(field, value, `has prefix length ${show(prefix)}; use 0 to ${max} without leading zeros (RFC 7208 §5.6)`);
  }
  return version === 4 ? { ...term, cidr4: Number(prefix) } : { ...term, cidr6: Number(prefix) };
}

function domainOf(value: string, field: string): string {
  if (typeof value !== 'string') throw buildError(field, value, 'is not a domain name');
  // Internationalised names are published as A-labels; macros stay as written.
  const ascii = /[^\x00-\x7f]/.test(value) && !value.includes('%') ? domainToASCII(value) : value;
  const problem = domainSpecProblem(ascii);
  if (problem) throw buildError(field, value, `is not a valid SPF domain: ${problem.reason}`);
  return ascii;
}

function buildError(field: string, value: unknown, what: string): MailDnsError {
  return new MailDnsError('SPF_BUILD', `${field}: ${show(value)} ${what}`, { field, value });
}
