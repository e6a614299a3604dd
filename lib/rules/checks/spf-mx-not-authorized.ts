import { parseIp } from '../../mail/spf/ip';
import { Zone } from '../../model/zone';
import { AppIndex, RawFinding, RuleCheck } from '../types';
import { mxTargets, perZoneInApp, shown } from '../util';
import { AppSpfAnswer, appSpfRecord, checkHostInApp, termNaming } from '../zone-resolver';

/** One address of one MX host of a domain, and what `check_host` said about it against the app's zones. */
export interface MxAuthorization {
  /** The domain (owner of the MX and the SPF record), absolute. */
  readonly domain: string;
  /** The MX host, absolute. */
  readonly host: string;
  readonly address: string;
  /** The domain's SPF text. */
  readonly spf: string;
  readonly answer: AppSpfAnswer;
}

/**
 * Evaluates `check_host(address, domain)` for every address of every MX host of every name of the
 * zone that has both MX and one SPF record. MX hosts count when their A/AAAA are in the app.
 * Skipped: parked and reverse zones, the null MX, and unresolved (token) MX, address or SPF values.
 * Shared by SPF_MX_NOT_AUTHORIZED and SPF_MX_UNPROVEN, computed once per app run.
 */
export function mxAuthorizations(zone: Zone, app: AppIndex): readonly MxAuthorization[] {
  return perZoneInApp(zone, app, 'mxAuthorizations', () => authorizeMxHosts(zone, app));
}

function authorizeMxHosts(zone: Zone, app: AppIndex): MxAuthorization[] {
  const out: MxAuthorization[] = [];
  if (zone.kind === 'domain') {
    const seen = new Set<string>();
    for (const { record, exchange } of mxTargets(zone)) {
      if (record.meta.unresolved) continue;
      const domain = record.name;
      const spf = appSpfRecord(app, domain);
      if (!spf) continue;
      const addresses = [...app.records(exchange, 'A'), ...app.records(exchange, 'AAAA')];
      if (addresses.some((r) => r.meta.unresolved)) continue;
      for (const r of addresses) {
        if (r.data.type !== 'A' && r.data.type !== 'AAAA') continue;
        const address = r.data.address;
        const key = `${domain} ${exchange} ${address}`;
        if (seen.has(key) || !parseIp(address)) continue;
        seen.add(key);
        out.push({ domain, host: exchange, address, spf: spf.text, answer: checkHostInApp(app, address, domain) });
      }
    }
  }
  return out;
}

/** How a result reads in a message: `fail (matched -all)`, `permerror (reason)`, `neutral (no term matched)`. */
export function describeResult(answer: { result: string; term?: string; error?: string }): string {
  if (answer.error) return `${answer.result} (${answer.error})`;
  if (answer.term) return `${answer.result} (matched ${answer.term})`;
  return `${answer.result} (no term matched)`;
}

/** The mechanism that would authorize an address. */
export function ipTerm(address: string): string {
  return `${address.includes(':') ? 'ip6' : 'ip4'}:${address}`;
}

/**
 * If you use SPF, the domain must permit the MX to send mail on its behalf (the guide): every
 * address of every MX host must get `pass` from `check_host` against the app's own zones.
 */
export const spfMxNotAuthorized: RuleCheck = (zone, app) => {
  const out: RawFinding[] = [];
  for (const a of mxAuthorizations(zone, app)) {
    if (a.answer.result === 'pass' || a.answer.unproven.length) continue;
    out.push({
      name: a.domain,
      subject: a.host,
      message: `MX host ${shown(a.host)} (${a.address}) is not permitted to send for ${shown(a.domain)}: check_host gives ${describeResult(a.answer)} for "${a.spf}" — mail the MX sends or forwards as the domain (bounces, forwards, replies) is rejected or junked, and the guide requires the domain to permit its MX (RFC 7208 §2.6, §8.4) — add mx to the SPF record, or ${ipTerm(a.address)}`,
    });
  }
  return out;
};

/** The term or lookup that made an answer unprovable, for messages. */
export function unprovenBy(app: AppIndex, answer: AppSpfAnswer): string {
  const cause = answer.cause!;
  const term = termNaming(app, answer.domains, cause.name);
  const why = cause.reason === 'outside' ? 'outside this app' : cause.reason === 'delegated' ? 'delegated outside this app' : 'an unresolved deploy-time value';
  if (term) return `${term.term} (in the SPF of ${term.domain}), ${why}`;
  return `the ${cause.type} lookup of ${shown(cause.name)}, ${why}`;
}
