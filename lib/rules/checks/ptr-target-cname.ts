import { RawFinding, RuleCheck } from '../types';
import { shown } from '../util';

/** RFC 1912 §2.1: a PTR must point back to a name with an A record, not to an alias. */
export const ptrTargetCname: RuleCheck = (zone, app) => {
  const out: RawFinding[] = [];
  for (const r of zone.recordsOfType('PTR')) {
    if (r.data.type !== 'PTR') continue;
    const c = app.records(r.data.target, 'CNAME')[0];
    if (!c || c.data.type !== 'CNAME') continue;
    out.push({
      name: r.name,
      subject: r.data.target,
      message: `PTR ${shown(r.name)} points to ${shown(r.data.target)}, which is a CNAME (-> ${shown(c.data.target)}) — a PTR must name the host itself, not an alias, or the forward confirmation of the sender fails (RFC 1912 §2.1) — point the PTR at ${shown(c.data.target)}`,
    });
  }
  return out;
};
