import { isIp } from '../../model/ip';
import { RuleCheck } from '../types';
import { mxTargets, shown } from '../util';

/** An MX exchange is a host name; an address there becomes a nonsense name below the zone. */
export const mxTargetIpLiteral: RuleCheck = (zone) => {
  const out = [];
  for (const { record, exchange } of mxTargets(zone)) {
    const written = (record.meta.written ?? '').replace(/\.$/, '');
    if (record.data.type !== 'MX' || !isIp(written)) continue;
    out.push({
      name: record.name,
      subject: exchange,
      message: `MX ${record.data.preference} ${written} names an IP address (read as ${shown(exchange)}) — an MX exchange must be a host name with A/AAAA records (RFC 1035 §3.3.9, RFC 7505 §3) — add a host such as smtp with that address and point the MX at it`,
    });
  }
  return out;
};
