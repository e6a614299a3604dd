import { RuleCheck } from '../types';
import { mxTargets, shown } from '../util';

/** RFC 2181 §10.3: an MX exchange must not be an alias. */
export const mxTargetCname: RuleCheck = (zone, app) => {
  const out = [];
  for (const { record, exchange } of mxTargets(zone)) {
    const c = app.records(exchange, 'CNAME')[0];
    if (!c || c.data.type !== 'CNAME' || record.data.type !== 'MX') continue;
    out.push({
      name: record.name,
      subject: exchange,
      message: `MX ${record.data.preference} ${shown(exchange)} points to a CNAME (-> ${shown(c.data.target)}) — RFC 2181 §10.3 forbids an MX exchange that is an alias; many senders will bounce — point the MX at ${shown(c.data.target)}`,
    });
  }
  return out;
};
