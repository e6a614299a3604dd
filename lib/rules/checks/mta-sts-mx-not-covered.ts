import { mxMatchesPattern } from '../../mail/mta-sts';
import { RawFinding, RuleCheck } from '../types';
import { mxTargets, shown } from '../util';

/** RFC 8461 §4.1: a sender refuses (enforce) or reports (testing) an MX host that no `mx:` pattern of the policy matches. */
export const mtaStsMxNotCovered: RuleCheck = (zone) => {
  const policy = zone.policy.mtaSts;
  if (!policy || policy.mode === 'none') return [];
  const out: RawFinding[] = [];
  for (const { record, exchange } of mxTargets(zone)) {
    if (record.name !== zone.origin || policy.mx.some((p) => mxMatchesPattern(exchange, p))) continue;
    const effect = policy.mode === 'enforce' ? 'senders that honour the policy will not deliver to it' : 'senders report every delivery to it as a policy failure';
    out.push({
      name: zone.origin,
      subject: exchange,
      message: `MX ${shown(exchange)} matches no mx pattern of the MTA-STS policy (${policy.mx.length ? policy.mx.join(', ') : 'none'}; ${policy.source}) — ${effect} (RFC 8461 §4.1) — add ${shown(exchange)} to mtaSts.mx, or leave mx out to list the domain's MX hosts`,
    });
  }
  return out;
};
