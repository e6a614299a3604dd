import { domainBelow, txtUnder } from '../policy';
import { RawFinding, RuleCheck } from '../types';
import { shown } from '../util';

/**
 * RFC 8461 §3.3: senders fetch the policy from `https://mta-sts.<domain>/.well-known/mta-sts.txt`;
 * a domain announcing MTA-STS (`_mta-sts` TXT `v=STSv1`) needs that host to resolve.
 */
export const mtaStsPolicyHostMissing: RuleCheck = (zone, app) => {
  const out: RawFinding[] = [];
  const domains = new Set<string>();
  if (zone.policy.mtaSts?.policy !== undefined) domains.add(zone.origin);
  for (const t of txtUnder(zone, ['_mta-sts'])) if (/^v=STSv1(;|\s|$)/.test(t.text)) domains.add(domainBelow(t.name, 1));
  for (const domain of domains) {
    const host = `mta-sts.${domain}`;
    if (app.types(host).some((t) => t === 'A' || t === 'AAAA' || t === 'CNAME')) continue;
    out.push({
      name: `_mta-sts.${domain}`,
      subject: host,
      message: `${shown(domain)} announces an MTA-STS policy but ${shown(host)} has no A, AAAA or CNAME record — senders fetch the policy from https://${shown(host)}/.well-known/mta-sts.txt (RFC 8461 §3.3) and, finding no host, deliver without the policy — point ${shown(host)} at the web server that serves the policy file (a webHost or a CNAME)`,
    });
  }
  return out;
};
