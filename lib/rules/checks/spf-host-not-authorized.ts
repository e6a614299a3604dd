import { parseIp } from '../../mail/spf/ip';
import { RawFinding, RuleCheck } from '../types';
import { shown } from '../util';
import { appSpfRecord, checkHostInApp } from '../zone-resolver';
import { describeResult, ipTerm } from './spf-mx-not-authorized';

/**
 * A sending mail host's own SPF (the guide's `v=spf1 a -all` on smtp) must pass each of its own
 * addresses: receivers check the HELO identity against it (RFC 7208 §2.3). Hosts without one
 * SPF record are SPF_MISSING's or SPF_MULTIPLE's; answers that depend on names outside the app,
 * or on unresolved values, prove nothing and are skipped.
 */
export const spfHostNotAuthorized: RuleCheck = (zone, app) => {
  const out: RawFinding[] = [];
  if (zone.kind === 'reverse') return out;
  for (const h of zone.hosts) {
    if (h.kind !== 'mail' || !h.sends) continue;
    const spf = appSpfRecord(app, h.name);
    if (!spf) continue;
    for (const address of h.addresses) {
      if (!parseIp(address)) continue;
      const answer = checkHostInApp(app, address, h.name, h.helo ? { helo: shown(h.helo) } : {});
      if (answer.result === 'pass' || answer.unproven.length) continue;
      out.push({
        name: h.name,
        subject: h.name,
        message: `mail host ${shown(h.name)} (${address}) is not permitted by its own SPF "${spf.text}": check_host gives ${describeResult(answer)} — receivers check the HELO name against the host's SPF and reject or junk its mail (RFC 7208 §2.3, §8.4) — publish "v=spf1 a -all" on the host (its spf prop), or add ${ipTerm(address)}`,
      });
    }
  }
  return out;
};
