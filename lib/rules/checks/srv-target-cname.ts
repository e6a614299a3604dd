import { RawFinding, RuleCheck } from '../types';
import { shown } from '../util';

/** RFC 2782 (Target): the target of an SRV record must not be an alias. */
export const srvTargetCname: RuleCheck = (zone, app) => {
  const out: RawFinding[] = [];
  for (const r of zone.recordsOfType('SRV')) {
    if (r.data.type !== 'SRV' || r.data.target === '.' || r.meta.unresolved) continue;
    const c = app.records(r.data.target, 'CNAME')[0];
    if (!c || c.data.type !== 'CNAME') continue;
    out.push({
      name: r.name,
      subject: r.data.target,
      message: `SRV ${r.data.priority} ${r.data.weight} ${r.data.port} ${shown(r.data.target)} at ${shown(r.name)} points to a CNAME (-> ${shown(c.data.target)}) — RFC 2782 forbids an SRV target that is an alias, and mail clients following RFC 6186 may not connect — point the SRV at ${shown(c.data.target)}`,
    });
  }
  return out;
};
