import { RuleCheck } from '../types';
import { shown } from '../util';

/** RFC 2181 §10.3: an NS target must not be an alias. */
export const nsTargetCname: RuleCheck = (zone, app) => {
  const out = [];
  for (const r of zone.recordsOfType('NS')) {
    if (r.data.type !== 'NS') continue;
    const c = app.records(r.data.target, 'CNAME')[0];
    if (!c || c.data.type !== 'CNAME') continue;
    out.push({
      name: r.name,
      subject: r.data.target,
      message: `NS ${shown(r.data.target)} points to a CNAME (-> ${shown(c.data.target)}) — RFC 2181 §10.3 forbids a name server name that is an alias — name the server by its canonical name ${shown(c.data.target)}`,
    });
  }
  return out;
};
