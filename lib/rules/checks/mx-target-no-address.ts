import { RuleCheck } from '../types';
import { mxTargets, shown } from '../util';

/** The MX target must have an A or AAAA record (the guide; RFC 5321 §5.1). */
export const mxTargetNoAddress: RuleCheck = (zone, app) => {
  const out = [];
  for (const { record, exchange } of mxTargets(zone)) {
    if (record.data.type !== 'MX' || !app.zoneOf(exchange)) continue;
    if (app.records(exchange, 'CNAME').length) continue;
    if (app.records(exchange, 'A').length || app.records(exchange, 'AAAA').length) continue;
    out.push({
      name: record.name,
      subject: exchange,
      message: `MX ${record.data.preference} ${shown(exchange)} has no A or AAAA record in zone ${shown(app.zoneOf(exchange)!.origin)} — senders cannot find an address to deliver to and will bounce or queue mail (RFC 5321 §5.1) — add the mail host's static address, e.g. a mailHost ${shown(exchange)} with ipv4`,
    });
  }
  return out;
};
