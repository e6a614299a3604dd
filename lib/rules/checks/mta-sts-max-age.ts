import { MTA_STS_MAX_AGE_LIMIT } from '../../mail/mta-sts';
import { RuleCheck } from '../types';
import { shown } from '../util';

/** RFC 8461 §3.2: `max_age` is 0 to 31557600 seconds; a policy outside that range is not published. */
export const mtaStsMaxAge: RuleCheck = (zone) => {
  const policy = zone.policy.mtaSts;
  if (!policy || (Number.isInteger(policy.maxAge) && policy.maxAge >= 0 && policy.maxAge <= MTA_STS_MAX_AGE_LIMIT)) return [];
  return [
    {
      name: `_mta-sts.${zone.origin}`,
      message: `the MTA-STS policy of ${shown(zone.origin)} has max_age ${policy.maxAge} (${policy.source}.maxAge), outside 0..${MTA_STS_MAX_AGE_LIMIT}; neither the policy nor _mta-sts was published — senders reject a policy whose max_age is out of range (RFC 8461 §3.2) — use a value up to ${MTA_STS_MAX_AGE_LIMIT} (one year); 604800 (a week) is common`,
    },
  ];
};
